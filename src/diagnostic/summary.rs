//! The closing summary: counts per outcome, overall and per document.

use std::fmt::Write as _;

use serde::Serialize;

use crate::eval::{Outcome, Status};

/// Counts of outcomes by status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Supported.
    pub supported: usize,
    /// Contradicted (agreement dissents included).
    pub contradicted: usize,
    /// Not stated.
    pub not_stated: usize,
    /// Ambiguous.
    pub ambiguous: usize,
}

impl Counts {
    /// Counts the outcomes.
    pub fn of<'a>(outcomes: impl IntoIterator<Item = &'a Outcome>) -> Counts {
        let mut c = Counts::default();
        for o in outcomes {
            c.add(o.status);
        }
        c
    }

    /// Adds one outcome.
    pub fn add(&mut self, s: Status) {
        match s {
            Status::Supported => self.supported += 1,
            Status::Contradicted => self.contradicted += 1,
            Status::NotStated => self.not_stated += 1,
            Status::Ambiguous => self.ambiguous += 1,
        }
    }
}

/// The summary table: one row per document, then the total.
pub fn render(documents: &[String], outcomes: &[Outcome]) -> String {
    let rows: Vec<(&str, Counts)> = documents
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let c = Counts::of(outcomes.iter().filter(|o| o.document == i));
            (d.as_str(), c)
        })
        .collect();
    render_rows(&rows, Counts::of(outcomes))
}

/// The summary table from counts already made: what a streaming run keeps
/// of each document once its outcomes are written.
pub fn render_rows(rows: &[(&str, Counts)], total: Counts) -> String {
    let width = rows
        .iter()
        .map(|(d, _)| d.chars().count())
        .max()
        .unwrap_or(8)
        .max(8);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<width$}  {:>9}  {:>12}  {:>10}  {:>9}",
        "document", "supported", "contradicted", "not stated", "ambiguous"
    );
    for (d, c) in rows {
        let _ = writeln!(
            out,
            "{d:<width$}  {:>9}  {:>12}  {:>10}  {:>9}",
            c.supported, c.contradicted, c.not_stated, c.ambiguous
        );
    }
    let c = total;
    let _ = writeln!(
        out,
        "{:<width$}  {:>9}  {:>12}  {:>10}  {:>9}",
        "total", c.supported, c.contradicted, c.not_stated, c.ambiguous
    );
    out
}

/// Grounding and built-in check counts, after the table (empty when there
/// is neither).
pub fn render_reasoning(
    groundings: &[crate::grounding::Grounding],
    checks: &[crate::consistency::CheckFinding],
) -> String {
    use crate::grounding::Verdict;
    let mut out = String::new();
    if !groundings.is_empty() {
        let count = |v: Verdict| groundings.iter().filter(|g| g.verdict == v).count();
        let mut docs: Vec<usize> = groundings.iter().map(|g| g.document).collect();
        docs.dedup();
        let _ = writeln!(
            out,
            "grounding: {} grounded, {} contradicted, {} unsupported mentions in {} document{}",
            count(Verdict::Grounded),
            count(Verdict::Contradicted),
            count(Verdict::Unsupported),
            docs.len(),
            if docs.len() == 1 { "" } else { "s" }
        );
    }
    if !checks.is_empty() {
        let n = checks.len();
        let _ = writeln!(
            out,
            "built-in checks: {n} finding{}",
            if n == 1 { "" } else { "s" }
        );
    }
    out
}
