//! Evaluation semantics on small texts: honest intervals, hedges,
//! tolerances, ambiguity and agreement, through the library's real stages.

use factlint::check::check_rule_file;
use factlint::check::model::RuleSet;
use factlint::config::Config;
use factlint::document::Document;
use factlint::eval::{Evaluator, Outcome, Status};
use factlint::pipeline;
use factlint::source::SourceFile;

fn config() -> Config {
    Config {
        reference_date: Some(jiff::civil::date(2026, 1, 7)),
        ..Config::default()
    }
}

/// Runs `rules` over each text and returns every outcome.
fn run(rules: &str, texts: &[&str]) -> Vec<Outcome> {
    let file = check_rule_file(SourceFile::new("t.rules", rules)).unwrap_or_else(|e| {
        panic!(
            "rules do not check: {:?}",
            e.errors().iter().map(|e| &e.message).collect::<Vec<_>>()
        )
    });
    let rules = RuleSet { files: vec![file] };
    let config = config();
    let evaluator = Evaluator::new(&rules, &config);
    let mut results = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let doc = Document::parse(SourceFile::new(format!("doc{i}.txt"), *t)).unwrap();
        results.push(pipeline::check_document(&evaluator, &config, i, &doc).1);
    }
    let mut out: Vec<Outcome> = results.iter().flat_map(|r| r.outcomes.clone()).collect();
    out.extend(evaluator.agreements(&results));
    out
}

/// The status of each assertion for one text, in statement order.
fn statuses(rules: &str, text: &str) -> Vec<Status> {
    run(rules, &[text]).into_iter().map(|o| o.status).collect()
}

use Status::*;

#[test]
fn a_year_neither_supports_nor_contradicts_a_day() {
    let rules = "fact d: date near \"summit\"\nassert d == 2026-01-05\n";
    assert_eq!(statuses(rules, "The summit was held in 2026."), [NotStated]);
    assert_eq!(
        statuses(rules, "The summit was held in 2025."),
        [Contradicted]
    );
    assert_eq!(
        statuses(rules, "The summit was held on January 5, 2026."),
        [Supported]
    );
    // A month is as honest as a year.
    assert_eq!(
        statuses(rules, "The summit was held in January 2026."),
        [NotStated]
    );
    let o = &run(rules, &["The summit was held in 2026."])[0];
    assert!(
        o.note.as_deref().unwrap_or("").contains("too imprecise"),
        "{:?}",
        o.note
    );
}

#[test]
fn over_200_supports_above_150_and_contradicts_below_150() {
    let rules = "fact n: count of \"leaders\"\nassert n > 150\nassert n < 150\nassert n == 250\n";
    assert_eq!(
        statuses(rules, "Over 200 leaders came."),
        [Supported, Contradicted, NotStated]
    );
}

#[test]
fn approximately_uses_the_written_tolerance_else_the_default() {
    let rules = "fact r: length near \"missile\"\nassert r ≈ 900 km ± 5%\nassert r ≈ 900 km\nassert r ≈ 900 km ± 1%\n";
    // 940 km is within 5% of 900 km but not within 1%.
    assert_eq!(
        statuses(rules, "The missile flew 940 kilometers."),
        [Supported, Supported, Contradicted]
    );
    // The default tolerance (5%) does not stretch to 1,000 km.
    assert_eq!(
        statuses(rules, "The missile flew 1,000 km."),
        [Contradicted, Contradicted, Contradicted]
    );
}

#[test]
fn about_means_the_value_as_written_supports_and_its_range_contradicts() {
    let rules =
        "fact t: money near \"trade\"\nassert t ≈ $273B\nassert t == $280B\nassert t == $400B\n";
    // "about $273 billion" covers ±10%: it supports 273, cannot decide 280, contradicts 400.
    assert_eq!(
        statuses(rules, "Trade was about $273 billion."),
        [Supported, NotStated, Contradicted]
    );
}

#[test]
fn miles_and_kilometres_compare_after_conversion() {
    let rules = "fact r: length near \"missile\"\nassert r ≈ 900 km ± 1%\n";
    assert_eq!(statuses(rules, "The missile flew 559 miles."), [Supported]);
}

#[test]
fn another_currency_is_not_a_contradiction() {
    let rules = "fact t: money near \"trade\"\nassert t ≈ $273B\n";
    assert_eq!(statuses(rules, "Trade was 350 trillion won."), [NotStated]);
}

#[test]
fn conflicting_values_in_one_document_are_ambiguous_and_listed() {
    let rules = "fact n: count of \"agreements\"\nassert n == 14\n";
    let o = &run(
        rules,
        &["They signed 14 agreements. Later, 15 agreements were signed."],
    )[0];
    assert_eq!(o.status, Ambiguous);
    let values: Vec<&str> = o.candidates.iter().map(|c| &*c.value).collect();
    assert_eq!(values, ["14", "15"]);
}

#[test]
fn year_arithmetic_is_whole_years() {
    let rules = "fact last: date near \"since\"\nassert 2026 - last == 7 years\nassert 2026 - last > 10 years\n";
    assert_eq!(
        statuses(rules, "It was the first visit since 2019."),
        [Supported, Contradicted]
    );
}

