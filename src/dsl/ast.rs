//! The syntax tree of a rule file, as written: every node has a [`Span`].
//!
//! Nothing here is resolved: kinds, units, currencies, severities and dates
//! are still the words of the file. The checker (`check`) gives them meaning.

use crate::source::Span;

/// A parsed rule file: the statements that parsed, in file order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ast {
    /// The statements.
    pub items: Vec<Item>,
}

/// A top-level statement.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// `scope "glob" | "glob"`
    Scope(ScopeDef),
    /// `fact name: kind …` or `fact name = expr`
    Fact(FactDef),
    /// `assert …`
    Assert(AssertDef),
    /// `agree …`
    Agree(AgreeDef),
    /// `ground ["glob" …] [in "glob" …] [as SEVERITY]`
    Ground(GroundDef),
    /// `trust "glob" | "glob" = NUMBER`
    Trust(TrustDef),
    /// `disable CHECK | CHECK`
    Disable(DisableDef),
}

/// `ground ["glob" | …] [in "glob" | …] [as SEVERITY]`: check every mention
/// of the target documents against the source documents.
#[derive(Clone, Debug, PartialEq)]
pub struct GroundDef {
    /// The documents to ground (empty: those with `ai_generated = true`).
    pub targets: Vec<Str>,
    /// The documents to ground them in (empty: every other document).
    pub sources: Vec<Str>,
    /// `as …`
    pub severity: Option<Ident>,
    /// The statement.
    pub span: Span,
}

/// `trust "glob" | "glob" = NUMBER`: the weight of matching documents in
/// this file's `agree` statements.
#[derive(Clone, Debug, PartialEq)]
pub struct TrustDef {
    /// The documents.
    pub globs: Vec<Str>,
    /// The weight (any expression; the checker requires a number of zero or more).
    pub weight: Expr,
    /// The statement.
    pub span: Span,
}

/// `disable weekday | percentage`: built-in checks switched off for the
/// documents in this file's scope.
#[derive(Clone, Debug, PartialEq)]
pub struct DisableDef {
    /// The checks' names.
    pub checks: Vec<Ident>,
    /// The statement.
    pub span: Span,
}

/// A word with its span: a name, a kind, a severity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    /// The word.
    pub name: String,
    /// Where it is.
    pub span: Span,
}

/// A string literal, escapes resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Str {
    /// The contents.
    pub value: String,
    /// The span, quotes included.
    pub span: Span,
}

/// `scope "glob" | "glob"`.
#[derive(Clone, Debug, PartialEq)]
pub struct ScopeDef {
    /// The globs.
    pub globs: Vec<Str>,
    /// The statement.
    pub span: Span,
}

/// A fact definition.
#[derive(Clone, Debug, PartialEq)]
pub struct FactDef {
    /// The name.
    pub name: Ident,
    /// How it is found.
    pub body: FactBody,
    /// The statement.
    pub span: Span,
}

/// The right of `fact name`.
#[derive(Clone, Debug, PartialEq)]
pub enum FactBody {
    /// `: kind clauses…`
    Binder(BinderDef),
    /// `= expr`
    Derived(Expr),
}

/// `kind [of …] [near …] [without …] [within N words] [matching "…"]`.
#[derive(Clone, Debug, PartialEq)]
pub struct BinderDef {
    /// The kind word (`date`, `count`, `length`, …).
    pub kind: Ident,
    /// The clauses, in the order written.
    pub clauses: Vec<Clause>,
}

/// One clause of a binder.
#[derive(Clone, Debug, PartialEq)]
pub enum Clause {
    /// `of "noun" | "noun"`: the nouns a count quantifies.
    Of {
        /// The keyword's span.
        keyword: Span,
        /// The nouns.
        nouns: Vec<Str>,
    },
    /// `near "a" | "b" and "c"`: groups joined by `and`, alternatives by `|`.
    Near {
        /// The keyword's span.
        keyword: Span,
        /// The groups.
        groups: Vec<Vec<Str>>,
    },
    /// `without "a" | "b"`.
    Without {
        /// The keyword's span.
        keyword: Span,
        /// The excluded words.
        words: Vec<Str>,
    },
    /// `within N words`.
    Within {
        /// The keyword's span.
        keyword: Span,
        /// The number as written.
        count: f64,
        /// The number's span.
        count_span: Span,
    },
    /// `matching "pattern"`.
    Matching {
        /// The keyword's span.
        keyword: Span,
        /// The pattern string.
        pattern: Str,
    },
}

