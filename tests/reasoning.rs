//! Reasoning across documents and within one: grounding, the built-in
//! checks, derived facts and trust-weighted agreement, each on a small
//! fixture corpus in `tests/fixtures/corpora/` (planted errors beside
//! correct texts), plus grounding on the sample corpus. Every report is a
//! snapshot in `snapshots/reasoning/`.

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Runs `factlint ARGS` in `dir` (relative to the crate root); returns the
/// exit code and stdout.
fn run_in(dir: &str, args: &[&str]) -> (Option<i32>, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    assert!(
        o.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.code(), String::from_utf8(o.stdout).unwrap())
}

fn snapshot(name: &str, text: &str) {
    common::insta_settings("reasoning").bind(|| insta::assert_snapshot!(name, text));
}

const GROUNDING: &str = "tests/fixtures/corpora/grounding";
const CHECKS: &str = "tests/fixtures/corpora/checks";
const DERIVED: &str = "tests/fixtures/corpora/derived";
const TRUST: &str = "tests/fixtures/corpora/trust";

#[test]
fn grounding_finds_planted_contradictions_in_a_summary() {
    let (code, out) = run_in(GROUNDING, &["check", "docs", "--rules", "ground.rules"]);
    assert_eq!(code, Some(1), "a contradicted mention fails the run");
    snapshot("grounding_fixture", &out);
}

#[test]
fn grounding_short_format_lists_contradictions() {
    let (_, out) = run_in(
        GROUNDING,
        &[
            "check",
            "docs",
            "--rules",
            "ground.rules",
            "--format",
            "short",
        ],
    );
    snapshot("grounding_fixture_short", &out);
}

/// The acceptance list: every mention of the two AI-generated sample
/// articles, grounded in the three reported ones.
#[test]
fn grounding_the_sample_summaries() {
    let (code, out) = run_in(".", &["check", "--rules", "rules/grounding.rules"]);
    assert_eq!(code, Some(0), "nothing in the summaries is contradicted");
    snapshot("grounding_sample", &out);
    let (_, json) = run_in(
        ".",
        &[
            "check",
            "--rules",
            "rules/grounding.rules",
            "--format",
            "json",
        ],
    );
    let report: Value = serde_json::from_str(&json).unwrap();
    let groundings = report["groundings"].as_array().unwrap();
    let docs: std::collections::BTreeSet<&str> = groundings
        .iter()
        .map(|g| g["document"].as_str().unwrap())
        .collect();
    assert_eq!(
        docs.into_iter().collect::<Vec<_>>(),
        [
            "corpus/000_8c3506d335a34447.txt",
            "corpus/001_08855b811089beb9.txt"
        ]
    );
    for g in groundings {
        // Every verdict but "unsupported" quotes a source.
        match g["verdict"].as_str().unwrap() {
            "grounded" => assert!(!g["support"].as_array().unwrap().is_empty()),
            "contradicted" => assert!(!g["conflict"].as_array().unwrap().is_empty()),
            _ => {}
        }
    }
    common::insta_settings("reasoning")
        .bind(|| insta::assert_json_snapshot!("grounding_sample_json", report["groundings"]));
}

#[test]
fn builtin_checks_find_planted_errors_and_pass_a_correct_text() {
    let (code, out) = run_in(
        CHECKS,
        &["check", "docs/planted.txt", "--rules", "none.rules"],
    );
    assert_eq!(code, Some(1));
    snapshot("checks_planted", &out);
    let (code, out) = run_in(
        CHECKS,
        &["check", "docs/correct.txt", "--rules", "none.rules"],
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains("factlint::check"), "{out}");
    snapshot("checks_correct", &out);
}

#[test]
fn builtin_checks_can_be_switched_off() {
    let (_, out) = run_in(
        CHECKS,
        &[
            "check",
            "docs/planted.txt",
            "--rules",
            "disable.rules",
            "--format",
            "short",
        ],
    );
    snapshot("checks_disabled_by_rule_file", &out);
    assert!(
        !out.contains("[weekday]") && !out.contains("[percentage]"),
        "{out}"
    );
    assert!(
        out.contains("[date_range]") && out.contains("[first_since]"),
        "{out}"
    );

    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("factlint.toml");
    std::fs::write(
        &config,
        "[checks]\ndate_range = false\nfirst_since = false\n",
    )
    .unwrap();
    let (_, out) = run_in(
        CHECKS,
        &[
            "--config",
            config.to_str().unwrap(),
            "check",
            "docs/planted.txt",
            "--rules",
            "disable.rules",
            "--format",
            "short",
        ],
    );
    assert_eq!(out, "", "every check is off");
}

#[test]
fn derived_facts_compute_with_units_dates_and_intervals() {
    let (code, out) = run_in(DERIVED, &["check", "docs", "--rules", "derived.rules"]);
    assert_eq!(code, Some(1));
    snapshot("derived", &out);
    let (_, out) = run_in(
        DERIVED,
        &["explain", "stay", "docs", "--rules", "derived.rules"],
    );
    snapshot("derived_explain_stay", &out);
}

#[test]
fn one_trusted_wire_outweighs_three_aggregator_copies() {
    let (code, out) = run_in(TRUST, &["check", "docs", "--rules", "trust.rules"]);
    assert_eq!(code, Some(1));
    snapshot("trust_weighted", &out);
    // Without `trust`, the three copies are the majority and the wire dissents.
    let (_, out) = run_in(
        TRUST,
        &[
            "check",
            "docs",
            "--rules",
            "count.rules",
            "--format",
            "short",
        ],
    );
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("docs/wire-yonhap.txt"), "{out}");
}
