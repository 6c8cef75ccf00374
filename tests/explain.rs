//! `factlint explain` on the bundled rules and corpus: for three facts of the
//! sample rules, every candidate mention, the clause that accepted or
//! rejected it, and the value that won.

mod common;

use std::process::Command;

fn explain(args: &[&str]) -> (Option<i32>, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .arg("explain")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    (
        o.status.code(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

#[test]
fn explain_snapshots() {
    for fact in ["summit_date", "agreement_count", "last_visit"] {
        let (code, out, err) = explain(&[fact, "--rules", "rules/lee-xi-summit.rules"]);
        assert_eq!(code, Some(0), "{err}");
        common::insta_settings("explain")
            .bind(|| insta::assert_snapshot!(format!("explain_{fact}"), out));
    }
}

#[test]
fn explain_one_document() {
    let (code, out, _) = explain(&["visit_length", "corpus/003_ceb1be3483f52bae.txt"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("corpus/003_ceb1be3483f52bae.txt"), "{out}");
    assert!(!out.contains("corpus/000"), "{out}");
}

#[test]
fn an_unknown_fact_is_an_error_with_a_suggestion() {
    let (code, out, err) = explain(&["sumit_date"]);
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert!(err.contains("did you mean `summit_date`?"), "{err}");
}
