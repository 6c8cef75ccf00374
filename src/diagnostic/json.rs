//! The JSON report (schema in `docs/json.md`).

use serde::Serialize;

use crate::check::model::Statement;
use crate::eval::{Evidence, Outcome, Status, Verdict};
use crate::source::SourceFile;

use super::summary::Counts;
use super::Run;

/// The whole JSON report.
#[derive(Serialize)]
pub struct JsonReport {
    /// Every (statement, document) outcome.
    pub outcomes: Vec<JsonOutcome>,
    /// Counts per status.
    pub summary: Counts,
    /// Per document: its path and counts.
    pub documents: Vec<JsonDocument>,
}

/// One outcome.
#[derive(Serialize)]
pub struct JsonOutcome {
    /// `rules/file.rules:LINE`.
    pub rule: String,
    /// `assert` or `agree`.
    pub statement: &'static str,
    /// The fact.
    pub fact: String,
    /// The document's path.
    pub document: String,
    /// The verdict.
    pub status: Status,
    /// error, warning or note.
    pub severity: &'static str,
    /// What the rule expects (for agreements: the majority value).
    pub expected: String,
    /// The rule's message, if any.
    pub message: Option<String>,
    /// The mentions that decided it.
    pub found: Vec<JsonMention>,
    /// Why, where not obvious.
    pub note: Option<String>,
    /// For agreements: the documents on the other side.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disagrees_with: Vec<JsonOther>,
}

/// A mention in the JSON report.
#[derive(Serialize)]
pub struct JsonMention {
    /// The words.
    pub text: String,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
    /// The normalised value (`2026-01-06`, `$273 billion`).
    pub value: String,
    /// The value's kind.
    pub kind: &'static str,
    /// The hedge, if any.
    pub hedge: Option<&'static str>,
    /// How the value fares: supports, contradicts, undecided.
    pub verdict: Verdict,
}

/// Another document in an agreement.
#[derive(Serialize)]
pub struct JsonOther {
    /// Its path.
    pub document: String,
    /// The value it states.
    pub value: String,
    /// Its mentions.
    pub found: Vec<JsonMention>,
}

/// A document's counts.
#[derive(Serialize)]
pub struct JsonDocument {
    /// Its path.
    pub path: String,
    /// Counts per status.
    #[serde(flatten)]
    pub counts: Counts,
}

fn mention(doc: &SourceFile, e: &Evidence, verdict: Verdict) -> JsonMention {
    let lc = doc.line_col(e.span.start);
    JsonMention {
        text: doc.slice(e.span).to_string(),
        start: e.span.start,
        end: e.span.end,
        line: lc.line,
        column: lc.column,
        value: e.value.to_string(),
        kind: e.value.kind().name(),
        hedge: e.hedge.map(|h| h.name()),
        verdict,
    }
}

/// Builds the JSON report of a run.
pub fn report(run: &Run<'_>) -> JsonReport {
    let outcomes = run.outcomes.iter().map(|o| outcome(run, o)).collect();
    let documents = run
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| JsonDocument {
            path: d.name.clone(),
            counts: Counts::of(run.outcomes.iter().filter(|o| o.document == i)),
        })
        .collect();
    JsonReport {
        outcomes,
        summary: Counts::of(run.outcomes),
        documents,
    }
}

/// One outcome as JSON.
pub fn outcome(run: &Run<'_>, o: &Outcome) -> JsonOutcome {
    let doc = &run.documents[o.document];
    let st = run.statement(o);
    let (statement, message) = match st {
        Statement::Assert(a) => ("assert", a.message.as_ref().map(|m| m.text.clone())),
        Statement::Agree(a) => ("agree", a.message.as_ref().map(|m| m.text.clone())),
    };
    JsonOutcome {
        rule: run.rule_location(o),
        statement,
        fact: o.fact.clone(),
        document: doc.name.clone(),
        status: o.status,
        severity: o.severity.name(),
        expected: o.expected.clone(),
        message,
        found: o
            .candidates
            .iter()
            .flat_map(|c| c.evidence.iter().map(move |e| (e, c.verdict)))
            .map(|(e, v)| mention(doc, e, v))
            .collect(),
        note: o.note.clone(),
        disagrees_with: o
            .others
            .iter()
            .map(|other| {
                let od = &run.documents[other.document];
                JsonOther {
                    document: od.name.clone(),
                    value: other.value.clone(),
                    found: other
                        .evidence
                        .iter()
                        .map(|e| mention(od, e, Verdict::Supports))
                        .collect(),
                }
            })
            .collect(),
    }
}
