//! The four built-in checks. Each looks for one written pattern and stays
//! silent when the pattern is not there exactly: these are consistency
//! checks, not guesses.

use std::collections::BTreeSet;

use jiff::civil::Date;

use super::text::{self, content_word, sentence_of, weekday_name};
use super::{BuiltinCheck, CheckFinding, DocumentView};
use crate::extract::Mention;
use crate::quantity::date::Precision;
use crate::quantity::{format_number, DurationUnit, Interval, Value};
use crate::source::Span;

fn finding(
    check: BuiltinCheck,
    message: String,
    labels: Vec<(Span, String)>,
    help: String,
) -> CheckFinding {
    CheckFinding {
        check,
        document: 0,
        message,
        labels,
        help,
    }
}

fn has_year_digits(s: &str) -> bool {
    s.as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit))
}

/// `Tuesday, January 5, 2026`, `Monday 5 January`, `January 5 (Monday)`:
/// a weekday written right beside a day must be that day's weekday.
///
/// Only a weekday next to the date counts: "on January 5 … earlier that
/// Sunday" names the day before, and is no claim about January 5. A date
/// whose year is not written is checked only when the document has its own
/// `published` date (the year was inferred from it, not guessed).
pub(super) fn weekday(v: &DocumentView<'_>, out: &mut Vec<CheckFinding>) {
    for m in v.mentions {
        let Value::Date { date } = &m.value else {
            continue;
        };
        let Some(day) = date.as_civil() else { continue };
        let own = &v.text[m.span.start..m.span.end];
        let day = if has_year_digits(own) {
            day
        } else {
            // The year is not written. The extractor may pick a year that
            // fits the weekday ("Tuesday, January 5" → 2027); a reader of a
            // dated article takes the nearest January 5 instead.
            match (v.published, v.date) {
                (true, Some(p)) => match nearest(day.month(), day.day(), p) {
                    Some(d) => d,
                    None => continue,
                },
                _ => continue,
            }
        };
        let Some((wspan, wd, date_span)) = weekday_beside(v.text, m.span) else {
            continue;
        };
        let actual = day.weekday().to_monday_zero_offset();
        if actual == wd {
            continue;
        }
        let said = &v.text[wspan.start..wspan.end];
        let date_words = &v.text[date_span.start..date_span.end];
        out.push(finding(
            BuiltinCheck::Weekday,
            format!(
                "`{said}` does not fit `{date_words}`: {day} is a {}",
                weekday_name(actual)
            ),
            vec![
                (wspan, format!("says {}", weekday_name(wd))),
                (date_span, format!("{day} is a {}", weekday_name(actual))),
            ],
            "correct the weekday or the date: one of them is wrong".to_string(),
        ));
    }
}

/// The day of this month and day nearest to `to`.
fn nearest(month: i8, day: i8, to: Date) -> Option<Date> {
    (to.year() - 1..=to.year() + 1)
        .filter_map(|y| Date::new(y, month, day).ok())
        .min_by_key(|d| (*d - to).get_days().abs())
}

/// The weekday written in or right beside a date mention: its span, the
/// weekday (0 Monday) and the span of the date's own words.
fn weekday_beside(t: &str, m: Span) -> Option<(Span, i8, Span)> {
    let abbreviation_ok = |w: Span| t[w.end..].starts_with('.');
    let own = text::words(t, m);
    // Folded into the mention by the extractor: "Tuesday, January 5, 2026".
    if let Some(&(ws, w)) = own.first() {
        if let Some(d) = text::weekday(w, abbreviation_ok(ws)) {
            let rest = own.get(1).map_or(m.end, |(s, _)| s.start);
            return Some((ws, d, Span::new(rest, m.end)));
        }
    }
    // Just before, separated by a space or a comma: "Monday 5 January".
    let before = &t[..m.start];
    let trimmed = before.trim_end_matches([' ', ',', '.']);
    if before.len() - trimmed.len() <= 3 {
        let start = trimmed
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map(|(i, _)| i);
        if let Some(s) = start {
            let ws = Span::new(s, trimmed.len());
            if let Some(d) = text::weekday(&t[ws.start..ws.end], abbreviation_ok(ws)) {
                return Some((ws, d, m));
            }
        }
    }
    // In brackets just after: "January 5 (Monday)".
    let after = &t[m.end..];
    let rest = after.trim_start_matches(' ');
    if let Some(inner) = rest.strip_prefix('(') {
        let s = m.end + (after.len() - inner.len());
        let len = inner
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(inner.len());
        let ws = Span::new(s, s + len);
        if inner[len..].starts_with(')') || inner[len..].starts_with(".)") {
            if let Some(d) = text::weekday(&t[ws.start..ws.end], abbreviation_ok(ws)) {
                return Some((ws, d, m));
            }
        }
    }
    None
}

