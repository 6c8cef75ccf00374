//! Rule files → syntax tree with spans (nom). Parsing never fails: it returns
//! the tree it could build and every error it met.
//!
//! Two stages, both written with nom: the [`lexer`] turns text into tokens
//! (over `&str`), the [`parser`] turns each statement's tokens into an
//! [`ast::Item`] (over token slices). The grammar is in the [`parser`] docs
//! and in `docs/language.md`.

pub mod ast;
pub mod lexer;
pub mod parser;
pub mod words;

pub use parser::{parse, SyntaxError, SyntaxErrorKind};
