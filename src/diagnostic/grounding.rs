//! Grounding verdicts as text: a listing of every mention of each grounded
//! document with its verdict and the source sentences behind it, and
//! miette diagnostics for contradicted mentions.

use std::fmt::Write as _;

use crate::grounding::{Grounding, SourceMention, Verdict};
use crate::source::SourceFile;

/// Per grounded document: each mention, its verdict, the sources quoted.
pub fn listing(documents: &[SourceFile], groundings: &[Grounding]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < groundings.len() {
        let first = &groundings[i];
        let block: Vec<&Grounding> = groundings[i..]
            .iter()
            .take_while(|g| {
                g.document == first.document
                    && g.file == first.file
                    && g.statement == first.statement
            })
            .collect();
        i += block.len();
        let doc = &documents[first.document];
        let _ = writeln!(out, "grounding {}", doc.name);
        for g in &block {
            let lc = doc.line_col(g.mention.span.start);
            let _ = writeln!(
                out,
                "  {:<8} {:<12} `{}` ({})",
                format!("{}:{}", lc.line, lc.column),
                g.verdict.name(),
                one_line(doc.slice(g.mention.span)),
                g.mention.value
            );
            for s in &g.support {
                cite(&mut out, documents, s, '+');
            }
            for s in &g.conflict {
                cite(&mut out, documents, s, '-');
            }
        }
        let count = |v: Verdict| block.iter().filter(|g| g.verdict == v).count();
        let _ = writeln!(
            out,
            "  {} grounded, {} contradicted, {} unsupported\n",
            count(Verdict::Grounded),
            count(Verdict::Contradicted),
            count(Verdict::Unsupported)
        );
    }
    out
}

fn cite(out: &mut String, documents: &[SourceFile], s: &SourceMention, sign: char) {
    let src = &documents[s.document];
    let lc = src.line_col(s.mention.span.start);
    let _ = writeln!(
        out,
        "             {sign} {}:{}:{} `{}` ({}): {}",
        src.name,
        lc.line,
        lc.column,
        one_line(src.slice(s.mention.span)),
        s.mention.value,
        s.reason
    );
    let _ = writeln!(out, "               \"{}\"", s.excerpt);
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A contradicted mention as a diagnostic: the summary's words labelled,
/// each conflicting source sentence as a related report.
#[derive(Debug)]
pub struct GroundingFinding {
    message: String,
    severity: crate::check::model::Severity,
    document: crate::source::Prose,
    label: (crate::source::Span, String),
    help: String,
    related: Vec<SourceReport>,
}

#[derive(Debug)]
struct SourceReport {
    message: String,
    source: crate::source::Prose,
    label: (crate::source::Span, String),
}

impl GroundingFinding {
    /// Builds the diagnostic for a verdict (meant for contradicted ones;
    /// others render too, with their supporting sources).
    pub fn new(
        rules: &crate::check::model::RuleSet,
        documents: &[SourceFile],
        g: &Grounding,
    ) -> GroundingFinding {
        let doc = &documents[g.document];
        let words = one_line(doc.slice(g.mention.span));
        let message = match g.verdict {
            Verdict::Contradicted => {
                let n = g.conflict.len();
                let s = if n == 1 { "source says" } else { "sources say" };
                format!("`{words}` is not grounded: {n} {s} otherwise")
            }
            Verdict::Unsupported => format!("`{words}` is not supported by any source"),
            Verdict::Grounded => format!("`{words}` is grounded in the sources"),
        };
        let file = &rules.files[g.file];
        let rule = &file.groundings[g.statement];
        let at = file.source.line_col(rule.span.start).line;
        let help = format!(
            "check `{words}` against the source sentences below (grounded by the rule at {}:{at})",
            file.source.name
        );
        let related = g
            .conflict
            .iter()
            .map(|s| (s, "says otherwise"))
            .chain(g.support.iter().map(|s| (s, "backs it")))
            .map(|(s, how)| {
                let src = &documents[s.document];
                SourceReport {
                    message: format!("`{}` {how}: {}", src.name, s.reason),
                    source: crate::source::Prose(src.clone()),
                    label: (s.mention.span, format!("says {}", s.mention.value)),
                }
            })
            .collect();
        GroundingFinding {
            message,
            severity: g.severity,
            document: crate::source::Prose(doc.clone()),
            label: (g.mention.span, format!("says {}", g.mention.value)),
            help,
            related,
        }
    }

    /// "error", "warning" or "note".
    pub fn severity_name(&self) -> &'static str {
        self.severity.name()
    }

    /// The headline.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for GroundingFinding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for GroundingFinding {}

impl miette::Diagnostic for GroundingFinding {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new("factlint::grounding::contradicted"))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(super::finding::miette_severity(self.severity))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(&self.help))
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.document)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_primary_with_span(Some(self.label.1.clone()), self.label.0),
        )))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        Some(Box::new(
            self.related.iter().map(|r| r as &dyn miette::Diagnostic),
        ))
    }
}

impl std::fmt::Display for SourceReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SourceReport {}

impl miette::Diagnostic for SourceReport {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_with_span(Some(self.label.1.clone()), self.label.0),
        )))
    }
}