/// The content words around each "first" of a sentence: what the first is
/// the first of ("This visit, the first by …", "the first official visit").
fn first_event(t: &str, sentence: Span) -> Option<BTreeSet<String>> {
    let ws = text::words(t, sentence);
    let mut event = BTreeSet::new();
    let mut any = false;
    for (i, (_, w)) in ws.iter().enumerate() {
        if w.eq_ignore_ascii_case("first") {
            any = true;
            let lo = i.saturating_sub(3);
            let hi = (i + 4).min(ws.len());
            event.extend(
                ws[lo..hi]
                    .iter()
                    .filter(|(_, x)| !x.eq_ignore_ascii_case("first"))
                    .filter_map(|(_, x)| content_word(x)),
            );
        }
    }
    any.then_some(event)
}

/// Whether `s` holds "first" in any ASCII case (as a word or not): what a
/// sentence needs for [`first_event`] to find a "first" in it.
fn contains_first(s: &str) -> bool {
    let bytes = s.as_bytes();
    memchr::memchr2_iter(b'f', b'F', bytes).any(|i| {
        bytes
            .get(i..i + 5)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"first"))
    })
}

/// The lowercase words right before `at` (up to `n`).
fn words_before(t: &str, sentence: Span, at: usize, n: usize) -> Vec<String> {
    text::last_words(t, Span::new(sentence.start, at.max(sentence.start)), n)
        .into_iter()
        .map(str::to_lowercase)
        .collect()
}

struct Since {
    year: i16,
    span: Span,
    sentence: Span,
    event: BTreeSet<String>,
}

struct Gap {
    years: Interval,
    span: Span,
    sentence: Span,
    event: BTreeSet<String>,
}

