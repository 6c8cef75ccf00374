//! Built-in check findings as miette diagnostics.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use crate::consistency::{BuiltinCheck, CheckFinding};
use crate::source::{Prose, SourceFile, Span};

/// One built-in check's finding, ready to render.
#[derive(Debug)]
pub struct CheckDiagnostic {
    check: BuiltinCheck,
    message: String,
    document: Prose,
    labels: Vec<(Span, String)>,
    help: String,
}

impl CheckDiagnostic {
    /// Wraps a finding with its document.
    pub fn new(documents: &[SourceFile], f: &CheckFinding) -> CheckDiagnostic {
        CheckDiagnostic {
            check: f.check,
            message: f.message.clone(),
            document: Prose(documents[f.document].clone()),
            labels: f.labels.clone(),
            help: format!(
                "{} (switch this check off with `[checks] {} = false` in factlint.toml, or `disable {}` in a rule file)",
                f.help,
                f.check.name(),
                f.check.name()
            ),
        }
    }

    /// The diagnostic code: `factlint::check::weekday`, ….
    pub fn code_name(check: BuiltinCheck) -> &'static str {
        match check {
            BuiltinCheck::Weekday => "factlint::check::weekday",
            BuiltinCheck::FirstSince => "factlint::check::first_since",
            BuiltinCheck::DateRange => "factlint::check::date_range",
            BuiltinCheck::Percentage => "factlint::check::percentage",
        }
    }
}

impl fmt::Display for CheckDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CheckDiagnostic {}

impl Diagnostic for CheckDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(Self::code_name(self.check)))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Error)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.help))
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.document)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().enumerate().map(
            |(i, (s, l))| {
                if i == 0 {
                    LabeledSpan::new_primary_with_span(Some(l.clone()), *s)
                } else {
                    LabeledSpan::new_with_span(Some(l.clone()), *s)
                }
            },
        )))
    }
}
