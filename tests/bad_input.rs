//! Bad input: every case gets a clear message naming the file, a non-zero
//! exit where the run cannot be trusted, and never a panic.

use std::path::Path;
use std::process::{Command, Output};

const RULE: &str = "fact d: date near \"summit\"\nassert d == 2026-01-05\n";
const GOOD: &str = "The summit was held on January 5, 2026.\n";

fn factlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

/// A project folder with one rule file and the given corpus files.
fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("rules")).unwrap();
    std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
    std::fs::write(dir.path().join("rules/r.rules"), RULE).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join("corpus").join(name), bytes).unwrap();
    }
    dir
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn assert_no_panic(o: &Output) {
    assert!(!stderr(o).contains("panicked"), "panic: {}", stderr(o));
}

#[test]
fn non_utf8_document_is_named_with_its_position_and_others_are_still_checked() {
    let dir = project(&[
        ("good.txt", GOOD.as_bytes()),
        ("latin1.txt", b"line one\ncaf\xe9 au lait\n"),
    ]);
    let o = factlint(dir.path(), &["check"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("corpus/latin1.txt` is not UTF-8"), "{err}");
    assert!(err.contains("line 2, column 4"), "{err}");
    assert!(
        stdout(&o).contains("corpus/good.txt"),
        "the good document is still checked: {}",
        stdout(&o)
    );
}

#[test]
fn binary_document_is_refused_by_name() {
    let dir = project(&[
        ("good.txt", GOOD.as_bytes()),
        ("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
    ]);
    let o = factlint(dir.path(), &["check"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("corpus/image.txt` is a binary file"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("corpus/good.txt"));
}

#[test]
fn empty_corpus_is_an_error() {
    let dir = project(&[]);
    let o = factlint(dir.path(), &["check"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no documents found in `corpus`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn missing_corpus_is_an_error() {
    let dir = project(&[("good.txt", GOOD.as_bytes())]);
    let o = factlint(dir.path(), &["check", "nowhere"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`nowhere` does not exist"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn missing_rules_folder_is_an_error() {
    let dir = project(&[("good.txt", GOOD.as_bytes())]);
    std::fs::remove_dir_all(dir.path().join("rules")).unwrap();
    let o = factlint(dir.path(), &["check"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("`rules` does not exist"), "{err}");
    assert!(err.contains("--rules"), "the help says what to do: {err}");
}

#[test]
fn empty_rules_folder_is_an_error() {
    let dir = project(&[("good.txt", GOOD.as_bytes())]);
    std::fs::remove_file(dir.path().join("rules/r.rules")).unwrap();
    let o = factlint(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no rule files found in `rules`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_folder_where_a_file_is_expected_is_named() {
    let dir = project(&[("good.txt", GOOD.as_bytes())]);
    let o = factlint(dir.path(), &["check", "--config", "corpus"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`corpus` is a folder, but a file is expected"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_folder_named_like_a_document_is_walked_not_read() {
    let dir = project(&[("good.txt", GOOD.as_bytes())]);
    std::fs::create_dir_all(dir.path().join("corpus/odd.txt")).unwrap();
    let o = factlint(dir.path(), &["check"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn malformed_front_matter_names_file_and_line() {
    let bad = "+++\ntitle = \"x\"\npublished = \"last week\"\n+++\nThe summit was held on January 5, 2026.\n";
    let dir = project(&[("good.txt", GOOD.as_bytes()), ("bad.txt", bad.as_bytes())]);
    let o = factlint(dir.path(), &["check"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("malformed front matter in `corpus/bad.txt`"),
        "{err}"
    );
    assert!(err.contains("corpus/bad.txt:3:"), "points at line 3: {err}");
    assert!(stdout(&o).contains("corpus/good.txt"));
}

#[test]
fn unterminated_front_matter_is_reported() {
    let dir = project(&[(
        "bad.txt",
        b"+++\ntitle = \"x\"\nThe summit was on January 5, 2026.\n",
    )]);
    let o = factlint(dir.path(), &["check"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unterminated front matter in `corpus/bad.txt`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn ten_megabyte_single_line_document_is_checked_and_reported_briefly() {
    let mut text = String::with_capacity(10 * 1024 * 1024 + 200);
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(
            "Trade grew by 12% to $273 billion, and the summit followed talks on 9 January 2026; ",
        );
    }
    text.push_str("The summit was held on January 6, 2026.");
    let dir = project(&[("huge.txt", text.as_bytes())]);
    let o = factlint(dir.path(), &["check", "--format", "short"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("corpus/huge.txt:1:"),
        "{}",
        &stdout(&o)[..200.min(stdout(&o).len())]
    );
    // The graphical report shows a window of the line, not 10 MB of it.
    let o = factlint(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        o.stdout.len() < 200_000,
        "report is {} bytes",
        o.stdout.len()
    );
}

#[test]
fn document_without_front_matter_is_valid() {
    let dir = project(&[("plain.md", GOOD.as_bytes())]);
    let o = factlint(dir.path(), &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summary"]["supported"], 1);
}
