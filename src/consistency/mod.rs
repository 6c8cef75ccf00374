//! Built-in consistency checks: the arithmetic and calendar sense a careful
//! fact-checker applies to one document without being told.
//!
//! The checks run on every document, with no rule asking for them, and each
//! can be switched off in `factlint.toml` (`[checks] weekday = false`) or by
//! a rule file (`disable weekday`) for the documents in its scope.
//!
//! Architecture invariant: a check sees one document's text, its sentences
//! and its mentions — never rules, never other documents — and stays silent
//! whenever its reading of the text is not certain: a false alarm costs a
//! desk more than a miss.

use std::fmt;

use serde::Serialize;

/// A built-in check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BuiltinCheck {
    /// A weekday written with a date must be that date's weekday.
    Weekday,
    /// "the first … since YEAR" and "the first … in N years" must agree with
    /// each other and with the document's date.
    FirstSince,
    /// A duration written with its two end dates must match them.
    DateRange,
    /// A percentage written with its parts must match them.
    Percentage,
}

impl BuiltinCheck {
    /// Every check, in report order.
    pub const ALL: [BuiltinCheck; 4] = [
        BuiltinCheck::Weekday,
        BuiltinCheck::FirstSince,
        BuiltinCheck::DateRange,
        BuiltinCheck::Percentage,
    ];

    /// The name used in `factlint.toml`, `disable` and reports.
    pub fn name(self) -> &'static str {
        match self {
            BuiltinCheck::Weekday => "weekday",
            BuiltinCheck::FirstSince => "first_since",
            BuiltinCheck::DateRange => "date_range",
            BuiltinCheck::Percentage => "percentage",
        }
    }

    /// The check with this name.
    pub fn from_name(name: &str) -> Option<BuiltinCheck> {
        BuiltinCheck::ALL.into_iter().find(|c| c.name() == name)
    }
}

impl fmt::Display for BuiltinCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

mod checks;
pub mod text;

use jiff::civil::Date;

use crate::extract::Mention;
use crate::quantity::HedgeWidths;
use crate::source::Span;

/// One built-in check's finding in a document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckFinding {
    /// The check.
    pub check: BuiltinCheck,
    /// Index of the document in the run.
    pub document: usize,
    /// What is wrong, lowercase, values in backticks.
    pub message: String,
    /// The words involved, each with a label; the first is the main one.
    pub labels: Vec<(Span, String)>,
    /// One sentence saying what to do.
    pub help: String,
}

/// What the checks see of one document.
#[derive(Clone, Copy, Debug)]
pub struct DocumentView<'a> {
    /// The whole file text (spans index it).
    pub text: &'a str,
    /// The sentences of the body, sorted: at least every sentence of a line
    /// holding a mention (the evaluator splits only those lines unless it
    /// grounds the document), which is all a check may look at.
    pub sentences: &'a [Span],
    /// The mentions, in text order.
    pub mentions: &'a [Mention],
    /// The document's date, if known (front matter `published`, else the
    /// project's `reference_date`): "the first since 2019" is measured from it.
    pub date: Option<Date>,
    /// Whether that date is the document's own `published` date. Year-less
    /// dates ("Tuesday, January 5") are resolved against it; only then is a
    /// weekday check on them trustworthy.
    pub published: bool,
    /// Hedge widths, for "about 64%".
    pub hedges: HedgeWidths,
}

/// Runs every enabled check on one document.
pub fn run(
    view: &DocumentView<'_>,
    document: usize,
    enabled: impl Fn(BuiltinCheck) -> bool,
) -> Vec<CheckFinding> {
    let mut out = Vec::new();
    if enabled(BuiltinCheck::Weekday) {
        checks::weekday(view, &mut out);
    }
    if enabled(BuiltinCheck::FirstSince) {
        checks::first_since(view, &mut out);
    }
    if enabled(BuiltinCheck::DateRange) {
        checks::date_range(view, &mut out);
    }
    if enabled(BuiltinCheck::Percentage) {
        checks::percentage(view, &mut out);
    }
    for f in &mut out {
        f.document = document;
    }
    out.sort_by_key(|f| f.labels.first().map(|(s, _)| *s));
    out
}

#[cfg(test)]
mod tests;
