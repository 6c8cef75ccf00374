//! Tokens → syntax tree (nom over token slices), recovering at every
//! statement so that one run reports every syntax error of a file.
//!
//! # Grammar
//!
//! ```text
//! file       = { statement } ;
//! statement  = scope | fact | assert | agree | ground | trust | disable ;  (* in column 1 *)
//! scope      = "scope" strings ;
//! fact       = "fact" NAME ( ":" KIND { clause } | "=" expr ) ;
//! clause     = "of" strings                           (* counts only *)
//!            | "near" strings { "and" strings }
//!            | "without" strings
//!            | "within" INTEGER ( "words" | "word" )
//!            | "matching" STRING ;
//! strings    = STRING { "|" STRING } ;
//! assert     = "assert" expr comparison [ severity ] [ STRING ] ;
//! comparison = CMP expr [ tolerance ]
//!            | "in" expr ".." expr ;
//! agree      = "agree" NAME [ tolerance ] [ severity ] [ STRING ] ;
//! ground     = "ground" [ strings ] [ "in" strings ] [ severity ] ;
//! trust      = "trust" strings "=" unary ;
//! disable    = "disable" WORD { "|" WORD } ;
//! tolerance  = ( "±" | "+/-" ) unary ;
//! severity   = "as" WORD ;                            (* error | warning | note *)
//! expr       = term { ( "+" | "-" ) term } ;
//! term       = unary { ( "*" | "/" ) unary } ;
//! unary      = "-" unary | primary ;
//! primary    = "(" expr ")" | literal | NAME ;
//! literal    = DATE                                   (* 2026-01-05, 2026-01 *)
//!            | CURRENCY amount                        (* $273B, US$273bn, ₩1.2tn *)
//!            | amount [ "%" | ORDINAL_SUFFIX | UNIT ] ;  (* 14, 2.5%, 2nd, 900 km, 4 days, 273 billion USD *)
//! amount     = NUMBER [ SCALE_SUFFIX | SCALE_WORD ] ;  (* 273B, 1.2 trillion *)
//! CMP        = "==" | "!=" | "≠" | "<" | "<=" | "≤" | ">" | ">=" | "≥" | "≈" | "~=" ;
//! ```
//!
//! A statement continues on the following lines as long as they are indented
//! (or blank, or comments). A scale suffix is glued to its number (`5m` is
//! five million, `5 m` five metres); a unit is one to four words that name a
//! duration, a unit or a currency (`nautical miles`), joined by a glued `/`
//! or `-` (`km/h`, `kilowatt-hours`).
//!
//! Architecture invariant: parsing never fails. [`parse`] returns the
//! statements it could build and an error for each one it could not; after
//! an error it resumes at the next line that starts a statement.

use std::fmt;

use nom::combinator::cut;
use nom::error::{ErrorKind, ParseError};
use nom::{IResult, Input, Needed, Parser};

use super::ast::*;
use super::lexer::{lex, LexErrorKind, Token, TokenKind};
use super::words;
use crate::source::Span;

/// A syntax error: where, and what went wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// The offending token (or the point where a token was missing).
    pub span: Span,
    /// What went wrong.
    pub kind: SyntaxErrorKind,
}

/// The kinds of syntax error.
#[derive(Clone, Debug, PartialEq)]
pub enum SyntaxErrorKind {
    /// Something else was expected here. `found` is `None` at the end of a
    /// statement.
    Expected {
        /// What would fit, e.g. "`:` or `=`".
        expected: Vec<String>,
        /// What is there, as written.
        found: Option<String>,
    },
    /// `=>`, `<>`, `=`, `!`: not an operator; `suggestion` is.
    UnknownOperator {
        /// As written.
        found: String,
        /// The operator probably meant.
        suggestion: &'static str,
    },
    /// A comparison operator with nothing after it; the span is the operator.
    MissingRhs {
        /// The operator as written.
        op: String,
    },
    /// A character that belongs to no token.
    UnexpectedCharacter(String),
    /// A string with no closing quote on its line; the span is the opening quote.
    UnterminatedString,
    /// An escape other than `\"` and `\\`.
    BadEscape(String),
}

impl SyntaxError {
    fn at(input: Tokens<'_>, expected: Vec<String>) -> Self {
        let (span, found) = match input.toks.first() {
            Some(t) => (t.span, Some(t.text.clone())),
            None => (Span::new(input.end, input.end), None),
        };
        match input.toks.first() {
            Some(t) if t.kind == TokenKind::Unknown => SyntaxError {
                span,
                kind: SyntaxErrorKind::UnexpectedCharacter(t.text.clone()),
            },
            _ => SyntaxError {
                span,
                kind: SyntaxErrorKind::Expected { expected, found },
            },
        }
    }
}

