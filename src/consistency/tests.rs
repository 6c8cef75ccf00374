use super::*;
use crate::document::sentences;
use crate::extract::{extract, ExtractOptions};

fn findings(text: &str, published: Option<Date>) -> Vec<String> {
    let date = published.or(Some(jiff::civil::date(2026, 1, 7)));
    let mentions = extract(
        text,
        &ExtractOptions {
            reference_date: date,
        },
    );
    let sentences = sentences(text, Span::new(0, text.len()));
    let view = DocumentView {
        text,
        sentences: &sentences,
        mentions: &mentions,
        date,
        published: published.is_some(),
        hedges: HedgeWidths::default(),
    };
    run(&view, 0, |_| true)
        .into_iter()
        .map(|f| format!("{}: {}", f.check, f.message))
        .collect()
}

#[test]
fn weekdays_beside_dates() {
    assert_eq!(
        findings("They met on Tuesday, January 5, 2026, in Beijing.", None),
        ["weekday: `Tuesday` does not fit `January 5, 2026`: 2026-01-05 is a Monday"]
    );
    assert!(findings("They met on Monday, January 5, 2026, in Beijing.", None).is_empty());
    assert_eq!(
        findings("They met on Sunday 5 January 2026.", None).len(),
        1
    );
    assert_eq!(
        findings("They met on January 5, 2026 (Friday).", None).len(),
        1
    );
    assert!(findings("They met on January 5, 2026 (Monday).", None).is_empty());
    // "that Sunday" is another day, not a claim about January 5.
    assert!(findings(
        "The summit on January 5, 2026, followed launches earlier that Sunday.",
        None
    )
    .is_empty());
    // No year written and no published date: the year is a guess, stay silent.
    assert!(findings("They met on Tuesday, January 5.", None).is_empty());
    assert_eq!(
        findings(
            "They met on Tuesday, January 5.",
            Some(jiff::civil::date(2026, 1, 8))
        )
        .len(),
        1
    );
}

#[test]
fn first_since_and_in_n_years() {
    assert!(findings(
        "It was the first visit since 2019. This visit, the first in seven years, went well.",
        None
    )
    .is_empty());
    assert_eq!(
        findings(
            "It was the first visit since 2019. This visit, the first in 11 years, went well.",
            None
        ),
        ["first_since: the first since `2019` and the first in `11 years` disagree: from 2019 to 2026-01-07 is 6 to 7 years"]
    );
    // Different events: Xi's trip to Seoul, Lee's visit to China.
    assert!(findings(
        "It was the first official visit to China since 2019. It followed Xi's first trip to Seoul in 11 years.",
        None
    )
    .is_empty());
    assert_eq!(
        findings("It was the first visit since 2027.", None).len(),
        1
    );
}

#[test]
fn durations_between_dates() {
    assert!(findings("Lee made a four-day visit from January 4 to 7.", None).is_empty());
    assert!(findings("Lee made a three-day visit from January 4 to 7.", None).is_empty());
    assert_eq!(
        findings("Lee made a five-day visit from Jan. 4 to Jan. 7, 2026.", None),
        ["date_range: `five-day` does not fit `Jan. 4 to Jan. 7, 2026`, which is 4 days counting both ends"]
    );
    assert!(findings("A two-week trip from March 1 to 14.", None).is_empty());
}

#[test]
fn percentages_and_their_parts() {
    assert!(findings("Nine of the 14 agreements, or 64%, were on trade.", None).is_empty());
    assert_eq!(
        findings("Nine of the 14 agreements, or 70%, were on trade.", None),
        ["percentage: `70%` does not fit its parts: 9 of 14 is 64.3%"]
    );
    assert!(findings(
        "Exports rose from $100 billion to $120 billion, a 20% increase.",
        None
    )
    .is_empty());
    assert_eq!(
        findings(
            "Exports rose from $100 billion to $120 billion, a 25% increase.",
            None
        )
        .len(),
        1
    );
    assert!(findings("Nine of the 14 agreements, or 64.3%, were on trade.", None).is_empty());
}

#[test]
fn last_words_are_the_last_of_words() {
    const PIECES: &[&str] = &[
        "a", "B", "7", "é", "한", " ", "  ", "-", "'", "’", ".", ",", "\n", "(", "x-y", "o'", "--",
    ];
    let strategy = crate::source::arbitrary::text_and_range(PIECES, 15);
    crate::source::arbitrary::runner(20_000)
        .run(&strategy, |(text, range)| {
            for n in 0..4 {
                let want: Vec<&str> = text::words(&text, range)
                    .into_iter()
                    .rev()
                    .take(n)
                    .map(|(_, w)| w)
                    .collect();
                proptest::prop_assert_eq!(text::last_words(&text, range, n), want, "{}", n);
            }
            Ok(())
        })
        .unwrap();
}
