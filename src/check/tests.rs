//! Checker tests: every error kind, through one `check` helper that compares
//! each error's code and the text under its primary span.

use super::*;
use crate::check::model::{
    Comparison, ExprNode, FactSource, PatternPart, Statement, ToleranceAmount,
};
use crate::quantity::{Currency, DateValue, Kind, Value};

/// Checks `input` and compares `(code suffix, text under the span)` of every
/// error; an empty `expected` means the file must check clean.
fn check(input: &str, expected: &[(&str, &str)]) -> Option<model::RuleFile> {
    let result = check_rule_file(SourceFile::new("t.rules", input));
    let got: Vec<(String, String)> = match &result {
        Ok(_) => Vec::new(),
        Err(e) => e
            .errors()
            .iter()
            .map(|e| {
                let code = e.code.trim_start_matches("factlint::rule::").to_string();
                (code, input[e.span.start..e.span.end].to_string())
            })
            .collect(),
    };
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|(c, t)| (c.to_string(), t.to_string()))
        .collect();
    assert_eq!(got, want, "input: {input}");
    result.ok()
}

const FACTS: &str = "fact d: date near \"summit\"\n\
fact v: duration near \"visit\"\n\
fact n: count of \"MOUs\"\n\
fact m: money near \"trade\"\n\
fact r: length near \"missile\"\n\
fact q: quantity near \"weight\"\n\
fact p: percent near \"growth\"\n\
fact o: ordinal near \"summit\"\n";

fn with_facts(rest: &str) -> String {
    format!("{FACTS}{rest}")
}

fn only_assert(file: &model::RuleFile) -> &model::Assertion {
    match file.statements.last() {
        Some(Statement::Assert(a)) => a,
        other => panic!("expected an assertion, got {other:?}"),
    }
}

fn rhs_value(file: &model::RuleFile) -> Value {
    match &only_assert(file).comparison {
        Comparison::Compare { rhs, .. } => match &rhs.node {
            ExprNode::Literal(v) => v.clone(),
            other => panic!("not a literal: {other:?}"),
        },
        other => panic!("not a comparison: {other:?}"),
    }
}

#[test]
fn good_rules_build_the_model() {
    let f = check(&with_facts("assert m ≈ $273B ± 5%\n"), &[]).expect("checks");
    assert_eq!(f.facts.len(), 8);
    assert!(f.facts[2].is_count);
    assert_eq!(
        rhs_value(&f),
        Value::Money {
            amount: 273e9,
            currency: Some(Currency::USD)
        }
    );
    let Comparison::Compare {
        tolerance: Some(t), ..
    } = &only_assert(&f).comparison
    else {
        panic!("tolerance")
    };
    assert_eq!(t.amount, ToleranceAmount::Relative(0.05));

    let f = check(&with_facts("assert d == 2019\n"), &[]).expect("checks");
    assert_eq!(
        rhs_value(&f),
        Value::Date {
            date: DateValue::year(2019).expect("year")
        }
    );
    let f = check(&with_facts("assert 2026-01-05 < d\n"), &[]).expect("checks");
    assert!(matches!(only_assert(&f).lhs.node, ExprNode::Fact(_)));
    let f = check(
        &with_facts("assert m ≈ 273B\nassert p == 2\nassert o == 2\n"),
        &[],
    )
    .expect("ok");
    assert_eq!(rhs_value(&f), Value::Ordinal { value: 2 });
    let f = check(
        &with_facts("assert r ≈ 560 miles ± 10 km\nassert q == 3 kg\n"),
        &[],
    )
    .expect("ok");
    assert_eq!(f.statements.len(), 2);
    let f = check(
        &with_facts("assert v * 2 == 8 days\nassert d + 3 days == 2026-01-08\n"),
        &[],
    );
    assert!(f.is_some());
    let f = check(
        &with_facts("assert d ≈ 2026-01-05 ± 1 day\nagree r ± 10 km\n"),
        &[],
    );
    assert!(f.is_some());
    let f = check("fact a: date matching \"arrived in {*} on {date}\"", &[]).expect("ok");
    let FactSource::Binder(b) = &f.facts[0].source else {
        panic!("binder")
    };
    let parts = &b.pattern.as_ref().expect("pattern").parts;
    assert_eq!(parts[3], PatternPart::Capture(Kind::Date));
    let f = check(
        "fact l: date near \"x\"\nfact gap = 2026 - l\nassert gap == 7 years",
        &[],
    );
    assert_eq!(f.expect("ok").facts[1].ty.kind, Kind::Duration);
}

#[test]
fn names() {
    check(
        &with_facts("assert dd == 2026-01-05\n"),
        &[("unknown_fact", "dd")],
    );
    check(&with_facts("agree nn\n"), &[("unknown_fact", "nn")]);
    check("fact a: date\nfact a: money", &[("duplicate_fact", "a")]);
    check(
        "fact a = b + 1\nfact b = c * 2\nfact c: number",
        &[("fact_used_before_definition", "b")],
    );
    check("fact a = a + 1", &[("fact_used_before_definition", "a")]);
    check("fact a = 1 + 1", &[("no_fact", "1 + 1")]);
    check(&with_facts("assert 1 == 1\n"), &[("no_fact", "1")]);
}