impl Clause {
    /// The clause's keyword and its span.
    pub fn keyword(&self) -> (&'static str, Span) {
        match self {
            Clause::Of { keyword, .. } => ("of", *keyword),
            Clause::Near { keyword, .. } => ("near", *keyword),
            Clause::Without { keyword, .. } => ("without", *keyword),
            Clause::Within { keyword, .. } => ("within", *keyword),
            Clause::Matching { keyword, .. } => ("matching", *keyword),
        }
    }
}

/// `assert EXPR COMPARISON [as SEVERITY] ["message"]`.
#[derive(Clone, Debug, PartialEq)]
pub struct AssertDef {
    /// The left-hand side.
    pub lhs: Expr,
    /// The comparison.
    pub comparison: ComparisonDef,
    /// `as …`
    pub severity: Option<Ident>,
    /// The message.
    pub message: Option<Str>,
    /// The statement.
    pub span: Span,
}

/// The operator side of an assertion.
#[derive(Clone, Debug, PartialEq)]
pub enum ComparisonDef {
    /// `OP EXPR [± TOL]`.
    Compare {
        /// The operator.
        op: CmpOp,
        /// Its span.
        op_span: Span,
        /// The right-hand side.
        rhs: Expr,
        /// `± …`
        tolerance: Option<ToleranceDef>,
    },
    /// `in LO..HI`.
    Within {
        /// Lower end.
        lo: Expr,
        /// Upper end.
        hi: Expr,
        /// `in LO..HI`.
        span: Span,
    },
}

/// A comparison operator (any spelling). One type from the lexer to the
/// checked model: an operator means the same thing at every stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=` `≠`
    Ne,
    /// `<`
    Lt,
    /// `<=` `≤`
    Le,
    /// `>`
    Gt,
    /// `>=` `≥`
    Ge,
    /// `≈` `~=`
    Approx,
}

impl CmpOp {
    /// The operator as factlint prints it.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Approx => "≈",
        }
    }
}

/// `± AMOUNT` (the amount is any expression; the checker requires a literal).
#[derive(Clone, Debug, PartialEq)]
pub struct ToleranceDef {
    /// The amount.
    pub amount: Expr,
    /// `± AMOUNT`.
    pub span: Span,
}

/// `agree FACT [± TOL] [as SEVERITY] ["message"]`.
#[derive(Clone, Debug, PartialEq)]
pub struct AgreeDef {
    /// The fact.
    pub fact: Ident,
    /// Slack.
    pub tolerance: Option<ToleranceDef>,
    /// `as …`
    pub severity: Option<Ident>,
    /// The message.
    pub message: Option<Str>,
    /// The statement.
    pub span: Span,
}

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub node: ExprNode,
    /// Its span (parentheses included).
    pub span: Span,
}

/// The shapes of an expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprNode {
    /// A fact name.
    Name(Ident),
    /// A literal.
    Literal(Literal),
    /// `-EXPR`
    Neg(Box<Expr>),
    /// `LHS OP RHS`
    Binary {
        /// The operator.
        op: BinOp,
        /// Its span.
        op_span: Span,
        /// Left operand.
        lhs: Box<Expr>,
        /// Right operand.
        rhs: Box<Expr>,
    },
}

/// An arithmetic operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

impl BinOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
        }
    }
}

/// A literal, with its words unresolved.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// `14`, `1,000`, `2.5`, `273B`, `1.2 trillion`. `year_like` when it is
    /// a bare four-digit integer (a year in a date context).
    Number {
        /// The value, scale applied.
        value: f64,
        /// Written as four digits with no scale.
        year_like: bool,
    },
    /// `2nd`
    Ordinal {
        /// The rank.
        value: f64,
    },
    /// `2.5%`
    Percent {
        /// In percent.
        value: f64,
    },
    /// `2026-01-05` as written.
    Date {
        /// The text.
        text: String,
    },
    /// A number followed by a word: `900 km`, `4 days`, `273 billion USD`,
    /// `2 percentage points`.
    WithUnit {
        /// The value, scale applied.
        value: f64,
        /// The unit, currency or duration word(s).
        unit: Ident,
    },
    /// A currency symbol or prefix then a number: `$273B`, `₩1.2tn`.
    Money {
        /// The value, scale applied.
        value: f64,
        /// The symbol as written.
        symbol: Ident,
    },
}
