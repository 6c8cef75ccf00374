//! Grounding: is every value a summary states backed by its sources?
//!
//! A `ground` statement names target documents (by default those with
//! `ai_generated = true`) and source documents (by default every other
//! one). Every mention of a target — number, ordinal, percentage, money,
//! quantity, duration, date — gets one verdict:
//!
//! - **grounded**: a source states a compatible value of the same kind in a
//!   matching context;
//! - **contradicted**: no source backs it, and a source states an
//!   incompatible value in a *closely* matching context;
//! - **unsupported**: no source says anything about it.
//!
//! # Matching
//!
//! Sentences are compared by their *content words*: lowercase, a plural
//! `s` stripped, a short stopword list removed (see
//! [`crate::consistency::text::content_word`]). In a corpus of four or more
//! documents, words that most documents use (the story's names: "Lee",
//! "Beijing", "summit") count half: they say which story a sentence is
//! about, not which fact.
//!
//! - A **count or ordinal** ("14 memorandums", "first visit") matches only a
//!   value counting the same noun: a number means nothing without it.
//! - Any other value is **grounded** by a compatible source value whose
//!   sentence shares at least one content word (two story words), or by the
//!   exact same value when the value is distinctive (a day or month, an
//!   amount of money, a quantity, a percentage, a duration): "90-minute
//!   summit" is grounded by "90-minute talks".
//! - "the first … since 2019" is grounded by "the first … in seven years" in
//!   a source dated seven years later, when the two "first"s are about the
//!   same thing (a shared content word beside them: "visit").
//! - A value is **contradicted** only by a value whose *nearby* words (six
//!   on each side) share at least two content words with the summary's, one
//!   of them not a story word; and never by a relative date ("Tuesday",
//!   "this year"), which factlint had to resolve against a guessed date.
//!
//! A summary's value that a source backs is grounded even when another
//! source disagrees; the disagreeing sources are listed with it.
//!
//! Architecture invariant: grounding keeps, per document, only its
//! mentions, the content words of its sentences and short excerpts of the
//! sentences with mentions ([`Digest`]) — never the whole text.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::Serialize;

use crate::check::model::Severity;
use crate::consistency::text::{content_word, sentence_of, words};
use crate::extract::Mention;
use crate::quantity::date::Precision;
use crate::quantity::{DateValue, DurationUnit, HedgeWidths, Interval, Kind, Scale, Value};
use crate::source::Span;

/// How many words on each side of a mention make its near context.
const NEAR: usize = 6;
/// How many sources a verdict lists on each side.
const MAX_SOURCES: usize = 2;
/// How many characters of a sentence an excerpt keeps.
const EXCERPT: usize = 200;

/// What grounding keeps of one document.
#[derive(Clone, Debug, Serialize)]
pub struct Digest {
    /// Index of the document in the run.
    pub document: usize,
    /// The document's date (front matter `published`, else `reference_date`).
    pub date: Option<Date>,
    /// One entry per mention, in text order.
    pub items: Vec<Item>,
    /// The sentences that hold mentions.
    pub sentences: Vec<Sentence>,
    /// Every content word of the document (for telling story words apart).
    pub words: BTreeSet<String>,
}

/// A sentence that holds a mention.
#[derive(Clone, Debug, Serialize)]
pub struct Sentence {
    /// Its span in the file.
    pub span: Span,
    /// Its content words.
    pub words: BTreeSet<String>,
    /// Its text, cut to a couple of hundred characters.
    pub excerpt: String,
}

/// A mention and the context grounding compares.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    /// The mention.
    pub mention: Mention,
    /// Index into [`Digest::sentences`].
    pub sentence: usize,
    /// Content words within a few words on each side.
    pub near: BTreeSet<String>,
    /// For numbers and ordinals: the noun counted ("memorandum").
    pub noun: BTreeSet<String>,
    /// Written without digits ("Tuesday", "this year", "last year"): a date
    /// resolved against the document's date, never evidence of a conflict.
    pub relative: bool,
    /// "since 2019" in a sentence with "first": the words around "first".
    pub since: Option<BTreeSet<String>>,
    /// "in seven years" in a sentence with "first": the words around "first".
    pub gap: Option<BTreeSet<String>>,
}

