//! The errors of a rule file: plain data with spans, and their miette
//! rendering ("delayed source code": each [`RuleError`] holds only spans, the
//! [`RuleFileErrors`] wrapper holds the file).

use std::fmt;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use crate::source::{SourceFile, Span};

/// One problem in a rule file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    /// The most specific span: the offending token.
    pub span: Span,
    /// What is wrong, rustc style: lowercase, no trailing period.
    pub message: String,
    /// A short noun phrase shown on `span`.
    pub label: String,
    /// One sentence saying what to do.
    pub help: Option<String>,
    /// A stable code, e.g. `factlint::rule::unknown_unit`.
    pub code: &'static str,
    /// Other places worth pointing at (the first definition of a duplicate,
    /// the other side of a type mismatch), each with its label.
    pub secondary: Vec<(Span, String)>,
}

impl RuleError {
    /// An error with a message and a label on `span`.
    pub fn new(
        code: &'static str,
        span: Span,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        RuleError {
            span,
            message: message.into(),
            label: label.into(),
            help: None,
            code,
            secondary: Vec::new(),
        }
    }

    /// Adds the help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a secondary label.
    pub fn with_secondary(mut self, span: Span, label: impl Into<String>) -> Self {
        self.secondary.push((span, label.into()));
        self
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RuleError {}

impl Diagnostic for RuleError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = LabeledSpan::new_primary_with_span(Some(self.label.clone()), self.span);
        let secondary = self
            .secondary
            .iter()
            .map(|(span, label)| LabeledSpan::new_with_span(Some(label.clone()), *span));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

/// Every problem found in one rule file, in source order.
///
/// Rendered with miette's graphical handler it looks like this:
///
/// ```text
///   × 1 error in rules/summit.rules
///
/// Error: factlint::rule::unknown_unit
///
///   × unknown unit `kms`
///    ╭─[rules/summit.rules:3:31]
///  2 │ fact range: length near "missile"
///  3 │ assert range ≈ 900 kms
///    ·                    ─┬─
///    ·                     ╰── not a unit
///    ╰────
///   help: did you mean `km`?
/// ```
#[derive(Clone, Debug)]
pub struct RuleFileErrors {
    source: SourceFile,
    errors: Vec<RuleError>,
}

impl RuleFileErrors {
    /// Wraps the errors of `source` (sorted by position).
    pub fn new(source: SourceFile, mut errors: Vec<RuleError>) -> Self {
        errors.sort_by_key(|e| (e.span.start, e.span.end));
        RuleFileErrors { source, errors }
    }

    /// The individual errors, in source order.
    pub fn errors(&self) -> &[RuleError] {
        &self.errors
    }

    /// The rule file.
    pub fn source(&self) -> &SourceFile {
        &self.source
    }
}

impl fmt::Display for RuleFileErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.errors.len();
        let s = if n == 1 { "" } else { "s" };
        write!(f, "{n} error{s} in {}", self.source.name)
    }
}

impl std::error::Error for RuleFileErrors {}

impl Diagnostic for RuleFileErrors {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("factlint::rule::invalid"))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.errors.iter().map(|e| e as &dyn Diagnostic)))
    }
}
