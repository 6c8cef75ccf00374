//! The checker proper: resolves names, kinds, units, currencies, dates and
//! severities, infers the type of every expression and builds the
//! [`model::RuleFile`]. It reports every problem it finds and keeps going;
//! an expression whose type is unknown because of an earlier error is not
//! reported again.

use std::collections::HashMap;

use crate::check::error::RuleError;
use crate::check::model::{self, ArithOp, CmpOp, Expr, ExprNode, FactId, Type};
use crate::check::types::{self, TypeClash};
use crate::dsl::ast::{self, Clause, ExprNode as AstNode, Literal};
use crate::dsl::{words, SyntaxError, SyntaxErrorKind};
use crate::quantity::{Currency, DateValue, Dimension, DurationUnit, Kind, Unit, Value};
use crate::source::{SourceFile, Span};

/// The codes of every error the checker reports; `docs/language.md` has an
/// example of each.
pub mod codes {
    /// Something else was expected here.
    pub const SYNTAX: &str = "factlint::rule::syntax";
    /// A string with no closing quote.
    pub const UNTERMINATED_STRING: &str = "factlint::rule::unterminated_string";
    /// An escape other than `\"` and `\\`.
    pub const BAD_ESCAPE: &str = "factlint::rule::bad_escape";
    /// A character that is not part of the language.
    pub const UNEXPECTED_CHARACTER: &str = "factlint::rule::unexpected_character";
    /// `=>`, `<>`, `=` where a comparison is expected.
    pub const UNKNOWN_OPERATOR: &str = "factlint::rule::unknown_operator";
    /// A comparison with nothing on its right.
    pub const MISSING_RHS: &str = "factlint::rule::missing_rhs";
    /// A name that no `fact` defines.
    pub const UNKNOWN_FACT: &str = "factlint::rule::unknown_fact";
    /// Two facts with one name.
    pub const DUPLICATE_FACT: &str = "factlint::rule::duplicate_fact";
    /// A derived fact using a derived fact defined after it (or itself).
    pub const FACT_ORDER: &str = "factlint::rule::fact_used_before_definition";
    /// A kind that does not exist.
    pub const UNKNOWN_KIND: &str = "factlint::rule::unknown_kind";
    /// A unit that does not exist.
    pub const UNKNOWN_UNIT: &str = "factlint::rule::unknown_unit";
    /// A currency that does not exist.
    pub const UNKNOWN_CURRENCY: &str = "factlint::rule::unknown_currency";
    /// `2026-13-05`, `2026-02-30`.
    pub const MALFORMED_DATE: &str = "factlint::rule::malformed_date";
    /// Comparing or combining values of different kinds or dimensions.
    pub const TYPE_MISMATCH: &str = "factlint::rule::type_mismatch";
    /// Adding or comparing money in two currencies.
    pub const CURRENCY_MISMATCH: &str = "factlint::rule::currency_mismatch";
    /// A tolerance that is not a non-negative value of the compared type.
    pub const BAD_TOLERANCE: &str = "factlint::rule::bad_tolerance";
    /// `of` on a fact that is not a count.
    pub const OF_WITHOUT_COUNT: &str = "factlint::rule::of_without_count";
    /// A count with no `of`.
    pub const COUNT_WITHOUT_OF: &str = "factlint::rule::count_without_of";
    /// An assertion (or derived fact) with no fact in it.
    pub const NO_FACT: &str = "factlint::rule::no_fact";
    /// A severity other than `error`, `warning`, `note`.
    pub const UNKNOWN_SEVERITY: &str = "factlint::rule::unknown_severity";
    /// A `matching` pattern without exactly one capture of the fact's kind.
    pub const BAD_PATTERN: &str = "factlint::rule::bad_pattern";
    /// A clause written twice in one fact.
    pub const DUPLICATE_CLAUSE: &str = "factlint::rule::duplicate_clause";
    /// `within N words` with N not a positive whole number.
    pub const BAD_WINDOW: &str = "factlint::rule::bad_window";
    /// An empty keyword string.
    pub const EMPTY_KEYWORD: &str = "factlint::rule::empty_keyword";
    /// A `scope` glob that does not parse.
    pub const BAD_GLOB: &str = "factlint::rule::bad_glob";
    /// A `trust` weight that is not a number of zero or more.
    pub const BAD_TRUST: &str = "factlint::rule::bad_trust";
    /// `disable` naming a check that does not exist.
    pub const UNKNOWN_CHECK: &str = "factlint::rule::unknown_check";
}

/// Turns a syntax error into a rule error.
pub fn syntax_error(e: &SyntaxError) -> RuleError {
    let message = e.to_string();
    match &e.kind {
        SyntaxErrorKind::Expected { expected, .. } => {
            let label = if expected.is_empty() {
                "unexpected here".to_string()
            } else {
                format!("expected {}", crate::dsl::parser::join_or(expected))
            };
            let mut err = RuleError::new(codes::SYNTAX, e.span, message, label);
            let first = expected.first().map(String::as_str).unwrap_or("");
            let help = if first == "a statement" {
                Some("start a statement with `fact`, `assert`, `agree`, `scope`, `ground`, `trust` or `disable` at the beginning of a line; indent a line to continue the statement above")
            } else if first == "end of statement" {
                Some("start each statement on a new line; indent a line to continue a statement")
            } else if first == "`:`" {
                Some("write `fact NAME: KIND near \"…\"` or `fact NAME = EXPRESSION`")
            } else if first == "`..`" {
                Some("write a range as `in LOW..HIGH`, e.g. `in 60 min..2 hours`")
            } else if first == "a fact name" {
                Some("name a fact, e.g. `agree summit_date` or `fact summit_date: date near \"summit\"`")
            } else if first == "a string" {
                Some("write keywords and messages in double quotes, e.g. `near \"summit\" | \"talks\"`")
            } else if first.starts_with("a comparison") {
                Some("compare with an operator, e.g. `assert summit_date == 2026-01-05`")
            } else {
                None
            };
            if let Some(h) = help {
                err = err.with_help(h);
            }
            err
        }
        SyntaxErrorKind::UnknownOperator { suggestion, .. } => {
            RuleError::new(codes::UNKNOWN_OPERATOR, e.span, message, "not an operator")
                .with_help(format!("use `{suggestion}`"))
        }
        SyntaxErrorKind::MissingRhs { op } => RuleError::new(
            codes::MISSING_RHS,
            e.span,
            message,
            "nothing to compare with",
        )
        .with_help(format!(
            "write the expected value after `{op}`, e.g. `{op} 14` or `{op} 2026-01-05`"
        )),
        SyntaxErrorKind::UnexpectedCharacter(_) => RuleError::new(
            codes::UNEXPECTED_CHARACTER,
            e.span,
            message,
            "not part of the rule language",
        )
        .with_help("remove it, or put the text inside a double-quoted string"),
        SyntaxErrorKind::UnterminatedString => RuleError::new(
            codes::UNTERMINATED_STRING,
            e.span,
            message,
            "this string has no closing quote",
        )
        .with_help(
            "close the string with `\"` on the same line; write `\\\"` for a quote inside it",
        ),
        SyntaxErrorKind::BadEscape(_) => {
            RuleError::new(codes::BAD_ESCAPE, e.span, message, "unknown escape")
                .with_help("the only escapes are `\\\"` and `\\\\`")
        }
    }
}

