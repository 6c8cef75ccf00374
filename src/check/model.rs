//! The checked rule model: what a rule file means once names, kinds, units
//! and literals have been resolved. The evaluator (`eval`) consumes only this;
//! it never sees the syntax tree.
//!
//! Architecture invariant: a `RuleSet` is well-typed. Every fact reference
//! points at a fact of the same file, every comparison is between values of
//! one kind and scale, every literal is a valid [`Value`].

pub use crate::consistency::BuiltinCheck;
use crate::quantity::{Currency, Dimension, Kind, Value};
use crate::source::{SourceFile, Span};

/// Every checked rule file of a run.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    /// The files, in the order they were given (folders: sorted by path).
    pub files: Vec<RuleFile>,
}

/// One checked rule file.
#[derive(Clone, Debug)]
pub struct RuleFile {
    /// The file's text, for diagnostics.
    pub source: SourceFile,
    /// Glob patterns of the documents this file applies to; empty means all.
    pub scope: Vec<ScopePattern>,
    /// The facts, in file order; [`FactId`]s index this.
    pub facts: Vec<Fact>,
    /// Assertions and agreements, in file order.
    pub statements: Vec<Statement>,
    /// `ground` statements, in file order.
    pub groundings: Vec<Grounding>,
    /// `trust` statements, in file order (the last one matching a document wins).
    pub trust: Vec<TrustRule>,
    /// Built-in checks this file switches off for the documents in its scope.
    pub disabled: Vec<(BuiltinCheck, Span)>,
}

/// `ground ["glob" …] [in "glob" …] [as SEVERITY]`.
#[derive(Clone, Debug)]
pub struct Grounding {
    /// The whole statement.
    pub span: Span,
    /// The documents grounded; empty: those with `ai_generated = true`.
    pub targets: Vec<ScopePattern>,
    /// The documents they are grounded in; empty: every document that is not a target.
    pub sources: Vec<ScopePattern>,
    /// How serious a contradicted mention is.
    pub severity: Severity,
}

/// `trust "glob" = N`: the weight of matching documents in `agree`.
#[derive(Clone, Debug)]
pub struct TrustRule {
    /// The whole statement.
    pub span: Span,
    /// The documents it applies to.
    pub patterns: Vec<ScopePattern>,
    /// Their weight (zero or more).
    pub weight: f64,
}

/// A `scope "corpus/*.txt"` pattern.
#[derive(Clone, Debug)]
pub struct ScopePattern {
    /// The glob, matched against the document's path as given.
    pub glob: String,
    /// Where it is written.
    pub span: Span,
}

/// Index of a fact in its [`RuleFile::facts`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FactId(pub usize);

/// A named fact and how to find it in an article.
#[derive(Clone, Debug)]
pub struct Fact {
    /// The name, e.g. `summit_date`.
    pub name: String,
    /// The name's span in the rule file.
    pub name_span: Span,
    /// The whole definition's span.
    pub span: Span,
    /// The type of value it holds.
    pub ty: Type,
    /// Whether it is a count: a number bound to the noun it quantifies.
    pub is_count: bool,
    /// How its value is found.
    pub source: FactSource,
}

/// Where a fact's value comes from.
#[derive(Clone, Debug)]
pub enum FactSource {
    /// Mentions in the article that the binder accepts.
    Binder(Binder),
    /// Computed from other facts and literals (`fact gap = 2026 - last_visit`).
    Derived(Expr),
}

/// The context a mention must appear in to bind to a fact.
///
/// A mention binds when it has the fact's kind (and dimension, if given), its
/// sentence (or word window) contains a keyword of every `all_of` group,
/// contains none of `without`, the number is directly followed by one of
/// `count_of` (counts only), and it matches `pattern` if one is given.
#[derive(Clone, Debug, Default)]
pub struct Binder {
    /// Keyword groups; every group must match, any keyword of a group will do.
    pub all_of: Vec<Vec<Keyword>>,
    /// Keywords that exclude a sentence.
    pub without: Vec<Keyword>,
    /// For counts: the nouns a number may quantify.
    pub count_of: Vec<Keyword>,
    /// A typed-capture pattern, e.g. `"arrived in {place} on {date}"`.
    pub pattern: Option<Pattern>,
    /// How far from the mention keywords may be.
    pub window: Window,
}

/// A keyword or phrase, matched case-insensitively on word boundaries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keyword {
    /// The phrase as written in the rule.
    pub text: String,
    /// Its span in the rule file (the string literal).
    pub span: Span,
}

/// How far from the mention a keyword may be.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Window {
    /// Anywhere in the same sentence.
    #[default]
    Sentence,
    /// Within this many words on either side.
    Words(usize),
}

/// A typed-capture pattern: literal words around exactly one capture.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// The parts in order; exactly one is a capture.
    pub parts: Vec<PatternPart>,
    /// The pattern string's span.
    pub span: Span,
}

