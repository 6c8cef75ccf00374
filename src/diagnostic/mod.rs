//! Rendering: the one place that turns outcomes into text.
//!
//! Three formats share one view of a run ([`Run`]):
//! - `graphical`: miette diagnostics, the article's words and the rule's
//!   expectation in one report, then a summary;
//! - `json`: every outcome with spans, lines and columns (see `docs/json.md`);
//! - `short`: `path:line:col: severity: message`, one finding a line, for
//!   editors' quickfix lists.
//!
//! Architecture invariant: nothing else in the crate formats a report, and
//! nothing here decides an outcome.

pub mod checks;
pub mod explain;
pub mod facts;
mod finding;
pub mod grounding;
pub mod json;
pub mod summary;

use std::fmt::Write as _;

use miette::{GraphicalReportHandler, GraphicalTheme};

use crate::check::model::{RuleSet, Statement};
use crate::eval::{Outcome, Status};
use crate::source::SourceFile;

pub use finding::Finding;

/// How to render graphical reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Unicode with ANSI colours (a terminal).
    Color,
    /// Unicode, no colours (pipes, `NO_COLOR`, snapshots).
    Plain,
}

/// A whole run, as the renderers see it.
pub struct Run<'a> {
    /// The rules.
    pub rules: &'a RuleSet,
    /// The documents, by index.
    pub documents: &'a [SourceFile],
    /// Every outcome: assertions per document, then agreements.
    pub outcomes: &'a [Outcome],
    /// Every grounding verdict (`ground` statements).
    pub groundings: &'a [crate::grounding::Grounding],
    /// Every built-in check finding.
    pub checks: &'a [crate::consistency::CheckFinding],
}

impl Run<'_> {
    /// The statement an outcome belongs to.
    pub fn statement(&self, o: &Outcome) -> &Statement {
        &self.rules.files[o.rule.file].statements[o.rule.statement]
    }

    /// `rules/x.rules:12`.
    pub fn rule_location(&self, o: &Outcome) -> String {
        let file = &self.rules.files[o.rule.file];
        let span = statement_span(self.statement(o));
        format!(
            "{}:{}",
            file.source.name,
            file.source.line_col(span.start).line
        )
    }
}

/// The span of a statement.
pub fn statement_span(s: &Statement) -> crate::source::Span {
    match s {
        Statement::Assert(a) => a.span,
        Statement::Agree(a) => a.span,
    }
}

/// Whether an outcome is worth a diagnostic (not just a summary count).
pub fn is_finding(o: &Outcome) -> bool {
    matches!(o.status, Status::Contradicted | Status::Ambiguous)
}

/// A miette handler for the style, at a fixed width so output is stable.
pub fn handler(style: Style) -> GraphicalReportHandler {
    let theme = match style {
        Style::Color => GraphicalTheme::unicode(),
        Style::Plain => GraphicalTheme::unicode_nocolor(),
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false)
}

/// Renders any diagnostic with the handler.
pub fn render_diagnostic(handler: &GraphicalReportHandler, d: &dyn miette::Diagnostic) -> String {
    let mut out = String::new();
    if handler.render_report(&mut out, d).is_err() {
        // Rendering into a String cannot fail short of a bug in miette;
        // fall back to the message rather than lose the finding.
        let _ = writeln!(out, "{d}");
    }
    out
}

/// The graphical report of the given outcomes (findings only), then the
/// run's built-in check findings and contradicted groundings, then the
/// grounding listing.
pub fn graphical(run: &Run<'_>, outcomes: &[Outcome], style: Style) -> String {
    let handler = handler(style);
    let mut out = String::new();
    for o in outcomes.iter().filter(|o| is_finding(o)) {
        out.push_str(&render_diagnostic(&handler, &Finding::new(run, o)));
        out.push('\n');
    }
    for f in run.checks {
        let d = checks::CheckDiagnostic::new(run.documents, f);
        out.push_str(&render_diagnostic(&handler, &d));
        out.push('\n');
    }
    for g in run.groundings.iter().filter(|g| is_grounding_finding(g)) {
        let d = grounding::GroundingFinding::new(run.rules, run.documents, g);
        out.push_str(&render_diagnostic(&handler, &d));
        out.push('\n');
    }
    out.push_str(&grounding::listing(run.documents, run.groundings));
    out
}

/// Whether a grounding verdict is worth a diagnostic: a contradiction.
/// Unsupported and grounded mentions appear in the listing only.
pub fn is_grounding_finding(g: &crate::grounding::Grounding) -> bool {
    g.verdict == crate::grounding::Verdict::Contradicted
}

/// The `short` format: `path:line:col: severity: message` per finding.
pub fn short(run: &Run<'_>, outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    for o in outcomes.iter().filter(|o| is_finding(o)) {
        let f = Finding::new(run, o);
        let at = o
            .candidates
            .iter()
            .flat_map(|c| c.evidence.first())
            .map(|e| e.span.start)
            .next()
            .unwrap_or(0);
        short_line(
            &mut out,
            &run.documents[o.document],
            at,
            f.severity_name(),
            &f.message,
        );
    }
    for f in run.checks {
        let at = f.labels.first().map_or(0, |(s, _)| s.start);
        let message = format!("{} [{}]", f.message, f.check);
        short_line(&mut out, &run.documents[f.document], at, "error", &message);
    }
    for g in run.groundings.iter().filter(|g| is_grounding_finding(g)) {
        let d = grounding::GroundingFinding::new(run.rules, run.documents, g);
        let doc = &run.documents[g.document];
        short_line(
            &mut out,
            doc,
            g.mention.span.start,
            d.severity_name(),
            d.message(),
        );
    }
    out
}

/// One line of the `short` format, for the finding at byte `at` of `doc`.
fn short_line(out: &mut String, doc: &SourceFile, at: usize, severity: &str, message: &str) {
    let lc = doc.line_col(at);
    let _ = writeln!(
        out,
        "{}:{}:{}: {severity}: {message}",
        doc.name, lc.line, lc.column
    );
}

/// Whether grounding or the built-in checks make the run fail (exit 1): a
/// contradicted mention under an error-severity `ground`, or any built-in
/// check finding. Unsupported mentions never do.
pub fn reasoning_failed(
    groundings: &[crate::grounding::Grounding],
    checks: &[crate::consistency::CheckFinding],
) -> bool {
    !checks.is_empty()
        || groundings.iter().any(|g| {
            g.verdict == crate::grounding::Verdict::Contradicted
                && g.severity == crate::check::model::Severity::Error
        })
}