/// The closest of `candidates` to `word`, if close enough to be a typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let len = lower.chars().count();
    let max = (len / 3).clamp(1, 3);
    candidates
        .into_iter()
        .filter_map(|c| {
            let cl = c.to_lowercase();
            let d = strsim::damerau_levenshtein(&lower, &cl);
            // A typo, or an abbreviation of a longer word (`warn` → `warning`).
            let close = d <= max || (len >= 3 && cl.starts_with(&lower));
            let len_gap = cl.chars().count().abs_diff(len);
            close.then_some(((d.min(len_gap), len_gap), c))
        })
        .min_by_key(|(key, _)| *key)
        .map(|(_, c)| c)
}

/// The kind words of fact definitions.
fn kind_names() -> Vec<&'static str> {
    let mut v: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
    v.push("count");
    v.extend(Dimension::ALL.iter().map(|d| d.name()));
    v
}

/// Parses a kind word: the type and whether it is a count.
fn kind_word(w: &str) -> Option<(Type, bool)> {
    if w == "count" {
        return Some((Type::of(Kind::Number), true));
    }
    if let Some(k) = Kind::from_name(w) {
        return Some((Type::of(k), false));
    }
    Dimension::from_name(w).map(|d| {
        (
            Type {
                kind: Kind::Quantity,
                dimension: Some(d),
                currency: None,
            },
            false,
        )
    })
}

/// A checked fact under construction.
struct FactEntry {
    fact: model::Fact,
    /// Its type is unknown because of an error already reported.
    poisoned: bool,
    /// A derived fact whose expression has been checked (binder facts: always).
    resolved: bool,
}

/// A checked expression, or `None` when an error was reported inside it.
type Checked = Option<Expr>;

