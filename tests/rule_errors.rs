//! Rule files sorted by expected outcome: every file in
//! `tests/fixtures/rule-errors/` must fail to check, and its rendered errors
//! are snapshotted in `snapshots/rule_errors/`; every file in
//! `tests/fixtures/rules-ok/` must check clean.

mod common;

use factlint::check::check_rule_file;
use factlint::source::SourceFile;

fn load(path: &std::path::Path) -> SourceFile {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string();
    SourceFile::new(name, text)
}

#[test]
fn rule_errors_are_reported() {
    common::insta_settings("rule_errors").bind(|| {
        insta::glob!("fixtures/rule-errors/*.rules", |path| {
            match check_rule_file(load(path)) {
                Ok(_) => panic!("{} checked clean but should not", path.display()),
                Err(errors) => insta::assert_snapshot!(common::render(&errors)),
            }
        });
    });
}

#[test]
fn good_rules_check_clean() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules-ok");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("rules-ok exists") {
        let path = entry.expect("readable").path();
        if let Err(errors) = check_rule_file(load(&path)) {
            panic!("{}", common::render(&errors));
        }
        n += 1;
    }
    assert!(n > 0);
}

/// The parser and checker never panic, whatever the input: every prefix and a
/// few garbled versions of every fixture.
#[test]
fn garbled_rules_never_panic() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for sub in ["rules-ok", "rule-errors"] {
        for entry in std::fs::read_dir(root.join(sub)).expect("fixtures exist") {
            let text = std::fs::read_to_string(entry.expect("readable").path()).expect("utf-8");
            let cuts: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for &cut in &cuts {
                let _ = check_rule_file(SourceFile::new("t", &text[..cut]));
                let _ = check_rule_file(SourceFile::new("t", &text[cut..]));
            }
            // Drop one character at a time, and swap neighbouring lines' indentation.
            for (k, &cut) in cuts.iter().enumerate().step_by(3) {
                if let Some(&next) = cuts.get(k + 1) {
                    let garbled = format!("{}{}", &text[..cut], &text[next..]);
                    let _ = check_rule_file(SourceFile::new("t", garbled));
                }
            }
            let dedented: String = text
                .lines()
                .map(|l| format!("{}\n", l.trim_start()))
                .collect();
            let _ = check_rule_file(SourceFile::new("t", dedented));
            let indented: String = text.lines().map(|l| format!(" {l}\n")).collect();
            let _ = check_rule_file(SourceFile::new("t", indented));
        }
    }
}

/// Every example in `docs/language.md` does what the manual says: ```` ```rules ````
/// blocks check clean, ```` ```rules-error CODE ```` blocks fail with exactly
/// that code.
#[test]
fn manual_examples_do_what_the_manual_says() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/language.md");
    let doc = std::fs::read_to_string(path).expect("docs/language.md exists");
    let mut block: Option<(String, String)> = None;
    let mut checked = 0;
    for line in doc.lines() {
        match &mut block {
            None => {
                if let Some(info) = line.strip_prefix("```rules") {
                    block = Some((info.trim().to_string(), String::new()));
                }
            }
            Some((info, text)) if line == "```" => {
                let result = check_rule_file(SourceFile::new("docs/language.md", text.as_str()));
                match (info.strip_prefix("-error"), result) {
                    (None, Ok(_)) => {}
                    (None, Err(e)) => panic!("example should check clean:\n{}", common::render(&e)),
                    (Some(code), Err(e)) => {
                        let codes: Vec<&str> = e.errors().iter().map(|e| e.code).collect();
                        assert_eq!(codes, vec![code.trim()], "{}", common::render(&e));
                    }
                    (Some(code), Ok(_)) => panic!("example should fail with {code}:\n{text}"),
                }
                checked += 1;
                block = None;
            }
            Some((_, text)) => {
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    assert!(checked >= 30, "only {checked} examples found");
}