/// Summarises a document for grounding.
pub fn digest(
    document: usize,
    text: &str,
    sentences: &[Span],
    mentions: &[Mention],
    date: Option<Date>,
) -> Digest {
    let mut d = Digest {
        document,
        date,
        items: Vec::new(),
        sentences: Vec::new(),
        words: BTreeSet::new(),
    };
    for s in sentences {
        d.words.extend(
            words(text, *s)
                .into_iter()
                .filter_map(|(_, w)| content_word(w)),
        );
    }
    let mut index: BTreeMap<Span, usize> = BTreeMap::new();
    for m in mentions {
        let sentence = sentence_of(sentences, m.span).unwrap_or(m.span);
        let si = *index.entry(sentence).or_insert_with(|| {
            d.sentences.push(Sentence {
                span: sentence,
                words: words(text, sentence)
                    .into_iter()
                    .filter(|(s, _)| !overlaps(*s, m.span))
                    .filter_map(|(_, w)| content_word(w))
                    .collect(),
                excerpt: excerpt(text, sentence, m.span),
            });
            d.sentences.len() - 1
        });
        let ws = words(text, sentence);
        let at = ws.partition_point(|(s, _)| s.end <= m.span.start);
        let after = ws.partition_point(|(s, _)| s.start < m.span.end);
        let near: BTreeSet<String> = ws[at.saturating_sub(NEAR)..at]
            .iter()
            .chain(&ws[after..(after + NEAR).min(ws.len())])
            .filter_map(|(_, w)| content_word(w))
            .collect();
        let before: Vec<String> = ws[..at]
            .iter()
            .rev()
            .take(3)
            .map(|(_, w)| w.to_lowercase())
            .collect();
        let first = first_words(&ws);
        let own = &text[m.span.start..m.span.end];
        let since = match &m.value {
            Value::Date { date } if date.precision() == Precision::Year => {
                (before.first().map(String::as_str) == Some("since"))
                    .then(|| first.clone())
                    .flatten()
            }
            _ => None,
        };
        let gap = match &m.value {
            Value::Duration { unit, .. } if *unit == DurationUnit::Year => {
                (before.first().map(String::as_str) == Some("in"))
                    .then(|| first.clone())
                    .flatten()
            }
            _ => None,
        };
        d.items.push(Item {
            noun: counted_noun(text, m, sentence),
            relative: matches!(m.value, Value::Date { .. })
                && !own.chars().any(|c| c.is_ascii_digit()),
            mention: m.clone(),
            sentence: si,
            near,
            since,
            gap,
        });
    }
    d
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// The sentence cut to [`EXCERPT`] characters around the mention.
fn excerpt(text: &str, sentence: Span, m: Span) -> String {
    let s = &text[sentence.start..sentence.end];
    if s.chars().count() <= EXCERPT {
        return s.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let at = s[..m.start.saturating_sub(sentence.start).min(s.len())]
        .chars()
        .count();
    let skip = at.saturating_sub(EXCERPT / 3);
    let cut: String = s.chars().skip(skip).take(EXCERPT).collect();
    let cut = cut.split_whitespace().collect::<Vec<_>>().join(" ");
    let lead = if skip > 0 { "…" } else { "" };
    let tail = if skip + EXCERPT < s.chars().count() {
        "…"
    } else {
        ""
    };
    format!("{lead}{cut}{tail}")
}

/// The content words within three words of each "first" of a sentence, or
/// `None` when the sentence has no "first".
fn first_words(ws: &[(Span, &str)]) -> Option<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    let mut any = false;
    for (i, (_, w)) in ws.iter().enumerate() {
        if w.eq_ignore_ascii_case("first") {
            any = true;
            out.extend(
                ws[i.saturating_sub(3)..(i + 4).min(ws.len())]
                    .iter()
                    .filter(|(_, x)| !x.eq_ignore_ascii_case("first"))
                    .filter_map(|(_, x)| content_word(x)),
            );
        }
    }
    any.then_some(out)
}

/// The two words after a number or ordinal, up to punctuation: "14
/// memorandums of" → {memorandum}, "15 cooperation agreements" →
/// {cooperation, agreement}, "One-China" → {china}.
fn counted_noun(text: &str, m: &Mention, sentence: Span) -> BTreeSet<String> {
    if !matches!(m.value, Value::Number { .. } | Value::Ordinal { .. }) {
        return BTreeSet::new();
    }
    let end = sentence.end.max(m.span.end);
    let rest = &text[m.span.end..end];
    let stop = rest
        .find(|c: char| !(c.is_alphanumeric() || c.is_whitespace() || c == '-' || c == '\''))
        .unwrap_or(rest.len());
    rest[..stop]
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .take(2)
        .filter_map(content_word)
        .collect()
}

/// A grounding verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// A source states a compatible value in a matching context.
    Grounded,
    /// No source backs it, and a source states an incompatible value in a
    /// closely matching context.
    Contradicted,
    /// No source says anything about it.
    Unsupported,
}

