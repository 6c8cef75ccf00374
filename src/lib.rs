//! factlint: a declarative, rules-based fact checker for news text.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! ```text
//! source ─► document ─► extract (mentions) ─┐
//! rules ──► dsl (AST) ─► check (RuleSet) ───┴─► eval (outcomes) ─► diagnostic (reports)
//! ```
//!
//! See `ARCHITECTURE.md` for the invariants each stage keeps.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod check;
pub mod config;
pub mod consistency;
pub mod diagnostic;
pub mod document;
pub mod dsl;
pub mod eval;
pub mod excerpt;
pub mod extract;
pub mod grounding;
pub mod load;
pub mod pipeline;
pub mod quantity;
pub mod source;
pub mod stream;