impl ParseError<Tokens<'_>> for SyntaxError {
    fn from_error_kind(input: Tokens<'_>, _kind: ErrorKind) -> Self {
        SyntaxError::at(input, Vec::new())
    }

    fn append(_input: Tokens<'_>, _kind: ErrorKind, other: Self) -> Self {
        other
    }

    /// Keeps the error that got furthest; at one position, merges what was
    /// expected, so `alt` reports "expected `:` or `=`".
    fn or(self, other: Self) -> Self {
        if self.span.start != other.span.start {
            return if self.span.start > other.span.start {
                self
            } else {
                other
            };
        }
        match (self.kind, other.kind) {
            (
                SyntaxErrorKind::Expected {
                    expected: mut a,
                    found,
                },
                SyntaxErrorKind::Expected { expected: b, .. },
            ) => {
                for e in b {
                    if !a.contains(&e) {
                        a.push(e);
                    }
                }
                SyntaxError {
                    span: self.span,
                    kind: SyntaxErrorKind::Expected { expected: a, found },
                }
            }
            (SyntaxErrorKind::Expected { .. }, kind) | (kind, _) => SyntaxError {
                span: self.span,
                kind,
            },
        }
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            SyntaxErrorKind::Expected { expected, found } => {
                let found = found
                    .as_deref()
                    .map_or("end of statement".to_string(), |t| format!("`{t}`"));
                if expected.is_empty() {
                    write!(f, "unexpected {found}")
                } else {
                    write!(f, "expected {}, found {found}", join_or(expected))
                }
            }
            SyntaxErrorKind::UnknownOperator { found, .. } => {
                write!(f, "unknown operator `{found}`")
            }
            SyntaxErrorKind::MissingRhs { op } => write!(f, "expected a value after `{op}`"),
            SyntaxErrorKind::UnexpectedCharacter(c) => write!(f, "unexpected character `{c}`"),
            SyntaxErrorKind::UnterminatedString => f.write_str("unterminated string"),
            SyntaxErrorKind::BadEscape(e) => write!(f, "unknown escape `{e}` in string"),
        }
    }
}

/// "a, b or c".
pub fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The tokens of one statement: nom's input.
#[derive(Clone, Copy, Debug)]
pub struct Tokens<'a> {
    toks: &'a [Token],
    /// Byte offset of the end of the statement, for "found end of statement".
    end: usize,
}

impl<'a> Input for Tokens<'a> {
    type Item = &'a Token;
    type Iter = std::slice::Iter<'a, Token>;
    type IterIndices = std::iter::Enumerate<std::slice::Iter<'a, Token>>;

    fn input_len(&self) -> usize {
        self.toks.len()
    }
    fn take(&self, index: usize) -> Self {
        Tokens {
            toks: &self.toks[..index],
            end: self.end,
        }
    }
    fn take_from(&self, index: usize) -> Self {
        Tokens {
            toks: &self.toks[index..],
            end: self.end,
        }
    }
    fn take_split(&self, index: usize) -> (Self, Self) {
        (self.take_from(index), self.take(index))
    }
    fn position<P: Fn(Self::Item) -> bool>(&self, predicate: P) -> Option<usize> {
        self.toks.iter().position(predicate)
    }
    fn iter_elements(&self) -> Self::Iter {
        self.toks.iter()
    }
    fn iter_indices(&self) -> Self::IterIndices {
        self.toks.iter().enumerate()
    }
    fn slice_index(&self, count: usize) -> Result<usize, Needed> {
        if self.toks.len() >= count {
            Ok(count)
        } else {
            Err(Needed::new(count - self.toks.len()))
        }
    }
}

impl<'a> Tokens<'a> {
    fn peek(&self) -> Option<&'a Token> {
        self.toks.first()
    }
    fn peek2(&self) -> Option<&'a Token> {
        self.toks.get(1)
    }
    fn advance(&self) -> Tokens<'a> {
        self.take_from(1.min(self.toks.len()))
    }
}

type PResult<'a, O> = IResult<Tokens<'a>, O, SyntaxError>;

fn fail<'a, O>(i: Tokens<'a>, expected: &str) -> PResult<'a, O> {
    Err(nom::Err::Error(SyntaxError::at(
        i,
        vec![expected.to_string()],
    )))
}

fn failure<'a, O>(span: Span, kind: SyntaxErrorKind) -> PResult<'a, O> {
    Err(nom::Err::Failure(SyntaxError { span, kind }))
}

/// One token satisfying `pred`; `expected` describes it for errors.
fn token<'a>(
    expected: &'static str,
    pred: impl Fn(&Token) -> bool,
) -> impl Fn(Tokens<'a>) -> PResult<'a, &'a Token> {
    move |i: Tokens<'a>| match i.peek() {
        Some(t) if pred(t) => Ok((i.advance(), t)),
        _ => fail(i, expected),
    }
}

fn keyword<'a>(w: &'static str, shown: &'static str) -> impl Fn(Tokens<'a>) -> PResult<'a, Span> {
    move |i| {
        token(shown, |t| t.is_word(w))
            .parse(i)
            .map(|(i, t)| (i, t.span))
    }
}

fn kind_is(k: TokenKind) -> impl Fn(&Token) -> bool {
    move |t| t.kind == k
}