impl Verdict {
    /// Every verdict, in report order.
    pub const ALL: [Verdict; 3] = [
        Verdict::Grounded,
        Verdict::Contradicted,
        Verdict::Unsupported,
    ];

    /// The snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Grounded => "grounded",
            Verdict::Contradicted => "contradicted",
            Verdict::Unsupported => "unsupported",
        }
    }
}

/// A source mention cited for or against a target mention.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceMention {
    /// Index of the source document.
    pub document: usize,
    /// The mention.
    pub mention: Mention,
    /// Its sentence.
    pub sentence: Span,
    /// The sentence's text, cut short.
    pub excerpt: String,
    /// Why it was matched: "same value", "shared words: arrived, beijing", …
    pub reason: String,
}

/// The verdict on one mention of a grounded document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Grounding {
    /// The rule file of the `ground` statement.
    pub file: usize,
    /// Index of the statement among the file's `ground` statements.
    pub statement: usize,
    /// The statement's severity (for contradicted mentions).
    #[serde(skip)]
    pub severity: Severity,
    /// Index of the grounded document.
    pub document: usize,
    /// The mention.
    pub mention: Mention,
    /// Its sentence.
    pub sentence: Span,
    /// The sentence's text, cut short.
    pub excerpt: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Sources that back it (grounded).
    pub support: Vec<SourceMention>,
    /// Sources that state something else in a closely matching context.
    pub conflict: Vec<SourceMention>,
}

/// One value on its comparison scale.
struct Comparable {
    kind: Kind,
    scale: Scale,
    stated: Interval,
    nominal: Interval,
    distinctive: bool,
    counted: bool,
}

/// A four-digit whole number between 1900 and 2100 written as such is a year.
fn as_year(m: &Mention, text_is_digits: bool) -> Option<Value> {
    match m.value {
        Value::Number { value }
            if text_is_digits && value.fract() == 0.0 && (1900.0..=2100.0).contains(&value) =>
        {
            DateValue::year(value as i16).map(|date| Value::Date { date })
        }
        _ => None,
    }
}

fn comparable(item: &Item, widths: HedgeWidths) -> Comparable {
    let m = &item.mention;
    let digits = item.noun.is_empty() && !item.relative;
    let value = as_year(m, digits).unwrap_or_else(|| m.value.clone());
    let distinctive = match &value {
        Value::Date { date } => date.precision() != Precision::Year,
        Value::Money { .. } | Value::Quantity { .. } | Value::Percent { .. } => true,
        Value::Duration { .. } => true,
        Value::Number { .. } | Value::Ordinal { .. } => false,
    };
    Comparable {
        kind: value.kind(),
        scale: value.scale(),
        stated: value.hedged_interval(m.hedge, widths),
        nominal: value.interval(),
        distinctive,
        counted: matches!(value, Value::Number { .. } | Value::Ordinal { .. }),
    }
}

fn same_scale(a: Scale, b: Scale) -> bool {
    a == b
        || matches!(
            (a, b),
            (Scale::Currency(None), Scale::Currency(_))
                | (Scale::Currency(_), Scale::Currency(None))
        )
}

/// Shared words, story words counting half; and how many are not story words.
fn overlap(
    a: &BTreeSet<String>,
    b: &BTreeSet<String>,
    story: &BTreeSet<String>,
) -> (f64, usize, Vec<String>) {
    let shared: Vec<String> = a.intersection(b).cloned().collect();
    let specific = shared.iter().filter(|w| !story.contains(*w)).count();
    let score = specific as f64 + 0.5 * (shared.len() - specific) as f64;
    (score, specific, shared)
}

/// Which `ground` statement a verdict answers.
#[derive(Clone, Copy, Debug)]
pub struct Statement {
    /// The rule file.
    pub file: usize,
    /// Index among the file's `ground` statements.
    pub index: usize,
    /// Its severity.
    pub severity: Severity,
}

