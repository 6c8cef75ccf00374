//! Syntax tree → checked [`model::RuleFile`]: names, kinds, units, currencies
//! and literals resolved, every problem reported with its span.
//!
//! [`check_rule_file`] is the one entry point: it parses (`dsl`), checks, and
//! returns either a well-typed [`model::RuleFile`] or every error of the file
//! as one [`RuleFileErrors`] diagnostic.
//!
//! Architecture invariant: checking never stops at the first error, and never
//! reports an error caused by another (an expression over a fact whose kind
//! is unknown is not type-checked again).

mod checker;
mod error;
pub mod model;
pub mod types;

pub use checker::{codes, suggest};
pub use error::{RuleError, RuleFileErrors};

use crate::source::SourceFile;

/// Parses and checks one rule file.
///
/// Returns the checked rules, or every syntax and type error of the file
/// (syntax errors do not hide type errors in the statements that parsed).
pub fn check_rule_file(source: SourceFile) -> Result<model::RuleFile, RuleFileErrors> {
    let (ast, syntax_errors) = crate::dsl::parse(&source.text);
    let mut errors: Vec<RuleError> = syntax_errors.iter().map(checker::syntax_error).collect();
    let (file, check_errors) = checker::Checker::new(&source).check(&ast);
    errors.extend(check_errors);
    if errors.is_empty() {
        Ok(file)
    } else {
        Err(RuleFileErrors::new(source, errors))
    }
}

#[cfg(test)]
mod tests;