pub(crate) struct Checker<'a> {
    source: &'a SourceFile,
    pub(crate) errors: Vec<RuleError>,
    facts: Vec<FactEntry>,
    names: HashMap<String, FactId>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(source: &'a SourceFile) -> Self {
        Checker {
            source,
            errors: Vec::new(),
            facts: Vec::new(),
            names: HashMap::new(),
        }
    }

    fn error(&mut self, e: RuleError) {
        self.errors.push(e);
    }

    /// Checks the whole tree.
    pub(crate) fn check(mut self, ast: &ast::Ast) -> (model::RuleFile, Vec<RuleError>) {
        // 1. Declare every fact, so that statements may use facts defined below them.
        let mut derived = Vec::new();
        for item in &ast.items {
            if let ast::Item::Fact(def) = item {
                if let Some(id) = self.declare(def) {
                    if let ast::FactBody::Derived(e) = &def.body {
                        derived.push((id, e));
                    }
                }
            }
        }
        // 2. Derived facts, in file order.
        for (id, e) in derived {
            let checked = self.expr(e);
            let entry = &mut self.facts[id.0];
            entry.resolved = true;
            match checked {
                Some(x) => {
                    entry.fact.ty = x.ty;
                    let has_fact = contains_fact(&x);
                    entry.fact.source = model::FactSource::Derived(x);
                    if !has_fact {
                        entry.poisoned = true;
                        let name = entry.fact.name.clone();
                        self.error(
                            RuleError::new(codes::NO_FACT, e.span, format!("derived fact `{name}` uses no other fact"), "a constant")
                                .with_help("a derived fact computes from other facts, e.g. `fact gap = 2026 - last_visit`; compare constants in an `assert` instead"),
                        );
                    }
                }
                None => entry.poisoned = true,
            }
        }
        // 3. Statements.
        let mut scope = Vec::new();
        let mut statements = Vec::new();
        let mut groundings = Vec::new();
        let mut trust = Vec::new();
        let mut disabled = Vec::new();
        for item in &ast.items {
            match item {
                ast::Item::Scope(s) => self.scope(s, &mut scope),
                ast::Item::Ground(g) => {
                    let severity = self.severity(&g.severity);
                    let mut targets = Vec::new();
                    let mut sources = Vec::new();
                    self.globs(&g.targets, &mut targets);
                    self.globs(&g.sources, &mut sources);
                    groundings.push(model::Grounding {
                        span: g.span,
                        targets,
                        sources,
                        severity,
                    });
                }
                ast::Item::Trust(t) => {
                    let mut patterns = Vec::new();
                    self.globs(&t.globs, &mut patterns);
                    if let Some(weight) = self.trust_weight(&t.weight) {
                        trust.push(model::TrustRule {
                            span: t.span,
                            patterns,
                            weight,
                        });
                    }
                }
                ast::Item::Disable(d) => {
                    for c in &d.checks {
                        if let Some(check) = self.builtin_check(c) {
                            disabled.push((check, c.span));
                        }
                    }
                }
                ast::Item::Fact(_) => {}
                ast::Item::Assert(a) => {
                    if let Some(s) = self.assertion(a) {
                        statements.push(model::Statement::Assert(s));
                    }
                }
                ast::Item::Agree(a) => {
                    if let Some(s) = self.agreement(a) {
                        statements.push(model::Statement::Agree(s));
                    }
                }
            }
        }
        let facts = self.facts.into_iter().map(|f| f.fact).collect();
        let file = model::RuleFile {
            source: self.source.clone(),
            scope,
            facts,
            statements,
            groundings,
            trust,
            disabled,
        };
        (file, self.errors)
    }

    // ------------------------------------------------------------ facts

    fn declare(&mut self, def: &ast::FactDef) -> Option<FactId> {
        if let Some(&first) = self.names.get(&def.name.name) {
            let first_span = self.facts[first.0].fact.name_span;
            self.error(
                RuleError::new(
                    codes::DUPLICATE_FACT,
                    def.name.span,
                    format!("fact `{}` is defined twice", def.name.name),
                    "defined again here",
                )
                .with_secondary(first_span, "first defined here")
                .with_help("rename one of the facts, or merge their keywords with `|`"),
            );
            return None;
        }
        let (ty, is_count, source, poisoned, resolved) = match &def.body {
            ast::FactBody::Binder(b) => {
                let (ty, is_count, binder, ok) = self.binder(b);
                (ty, is_count, model::FactSource::Binder(binder), !ok, true)
            }
            ast::FactBody::Derived(_) => (
                Type::of(Kind::Number),
                false,
                model::FactSource::Binder(model::Binder::default()),
                false,
                false,
            ),
        };
        let id = FactId(self.facts.len());
        self.facts.push(FactEntry {
            fact: model::Fact {
                name: def.name.name.clone(),
                name_span: def.name.span,
                span: def.span,
                ty,
                is_count,
                source,
            },
            poisoned,
            resolved,
        });
        self.names.insert(def.name.name.clone(), id);
        Some(id)
    }

    /// The binder of a fact: its type, whether it is a count, the binder, and
    /// whether its kind resolved.
    fn binder(&mut self, b: &ast::BinderDef) -> (Type, bool, model::Binder, bool) {
        let kind = kind_word(&b.kind.name);
        if kind.is_none() {
            let mut err = RuleError::new(
                codes::UNKNOWN_KIND,
                b.kind.span,
                format!("unknown kind `{}`", b.kind.name),
                "not a kind",
            );
            err = match suggest(&b.kind.name, kind_names()) {
                Some(s) => err.with_help(format!("did you mean `{s}`?")),
                None => err.with_help(format!("use one of {}", backticked(&kind_names()))),
            };
            self.error(err);
        }
        let (ty, is_count) = kind.unwrap_or((Type::of(Kind::Number), false));
        let mut binder = model::Binder::default();
        let mut seen: Vec<(&str, Span)> = Vec::new();
        for clause in &b.clauses {
            let (kw, span) = clause.keyword();
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == kw) {
                let first = *first;
                self.error(
                    RuleError::new(codes::DUPLICATE_CLAUSE, span, format!("`{kw}` is written twice in one fact"), "repeated clause")
                        .with_secondary(first, "first written here")
                        .with_help(if kw == "near" {
                            "join keyword groups with `and` in one `near` clause: `near \"a\" and \"b\"`"
                        } else {
                            "join the alternatives with `|` in one clause"
                        }),
                );
                continue;
            }
            seen.push((kw, span));
            match clause {
                Clause::Of { keyword, nouns } => {
                    if kind.is_some() && !is_count {
                        self.error(
                            RuleError::new(codes::OF_WITHOUT_COUNT, *keyword, "`of` only applies to counts", "`of` needs a count")
                                .with_secondary(b.kind.span, format!("this fact is {}", types::describe(ty, false)))
                                .with_help("declare the fact as `count of \"…\"`, or use `near` to require a word in the sentence"),
                        );
                    }
                    binder.count_of = self.keywords(nouns);
                }
                Clause::Near { groups, .. } => {
                    binder.all_of = groups.iter().map(|g| self.keywords(g)).collect();
                }
                Clause::Without { words, .. } => binder.without = self.keywords(words),
                Clause::Within {
                    count, count_span, ..
                } => {
                    if count.fract() == 0.0 && *count >= 1.0 && *count <= 1000.0 {
                        binder.window = model::Window::Words(*count as usize);
                    } else {
                        self.error(
                            RuleError::new(
                                codes::BAD_WINDOW,
                                *count_span,
                                format!(
                                    "cannot look within {} words",
                                    self.source.slice(*count_span)
                                ),
                                "not a whole number of words",
                            )
                            .with_help(
                                "write a whole number from 1 to 1000, e.g. `within 6 words`",
                            ),
                        );
                    }
                }
                Clause::Matching { pattern, .. } => {
                    if kind.is_some() {
                        binder.pattern = self.pattern(pattern, ty, is_count, b.kind.span);
                    }
                }
            }
        }
        if is_count && binder.count_of.is_empty() && !seen.iter().any(|(k, _)| *k == "of") {
            self.error(
                RuleError::new(
                    codes::COUNT_WITHOUT_OF,
                    b.kind.span,
                    "a count needs the nouns it counts",
                    "count of what?",
                )
                .with_help("add `of` and the nouns, e.g. `count of \"MOUs\" | \"agreements\"`"),
            );
        }
        (ty, is_count, binder, kind.is_some())
    }

    fn keywords(&mut self, strs: &[ast::Str]) -> Vec<model::Keyword> {
        let mut out = Vec::new();
        for s in strs {
            if s.value.trim().is_empty() {
                self.error(
                    RuleError::new(
                        codes::EMPTY_KEYWORD,
                        s.span,
                        "empty keyword",
                        "matches nothing",
                    )
                    .with_help("write a word or phrase between the quotes, or remove it"),
                );
                continue;
            }
            out.push(model::Keyword {
                text: s.value.trim().to_string(),
                span: s.span,
            });
        }
        out
    }

    /// Parses `"arrived in {*} on {date}"`.
    fn pattern(
        &mut self,
        s: &ast::Str,
        ty: Type,
        is_count: bool,
        kind_span: Span,
    ) -> Option<model::Pattern> {
        // Offsets into the raw text map 1:1 to the source when there are no
        // escapes; otherwise errors point at the whole string.
        let raw = self.source.slice(s.span);
        let exact = !raw.contains('\\');
        let at = |a: usize, b: usize| {
            if exact {
                Span::new(s.span.start + 1 + a, s.span.start + 1 + b)
            } else {
                s.span
            }
        };
        let text = &s.value;
        let mut parts = Vec::new();
        let mut captures = 0;
        let mut rest = 0;
        while let Some(open) = text[rest..].find('{').map(|o| o + rest) {
            push_text(&mut parts, &text[rest..open]);
            let Some(close) = text[open..].find('}').map(|c| c + open) else {
                self.error(
                    RuleError::new(
                        codes::BAD_PATTERN,
                        at(open, open + 1),
                        "unclosed `{` in pattern",
                        "opened here",
                    )
                    .with_help("close the capture with `}`, e.g. `{date}`"),
                );
                return None;
            };
            let name = text[open + 1..close].trim();
            let span = at(open, close + 1);
            if matches!(name, "*" | "…" | "...") {
                parts.push(model::PatternPart::Skip(5));
            } else {
                let Some((cap_ty, cap_count)) = kind_word(name) else {
                    let mut e = RuleError::new(
                        codes::BAD_PATTERN,
                        span,
                        format!("unknown capture `{{{name}}}`"),
                        "not a kind",
                    );
                    e = match suggest(name, kind_names()) {
                        Some(k) => e.with_help(format!("did you mean `{{{k}}}`? use `{{*}}` to skip a few words")),
                        None => e.with_help("capture the fact with its kind, e.g. `{date}`, and skip words with `{*}`"),
                    };
                    self.error(e);
                    return None;
                };
                if cap_ty.kind != ty.kind
                    || (cap_ty.dimension.is_some() && cap_ty.dimension != ty.dimension)
                {
                    self.error(
                        RuleError::new(
                            codes::BAD_PATTERN,
                            span,
                            format!(
                                "the capture is {} but the fact is {}",
                                types::describe(cap_ty, cap_count),
                                types::describe(ty, is_count)
                            ),
                            "capture of another kind",
                        )
                        .with_secondary(kind_span, "the fact's kind")
                        .with_help(format!(
                            "capture the fact's own kind: `{{{}}}`",
                            self.source.slice(kind_span)
                        )),
                    );
                    return None;
                }
                captures += 1;
                if captures > 1 {
                    self.error(
                        RuleError::new(
                            codes::BAD_PATTERN,
                            span,
                            "a pattern captures exactly one value",
                            "second capture",
                        )
                        .with_help(
                            "keep one capture of the fact's kind and skip other words with `{*}`",
                        ),
                    );
                    return None;
                }
                parts.push(model::PatternPart::Capture(cap_ty.kind));
            }
            rest = close + 1;
        }
        push_text(&mut parts, &text[rest..]);
        if captures == 0 {
            self.error(
                RuleError::new(
                    codes::BAD_PATTERN,
                    s.span,
                    "the pattern captures nothing",
                    "no `{…}` capture",
                )
                .with_help(format!(
                    "mark the value with its kind, e.g. `\"arrived on {{{}}}\"`",
                    self.source.slice(kind_span)
                )),
            );
            return None;
        }
        Some(model::Pattern {
            parts,
            span: s.span,
        })
    }

    // ------------------------------------------------------------ statements

    fn scope(&mut self, s: &ast::ScopeDef, out: &mut Vec<model::ScopePattern>) {
        self.globs(&s.globs, out);
    }

    /// A `trust` weight: a plain number of zero or more.
    fn trust_weight(&mut self, e: &ast::Expr) -> Option<f64> {
        let help = "write the weight as a plain number, e.g. `trust \"corpus/wire-*\" = 3` (the default weight is 1)";
        match &e.node {
            AstNode::Literal(Literal::Number { value, .. }) if value.is_finite() => Some(*value),
            AstNode::Neg(_) => {
                self.error(
                    RuleError::new(
                        codes::BAD_TRUST,
                        e.span,
                        "a trust weight cannot be negative",
                        "negative",
                    )
                    .with_help("use 0 to give documents no weight in agreements"),
                );
                None
            }
            _ => {
                self.error(
                    RuleError::new(
                        codes::BAD_TRUST,
                        e.span,
                        format!(
                            "trust weight `{}` is not a number",
                            self.source.slice(e.span)
                        ),
                        "not a plain number",
                    )
                    .with_help(help),
                );
                None
            }
        }
    }

    /// The built-in check a `disable` names.
    fn builtin_check(&mut self, c: &ast::Ident) -> Option<model::BuiltinCheck> {
        if let Some(check) = model::BuiltinCheck::from_name(&c.name) {
            return Some(check);
        }
        let names = model::BuiltinCheck::ALL.map(|c| c.name());
        let help = match suggest(&c.name, names) {
            Some(n) => format!("did you mean `{n}`?"),
            None => format!("name one of {}", backticked(&names)),
        };
        self.error(
            RuleError::new(
                codes::UNKNOWN_CHECK,
                c.span,
                format!("unknown check `{}`", c.name),
                "not a built-in check",
            )
            .with_help(help),
        );
        None
    }

    fn globs(&mut self, globs: &[ast::Str], out: &mut Vec<model::ScopePattern>) {
        for g in globs {
            match globset::Glob::new(&g.value) {
                Ok(_) => out.push(model::ScopePattern { glob: g.value.clone(), span: g.span }),
                Err(e) => self.error(
                    RuleError::new(codes::BAD_GLOB, g.span, format!("invalid glob `{}`", g.value), e.kind().to_string())
                        .with_help("use `*` for any characters, `?` for one, `[a-z]` for a set, e.g. `\"corpus/*lee*\"`"),
                ),
            }
        }
    }

    fn severity(&mut self, s: &Option<ast::Ident>) -> model::Severity {
        let Some(s) = s else {
            return model::Severity::Error;
        };
        match s.name.as_str() {
            "error" => model::Severity::Error,
            "warning" => model::Severity::Warning,
            "note" => model::Severity::Note,
            other => {
                let names = ["error", "warning", "note"];
                let help = match suggest(other, names) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => "use `error` (the default), `warning` or `note`".into(),
                };
                self.error(
                    RuleError::new(
                        codes::UNKNOWN_SEVERITY,
                        s.span,
                        format!("unknown severity `{other}`"),
                        "not a severity",
                    )
                    .with_help(help),
                );
                model::Severity::Error
            }
        }
    }

    fn message(s: &Option<ast::Str>) -> Option<model::Message> {
        s.as_ref().map(|s| model::Message {
            text: s.value.clone(),
            span: s.span,
        })
    }

    fn assertion(&mut self, a: &ast::AssertDef) -> Option<model::Assertion> {
        let severity = self.severity(&a.severity);
        let message = Self::message(&a.message);
        let lhs = self.expr(&a.lhs);
        match &a.comparison {
            ast::ComparisonDef::Compare {
                op,
                op_span,
                rhs,
                tolerance,
            } => {
                let rhs_checked = self.expr(rhs);
                let (mut l, mut r) = (lhs?, rhs_checked?);
                let mut op = *op;
                let (mut l_ast, mut r_ast) = (&a.lhs, rhs);
                if !contains_fact(&l) && contains_fact(&r) {
                    // `assert 2026-01-05 == summit_date`: put the fact on the left.
                    std::mem::swap(&mut l, &mut r);
                    std::mem::swap(&mut l_ast, &mut r_ast);
                    op = mirror(op);
                }
                if !contains_fact(&l) {
                    self.no_fact(a);
                    return None;
                }
                let r = self.compare(&l, l_ast, r, r_ast)?;
                let tolerance = match tolerance {
                    Some(t) if !matches!(op, CmpOp::Eq | CmpOp::Ne | CmpOp::Approx) => {
                        self.error(
                            RuleError::new(
                                codes::BAD_TOLERANCE,
                                t.span,
                                format!("a tolerance does not apply to `{}`", op.symbol()),
                                "tolerance on an ordering",
                            )
                            .with_secondary(*op_span, "this operator")
                            .with_help(
                                "use a tolerance with `==`, `!=` or `≈`, or move the bound itself",
                            ),
                        );
                        return None;
                    }
                    Some(t) => {
                        let compared = types::unify(l.ty, r.ty).unwrap_or(l.ty);
                        Some(self.tolerance(t, compared, (l_ast, l.ty))?)
                    }
                    None => None,
                };
                let comparison = model::Comparison::Compare {
                    op,
                    op_span: *op_span,
                    rhs: r,
                    tolerance,
                };
                Some(model::Assertion {
                    span: a.span,
                    lhs: l,
                    comparison,
                    severity,
                    message,
                })
            }
            ast::ComparisonDef::Within { lo, hi, span } => {
                let (lo_c, hi_c) = (self.expr(lo), self.expr(hi));
                let l = lhs?;
                if !contains_fact(&l) {
                    self.no_fact(a);
                    return None;
                }
                let lo_c = self.compare(&l, &a.lhs, lo_c?, lo);
                let hi_c = self.compare(&l, &a.lhs, hi_c?, hi);
                let comparison = model::Comparison::Within {
                    lo: lo_c?,
                    hi: hi_c?,
                    span: *span,
                };
                Some(model::Assertion {
                    span: a.span,
                    lhs: l,
                    comparison,
                    severity,
                    message,
                })
            }
        }
    }

    fn no_fact(&mut self, a: &ast::AssertDef) {
        let example = self
            .facts
            .first()
            .map_or("summit_date".to_string(), |f| f.fact.name.clone());
        self.error(
            RuleError::new(
                codes::NO_FACT,
                a.lhs.span,
                "this assertion uses no fact",
                "no fact here",
            )
            .with_help(format!(
                "compare a fact with a value, e.g. `assert {example} == …`"
            )),
        );
    }

    fn agreement(&mut self, a: &ast::AgreeDef) -> Option<model::Agreement> {
        let severity = self.severity(&a.severity);
        let message = Self::message(&a.message);
        let id = self.lookup(&a.fact)?;
        let entry = &self.facts[id.0];
        let (ty, poisoned) = (entry.fact.ty, entry.poisoned);
        let tolerance = match &a.tolerance {
            Some(t) if !poisoned => {
                let name = ast::Expr {
                    node: AstNode::Name(a.fact.clone()),
                    span: a.fact.span,
                };
                Some(self.tolerance(t, ty, (&name, ty))?)
            }
            _ => None,
        };
        if poisoned {
            return None;
        }
        Some(model::Agreement {
            span: a.span,
            fact: id,
            fact_span: a.fact.span,
            tolerance,
            severity,
            message,
        })
    }

    // ------------------------------------------------------------ tolerances

    fn tolerance(
        &mut self,
        t: &ast::ToleranceDef,
        compared: Type,
        lhs: (&ast::Expr, Type),
    ) -> Option<model::Tolerance> {
        let (negative, inner) = match &t.amount.node {
            AstNode::Neg(inner) => (true, inner.as_ref()),
            _ => (false, &t.amount),
        };
        let want = if compared.kind == Kind::Date {
            Type::of(Kind::Duration)
        } else {
            compared
        };
        let AstNode::Literal(lit) = &inner.node else {
            self.error(
                RuleError::new(
                    codes::BAD_TOLERANCE,
                    t.amount.span,
                    "a tolerance must be a value",
                    "not a value",
                )
                .with_help(format!(
                    "write a percentage such as `± 5%` or {} such as `± {}`",
                    types::describe(want, false),
                    types::example(want)
                )),
            );
            return None;
        };
        let value = self.literal(lit, inner.span)?;
        let amount = match &value {
            Value::Percent {
                value: p,
                points: false,
            } => model::ToleranceAmount::Relative(p / 100.0),
            v if types::unify(value_type(v), want).is_ok() => {
                model::ToleranceAmount::Absolute(v.clone())
            }
            Value::Number { value: n } => match coerce_number(*n, want) {
                Some(v) => model::ToleranceAmount::Absolute(v),
                None => return self.bad_tolerance_type(inner, &value, want, compared, lhs),
            },
            v => return self.bad_tolerance_type(inner, v, want, compared, lhs),
        };
        let magnitude = match &amount {
            model::ToleranceAmount::Relative(r) => *r,
            model::ToleranceAmount::Absolute(v) => v.interval().center(),
        };
        if negative || magnitude < 0.0 {
            self.error(
                RuleError::new(codes::BAD_TOLERANCE, t.amount.span, "a tolerance cannot be negative", "negative tolerance")
                    .with_help("write the size of the allowed difference, e.g. `± 5%`; `±` already means either side"),
            );
            return None;
        }
        Some(model::Tolerance {
            amount,
            span: t.span,
        })
    }

    fn bad_tolerance_type<T>(
        &mut self,
        inner: &ast::Expr,
        value: &Value,
        want: Type,
        compared: Type,
        (lhs, lhs_ty): (&ast::Expr, Type),
    ) -> Option<T> {
        let got = types::describe(value_type(value), false);
        let on = types::describe(compared, false);
        let own = types::describe(lhs_ty, false);
        let lhs_label = match &lhs.node {
            AstNode::Name(n) => format!("`{}` is {own}", n.name),
            _ => format!("this is {own}"),
        };
        self.error(
            RuleError::new(
                codes::BAD_TOLERANCE,
                inner.span,
                format!("a tolerance on {on} cannot be {got}"),
                format!("this is {got}"),
            )
            .with_secondary(lhs.span, lhs_label)
            .with_help(format!(
                "write {} such as `± {}`, or a percentage such as `± 5%`",
                types::describe(want, false),
                if compared.kind == Kind::Date {
                    "1 day".into()
                } else {
                    types::example(want)
                }
            )),
        );
        None
    }

    // ------------------------------------------------------------ expressions

    fn lookup(&mut self, name: &ast::Ident) -> Option<FactId> {
        if let Some(&id) = self.names.get(&name.name) {
            return Some(id);
        }
        let names: Vec<&str> = self.facts.iter().map(|f| f.fact.name.as_str()).collect();
        let help = match suggest(&name.name, names) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!(
                "define it first, e.g. `fact {}: number near \"…\"`",
                name.name
            ),
        };
        self.error(
            RuleError::new(
                codes::UNKNOWN_FACT,
                name.span,
                format!("unknown fact `{}`", name.name),
                "not defined in this file",
            )
            .with_help(help),
        );
        None
    }

    fn expr(&mut self, e: &ast::Expr) -> Checked {
        match &e.node {
            AstNode::Name(name) => {
                let id = self.lookup(name)?;
                let entry = &self.facts[id.0];
                if entry.poisoned {
                    return None;
                }
                if !entry.resolved {
                    let first = entry.fact.name_span;
                    self.error(
                        RuleError::new(
                            codes::FACT_ORDER,
                            name.span,
                            format!("fact `{}` is used before its definition", name.name),
                            "defined below",
                        )
                        .with_secondary(first, "defined here")
                        .with_help("move this derived fact below the facts it uses"),
                    );
                    return None;
                }
                Some(Expr {
                    node: ExprNode::Fact(id),
                    span: e.span,
                    ty: entry.fact.ty,
                })
            }
            AstNode::Literal(lit) => {
                let v = self.literal(lit, e.span)?;
                Some(Expr {
                    ty: value_type(&v),
                    node: ExprNode::Literal(v),
                    span: e.span,
                })
            }
            AstNode::Neg(inner) => {
                let x = self.expr(inner)?;
                if let ExprNode::Literal(v) = &x.node {
                    if let Some(n) = negate(v) {
                        return Some(Expr {
                            node: ExprNode::Literal(n),
                            span: e.span,
                            ty: x.ty,
                        });
                    }
                }
                if x.ty.kind == Kind::Date {
                    self.error(
                        RuleError::new(
                            codes::TYPE_MISMATCH,
                            e.span,
                            "cannot negate a date",
                            "a negated date",
                        )
                        .with_help(
                            "subtract a duration from the date instead, e.g. `summit_date - 1 day`",
                        ),
                    );
                    return None;
                }
                // -x is 0 - x.
                let zero = Expr {
                    node: ExprNode::Literal(zero_of(x.ty)),
                    span: Span::new(e.span.start, e.span.start),
                    ty: x.ty,
                };
                Some(Expr {
                    node: ExprNode::Binary {
                        op: ArithOp::Sub,
                        lhs: Box::new(zero),
                        rhs: Box::new(x.clone()),
                    },
                    span: e.span,
                    ty: x.ty,
                })
            }
            AstNode::Binary {
                op,
                op_span,
                lhs,
                rhs,
            } => {
                let (l, r) = (self.expr(lhs), self.expr(rhs));
                let (mut l, mut r) = (l?, r?);
                let op = arith_op(*op);
                // Bare numbers take the type of the other side where that is
                // unambiguous: `2026 - last_visit` is a year.
                if op == ArithOp::Add || op == ArithOp::Sub {
                    l = coerce(l, lhs, r.ty);
                    r = coerce(r, rhs, l.ty);
                }
                match types::arithmetic(op, l.ty, r.ty) {
                    Ok(ty) => Some(Expr {
                        node: ExprNode::Binary {
                            op,
                            lhs: Box::new(l),
                            rhs: Box::new(r),
                        },
                        span: e.span,
                        ty,
                    }),
                    Err(clash) => {
                        self.clash(clash, Some(op), *op_span, (&l, lhs), (&r, rhs));
                        None
                    }
                }
            }
        }
    }

    /// Checks that `r` compares with `l`, coercing a bare number; returns `r`.
    fn compare(&mut self, l: &Expr, l_ast: &ast::Expr, r: Expr, r_ast: &ast::Expr) -> Checked {
        let r = coerce(r, r_ast, l.ty);
        match types::unify(l.ty, r.ty) {
            Ok(_) => Some(r),
            Err(clash) => {
                let between = Span::new(l.span.end.min(r.span.start), r.span.start.max(l.span.end));
                self.clash(clash, None, between, (l, l_ast), (&r, r_ast));
                None
            }
        }
    }

    /// Reports two types that do not go together, labelling both sides.
    fn clash(
        &mut self,
        clash: TypeClash,
        op: Option<ArithOp>,
        op_span: Span,
        l: (&Expr, &ast::Expr),
        r: (&Expr, &ast::Expr),
    ) {
        let side = |(x, a): (&Expr, &ast::Expr), facts: &[FactEntry]| -> (String, String) {
            let is_count = match &x.node {
                ExprNode::Fact(id) => facts[id.0].fact.is_count,
                _ => false,
            };
            let what = types::describe(x.ty, is_count);
            let label = match &a.node {
                AstNode::Name(n) => format!("`{}` is {what}", n.name),
                _ => format!("this is {what}"),
            };
            (what, label)
        };
        let (lw, ll) = side(l, &self.facts);
        let (rw, rl) = side(r, &self.facts);
        let (l_span, r_span) = (l.0.span, r.0.span);
        let err = match (&clash, op) {
            (TypeClash::Currencies(a, b), Some(op)) => RuleError::new(
                codes::CURRENCY_MISMATCH,
                op_span,
                format!(
                    "cannot {} {} {} {} without an explicit rate",
                    types::verb(op),
                    b.code,
                    if op == ArithOp::Add { "to" } else { "and" },
                    a.code
                ),
                "different currencies",
            )
            .with_help("write both amounts in one currency"),
            (TypeClash::Currencies(a, b), None) => RuleError::new(
                codes::CURRENCY_MISMATCH,
                r_span,
                format!(
                    "cannot compare {} with {} without an explicit rate",
                    a.code, b.code
                ),
                rl.clone(),
            )
            .with_help(format!("write the expected amount in {}", a.code)),
            (_, Some(op)) => RuleError::new(
                codes::TYPE_MISMATCH,
                op_span,
                format!("cannot {} {lw} and {rw}", types::verb(op)),
                "incompatible operands",
            )
            .with_help(arith_help(op, l.0.ty, r.0.ty)),
            (_, None) => RuleError::new(
                codes::TYPE_MISMATCH,
                r_span,
                format!("cannot compare {lw} with {rw}"),
                rl.clone(),
            )
            .with_help(format!(
                "compare {} with {}, such as `{}`",
                side_name(l.1),
                lw,
                types::example(l.0.ty)
            )),
        };
        let err = match (op, &clash) {
            (None, _) => err.with_secondary(l_span, ll),
            (Some(_), _) => err.with_secondary(l_span, ll).with_secondary(r_span, rl),
        };
        self.error(err);
    }

    // ------------------------------------------------------------ literals

    /// The value of a literal, or `None` after reporting why it has none.
    fn literal(&mut self, lit: &Literal, span: Span) -> Option<Value> {
        match lit {
            Literal::Number { value, .. } => Some(Value::Number { value: *value }),
            Literal::Ordinal { value } => Some(Value::Ordinal {
                value: *value as i64,
            }),
            Literal::Percent { value } => Some(Value::Percent {
                value: *value,
                points: false,
            }),
            Literal::Date { text } => {
                match DateValue::parse_iso(text) {
                    Some(date) => Some(Value::Date { date }),
                    None => {
                        self.error(
                        RuleError::new(codes::MALFORMED_DATE, span, format!("invalid date `{text}`"), date_problem(text))
                            .with_help("write a date as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, e.g. `2026-01-05`"),
                    );
                        None
                    }
                }
            }
            Literal::WithUnit { value, unit } => match words::unit_value(*value, &unit.name) {
                Some(v) => Some(v),
                None => {
                    self.unknown_unit(unit);
                    None
                }
            },
            Literal::Money { value, symbol } => match words::currency_word(&symbol.name) {
                Some(c) => Some(Value::Money {
                    amount: *value,
                    currency: Some(c),
                }),
                None => {
                    const PREFIXES: &[&str] = &[
                        "US$", "HK$", "C$", "A$", "NZ$", "NT$", "R$", "S$", "CN¥", "JP¥",
                    ];
                    let help = match suggest(&symbol.name, PREFIXES.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "write the amount with a known symbol or code, e.g. `$273B` or `273 billion USD`".into(),
                    };
                    self.error(
                        RuleError::new(
                            codes::UNKNOWN_CURRENCY,
                            symbol.span,
                            format!("unknown currency `{}`", symbol.name),
                            "not a currency",
                        )
                        .with_help(help),
                    );
                    None
                }
            },
        }
    }

    fn unknown_unit(&mut self, unit: &ast::Ident) {
        let w = &unit.name;
        if words::looks_like_currency_code(w) {
            let help = match suggest(w, Currency::codes()) {
                Some(c) => format!("did you mean `{c}`?"),
                None => format!(
                    "use an ISO 4217 code such as {}",
                    backticked(&Currency::codes().take(6).collect::<Vec<_>>())
                ),
            };
            self.error(
                RuleError::new(
                    codes::UNKNOWN_CURRENCY,
                    unit.span,
                    format!("unknown currency `{w}`"),
                    "not a currency",
                )
                .with_help(help),
            );
            return;
        }
        let durations: Vec<String> = DurationUnit::ALL
            .iter()
            .flat_map(|u| [u.name().to_string(), u.name_for(2.0)])
            .collect();
        let suggestion = Unit::suggest(w)
            .map(str::to_string)
            .or_else(|| suggest(w, durations.iter().map(String::as_str)).map(str::to_string));
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => "write a unit such as `km`, `kg`, `°C`, a duration such as `days`, or a currency such as `USD`".into(),
        };
        self.error(
            RuleError::new(
                codes::UNKNOWN_UNIT,
                unit.span,
                format!("unknown unit `{w}`"),
                "not a unit",
            )
            .with_help(help),
        );
    }
}