/// Grounds every mention of `target` in `sources`; `story` holds the words
/// most documents share (see [`story_words`]).
pub fn ground(
    statement: Statement,
    target: &Digest,
    sources: &[&Digest],
    story: &BTreeSet<String>,
    widths: HedgeWidths,
) -> Vec<Grounding> {
    let mut out = Vec::new();
    for t in &target.items {
        let tc = comparable(t, widths);
        let tsent = &target.sentences[t.sentence];
        let mut support: Vec<(f64, SourceMention)> = Vec::new();
        let mut conflict: Vec<(f64, SourceMention)> = Vec::new();
        for src in sources {
            for s in &src.items {
                let ssent = &src.sentences[s.sentence];
                let cite = |reason: String| SourceMention {
                    document: src.document,
                    mention: s.mention.clone(),
                    sentence: ssent.span,
                    excerpt: ssent.excerpt.clone(),
                    reason,
                };
                // "the first … since 2019" against "the first … in seven years".
                if let Some(r) = since_matches(t, target.date, s, src.date) {
                    match r {
                        (true, why) => support.push((3.0, cite(why))),
                        (false, why) => conflict.push((3.0, cite(why))),
                    }
                    continue;
                }
                let sc = comparable(s, widths);
                if sc.kind != tc.kind || !same_scale(sc.scale, tc.scale) {
                    continue;
                }
                if tc.counted && t.noun.is_disjoint(&s.noun) {
                    continue;
                }
                let compatible = tc.stated.intersects(&sc.stated);
                let (sentence_score, _, shared) = overlap(&tsent.words, &ssent.words, story);
                let (near_score, near_specific, near_shared) = overlap(&t.near, &s.near, story);
                if compatible {
                    let exact = tc.nominal == sc.nominal;
                    let reason = if tc.counted {
                        Some(format!(
                            "counts the same: {}",
                            join(t.noun.intersection(&s.noun))
                        ))
                    } else if sentence_score >= 1.0 {
                        Some(format!("shared words: {}", shared.join(", ")))
                    } else if exact && tc.distinctive && sc.distinctive && !s.relative {
                        Some("the same value".to_string())
                    } else {
                        None
                    };
                    if let Some(reason) = reason {
                        let score = near_score + sentence_score + if exact { 1.0 } else { 0.0 };
                        support.push((score, cite(reason)));
                    }
                } else if !s.relative && !t.relative && near_score >= 2.0 && near_specific >= 1 {
                    conflict.push((
                        near_score + sentence_score,
                        cite(format!("nearby words: {}", near_shared.join(", "))),
                    ));
                }
            }
        }
        let best = |mut v: Vec<(f64, SourceMention)>| -> Vec<SourceMention> {
            v.sort_by(|a, b| {
                b.0.total_cmp(&a.0)
                    .then(a.1.document.cmp(&b.1.document))
                    .then(a.1.mention.span.cmp(&b.1.mention.span))
            });
            let mut seen = Vec::new();
            v.into_iter()
                .map(|(_, m)| m)
                .filter(|m| {
                    // One citation per source sentence is enough.
                    let key = (m.document, m.sentence);
                    let fresh = !seen.contains(&key);
                    seen.push(key);
                    fresh
                })
                .take(MAX_SOURCES)
                .collect()
        };
        let verdict = match (support.is_empty(), conflict.is_empty()) {
            (false, _) => Verdict::Grounded,
            (true, false) => Verdict::Contradicted,
            (true, true) => Verdict::Unsupported,
        };
        out.push(Grounding {
            file: statement.file,
            statement: statement.index,
            severity: statement.severity,
            document: target.document,
            mention: t.mention.clone(),
            sentence: tsent.span,
            excerpt: tsent.excerpt.clone(),
            verdict,
            support: best(support),
            conflict: best(conflict),
        });
    }
    out
}

fn join<'a>(words: impl Iterator<Item = &'a String>) -> String {
    words.cloned().collect::<Vec<_>>().join(", ")
}

