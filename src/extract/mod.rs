//! Text → mentions: every typed value in an article, with its byte span.
//!
//! Architecture invariant: the extractor never sees rules. It finds every
//! number, ordinal, percentage, money amount, quantity, duration and date in
//! the text, whether or not any rule will ask about it.

use jiff::civil::Date;
use serde::Serialize;

use crate::quantity::{Hedge, Value};
use crate::source::Span;

/// A typed value found in a text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mention {
    /// The words, hedge included ("about $273 billion").
    pub span: Span,
    /// The value as stated.
    pub value: Value,
    /// The hedge word that widens it, if any.
    pub hedge: Option<Hedge>,
}

/// What the extractor needs to know beyond the text.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExtractOptions {
    /// The date relative expressions resolve against ("January 6" with no
    /// year, "Tuesday", "last year"); without one they are skipped.
    pub reference_date: Option<Date>,
}

/// Every mention in `text`, in order of position, not overlapping.
pub fn extract(text: &str, options: &ExtractOptions) -> Vec<Mention> {
    let _ = (text, options);
    Vec::new()
}
