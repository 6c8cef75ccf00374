//! A finding as a miette diagnostic: the article's words and the rule's
//! expectation, two sources in one report.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use crate::check::model::{Comparison, Severity, Statement};
use crate::eval::{Outcome, Status, Verdict};
use crate::source::{Prose, SourceFile, Span};

use super::Run;

/// How many mentions of one value a diagnostic labels.
const MAX_LABELS_PER_VALUE: usize = 3;

/// One contradicted, disagreeing or ambiguous outcome, ready to render.
#[derive(Debug)]
pub struct Finding {
    /// The headline.
    pub message: String,
    code: &'static str,
    severity: Severity,
    document: Prose,
    labels: Vec<(Span, String)>,
    help: Option<String>,
    related: Vec<Related>,
}

/// A secondary source: the rule, or another document.
#[derive(Debug)]
struct Related {
    message: String,
    source: Shown,
    labels: Vec<(Span, String)>,
}

/// How a related source is shown: a rule file with context lines, an
/// article as prose.
#[derive(Debug)]
enum Shown {
    Rule(SourceFile),
    Prose(Prose),
}

impl Finding {
    /// Builds the diagnostic for an outcome.
    pub fn new(run: &Run<'_>, o: &Outcome) -> Finding {
        let st = run.statement(o);
        let file = &run.rules.files[o.rule.file];
        let document = Prose(run.documents[o.document].clone());
        let is_agree = matches!(st, Statement::Agree(_));
        // A contradiction is about the values that contradict; undecided ones
        // ("2026" beside "January 6") would only blur it.
        let shown: Vec<&crate::eval::Candidate> = o
            .candidates
            .iter()
            .filter(|c| o.status != Status::Contradicted || c.verdict == Verdict::Contradicts)
            .collect();
        let values: Vec<String> = shown.iter().map(|c| format!("`{}`", c.value)).collect();
        let message = match (o.status, is_agree) {
            (Status::Ambiguous, _) => format!(
                "`{}` has conflicting values in this document: {}",
                o.fact,
                values.join(", ")
            ),
            (_, false) => format!(
                "`{}` is {} here, but the rule expects {}",
                o.fact,
                values.join(" and "),
                o.expected
            ),
            (_, true) => {
                let n = o.others.len();
                let docs = if n == 1 {
                    "1 other document says".to_string()
                } else {
                    format!("{n} other documents say")
                };
                format!(
                    "`{}` is {} here, but {docs} `{}`",
                    o.fact,
                    values.join(" and "),
                    o.expected
                )
            }
        };
        let code = match (o.status, is_agree) {
            (Status::Ambiguous, _) => "factlint::ambiguous",
            (_, false) => "factlint::contradicted",
            (_, true) => "factlint::disagreement",
        };
        let mut labels: Vec<(Span, String)> = Vec::new();
        let mut hidden: Vec<String> = Vec::new();
        for c in &shown {
            let what = match (o.status, c.verdict) {
                (Status::Ambiguous, Verdict::Supports) => {
                    format!("says {} (fits the rule)", c.value)
                }
                (Status::Ambiguous, Verdict::Contradicts) => {
                    format!("says {} (contradicts the rule)", c.value)
                }
                _ => format!("says {}", c.value),
            };
            // A value repeated a thousand times needs a few labels, not a thousand.
            let shown = c.evidence.len().min(MAX_LABELS_PER_VALUE);
            if c.evidence.len() > shown {
                hidden.push(format!(
                    "{} more mentions of `{}` are not shown",
                    c.evidence.len() - shown,
                    c.value
                ));
            }
            for e in &c.evidence[..shown] {
                if !labels.iter().any(|(s, _)| *s == e.span) {
                    let what = if *e.fact == *o.fact {
                        what.clone()
                    } else {
                        format!("`{}` is {}", e.fact, e.value)
                    };
                    labels.push((e.span, what));
                }
            }
        }
        labels.sort_by_key(|(s, _)| *s);
        let dropped = keep_near(&mut labels, &run.documents[o.document]);
        if dropped > 0 {
            hidden.push(format!(
                "{dropped} more mentions far along the same line are not shown"
            ));
        }
        let (severity, message_text, rule_label) = match st {
            Statement::Assert(a) => {
                let (span, what) = match &a.comparison {
                    Comparison::Compare { rhs, op_span, .. } => {
                        (op_span.join(rhs.span), format!("expects {}", o.expected))
                    }
                    Comparison::Within { span, .. } => (*span, format!("expects {}", o.expected)),
                };
                (
                    a.severity,
                    a.message.as_ref().map(|m| m.text.clone()),
                    (span, what),
                )
            }
            Statement::Agree(a) => (
                a.severity,
                a.message.as_ref().map(|m| m.text.clone()),
                (a.fact_span, "must agree across documents".to_string()),
            ),
        };
        let mut related = vec![Related {
            message: format!("the rule at {}", run.rule_location(o)),
            source: Shown::Rule(file.source.clone()),
            labels: vec![rule_label],
        }];
        for other in &o.others {
            let src = run.documents[other.document].clone();
            let mut ls: Vec<(Span, String)> = Vec::new();
            for e in other.evidence.iter().take(MAX_LABELS_PER_VALUE) {
                if !ls.iter().any(|(s, _)| *s == e.span) {
                    ls.push((e.span, format!("says {}", e.value)));
                }
            }
            keep_near(&mut ls, &src);
            related.push(Related {
                message: format!("`{}` says {}", src.name, other.value),
                source: Shown::Prose(Prose(src)),
                labels: ls,
            });
        }
        let notes: Vec<String> = o.note.iter().cloned().chain(hidden).collect();
        let help = match (message_text, notes.is_empty()) {
            (Some(m), true) => Some(m),
            (Some(m), false) => Some(format!("{m} ({})", notes.join("; "))),
            (None, false) => Some(notes.join("; ")),
            (None, true) => None,
        };
        Finding {
            message,
            code,
            severity,
            document,
            labels,
            help,
            related,
        }
    }

    /// "error", "warning" or "note".
    pub fn severity_name(&self) -> &'static str {
        self.severity.name()
    }
}

/// Labels on one line must stay close together: miette draws every label of
/// a line under one excerpt, and a 10 MB line would make that excerpt 10 MB.
/// Keeps labels on their own line, or within a screenful of a kept label on
/// the same line; returns how many were dropped.
fn keep_near(labels: &mut Vec<(Span, String)>, file: &SourceFile) -> usize {
    const NEAR: usize = 240;
    let before = labels.len();
    let mut kept: Vec<(Span, String)> = Vec::new();
    for (span, text) in labels.drain(..) {
        let line = file.line_span(span.start);
        let ok = kept.iter().all(|(k, _)| {
            file.line_span(k.start) != line || span.start.saturating_sub(k.end) <= NEAR
        });
        if ok {
            kept.push((span, text));
        }
    }
    *labels = kept;
    before - labels.len()
}

pub(super) fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Note => miette::Severity::Advice,
    }
}

fn labeled(labels: &[(Span, String)]) -> Box<dyn Iterator<Item = LabeledSpan> + '_> {
    Box::new(
        labels
            .iter()
            .map(|(s, l)| LabeledSpan::new_with_span(Some(l.clone()), *s)),
    )
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Finding {}

impl Diagnostic for Finding {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette_severity(self.severity))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.document)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(labeled(&self.labels))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}

impl fmt::Display for Related {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Related {}

impl Diagnostic for Related {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(match &self.source {
            Shown::Rule(f) => f,
            Shown::Prose(p) => p,
        })
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(labeled(&self.labels))
    }
}
