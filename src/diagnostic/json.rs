//! The JSON report (schema in `docs/json.md`).

use serde::Serialize;

use crate::check::model::Statement;
use crate::eval::{Evidence, Outcome, Status, Verdict};
use crate::quantity::Value;
use crate::source::{SourceFile, Span};

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
    /// Every grounding verdict: one per mention of each grounded document.
    pub groundings: Vec<JsonGrounding>,
    /// Counts of grounding verdicts.
    pub grounding_summary: GroundingCounts,
    /// Every built-in check finding.
    pub checks: Vec<JsonCheck>,
}

/// One grounding verdict.
#[derive(Serialize)]
pub struct JsonGrounding {
    /// `FILE:LINE` of the `ground` statement.
    pub rule: String,
    /// The grounded document's path.
    pub document: String,
    /// `grounded`, `contradicted` or `unsupported`.
    pub verdict: crate::grounding::Verdict,
    /// error, warning or note (applies when contradicted).
    pub severity: &'static str,
    /// The mention.
    pub mention: JsonPlainMention,
    /// Its sentence, cut short.
    pub sentence: String,
    /// Sources backing it.
    pub support: Vec<JsonSource>,
    /// Sources stating something else in a closely matching context.
    pub conflict: Vec<JsonSource>,
}

/// Words of a document and where they are: the first keys of a mention
/// and of a label.
#[derive(Serialize)]
pub struct JsonSpan {
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
}

impl JsonSpan {
    fn new(doc: &SourceFile, span: Span) -> JsonSpan {
        let lc = doc.line_col(span.start);
        JsonSpan {
            text: doc.slice(span).to_string(),
            start: span.start,
            end: span.end,
            line: lc.line,
            column: lc.column,
        }
    }
}

/// A mention without a verdict: its words, where they are and the value
/// they state. [`JsonMention`] is this plus a hedge and a verdict.
#[derive(Serialize)]
pub struct JsonPlainMention {
    /// The words and where they are.
    #[serde(flatten)]
    pub at: JsonSpan,
    /// The normalised value (`2026-01-06`, `$273 billion`).
    pub value: String,
    /// The value's kind.
    pub kind: &'static str,
}

impl JsonPlainMention {
    /// The mention of `value` at `span` in `doc`.
    fn new(doc: &SourceFile, span: Span, value: &Value) -> JsonPlainMention {
        JsonPlainMention {
            at: JsonSpan::new(doc, span),
            value: value.to_string(),
            kind: value.kind().name(),
        }
    }
}

/// A source cited for or against a grounded mention.
#[derive(Serialize)]
pub struct JsonSource {
    /// The source document's path.
    pub document: String,
    /// The source's mention.
    pub mention: JsonPlainMention,
    /// Its sentence, cut short.
    pub sentence: String,
    /// Why it was matched.
    pub reason: String,
}

/// Counts of grounding verdicts.
#[derive(Serialize, Default)]
pub struct GroundingCounts {
    /// Grounded.
    pub grounded: usize,
    /// Contradicted.
    pub contradicted: usize,
    /// Unsupported.
    pub unsupported: usize,
}

/// One built-in check finding.
#[derive(Serialize)]
pub struct JsonCheck {
    /// `weekday`, `first_since`, `date_range` or `percentage`.
    pub check: crate::consistency::BuiltinCheck,
    /// The document's path.
    pub document: String,
    /// What is wrong.
    pub message: String,
    /// The words involved, each with its label.
    pub labels: Vec<JsonLabel>,
    /// What to do.
    pub help: String,
}

/// A labelled span.
#[derive(Serialize)]
pub struct JsonLabel {
    /// The words and where they are.
    #[serde(flatten)]
    pub at: JsonSpan,
    /// The label.
    pub label: String,
}

fn grounding(run: &Run<'_>, g: &crate::grounding::Grounding) -> JsonGrounding {
    let doc = &run.documents[g.document];
    let file = &run.rules.files[g.file];
    let st = &file.groundings[g.statement];
    let source = |s: &crate::grounding::SourceMention| {
        let d = &run.documents[s.document];
        JsonSource {
            document: d.name.clone(),
            mention: JsonPlainMention::new(d, s.mention.span, &s.mention.value),
            sentence: s.excerpt.clone(),
            reason: s.reason.clone(),
        }
    };
    JsonGrounding {
        rule: format!(
            "{}:{}",
            file.source.name,
            file.source.line_col(st.span.start).line
        ),
        document: doc.name.clone(),
        verdict: g.verdict,
        severity: g.severity.name(),
        mention: JsonPlainMention::new(doc, g.mention.span, &g.mention.value),
        sentence: g.excerpt.clone(),
        support: g.support.iter().map(source).collect(),
        conflict: g.conflict.iter().map(source).collect(),
    }
}

fn check(run: &Run<'_>, f: &crate::consistency::CheckFinding) -> JsonCheck {
    let doc = &run.documents[f.document];
    JsonCheck {
        check: f.check,
        document: doc.name.clone(),
        message: f.message.clone(),
        labels: f
            .labels
            .iter()
            .map(|(s, l)| JsonLabel {
                at: JsonSpan::new(doc, *s),
                label: l.clone(),
            })
            .collect(),
        help: f.help.clone(),
    }
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

/// A mention in the JSON report: the keys of a [`JsonPlainMention`], then
/// `hedge` and `verdict`.
#[derive(Serialize)]
pub struct JsonMention {
    /// The words, where they are and their value.
    #[serde(flatten)]
    pub mention: JsonPlainMention,
    /// The hedge, if any (`null` when there is none).
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
    JsonMention {
        mention: JsonPlainMention::new(doc, e.span, &e.value),
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
    let mut grounding_summary = GroundingCounts::default();
    for g in run.groundings {
        match g.verdict {
            crate::grounding::Verdict::Grounded => grounding_summary.grounded += 1,
            crate::grounding::Verdict::Contradicted => grounding_summary.contradicted += 1,
            crate::grounding::Verdict::Unsupported => grounding_summary.unsupported += 1,
        }
    }
    JsonReport {
        outcomes,
        summary: Counts::of(run.outcomes),
        documents,
        groundings: run.groundings.iter().map(|g| grounding(run, g)).collect(),
        grounding_summary,
        checks: run.checks.iter().map(|f| check(run, f)).collect(),
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
        fact: o.fact.to_string(),
        document: doc.name.clone(),
        status: o.status,
        severity: o.severity.name(),
        expected: o.expected.to_string(),
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