fn push_text(parts: &mut Vec<model::PatternPart>, text: &str) {
    let words: Vec<&str> = text.split_whitespace().collect();
    if !words.is_empty() {
        parts.push(model::PatternPart::Text(words.join(" ")));
    }
}

fn backticked(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("`{s}`")).collect();
    crate::dsl::parser::join_or(&quoted)
}

fn side_name(a: &ast::Expr) -> String {
    match &a.node {
        AstNode::Name(n) => format!("`{}`", n.name),
        _ => "the left-hand side".into(),
    }
}

fn arith_help(op: ArithOp, l: Type, r: Type) -> String {
    use Kind::*;
    match (op, l.kind, r.kind) {
        (ArithOp::Add, Date, Date) => {
            "subtract dates to get a duration, or add a duration to a date".into()
        }
        (ArithOp::Add | ArithOp::Sub, Date, Number) | (ArithOp::Add, Number, Date) => {
            "add or subtract a duration, such as `7 years`".into()
        }
        (ArithOp::Mul | ArithOp::Div, _, _) => "multiply or divide by a plain number".into(),
        _ => format!("both sides must be {}", types::describe(l, false)),
    }
}

/// What is wrong with a date token.
fn date_problem(text: &str) -> String {
    let parts: Vec<&str> = text.split('-').collect();
    if parts.iter().skip(1).any(|p| p.len() != 2) {
        return "month and day need two digits".into();
    }
    let num = |i: usize| parts.get(i).and_then(|p| p.parse::<i32>().ok());
    match (num(1), num(2)) {
        (Some(m), _) if !(1..=12).contains(&m) => format!("there is no month {m}"),
        (Some(m), Some(d)) => {
            let month = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            let name = month.get((m - 1) as usize).copied().unwrap_or("the month");
            format!("{name} {} has no day {d}", parts[0])
        }
        _ => "not a date".into(),
    }
}

