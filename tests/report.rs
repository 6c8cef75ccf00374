//! The bundled rules over the bundled corpus: the full report, as the user
//! sees it (plain graphical and JSON), and the findings the project promises.

mod common;

use std::collections::BTreeSet;
use std::process::{Command, Output};

use serde_json::Value;

fn factlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn json_report() -> Value {
    let o = factlint(&["check", "--format", "json"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("the JSON report parses")
}

#[test]
fn plain_report_snapshot() {
    let o = factlint(&["check"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        !text.contains('\u{1b}'),
        "no ANSI escapes when NO_COLOR is set"
    );
    common::insta_settings("report").bind(|| insta::assert_snapshot!("check_plain", text));
}

#[test]
fn json_report_snapshot() {
    let report = json_report();
    common::insta_settings("report").bind(|| insta::assert_json_snapshot!("check_json", report));
}

#[test]
fn short_report_snapshot() {
    let o = factlint(&["check", "--format", "short"]);
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8(o.stdout).unwrap();
    common::insta_settings("report").bind(|| insta::assert_snapshot!("check_short", text));
}

fn outcomes(report: &Value) -> &Vec<Value> {
    report["outcomes"].as_array().unwrap()
}

#[test]
fn the_only_contradictions_are_the_real_ones_in_003() {
    let report = json_report();
    let contradicted: BTreeSet<(String, String, String)> = outcomes(&report)
        .iter()
        .filter(|o| o["status"] == "contradicted")
        .map(|o| {
            (
                o["document"].as_str().unwrap().to_string(),
                o["fact"].as_str().unwrap().to_string(),
                o["statement"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let doc = "corpus/003_ceb1be3483f52bae.txt".to_string();
    let expected: BTreeSet<_> = [
        (doc.clone(), "summit_date".to_string(), "assert".to_string()),
        (doc.clone(), "summit_date".to_string(), "agree".to_string()),
        (
            doc.clone(),
            "agreement_count".to_string(),
            "assert".to_string(),
        ),
        (
            doc.clone(),
            "agreement_count".to_string(),
            "agree".to_string(),
        ),
    ]
    .into();
    assert_eq!(contradicted, expected);
    assert!(
        outcomes(&report).iter().all(|o| o["status"] != "ambiguous"),
        "no ambiguity on the sample corpus"
    );
}

#[test]
fn contradicted_spans_point_at_the_words_in_the_file() {
    let report = json_report();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/003_ceb1be3483f52bae.txt"
    ))
    .unwrap();
    let mut seen = BTreeSet::new();
    for o in outcomes(&report)
        .iter()
        .filter(|o| o["status"] == "contradicted")
    {
        for m in o["found"].as_array().unwrap() {
            let (start, end) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[start..end], m["text"].as_str().unwrap());
            let line = text[..start].matches('\n').count() + 1;
            let column = text[..start].rsplit('\n').next().unwrap().chars().count() + 1;
            assert_eq!(
                (
                    m["line"].as_u64().unwrap() as usize,
                    m["column"].as_u64().unwrap() as usize
                ),
                (line, column)
            );
            seen.insert(m["text"].as_str().unwrap().to_string());
        }
    }
    assert!(seen.contains("January 6"), "{seen:?}");
    assert!(seen.iter().any(|t| t.starts_with("15")), "{seen:?}");
}

#[test]
fn at_least_ten_facts_are_supported_somewhere() {
    let report = json_report();
    let supported: BTreeSet<&str> = outcomes(&report)
        .iter()
        .filter(|o| o["status"] == "supported" && o["statement"] == "assert")
        .map(|o| o["fact"].as_str().unwrap())
        .collect();
    for fact in [
        "arrival_date",
        "visit_length",
        "talks_length",
        "trade_2024",
        "missile_range",
        "took_office",
        "last_visit",
        "years_since_visit",
    ] {
        assert!(
            supported.contains(fact),
            "{fact} is supported somewhere: {supported:?}"
        );
    }
    assert!(
        supported.len() >= 10,
        "{} facts supported: {supported:?}",
        supported.len()
    );
}