#[test]
fn dates_plus_durations_are_dates() {
    let rules = "fact a: date near \"arrived\"\nfact v: duration near \"visit\"\nassert a + v == 2026-01-08\n";
    let text = "He arrived on January 4, 2026. The four-day visit ended on Thursday.";
    assert_eq!(statuses(rules, text), [Supported]);
}

#[test]
fn agreement_names_the_dissenting_document_and_the_others() {
    let rules = "fact d: date near \"summit\"\nagree d\n";
    let out = run(
        rules,
        &[
            "The summit was on January 5, 2026.",
            "The summit was on January 6, 2026.",
            "The summit was on January 5, 2026.",
            "No date here.",
        ],
    );
    let by_doc: Vec<(usize, Status)> = out.iter().map(|o| (o.document, o.status)).collect();
    assert_eq!(
        by_doc,
        [
            (0, Supported),
            (1, Contradicted),
            (2, Supported),
            (3, NotStated)
        ]
    );
    let dissent = &out[1];
    assert_eq!(&*dissent.expected, "2026-01-05");
    assert_eq!(
        dissent
            .others
            .iter()
            .map(|o| o.document)
            .collect::<Vec<_>>(),
        [0, 2]
    );
}

#[test]
fn agreement_respects_tolerance_and_vague_values() {
    let rules = "fact n: length near \"missile\"\nagree n ± 5%\n";
    let out = run(
        rules,
        &[
            "The missile flew 900 km.",
            "The missile flew 910 km.",
            "The missile flew 1,500 km.",
        ],
    );
    let st: Vec<Status> = out.iter().map(|o| o.status).collect();
    assert_eq!(st, [Supported, Supported, Contradicted]);
    // A year fits either day: it sides with neither.
    let rules = "fact d: date near \"summit\"\nagree d\n";
    let out = run(
        rules,
        &[
            "The summit was on January 5, 2026.",
            "The summit was on January 6, 2026.",
            "The summit was in 2026.",
            "The summit: January 5, 2026.",
        ],
    );
    let st: Vec<Status> = out.iter().map(|o| o.status).collect();
    assert_eq!(st, [Supported, Contradicted, NotStated, Supported]);
}

#[test]
fn trust_in_front_matter_outweighs_copies() {
    let rules = "fact d: date near \"summit\"\nagree d\n";
    let wire = "+++\ntrust = 3\n+++\nThe summit was on January 5, 2026.";
    let copy = "The summit was on January 6, 2026.";
    let out = run(rules, &[wire, copy, copy]);
    let st: Vec<Status> = out.iter().map(|o| o.status).collect();
    assert_eq!(st, [Supported, Contradicted, Contradicted]);
}

#[test]
fn severity_warning_is_kept_on_the_outcome() {
    let rules = "fact n: count of \"agreements\"\nassert n == 14 as warning\n";
    let o = &run(rules, &["They signed 15 agreements."])[0];
    assert_eq!(
        (o.status, o.severity),
        (Contradicted, factlint::check::model::Severity::Warning)
    );
}

#[test]
fn scope_limits_a_rule_file_to_matching_documents() {
    let rules = "scope \"doc1*\"\nfact n: count of \"agreements\"\nassert n == 14\n";
    let out = run(
        rules,
        &["They signed 15 agreements.", "They signed 14 agreements."],
    );
    assert_eq!(
        out.iter()
            .map(|o| (o.document, o.status))
            .collect::<Vec<_>>(),
        [(1, Supported)]
    );
}

#[test]
fn keywords_with_a_star_match_word_endings() {
    let rules = "fact r: length near \"missile*\"\nassert r ≈ 900 km\n";
    assert_eq!(statuses(rules, "The missiles flew 900 km."), [Supported]);
    let rules = "fact r: length near \"missile\"\nassert r ≈ 900 km\n";
    assert_eq!(statuses(rules, "The missiles flew 900 km."), [NotStated]);
}

#[test]
fn eliding_unstated_outcomes_keeps_every_other_outcome_and_counts_the_rest() {
    let rules = "fact d: date near \"summit\"\nassert d == 2026-01-05\n\
                 fact n: number near \"agreements\"\nassert n == 14\n\
                 fact m: money near \"trade\"\nassert m ≈ $273B\n";
    let texts = [
        "The summit was held in 2026.",
        "They signed 15 agreements at the summit on January 5, 2026.",
        "Nothing here.",
    ];
    let file = check_rule_file(SourceFile::new("t.rules", rules)).unwrap();
    let rules = RuleSet { files: vec![file] };
    let config = config();
    let full = Evaluator::new(&rules, &config);
    let mut elided = Evaluator::new(&rules, &config);
    elided.elide_unstated();
    for (i, t) in texts.iter().enumerate() {
        let doc = Document::parse(SourceFile::new(format!("doc{i}.txt"), *t)).unwrap();
        let all = pipeline::check_document(&full, &config, i, &doc).1;
        let some = pipeline::check_document(&elided, &config, i, &doc).1;
        let (kept, dropped): (Vec<_>, Vec<_>) = all
            .outcomes
            .iter()
            .partition(|o| o.status != NotStated || !o.candidates.is_empty());
        assert_eq!(some.outcomes.iter().collect::<Vec<_>>(), kept, "in {t:?}");
        assert_eq!(some.unstated, dropped.len(), "in {t:?}");
        assert_eq!(all.unstated, 0);
    }
}