/// `a < b` is `b > a`.
fn mirror(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        other => other,
    }
}

fn arith_op(op: ast::BinOp) -> ArithOp {
    match op {
        ast::BinOp::Add => ArithOp::Add,
        ast::BinOp::Sub => ArithOp::Sub,
        ast::BinOp::Mul => ArithOp::Mul,
        ast::BinOp::Div => ArithOp::Div,
    }
}

/// The static type of a value.
pub fn value_type(v: &Value) -> Type {
    match v {
        Value::Quantity { dimension, .. } => Type {
            kind: Kind::Quantity,
            dimension: Some(*dimension),
            currency: None,
        },
        Value::Money { currency, .. } => Type {
            kind: Kind::Money,
            dimension: None,
            currency: *currency,
        },
        other => Type::of(other.kind()),
    }
}

fn contains_fact(e: &Expr) -> bool {
    match &e.node {
        ExprNode::Fact(_) => true,
        ExprNode::Literal(_) => false,
        ExprNode::Binary { lhs, rhs, .. } => contains_fact(lhs) || contains_fact(rhs),
    }
}

/// A bare number literal read as the type `target` where that is
/// unambiguous: a four-digit integer as a year, any number as money (of the
/// target's currency, if known), a percentage or an ordinal.
fn coerce(e: Expr, ast: &ast::Expr, target: Type) -> Expr {
    let ExprNode::Literal(Value::Number { value }) = &e.node else {
        return e;
    };
    let value = *value;
    let year_like = matches!(
        &ast.node,
        AstNode::Literal(Literal::Number {
            year_like: true,
            ..
        })
    );
    let v = match target.kind {
        Kind::Date if year_like => DateValue::year(value as i16).map(|date| Value::Date { date }),
        Kind::Date => None,
        _ => coerce_number(value, target),
    };
    match v {
        Some(v) => Expr {
            ty: value_type(&v),
            node: ExprNode::Literal(v),
            span: e.span,
        },
        None => e,
    }
}