/// "the first visit since 2019" and "the first in seven years": in a
/// document dated 2026-01-07 the first is 6 to 7 years after the last, so
/// the two must agree with each other, and the year must not lie after the
/// document's date.
///
/// Two statements are about one event when they are in one sentence, or
/// share a content word near their "first" ("visit").
pub(super) fn first_since(v: &DocumentView<'_>, out: &mut Vec<CheckFinding>) {
    let Some(doc_date) = v.date else { return };
    let mut since = Vec::new();
    let mut gaps = Vec::new();
    for m in v.mentions {
        // Only years and spans of years take part: the words before any
        // other mention are never looked at.
        let relevant = match &m.value {
            Value::Date { date } => date.precision() == Precision::Year,
            Value::Duration { unit, .. } => *unit == DurationUnit::Year,
            _ => false,
        };
        if !relevant {
            continue;
        }
        let Some(sentence) = sentence_of(v.sentences, m.span) else {
            continue;
        };
        // Both need a "first" in the sentence (`first_event`): most
        // sentences with a year have none, and are left before their words
        // are read.
        if !contains_first(&v.text[sentence.start..sentence.end]) {
            continue;
        }
        // A year needs only the word before it ("since"); a span of years
        // the three before it ("in", "past/last the in"). Reading and
        // lowercasing words nobody looks at was most of this check.
        let wanted = if matches!(m.value, Value::Date { .. }) {
            1
        } else {
            3
        };
        let before = words_before(v.text, sentence, m.span.start, wanted);
        match &m.value {
            Value::Date { date } if date.precision() == Precision::Year => {
                if before.first().map(String::as_str) != Some("since") {
                    continue;
                }
                let Some(event) = first_event(v.text, sentence) else {
                    continue;
                };
                since.push(Since {
                    year: date.year_number(),
                    span: Span::new(m.span.start, m.span.end),
                    sentence,
                    event,
                });
            }
            Value::Duration { unit, .. } if *unit == DurationUnit::Year => {
                let after_in = match before.as_slice() {
                    [w, ..] if w == "in" => true,
                    [p, the, inn, ..] => {
                        (p == "past" || p == "last") && the == "the" && inn == "in"
                    }
                    _ => false,
                };
                if !after_in {
                    continue;
                }
                let Some(event) = first_event(v.text, sentence) else {
                    continue;
                };
                let widths = v.hedges;
                let years = m
                    .value
                    .hedged_interval(m.hedge, widths)
                    .scale(1.0 / DurationUnit::Year.seconds());
                gaps.push(Gap {
                    years,
                    span: m.span,
                    sentence,
                    event,
                });
            }
            _ => {}
        }
    }
    let doc_year = doc_date.year();
    for s in &since {
        if s.year > doc_year {
            out.push(finding(
                BuiltinCheck::FirstSince,
                format!(
                    "the first since `{}`, but the document is dated {doc_date}",
                    s.year
                ),
                vec![(s.span, format!("{} is after {doc_date}", s.year))],
                "check the year: a first “since” a year cannot come before that year".into(),
            ));
        }
    }
    for s in &since {
        let Some((lo, hi)) = gap_range(s.year, doc_date) else {
            continue;
        };
        for g in &gaps {
            let same_event = s.sentence == g.sentence || !s.event.is_disjoint(&g.event);
            if !same_event || s.year > doc_year {
                continue;
            }
            let allowed = Interval::closed(lo.floor(), hi.max(hi.round()));
            if g.years.intersects(&allowed) {
                continue;
            }
            let gap_words = &v.text[g.span.start..g.span.end];
            let range = if lo.floor() == hi.round() {
                format!("{} years", format_number(lo.floor()))
            } else {
                format!(
                    "{} to {} years",
                    format_number(lo.floor()),
                    format_number(hi.max(hi.round()).floor())
                )
            };
            out.push(finding(
                BuiltinCheck::FirstSince,
                format!(
                    "the first since `{}` and the first in `{gap_words}` disagree: from {} to {doc_date} is {range}",
                    s.year, s.year
                ),
                vec![
                    (s.span, format!("since {}: {range} before {doc_date}", s.year)),
                    (g.span, format!("says {gap_words}")),
                ],
                format!(
                    "correct the year or the number of years: in a document dated {doc_date}, the first since {} is the first in {range}",
                    s.year
                ),
            ));
        }
    }
}

/// Years from some day of `year` to `date`: the shortest and the longest.
fn gap_range(year: i16, date: Date) -> Option<(f64, f64)> {
    let first = Date::new(year, 1, 1).ok()?;
    let last = Date::new(year, 12, 31).ok()?;
    let days = |a: Date| (date - a).get_days() as f64;
    let y = 365.2425;
    Some((days(last) / y, days(first) / y))
}

/// A day-precision date mention's day.
fn day_of(m: &Mention) -> Option<Date> {
    match &m.value {
        Value::Date { date } => date.as_civil(),
        _ => None,
    }
}