/// "since YEAR" (in a document dated D) against "in N years" (or the other
/// way round), both beside a "first" of the same thing: `Some((agrees,
/// why))`, or `None` when the pair is not of that shape.
fn since_matches(
    t: &Item,
    t_date: Option<Date>,
    s: &Item,
    s_date: Option<Date>,
) -> Option<(bool, String)> {
    // The gap is counted from the year to the date of the document that
    // states the gap ("in seven years", written in January 2026).
    let (year_item, gap_item, gap_date) = match (&t.since, &s.gap, &t.gap, &s.since) {
        (Some(_), Some(_), _, _) => (t, s, s_date.or(t_date)),
        (_, _, Some(_), Some(_)) => (s, t, t_date.or(s_date)),
        _ => return None,
    };
    let (Some(a), Some(b)) = (&year_item.since, &gap_item.gap) else {
        return None;
    };
    if a.is_disjoint(b) {
        return None;
    }
    let gap_date = gap_date?;
    let Value::Date { date } = &year_item.mention.value else {
        return None;
    };
    let year = date.year_number();
    let first = Date::new(year, 1, 1).ok()?;
    let last = Date::new(year, 12, 31).ok()?;
    let y = 365.2425;
    let lo = (gap_date - last).get_days() as f64 / y;
    let hi = (gap_date - first).get_days() as f64 / y;
    let allowed = Interval::closed(lo.floor(), hi.max(hi.round()));
    let years = gap_item
        .mention
        .value
        .hedged_interval(gap_item.mention.hedge, HedgeWidths::default())
        .scale(1.0 / DurationUnit::Year.seconds());
    let agrees = years.intersects(&allowed);
    let shared = join(a.intersection(b));
    Some((
        agrees,
        format!("the first since {year} is the first in {} to {} years by {gap_date} (the first {shared})", lo.floor(), hi.max(hi.round()).floor()),
    ))
}

/// Story words: those that at least four documents, and three quarters of
/// them, use.
pub fn story_words(digests: &[&Digest]) -> BTreeSet<String> {
    let n = digests.len();
    if n < 4 {
        return BTreeSet::new();
    }
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for d in digests {
        for w in &d.words {
            *df.entry(w.as_str()).or_default() += 1;
        }
    }
    df.into_iter()
        .filter(|(_, c)| *c >= 4 && (*c as f64) >= 0.75 * n as f64)
        .map(|(w, _)| w.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest_of(document: usize, text: &str) -> Digest {
        let mentions = crate::extract::extract(
            text,
            &crate::extract::ExtractOptions {
                reference_date: Some(jiff::civil::date(2026, 1, 7)),
            },
        );
        let sentences = crate::document::sentences(text, Span::new(0, text.len()));
        digest(
            document,
            text,
            &sentences,
            &mentions,
            Some(jiff::civil::date(2026, 1, 7)),
        )
    }

    fn verdicts(summary: &str, sources: &[&str]) -> Vec<(String, Verdict)> {
        let t = digest_of(0, summary);
        let s: Vec<Digest> = sources
            .iter()
            .enumerate()
            .map(|(i, x)| digest_of(i + 1, x))
            .collect();
        let refs: Vec<&Digest> = s.iter().collect();
        let st = Statement {
            file: 0,
            index: 0,
            severity: Severity::Error,
        };
        ground(st, &t, &refs, &BTreeSet::new(), HedgeWidths::default())
            .into_iter()
            .map(|g| (g.mention.value.to_string(), g.verdict))
            .collect()
    }

    #[test]
    fn counts_need_the_same_noun() {
        let v = verdicts(
            "They signed 14 memorandums of understanding.",
            &["Firms inked nine MOUs at a forum. The leaders signed 14 memorandums."],
        );
        assert_eq!(v, [("14".to_string(), Verdict::Grounded)]);
        let v = verdicts(
            "They signed 15 memorandums of understanding.",
            &["Firms inked nine MOUs at a forum."],
        );
        assert_eq!(v, [("15".to_string(), Verdict::Unsupported)]);
    }

    #[test]
    fn contradiction_needs_close_context() {
        let v = verdicts(
            "Lee arrived in Beijing on January 6, 2026, for talks.",
            &["Lee arrived in Beijing on January 4, 2026, for talks."],
        );
        assert_eq!(v, [("2026-01-06".to_string(), Verdict::Contradicted)]);
        // Another date in an unrelated sentence says nothing about the arrival.
        let v = verdicts(
            "Lee arrived in Beijing on January 6, 2026, for talks.",
            &["The exhibition opens on January 4, 2026."],
        );
        assert_eq!(v, [("2026-01-06".to_string(), Verdict::Unsupported)]);
    }

    #[test]
    fn relative_dates_never_contradict() {
        let v = verdicts(
            "Lee arrived in Beijing on January 6, 2026, for talks.",
            &["Lee arrived in Beijing on Sunday for talks."],
        );
        assert_eq!(v, [("2026-01-06".to_string(), Verdict::Unsupported)]);
    }

    #[test]
    fn content_words_are_normalised() {
        use crate::consistency::text::content_word;
        assert_eq!(content_word("Talks").as_deref(), Some("talk"));
        assert_eq!(content_word("Lee's").as_deref(), Some("lee"));
        assert_eq!(content_word("the"), None);
        assert_eq!(content_word("2026"), None);
        assert_eq!(content_word("business").as_deref(), Some("business"));
    }
}