fn coerce_number(value: f64, target: Type) -> Option<Value> {
    match target.kind {
        Kind::Money => Some(Value::Money {
            amount: value,
            currency: target.currency,
        }),
        Kind::Percent => Some(Value::Percent {
            value,
            points: false,
        }),
        Kind::Ordinal if value.fract() == 0.0 => Some(Value::Ordinal {
            value: value as i64,
        }),
        Kind::Number => Some(Value::Number { value }),
        _ => None,
    }
}

fn negate(v: &Value) -> Option<Value> {
    Some(match v.clone() {
        Value::Number { value } => Value::Number { value: -value },
        Value::Ordinal { value } => Value::Ordinal { value: -value },
        Value::Percent { value, points } => Value::Percent {
            value: -value,
            points,
        },
        Value::Money { amount, currency } => Value::Money {
            amount: -amount,
            currency,
        },
        Value::Quantity {
            dimension,
            unit,
            written,
            ..
        } => {
            return Unit::lookup(unit).map(|u| Value::Quantity {
                amount: u.to_si(-written),
                dimension,
                unit,
                written: -written,
            });
        }
        Value::Duration { amount, unit } => Value::Duration {
            amount: -amount,
            unit,
        },
        Value::Date { .. } => return None,
    })
}

fn zero_of(ty: Type) -> Value {
    match ty.kind {
        Kind::Money => Value::Money {
            amount: 0.0,
            currency: ty.currency,
        },
        Kind::Percent => Value::Percent {
            value: 0.0,
            points: false,
        },
        Kind::Duration => Value::Duration {
            amount: 0.0,
            unit: DurationUnit::Second,
        },
        Kind::Quantity => Value::Quantity {
            amount: 0.0,
            dimension: ty.dimension.unwrap_or(Dimension::Length),
            unit: ty.dimension.unwrap_or(Dimension::Length).si_unit(),
            written: 0.0,
        },
        Kind::Ordinal => Value::Ordinal { value: 0 },
        _ => Value::Number { value: 0.0 },
    }
}