/// `January 4 to 7`, `Jan. 4 – Jan. 7, 2026`, `between January 4 and 7`:
/// the span and the two days.
fn date_ranges(v: &DocumentView<'_>) -> Vec<(Span, Date, Date)> {
    let mut out = Vec::new();
    for (i, a) in v.mentions.iter().enumerate() {
        let Some(start) = day_of(a) else { continue };
        let Some(b) = v.mentions.get(i + 1) else {
            continue;
        };
        let between = v.text[a.span.end..b.span.start].trim();
        let connector = match between {
            "-" | "–" | "—" | "to" | "until" | "till" | "through" | "thru" => true,
            "and" => v.text[..a.span.start]
                .trim_end()
                .to_lowercase()
                .ends_with("between"),
            _ => false,
        };
        if !connector || v.text[a.span.end..b.span.start].contains('\n') {
            continue;
        }
        let end = match &b.value {
            Value::Date { .. } => day_of(b),
            Value::Number { value }
                if value.fract() == 0.0
                    && (1.0..=31.0).contains(value)
                    && v.text[b.span.start..b.span.end]
                        .bytes()
                        .all(|c| c.is_ascii_digit()) =>
            {
                Date::new(start.year(), start.month(), *value as i8).ok()
            }
            _ => None,
        };
        if let Some(end) = end.filter(|e| *e >= start) {
            out.push((Span::new(a.span.start, b.span.end), start, end));
        }
    }
    out
}

/// "a four-day visit from January 4 to 7": the duration must be the days
/// from the first to the last, counted with both ends (4) or without one
/// (3, as nights are counted). Checked only when the sentence has exactly
/// one such range and one duration in days or weeks, with no hedge.
pub(super) fn date_range(v: &DocumentView<'_>, out: &mut Vec<CheckFinding>) {
    let ranges = date_ranges(v);
    for (rspan, start, end) in &ranges {
        let Some(sentence) = sentence_of(v.sentences, *rspan) else {
            continue;
        };
        if ranges
            .iter()
            .filter(|(s, ..)| sentence.contains(*s))
            .count()
            != 1
        {
            continue;
        }
        let durations: Vec<&Mention> = v
            .mentions
            .iter()
            .filter(|m| sentence.contains(m.span) && matches!(m.value, Value::Duration { .. }))
            .collect();
        let [d] = durations.as_slice() else { continue };
        let Value::Duration { amount, unit } = d.value else {
            continue;
        };
        if d.hedge.is_some() {
            continue;
        }
        let without_end = (*end - *start).get_days() as f64;
        let with_both = without_end + 1.0;
        let fits = match unit {
            DurationUnit::Day => amount == with_both || amount == without_end,
            DurationUnit::Week => {
                (amount * 7.0 - with_both).abs() <= 1.0 || (amount * 7.0 - without_end).abs() <= 1.0
            }
            _ => true,
        };
        if fits {
            continue;
        }
        let said = &v.text[d.span.start..d.span.end];
        let range_words = &v.text[rspan.start..rspan.end];
        let days = format_number(with_both);
        out.push(finding(
            BuiltinCheck::DateRange,
            format!("`{said}` does not fit `{range_words}`, which is {days} days counting both ends"),
            vec![
                (d.span, format!("says {}", d.value)),
                (*rspan, format!("{start} to {end}: {days} days")),
            ],
            format!(
                "correct the duration or the dates: {start} to {end} is {days} days with both ends, {} without one",
                format_number(without_end)
            ),
        ));
    }
}