/// One piece of a [`Pattern`].
#[derive(Clone, Debug, PartialEq)]
pub enum PatternPart {
    /// Words matched literally (case-insensitively, any whitespace between).
    Text(String),
    /// The mention being bound (`{date}`, `{money}`, …).
    Capture(Kind),
    /// Any run of up to this many words (`{…}` / `{*}`).
    Skip(usize),
}

/// The static type of a fact or expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Type {
    /// The kind.
    pub kind: Kind,
    /// For quantities, the dimension, when known.
    pub dimension: Option<Dimension>,
    /// For money, the currency, when known.
    pub currency: Option<Currency>,
}

impl Type {
    /// A type of this kind with no dimension or currency.
    pub fn of(kind: Kind) -> Type {
        Type {
            kind,
            dimension: None,
            currency: None,
        }
    }
}

/// A statement that produces outcomes.
#[derive(Clone, Debug)]
pub enum Statement {
    /// `assert …`: checked in every document in scope.
    Assert(Assertion),
    /// `agree FACT`: checked across documents.
    Agree(Agreement),
}

/// How serious a failed statement is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// A contradiction is an error (the default); it sets exit status 1.
    #[default]
    Error,
    /// Reported, but does not fail the run.
    Warning,
    /// Informational.
    Note,
}

impl Severity {
    /// The lowercase name.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// A message or citation attached to a statement.
#[derive(Clone, Debug)]
pub struct Message {
    /// The text, escapes resolved.
    pub text: String,
    /// The string literal's span.
    pub span: Span,
}

/// `assert LHS OP RHS [± TOL] [as SEVERITY] ["message"]`.
#[derive(Clone, Debug)]
pub struct Assertion {
    /// The whole statement.
    pub span: Span,
    /// The left-hand side; contains at least one fact reference.
    pub lhs: Expr,
    /// The comparison.
    pub comparison: Comparison,
    /// How serious a contradiction is.
    pub severity: Severity,
    /// The message or citation.
    pub message: Option<Message>,
}

/// The right-hand part of an assertion.
#[derive(Clone, Debug)]
pub enum Comparison {
    /// `OP RHS [± TOL]`.
    Compare {
        /// The operator.
        op: CmpOp,
        /// The operator's span.
        op_span: Span,
        /// The right-hand side (any expression, usually a literal).
        rhs: Expr,
        /// The tolerance written on the assertion, for `≈` (and `==`).
        tolerance: Option<Tolerance>,
    },
    /// `in LO..HI` (both ends included).
    Within {
        /// The lower end.
        lo: Expr,
        /// The upper end.
        hi: Expr,
        /// The span of `in LO..HI`.
        span: Span,
    },
}

pub use crate::dsl::ast::CmpOp;

/// A tolerance: `± 5%` (relative) or `± 10 km` (absolute, same type as the
/// compared values).
#[derive(Clone, Debug)]
pub struct Tolerance {
    /// Absolute or relative.
    pub amount: ToleranceAmount,
    /// Its span.
    pub span: Span,
}

/// How much slack a tolerance allows.
#[derive(Clone, Debug, PartialEq)]
pub enum ToleranceAmount {
    /// A fraction of the expected value (`± 5%` is 0.05).
    Relative(f64),
    /// A value of the compared type (for dates: a duration).
    Absolute(Value),
}

/// `agree FACT [± TOL] [as SEVERITY] ["message"]`: every document that states
/// the fact states a compatible value.
#[derive(Clone, Debug)]
pub struct Agreement {
    /// The whole statement.
    pub span: Span,
    /// The fact.
    pub fact: FactId,
    /// The fact name's span in the statement.
    pub fact_span: Span,
    /// Slack when comparing documents' values.
    pub tolerance: Option<Tolerance>,
    /// How serious a disagreement is.
    pub severity: Severity,
    /// The message or citation.
    pub message: Option<Message>,
}

/// A typed expression.
#[derive(Clone, Debug)]
pub struct Expr {
    /// What it is.
    pub node: ExprNode,
    /// Its span in the rule file.
    pub span: Span,
    /// Its static type.
    pub ty: Type,
}

/// The shapes of an expression.
#[derive(Clone, Debug)]
pub enum ExprNode {
    /// A fact's value in the current document.
    Fact(FactId),
    /// A literal value.
    Literal(Value),
    /// `LHS + RHS` or `LHS - RHS`.
    Binary {
        /// The operator.
        op: ArithOp,
        /// Left operand.
        lhs: Box<Expr>,
        /// Right operand.
        rhs: Box<Expr>,
    },
}

/// An arithmetic operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArithOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*` (by a number)
    Mul,
    /// `/` (by a number, or of two values of one type giving a number)
    Div,
}
