//! The stages composed: a document in, its mentions and outcomes out.
//!
//! `main.rs` and the tests drive a run through these few functions, so the
//! command line and the library cannot drift apart.

use jiff::civil::Date;

use crate::config::Config;
use crate::document::Document;
use crate::eval::{DocumentResult, Evaluator};
use crate::extract::{extract, ExtractOptions, Mention};

/// The date a document's relative dates resolve against: its `published`
/// date, else the project's `reference_date`.
pub fn reference_date(doc: &Document, config: &Config) -> Option<Date> {
    doc.meta.published.or(config.reference_date)
}

/// Every mention in a document's body, with spans into the whole file.
pub fn mentions(doc: &Document, config: &Config) -> Vec<Mention> {
    let options = ExtractOptions {
        reference_date: reference_date(doc, config),
    };
    let mut found = extract(doc.body_text(), &options);
    for m in &mut found {
        m.span = m.span.shift(doc.body.start);
    }
    found
}

/// Extracts and evaluates one document.
pub fn check_document(
    evaluator: &Evaluator<'_>,
    config: &Config,
    index: usize,
    doc: &Document,
) -> (Vec<Mention>, DocumentResult) {
    let found = mentions(doc, config);
    let result = evaluator.evaluate_document(index, doc, &found);
    (found, result)
}