#[test]
fn kinds_and_clauses() {
    check("fact a: dat", &[("unknown_kind", "dat")]);
    check("fact a: date of \"x\"", &[("of_without_count", "of")]);
    check("fact a: count near \"x\"", &[("count_without_of", "count")]);
    check(
        "fact a: date near \"x\" near \"y\"",
        &[("duplicate_clause", "near")],
    );
    check(
        "fact a: date near \"x\" within 0 words",
        &[("bad_window", "0")],
    );
    check("fact a: date near \"\"", &[("empty_keyword", "\"\"")]);
    check(
        "fact a: date matching \"on {money}\"",
        &[("bad_pattern", "{money}")],
    );
    check(
        "fact a: date matching \"on {place}\"",
        &[("bad_pattern", "{place}")],
    );
    check("fact a: date matching \"on\"", &[("bad_pattern", "\"on\"")]);
    check(
        "fact a: date matching \"{date} {date}\"",
        &[("bad_pattern", "{date}")],
    );
    check(
        "fact a: date matching \"on {date\"",
        &[("bad_pattern", "{")],
    );
    check("scope \"a[\"", &[("bad_glob", "\"a[\"")]);
}

#[test]
fn literals() {
    check(
        &with_facts("assert r ≈ 900 kms\n"),
        &[("unknown_unit", "kms")],
    );
    check(
        &with_facts("assert m ≈ 273 billion USX\n"),
        &[("unknown_currency", "USX")],
    );
    check(
        &with_facts("assert m ≈ UX$5\n"),
        &[("unknown_currency", "UX$")],
    );
    check(
        &with_facts("assert d == 2026-13-05\n"),
        &[("malformed_date", "2026-13-05")],
    );
    check(
        &with_facts("assert d == 2026-02-30\n"),
        &[("malformed_date", "2026-02-30")],
    );
    check(
        &with_facts("assert d == 2026-1-5\n"),
        &[("malformed_date", "2026-1-5")],
    );
    check(
        &with_facts("assert n == 14 as warn\n"),
        &[("unknown_severity", "warn")],
    );
}

#[test]
fn types() {
    check(
        &with_facts("assert d == $273B\n"),
        &[("type_mismatch", "$273B")],
    );
    check(
        &with_facts("assert r ≈ 5 kg\n"),
        &[("type_mismatch", "5 kg")],
    );
    check(&with_facts("assert d == 14\n"), &[("type_mismatch", "14")]);
    check(
        &with_facts("assert m ≈ $273B + ₩1.2tn\n"),
        &[("currency_mismatch", "+")],
    );
    check(
        &with_facts("assert m ≈ ₩1.2tn ± $5\n"),
        &[("bad_tolerance", "$5")],
    );
    check(
        &with_facts("assert d + d == 2026-01-05\n"),
        &[("type_mismatch", "+")],
    );
    check(
        &with_facts("assert d * 2 == 2026-01-05\n"),
        &[("type_mismatch", "*")],
    );
    check(
        &with_facts("assert v in 1 day..2026-01-01\n"),
        &[("type_mismatch", "2026-01-01")],
    );
    check(
        &with_facts("assert -d == 2026-01-05\n"),
        &[("type_mismatch", "-d")],
    );
    check(
        &with_facts("assert (dd + 1) == 2\n"),
        &[("unknown_fact", "dd")],
    );
}

#[test]
fn tolerances() {
    check(
        &with_facts("assert d ≈ 2026-01-05 ± 5 kg\n"),
        &[("bad_tolerance", "5 kg")],
    );
    check(
        &with_facts("assert d ≈ 2026-01-05 ± abc\n"),
        &[("bad_tolerance", "abc")],
    );
    check(
        &with_facts("assert r ≈ 900 km ± -5%\n"),
        &[("bad_tolerance", "-5%")],
    );
    check(
        &with_facts("assert v < 5 days ± 1 day\n"),
        &[("bad_tolerance", "± 1 day")],
    );
    check(
        &with_facts("assert r ≈ 900 km ± 10\n"),
        &[("bad_tolerance", "10")],
    );
    check(
        &with_facts("agree d ± 5 kg\n"),
        &[("bad_tolerance", "5 kg")],
    );
}

#[test]
fn syntax_errors_are_reported_with_type_errors() {
    check(
        &with_facts("assert d => 5\nassert n == \nassert r ≈ 5 kms\n"),
        &[
            ("unknown_operator", "=>"),
            ("missing_rhs", "=="),
            ("unknown_unit", "kms"),
        ],
    );
    check("fact a: date near \"x", &[("unterminated_string", "\"")]);
}

#[test]
fn errors_render_with_a_count() {
    let Err(e) = check_rule_file(SourceFile::new("x.rules", "fact a: dat\nfact b: mony")) else {
        panic!("should fail")
    };
    assert_eq!(e.to_string(), "2 errors in x.rules");
    assert_eq!(e.source().name, "x.rules");
    assert_eq!(e.errors()[1].help.as_deref(), Some("did you mean `money`?"));
}
