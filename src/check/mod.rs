//! Syntax tree → checked [`model::RuleSet`]: names, kinds, units, currencies
//! and literals resolved, every problem reported with its span.

pub mod model;