/// "9 of the 14 MOUs, or 64%", "from $100 billion to $120 billion, a 20%
/// increase": a percentage written beside its parts must be their ratio, to
/// the precision it is written with. Checked only when the sentence has one
/// percentage and one such pair of parts.
pub(super) fn percentage(v: &DocumentView<'_>, out: &mut Vec<CheckFinding>) {
    // Most documents state no percentage: leave before looking at sentences.
    let is_percent = |m: &Mention| matches!(m.value, Value::Percent { points: false, .. });
    if !v.mentions.iter().any(is_percent) {
        return;
    }
    // Only a sentence holding a percentage can have a finding: look at
    // those alone, in order, rather than at every sentence's mentions.
    // The sentences are in order and do not overlap: the one holding a
    // mention is found by binary search, not by trying each.
    let mut holding: Vec<Span> = v
        .mentions
        .iter()
        .filter(|m| is_percent(m))
        .filter_map(|m| sentence_of(v.sentences, m.span).filter(|s| s.contains(m.span)))
        .collect();
    holding.sort_unstable();
    holding.dedup();
    // Reused from sentence to sentence rather than built for each.
    let mut inside: Vec<&Mention> = Vec::new();
    let mut parts: Vec<(Span, f64, String)> = Vec::new();
    for sentence in holding {
        inside.clear();
        inside.extend(v.mentions.iter().filter(|m| sentence.contains(m.span)));
        let mut percents = inside.iter().filter(|m| is_percent(m));
        let (Some(p), None) = (percents.next(), percents.next()) else {
            continue;
        };
        // Whether the sentence speaks of a change: asked only of a "from …
        // to …" pair, so worked out on first need (lowercasing the sentence
        // and searching it eighteen times cost more than the rest).
        let change_word = std::cell::OnceCell::new();
        let change_word = || {
            *change_word.get_or_init(|| {
                let lower = v.text[sentence.start..sentence.end].to_lowercase();
                [
                    "increase",
                    "rise",
                    "rose",
                    "grew",
                    "growth",
                    "jump",
                    "gain",
                    "up ",
                    "decrease",
                    "decline",
                    "drop",
                    "fell",
                    "fall",
                    "down ",
                    "cut",
                    "more than",
                    "higher",
                    "lower",
                ]
                .iter()
                .any(|w| lower.contains(w))
            })
        };
        parts.clear();
        for w in inside.windows(2) {
            let (a, b) = (w[0], w[1]);
            // The words between that matter ("of the", "to") are ASCII; no
            // other character lowercases to their letters, so only an ASCII
            // stretch can match, and is compared without lowercasing a copy.
            let between = v.text[a.span.end..b.span.start].trim();
            let between_is = |words: &[&str]| {
                between.is_ascii() && words.iter().any(|w| between.eq_ignore_ascii_case(w))
            };
            match (&a.value, &b.value) {
                (Value::Number { value: x }, Value::Number { value: y })
                    if between_is(&["of", "of the", "out of", "out of the", "of all"])
                        && *y > 0.0
                        && x <= y
                        && a.hedge.is_none()
                        && b.hedge.is_none() =>
                {
                    parts.push((
                        Span::new(a.span.start, b.span.end),
                        x / y * 100.0,
                        format!("{} of {}", format_number(*x), format_number(*y)),
                    ));
                }
                (x, y)
                    if between_is(&["to"])
                        && change_word()
                        && a.hedge.is_none()
                        && b.hedge.is_none() =>
                {
                    let from = v.text[sentence.start..a.span.start]
                        .trim_end()
                        .to_lowercase();
                    if !from.ends_with("from") || x.kind() != y.kind() || x.scale() != y.scale() {
                        continue;
                    }
                    let (x0, y0) = (x.interval().center(), y.interval().center());
                    if x0 == 0.0 || matches!(x, Value::Date { .. } | Value::Percent { .. }) {
                        continue;
                    }
                    parts.push((
                        Span::new(a.span.start, b.span.end),
                        ((y0 - x0) / x0 * 100.0).abs(),
                        format!("from {x} to {y}"),
                    ));
                }
                _ => {}
            }
        }
        let [(span, ratio, what)] = parts.as_slice() else {
            continue;
        };
        let said = &v.text[p.span.start..p.span.end];
        let decimals = said
            .split_once('.')
            .map(|(_, d)| d.chars().take_while(char::is_ascii_digit).count())
            .unwrap_or(0);
        let half = 0.5 * 10f64.powi(-(decimals as i32));
        let stated = p.value.hedged_interval(p.hedge, v.hedges);
        if *ratio >= stated.lo - half - 1e-9 && *ratio <= stated.hi + half + 1e-9 {
            continue;
        }
        let shown = format_number((ratio * 10.0).round() / 10.0);
        out.push(finding(
            BuiltinCheck::Percentage,
            format!("`{said}` does not fit its parts: {what} is {shown}%"),
            vec![
                (p.span, format!("says {}", p.value)),
                (*span, format!("{what} is {shown}%")),
            ],
            "correct the percentage or the numbers it is computed from".into(),
        ));
    }
}