fn ident<'a>(expected: &'static str) -> impl Fn(Tokens<'a>) -> PResult<'a, Ident> {
    move |i| {
        let (i, t) = token(expected, |t| {
            t.kind == TokenKind::Word && !words::is_reserved(&t.text)
        })(i)?;
        Ok((
            i,
            Ident {
                name: t.text.clone(),
                span: t.span,
            },
        ))
    }
}

fn string(i: Tokens<'_>) -> PResult<'_, Str> {
    match i.peek() {
        Some(Token {
            kind: TokenKind::Str(value),
            span,
            ..
        }) => Ok((
            i.advance(),
            Str {
                value: value.clone(),
                span: *span,
            },
        )),
        _ => fail(i, "a string"),
    }
}

/// `STRING { "|" STRING }`.
fn strings(i: Tokens<'_>) -> PResult<'_, Vec<Str>> {
    let (mut i, first) = string(i)?;
    let mut out = vec![first];
    while let Ok((rest, _)) = token("`|`", kind_is(TokenKind::Pipe))(i) {
        let (rest, s) = cut(string).parse(rest)?;
        out.push(s);
        i = rest;
    }
    Ok((i, out))
}

fn span_from(start: Span, i: Tokens<'_>, all: Tokens<'_>) -> Span {
    // The last consumed token is the one before `i` in `all`.
    let consumed = all.toks.len() - i.toks.len();
    let end = if consumed == 0 {
        start.end
    } else {
        all.toks[consumed - 1].span.end
    };
    Span::new(start.start, end.max(start.end))
}

// ---------------------------------------------------------------- statements

fn statement(i: Tokens<'_>) -> PResult<'_, Item> {
    match i.peek() {
        Some(t) if t.is_word("scope") => scope(i),
        Some(t) if t.is_word("fact") => fact(i),
        Some(t) if t.is_word("assert") => assert(i),
        Some(t) if t.is_word("agree") => agree(i),
        Some(t) if t.is_word("ground") => ground(i),
        Some(t) if t.is_word("trust") => trust(i),
        Some(t) if t.is_word("disable") => disable(i),
        _ => fail(i, "a statement"),
    }
}

fn scope(all: Tokens<'_>) -> PResult<'_, Item> {
    let (i, kw) = keyword("scope", "`scope`")(all)?;
    let (i, globs) = cut(strings).parse(i)?;
    Ok((
        i,
        Item::Scope(ScopeDef {
            globs,
            span: span_from(kw, i, all),
        }),
    ))
}

fn fact(all: Tokens<'_>) -> PResult<'_, Item> {
    let (i, kw) = keyword("fact", "`fact`")(all)?;
    let (i, name) = cut(ident("a fact name")).parse(i)?;
    let (i, body) = match i.peek() {
        Some(t) if t.kind == TokenKind::Colon => {
            let (i, b) = cut(binder).parse(i.advance())?;
            (i, FactBody::Binder(b))
        }
        Some(t) if t.kind == TokenKind::Assign => {
            let (i, e) = cut(expr).parse(i.advance())?;
            (i, FactBody::Derived(e))
        }
        Some(t) if matches!(t.kind, TokenKind::Cmp(_) | TokenKind::BadOp) => {
            return failure(
                t.span,
                SyntaxErrorKind::UnknownOperator {
                    found: t.text.clone(),
                    suggestion: "=",
                },
            )
        }
        _ => {
            return Err(nom::Err::Failure(SyntaxError::at(
                i,
                vec!["`:`".into(), "`=`".into()],
            )))
        }
    };
    Ok((
        i,
        Item::Fact(FactDef {
            name,
            body,
            span: span_from(kw, i, all),
        }),
    ))
}

fn binder(i: Tokens<'_>) -> PResult<'_, BinderDef> {
    let (mut i, kind) = ident("a kind (`date`, `money`, `count`, …)")(i)?;
    let mut clauses = Vec::new();
    while let Some(t) = i.peek() {
        let kw = t.span;
        let rest = i.advance();
        let (rest, clause) = match t.text.as_str() {
            _ if t.kind != TokenKind::Word => break,
            "of" => {
                let (r, nouns) = cut(strings).parse(rest)?;
                (r, Clause::Of { keyword: kw, nouns })
            }
            "near" => {
                let (mut r, first) = cut(strings).parse(rest)?;
                let mut groups = vec![first];
                while let Ok((r2, _)) = keyword("and", "`and`")(r) {
                    let (r3, g) = cut(strings).parse(r2)?;
                    groups.push(g);
                    r = r3;
                }
                (
                    r,
                    Clause::Near {
                        keyword: kw,
                        groups,
                    },
                )
            }
            "without" => {
                let (r, w) = cut(strings).parse(rest)?;
                (
                    r,
                    Clause::Without {
                        keyword: kw,
                        words: w,
                    },
                )
            }
            "within" => {
                let (r, n) = cut(token("a number of words", |t| {
                    matches!(t.kind, TokenKind::Number(_))
                }))
                .parse(rest)?;
                let (r, _) = cut(token("`words`", |t| {
                    t.is_word("words") || t.is_word("word")
                }))
                .parse(r)?;
                let count = match n.kind {
                    TokenKind::Number(c) => c,
                    _ => f64::NAN,
                };
                (
                    r,
                    Clause::Within {
                        keyword: kw,
                        count,
                        count_span: n.span,
                    },
                )
            }
            "matching" => {
                let (r, pattern) = cut(string).parse(rest)?;
                (
                    r,
                    Clause::Matching {
                        keyword: kw,
                        pattern,
                    },
                )
            }
            _ => break,
        };
        clauses.push(clause);
        i = rest;
    }
    Ok((i, BinderDef { kind, clauses }))
}

fn severity(i: Tokens<'_>) -> PResult<'_, Option<Ident>> {
    match keyword("as", "`as`")(i) {
        Ok((i, _)) => {
            let (i, t) = cut(token("a severity (`error`, `warning` or `note`)", |t| {
                t.kind == TokenKind::Word
            }))
            .parse(i)?;
            Ok((
                i,
                Some(Ident {
                    name: t.text.clone(),
                    span: t.span,
                }),
            ))
        }
        Err(nom::Err::Error(_)) => Ok((i, None)),
        Err(e) => Err(e),
    }
}

fn message(i: Tokens<'_>) -> PResult<'_, Option<Str>> {
    match string(i) {
        Ok((i, s)) => Ok((i, Some(s))),
        Err(_) => Ok((i, None)),
    }
}

fn tolerance(all: Tokens<'_>) -> PResult<'_, Option<ToleranceDef>> {
    match token("`±`", kind_is(TokenKind::PlusMinus))(all) {
        Ok((i, t)) => {
            let (i, amount) = cut(unary).parse(i)?;
            Ok((
                i,
                Some(ToleranceDef {
                    span: t.span.join(amount.span),
                    amount,
                }),
            ))
        }
        Err(nom::Err::Error(_)) => Ok((all, None)),
        Err(e) => Err(e),
    }
}

fn cmp_op(t: &Token) -> Option<CmpOp> {
    match t.kind {
        TokenKind::Cmp(op) => Some(op),
        _ => None,
    }
}

/// What a mistyped operator probably meant.
fn operator_suggestion(text: &str) -> &'static str {
    match text {
        "=" | "===" => "==",
        "=>" => ">=",
        "=<" => "<=",
        "<>" | "!" | "=!" | "!==" => "!=",
        "~" | "~~" | "=~" => "~=",
        _ => "==",
    }
}

fn starts_expr(t: &Token) -> bool {
    match &t.kind {
        TokenKind::Word => !words::is_reserved(&t.text),
        TokenKind::Number(_)
        | TokenKind::Date
        | TokenKind::Currency
        | TokenKind::Minus
        | TokenKind::LParen => true,
        _ => false,
    }
}

fn comparison(i: Tokens<'_>) -> PResult<'_, ComparisonDef> {
    let Some(t) = i.peek() else {
        return fail(i, "a comparison operator (`==`, `≈`, `<`, …) or `in`");
    };
    if let Some(op) = cmp_op(t) {
        let rest = i.advance();
        if !rest.peek().is_some_and(starts_expr) {
            return failure(t.span, SyntaxErrorKind::MissingRhs { op: t.text.clone() });
        }
        let (rest, rhs) = cut(expr).parse(rest)?;
        let (rest, tolerance) = tolerance(rest)?;
        return Ok((
            rest,
            ComparisonDef::Compare {
                op,
                op_span: t.span,
                rhs,
                tolerance,
            },
        ));
    }
    if t.is_word("in") {
        let (r, lo) = cut(expr).parse(i.advance())?;
        let (r, _) = cut(token("`..`", kind_is(TokenKind::DotDot))).parse(r)?;
        let (r, hi) = cut(expr).parse(r)?;
        return Ok((
            r,
            ComparisonDef::Within {
                span: t.span.join(hi.span),
                lo,
                hi,
            },
        ));
    }
    if matches!(t.kind, TokenKind::BadOp | TokenKind::Assign) {
        return failure(
            t.span,
            SyntaxErrorKind::UnknownOperator {
                found: t.text.clone(),
                suggestion: operator_suggestion(&t.text),
            },
        );
    }
    Err(nom::Err::Failure(SyntaxError::at(
        i,
        vec!["a comparison operator (`==`, `≈`, `<`, …) or `in`".into()],
    )))
}

fn assert(all: Tokens<'_>) -> PResult<'_, Item> {
    let (i, kw) = keyword("assert", "`assert`")(all)?;
    let (i, lhs) = cut(expr).parse(i)?;
    let (i, comparison) = comparison(i)?;
    let (i, severity) = severity(i)?;
    let (i, message) = message(i)?;
    let span = span_from(kw, i, all);
    Ok((
        i,
        Item::Assert(AssertDef {
            lhs,
            comparison,
            severity,
            message,
            span,
        }),
    ))
}

fn agree(all: Tokens<'_>) -> PResult<'_, Item> {
    let (i, kw) = keyword("agree", "`agree`")(all)?;
    let (i, fact) = cut(ident("a fact name")).parse(i)?;
    let (i, tolerance) = tolerance(i)?;
    let (i, severity) = severity(i)?;
    let (i, message) = message(i)?;
    let span = span_from(kw, i, all);
    Ok((
        i,
        Item::Agree(AgreeDef {
            fact,
            tolerance,
            severity,
            message,
            span,
        }),
    ))
}

fn ground(all: Tokens<'_>) -> PResult<'_, Item> {
    let (i, kw) = keyword("ground", "`ground`")(all)?;
    let (i, targets) = match strings(i) {
        Ok((i, t)) => (i, t),
        Err(nom::Err::Error(_)) => (i, Vec::new()),
        Err(e) => return Err(e),
    };
    let (i, sources) = match keyword("in", "`in`")(i) {
        Ok((i, _)) => cut(strings).parse(i)?,
        Err(nom::Err::Error(_)) => (i, Vec::new()),
        Err(e) => return Err(e),
    };
    let (i, severity) = severity(i)?;
    Ok((
        i,
        Item::Ground(GroundDef {
            targets,
            sources,
            severity,
            span: span_from(kw, i, all),
        }),
    ))
}

fn trust(all: Tokens<'_>) -> PResult<'_, Item> {
    let (i, kw) = keyword("trust", "`trust`")(all)?;
    let (i, globs) = cut(strings).parse(i)?;
    let (i, _) = cut(token("`=`", kind_is(TokenKind::Assign))).parse(i)?;
    let (i, weight) = cut(unary).parse(i)?;
    Ok((
        i,
        Item::Trust(TrustDef {
            globs,
            weight,
            span: span_from(kw, i, all),
        }),
    ))
}

fn disable(all: Tokens<'_>) -> PResult<'_, Item> {
    let (i, kw) = keyword("disable", "`disable`")(all)?;
    let check = |i| {
        token(
            "a check name (`weekday`, `first_since`, `date_range`, `percentage`)",
            |t| t.kind == TokenKind::Word,
        )(i)
        .map(|(i, t)| {
            (
                i,
                Ident {
                    name: t.text.clone(),
                    span: t.span,
                },
            )
        })
    };
    let (mut i, first) = cut(check).parse(i)?;
    let mut checks = vec![first];
    while let Ok((rest, _)) = token("`|`", kind_is(TokenKind::Pipe))(i) {
        let (rest, c) = cut(check).parse(rest)?;
        checks.push(c);
        i = rest;
    }
    Ok((
        i,
        Item::Disable(DisableDef {
            checks,
            span: span_from(kw, i, all),
        }),
    ))
}

// ---------------------------------------------------------------- expressions

/// `term { ("+" | "-") term }`.
pub fn expr(i: Tokens<'_>) -> PResult<'_, Expr> {
    binary(
        i,
        term,
        &[
            (TokenKind::Plus, BinOp::Add),
            (TokenKind::Minus, BinOp::Sub),
        ],
    )
}

fn term(i: Tokens<'_>) -> PResult<'_, Expr> {
    binary(
        i,
        unary,
        &[
            (TokenKind::Star, BinOp::Mul),
            (TokenKind::Slash, BinOp::Div),
        ],
    )
}

fn binary<'a>(
    i: Tokens<'a>,
    operand: fn(Tokens<'a>) -> PResult<'a, Expr>,
    ops: &[(TokenKind, BinOp)],
) -> PResult<'a, Expr> {
    let (mut i, mut lhs) = operand(i)?;
    while let Some((t, op)) = i.peek().and_then(|t| {
        ops.iter()
            .find(|(k, _)| *k == t.kind)
            .map(|(_, op)| (t, *op))
    }) {
        let (rest, rhs) = cut(operand).parse(i.advance())?;
        let span = lhs.span.join(rhs.span);
        lhs = Expr {
            node: ExprNode::Binary {
                op,
                op_span: t.span,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
            },
            span,
        };
        i = rest;
    }
    Ok((i, lhs))
}

fn unary(i: Tokens<'_>) -> PResult<'_, Expr> {
    match i.peek() {
        Some(t) if t.kind == TokenKind::Minus => {
            let (rest, inner) = cut(unary).parse(i.advance())?;
            let span = t.span.join(inner.span);
            Ok((
                rest,
                Expr {
                    node: ExprNode::Neg(Box::new(inner)),
                    span,
                },
            ))
        }
        _ => primary(i),
    }
}

fn primary(i: Tokens<'_>) -> PResult<'_, Expr> {
    let Some(t) = i.peek() else {
        return fail(i, "a value or a fact name");
    };
    match &t.kind {
        TokenKind::LParen => {
            let (rest, inner) = cut(expr).parse(i.advance())?;
            let (rest, close) = cut(token("`)`", kind_is(TokenKind::RParen))).parse(rest)?;
            Ok((
                rest,
                Expr {
                    node: inner.node,
                    span: t.span.join(close.span),
                },
            ))
        }
        TokenKind::Word if !words::is_reserved(&t.text) => {
            let name = Ident {
                name: t.text.clone(),
                span: t.span,
            };
            Ok((
                i.advance(),
                Expr {
                    node: ExprNode::Name(name),
                    span: t.span,
                },
            ))
        }
        TokenKind::Date | TokenKind::Number(_) | TokenKind::Currency => {
            let (rest, (lit, span)) = literal(i)?;
            Ok((
                rest,
                Expr {
                    node: ExprNode::Literal(lit),
                    span,
                },
            ))
        }
        _ => fail(i, "a value or a fact name"),
    }
}

/// A number and an optional scale: `273`, `273B`, `1.2 trillion`.
fn amount(i: Tokens<'_>) -> PResult<'_, (f64, Span, bool)> {
    let (i, n) = token("a number", |t| matches!(t.kind, TokenKind::Number(_)))(i)?;
    let TokenKind::Number(mut v) = n.kind else {
        return fail(i, "a number");
    };
    let mut span = n.span;
    let mut scaled = false;
    let mut i = i;
    if let Some(t) = i.peek() {
        let suffix = if t.glued {
            words::scale_suffix(&t.text)
        } else {
            None
        };
        if let Some(k) = suffix
            .or_else(|| words::scale_word(&t.text))
            .filter(|_| t.kind == TokenKind::Word)
        {
            v *= k;
            span = span.join(t.span);
            scaled = true;
            i = i.advance();
        }
    }
    Ok((i, (v, span, scaled)))
}

/// Up to four words (joined by glued `/` or `-`) naming a unit, duration or
/// currency: the longest known phrase, else a single (unknown) word.
fn unit_phrase(i: Tokens<'_>) -> PResult<'_, Ident> {
    let mut pieces: Vec<(Tokens<'_>, Span)> = Vec::new(); // (rest after piece, span so far)
    let mut rest = i;
    let mut span: Option<Span> = None;
    while pieces.len() < 4 {
        let Some(t) = rest.peek() else { break };
        let is_word = t.kind == TokenKind::Word && !words::is_reserved(&t.text);
        if pieces.is_empty() {
            if !is_word {
                break;
            }
            rest = rest.advance();
        } else if is_word && !t.glued {
            rest = rest.advance();
        } else if matches!(t.kind, TokenKind::Slash | TokenKind::Minus)
            && t.glued
            && rest
                .peek2()
                .is_some_and(|n| n.glued && n.kind == TokenKind::Word)
        {
            rest = rest.advance().advance();
        } else {
            break;
        }
        let consumed = i.toks.len() - rest.toks.len();
        let end = i.toks[consumed - 1].span.end;
        let s = Span::new(i.toks[0].span.start, end);
        span = Some(s);
        pieces.push((rest, s));
    }
    let Some(_) = span else {
        return fail(i, "a unit");
    };
    let phrase = |s: Span, toks: Tokens<'_>| {
        let consumed = i.toks.len() - toks.toks.len();
        let mut out = String::new();
        for (k, t) in i.toks[..consumed].iter().enumerate() {
            if k > 0 && !t.glued {
                out.push(' ');
            }
            out.push_str(&t.text);
        }
        Ident { name: out, span: s }
    };
    for (rest, s) in pieces.iter().rev() {
        let id = phrase(*s, *rest);
        if words::unit_value(1.0, &id.name).is_some() {
            return Ok((*rest, id));
        }
    }
    let (rest, s) = pieces[0];
    Ok((rest, phrase(s, rest)))
}

fn literal(i: Tokens<'_>) -> PResult<'_, (Literal, Span)> {
    let Some(t) = i.peek() else {
        return fail(i, "a value");
    };
    match &t.kind {
        TokenKind::Date => Ok((
            i.advance(),
            (
                Literal::Date {
                    text: t.text.clone(),
                },
                t.span,
            ),
        )),
        TokenKind::Currency => {
            let (rest, (value, span, _)) = cut(amount).parse(i.advance())?;
            let symbol = Ident {
                name: t.text.clone(),
                span: t.span,
            };
            Ok((rest, (Literal::Money { value, symbol }, t.span.join(span))))
        }
        TokenKind::Number(_) => {
            let (rest, (value, span, scaled)) = amount(i)?;
            let year_like =
                !scaled && t.text.len() == 4 && t.text.bytes().all(|b| b.is_ascii_digit());
            match rest.peek() {
                Some(p) if p.kind == TokenKind::Percent => Ok((
                    rest.advance(),
                    (Literal::Percent { value }, span.join(p.span)),
                )),
                Some(o)
                    if o.glued
                        && !scaled
                        && o.kind == TokenKind::Word
                        && words::is_ordinal_suffix(&o.text) =>
                {
                    Ok((
                        rest.advance(),
                        (Literal::Ordinal { value }, span.join(o.span)),
                    ))
                }
                Some(u) if u.kind == TokenKind::Word && !words::is_reserved(&u.text) => {
                    let (rest, unit) = unit_phrase(rest)?;
                    let span = span.join(unit.span);
                    Ok((rest, (Literal::WithUnit { value, unit }, span)))
                }
                _ => Ok((rest, (Literal::Number { value, year_like }, span))),
            }
        }
        _ => fail(i, "a value"),
    }
}

// ---------------------------------------------------------------- the file

/// Parses a rule file. Never fails: returns the statements that parsed and an
/// error for every one that did not (at most one per statement, plus lexical
/// errors), in source order.
pub fn parse(src: &str) -> (Ast, Vec<SyntaxError>) {
    let (tokens, lex_errors) = lex(src);
    let mut errors: Vec<SyntaxError> = lex_errors
        .into_iter()
        .map(|e| SyntaxError {
            span: e.span,
            kind: match e.kind {
                LexErrorKind::UnterminatedString => SyntaxErrorKind::UnterminatedString,
                LexErrorKind::BadEscape => {
                    SyntaxErrorKind::BadEscape(src[e.span.start..e.span.end].to_string())
                }
            },
        })
        .collect();
    let mut ast = Ast::default();
    let mut start = 0;
    while start < tokens.len() {
        let len = tokens[start + 1..]
            .iter()
            .position(|t| t.line_start)
            .map_or(tokens.len() - start, |n| n + 1);
        let chunk = &tokens[start..start + len];
        start += len;
        let input = Tokens {
            toks: chunk,
            end: chunk.last().map_or(0, |t| t.span.end),
        };
        match statement(input) {
            Ok((rest, item)) if rest.toks.is_empty() => ast.items.push(item),
            Ok((rest, _)) => {
                errors.push(SyntaxError::at(rest, vec!["end of statement".into()]));
            }
            Err(nom::Err::Error(e) | nom::Err::Failure(e)) => errors.push(e),
            Err(nom::Err::Incomplete(_)) => {
                errors.push(SyntaxError::at(input, Vec::new()));
            }
        }
    }
    errors.sort_by_key(|e| e.span.start);
    (ast, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compact rendering of the tree, to compare against expectations.
    fn show_expr(e: &Expr) -> String {
        match &e.node {
            ExprNode::Name(n) => n.name.clone(),
            ExprNode::Literal(l) => match l {
                Literal::Number { value, year_like } => {
                    format!("{value}{}", if *year_like { "y" } else { "" })
                }
                Literal::Ordinal { value } => format!("#{value}"),
                Literal::Percent { value } => format!("{value}%"),
                Literal::Date { text } => format!("d:{text}"),
                Literal::WithUnit { value, unit } => format!("[{value} {}]", unit.name),
                Literal::Money { value, symbol } => format!("[{} {value}]", symbol.name),
            },
            ExprNode::Neg(x) => format!("(- {})", show_expr(x)),
            ExprNode::Binary { op, lhs, rhs, .. } => {
                format!("({} {} {})", op.symbol(), show_expr(lhs), show_expr(rhs))
            }
        }
    }

    fn show_strs(s: &[Str]) -> String {
        s.iter()
            .map(|s| s.value.as_str())
            .collect::<Vec<_>>()
            .join("|")
    }

    fn show_tail(tol: &Option<ToleranceDef>, sev: &Option<Ident>, msg: &Option<Str>) -> String {
        let mut out = String::new();
        if let Some(t) = tol {
            out += &format!(" ± {}", show_expr(&t.amount));
        }
        if let Some(s) = sev {
            out += &format!(" as {}", s.name);
        }
        if let Some(m) = msg {
            out += &format!(" {:?}", m.value);
        }
        out
    }

    fn show(item: &Item) -> String {
        match item {
            Item::Scope(s) => format!("scope {}", show_strs(&s.globs)),
            Item::Fact(f) => match &f.body {
                FactBody::Derived(e) => format!("fact {} = {}", f.name.name, show_expr(e)),
                FactBody::Binder(b) => {
                    let mut out = format!("fact {}: {}", f.name.name, b.kind.name);
                    for c in &b.clauses {
                        out += &match c {
                            Clause::Of { nouns, .. } => format!(" of {}", show_strs(nouns)),
                            Clause::Near { groups, .. } => {
                                let g: Vec<String> = groups.iter().map(|g| show_strs(g)).collect();
                                format!(" near {}", g.join(" and "))
                            }
                            Clause::Without { words, .. } => {
                                format!(" without {}", show_strs(words))
                            }
                            Clause::Within { count, .. } => format!(" within {count}"),
                            Clause::Matching { pattern, .. } => {
                                format!(" matching {}", pattern.value)
                            }
                        };
                    }
                    out
                }
            },
            Item::Assert(a) => {
                let cmp = match &a.comparison {
                    ComparisonDef::Compare {
                        op, rhs, tolerance, ..
                    } => {
                        format!(
                            "{op:?} {}{}",
                            show_expr(rhs),
                            show_tail(tolerance, &None, &None)
                        )
                    }
                    ComparisonDef::Within { lo, hi, .. } => {
                        format!("in {}..{}", show_expr(lo), show_expr(hi))
                    }
                };
                format!(
                    "assert {} {cmp}{}",
                    show_expr(&a.lhs),
                    show_tail(&None, &a.severity, &a.message)
                )
            }
            Item::Agree(a) => {
                format!(
                    "agree {}{}",
                    a.fact.name,
                    show_tail(&a.tolerance, &a.severity, &a.message)
                )
            }
            Item::Ground(g) => format!(
                "ground {} in {}{}",
                show_strs(&g.targets),
                show_strs(&g.sources),
                show_tail(&None, &g.severity, &None)
            ),
            Item::Trust(t) => format!("trust {} = {}", show_strs(&t.globs), show_expr(&t.weight)),
            Item::Disable(d) => format!(
                "disable {}",
                d.checks
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join("|")
            ),
        }
    }

    /// Parses `input` and compares every statement, then every error as
    /// `message @ text under the span`.
    fn check(input: &str, expected: &[&str]) {
        let (ast, errors) = parse(input);
        let mut got: Vec<String> = ast.items.iter().map(show).collect();
        got.extend(
            errors
                .iter()
                .map(|e| format!("{e} @ {}", &input[e.span.start..e.span.end])),
        );
        assert_eq!(got, expected, "input: {input}");
    }

    #[test]
    fn scope_and_facts() {
        check(r#"scope "a/*" | "b""#, &["scope a/*|b"]);
        check(
            r#"fact d: date near "summit" | "talks" and "2026" without "arrived" within 6 words"#,
            &["fact d: date near summit|talks and 2026 without arrived within 6"],
        );
        check(
            r#"fact n: count of "MOUs" | "agreements""#,
            &["fact n: count of MOUs|agreements"],
        );
        check(
            r#"fact a: date matching "on {date}""#,
            &["fact a: date matching on {date}"],
        );
        check(
            "fact gap = 2026 - last_visit",
            &["fact gap = (- 2026y last_visit)"],
        );
    }

    #[test]
    fn assertions_and_literals() {
        check("assert d == 2026-01-05", &["assert d Eq d:2026-01-05"]);
        check(
            "assert v == 4 days as warning \"m\"",
            &["assert v Eq [4 days] as warning \"m\""],
        );
        check("assert t ≈ $273B", &["assert t Approx [$ 273000000000]"]);
        check(
            "assert t ~= US$273bn",
            &["assert t Approx [US$ 273000000000]"],
        );
        check("assert t ≈ ₩1.2tn", &["assert t Approx [₩ 1200000000000]"]);
        check(
            "assert t ≈ 273 billion USD",
            &["assert t Approx [273000000000 USD]"],
        );
        check(
            "assert t ≈ 1.2 trillion won",
            &["assert t Approx [1200000000000 won]"],
        );
        check("assert t ≈ €5m", &["assert t Approx [€ 5000000]"]);
        check("assert r ≈ 900 km ± 5%", &["assert r Approx [900 km] ± 5%"]);
        check(
            "assert r ≈ 900km +/- 10 km",
            &["assert r Approx [900 km] ± [10 km]"],
        );
        check(
            "assert r ≈ 2 nautical miles",
            &["assert r Approx [2 nautical miles]"],
        );
        check("assert s <= 120 km/h", &["assert s Le [120 km/h]"]);
        check("assert x ≤ 1,000", &["assert x Le 1000"]);
        check("assert x ≥ 2nd", &["assert x Ge #2"]);
        check("assert x ≠ 2.5%", &["assert x Ne 2.5%"]);
        check(
            "assert x in 60 min..2 hours",
            &["assert x in [60 min]..[2 hours]"],
        );
        check(
            "assert 2026 - v == 7 years",
            &["assert (- 2026y v) Eq [7 years]"],
        );
        check(
            "assert (a + b) * 2 / c == -1",
            &["assert (/ (* (+ a b) 2) c) Eq (- 1)"],
        );
        check("assert t == 20 °C", &["assert t Eq [20 °C]"]);
        check("assert t == 5 K", &["assert t Eq [5 K]"]);
        check("assert t == 5K", &["assert t Eq 5000"]);
        check(
            "agree d ± 1 day as note \"x\"",
            &["agree d ± [1 day] as note \"x\""],
        );
    }

    #[test]
    fn statements_continue_on_indented_lines() {
        check(
            "fact d: date\n  near \"a\" # comment\n\n  without \"b\"\nagree d",
            &["fact d: date near a without b", "agree d"],
        );
    }

    #[test]
    fn grounding_trust_and_disable() {
        check("ground", &["ground  in "]);
        check(
            r#"ground "corpus/prism-*" in "corpus/*" | "wire/*" as warning"#,
            &["ground corpus/prism-* in corpus/*|wire/* as warning"],
        );
        check(r#"ground in "corpus/*""#, &["ground  in corpus/*"]);
        check(r#"trust "wire/*" = 3"#, &["trust wire/* = 3"]);
        check(
            "disable weekday | percentage",
            &["disable weekday|percentage"],
        );
        check(r#"trust "wire/*" 3"#, &["expected `=`, found `3` @ 3"]);
        check("disable", &["expected a check name (`weekday`, `first_since`, `date_range`, `percentage`), found end of statement @ "]);
    }

    #[test]
    fn errors_recover_at_the_next_statement() {
        check(
            "assert x => 5\nassert y == 1\nassert z ==\nfact q 1\nbogus\nagree",
            &[
                "assert y Eq 1",
                "unknown operator `=>` @ =>",
                "expected a value after `==` @ ==",
                "expected `:` or `=`, found `1` @ 1",
                "expected a statement, found `bogus` @ bogus",
                "expected a fact name, found end of statement @ ",
            ],
        );
        check(
            "assert x == 5 km junk",
            &["expected end of statement, found `junk` @ junk"],
        );
        check("assert x == 5 @", &["unexpected character `@` @ @"]);
        check(
            "assert x == 5 \"m",
            &["assert x Eq 5 \"m\"", "unterminated string @ \""],
        );
        check(
            "assert x == 5 \"a\\nb\"",
            &[
                "assert x Eq 5 \"anb\"",
                "unknown escape `\\n` in string @ \\n",
            ],
        );
        check("assert x in 1 2", &["expected `..`, found `2` @ 2"]);
    }

    #[test]
    fn spans_are_bytes_in_non_ascii_text() {
        let src = "# ≈ ₩\nassert t ≈\u{a0}₩1.2tn ± 5%";
        let (ast, errors) = parse(src);
        assert!(errors.is_empty());
        let Item::Assert(a) = &ast.items[0] else {
            panic!("not an assert")
        };
        let ComparisonDef::Compare {
            op_span,
            rhs,
            tolerance,
            ..
        } = &a.comparison
        else {
            panic!("not a comparison")
        };
        assert_eq!(&src[op_span.start..op_span.end], "≈");
        assert_eq!(&src[rhs.span.start..rhs.span.end], "₩1.2tn");
        let t = tolerance.as_ref().map(|t| &src[t.span.start..t.span.end]);
        assert_eq!(t, Some("± 5%"));
    }
}
