//! `factlint explain FACT [DOC]`: one fact, every candidate mention in every
//! document, the binder clause that accepted or rejected it, and which value
//! won — printed as plain text for a rule writer.

use std::fmt::Write as _;

use crate::check::model::{Binder, Comparison, FactSource, RuleSet, Window};
use crate::eval::bind::Rejection;
use crate::eval::explain::{Explanation, Tried};
use crate::eval::Status;
use crate::source::SourceFile;

/// How many characters of a mention's words a row shows.
const TEXT_WIDTH: usize = 24;

/// The fact's definition, then one block per explanation.
pub fn render(rules: &RuleSet, documents: &[SourceFile], explanations: &[Explanation]) -> String {
    let mut out = String::new();
    let Some(first) = explanations.first() else {
        return out;
    };
    let file = &rules.files[first.file];
    let fact = &file.facts[first.fact.0];
    let at = file.source.line_col(fact.span.start).line;
    let definition = one_line(file.source.slice(fact.span));
    let _ = writeln!(out, "{definition}");
    let _ = writeln!(out, "  ({}:{at})", file.source.name);
    for e in explanations {
        out.push('\n');
        document_block(&mut out, rules, documents, e, 0);
    }
    out
}

fn document_block(
    out: &mut String,
    rules: &RuleSet,
    documents: &[SourceFile],
    e: &Explanation,
    indent: usize,
) {
    let pad = " ".repeat(indent);
    let doc = &documents[e.document];
    let file = &rules.files[e.file];
    let fact = &file.facts[e.fact.0];
    if indent == 0 {
        let _ = writeln!(out, "{}", doc.name);
    } else {
        let _ = writeln!(out, "{pad}`{}`:", fact.name);
    }
    if !e.in_scope {
        let _ = writeln!(
            out,
            "{pad}  out of scope: `{}` does not apply to this document",
            file.source.name
        );
        return;
    }
    match &fact.source {
        FactSource::Binder(b) => {
            if e.tried.is_empty() {
                let _ = writeln!(
                    out,
                    "{pad}  no mention of the fact's kind ({})",
                    kind_phrase(fact)
                );
            }
            let text_w = e
                .tried
                .iter()
                .map(|t| shown_text(doc, t).chars().count())
                .max()
                .unwrap_or(4);
            let value_w = e
                .tried
                .iter()
                .map(|t| t.mention.value.to_string().chars().count())
                .max()
                .unwrap_or(5);
            for t in &e.tried {
                let lc = doc.line_col(t.mention.span.start);
                let _ = writeln!(
                    out,
                    "{pad}  {:<8} {:<text_w$}  {:<value_w$}  {}",
                    format!("{}:{}", lc.line, lc.column),
                    shown_text(doc, t),
                    t.mention.value.to_string(),
                    why(doc, b, t)
                );
            }
            if e.other_kinds > 0 {
                let s = if e.other_kinds == 1 { "" } else { "s" };
                let _ = writeln!(
                    out,
                    "{pad}  ({} mention{s} of other kinds not tried)",
                    e.other_kinds
                );
            }
        }
        FactSource::Derived(_) => {
            let definition = one_line(file.source.slice(fact.span));
            let _ = writeln!(out, "{pad}  derived: {definition}");
            for p in &e.parts {
                document_block(out, rules, documents, p, indent + 2);
            }
        }
    }
    conclusion(out, rules, e, &pad);
}

fn conclusion(out: &mut String, rules: &RuleSet, e: &Explanation, pad: &str) {
    let file = &rules.files[e.file];
    let fact = &file.facts[e.fact.0];
    let values: Vec<String> = e.values.iter().map(|v| format!("`{v}`")).collect();
    match (values.as_slice(), &e.chosen) {
        ([], _) => {
            let _ = writeln!(out, "{pad}  → `{}` is not stated", fact.name);
        }
        ([one], _) => {
            let _ = writeln!(out, "{pad}  → `{}` is {one}", fact.name);
        }
        (_, Some(chosen)) => {
            let _ = writeln!(
                out,
                "{pad}  → `{}` takes {}; `{chosen}`, the narrowest, speaks for the document in `agree` (the others fit inside it)",
                fact.name,
                values.join(", ")
            );
        }
        (_, None) => {
            let _ = writeln!(
                out,
                "{pad}  → `{}` takes {}, which conflict: `agree` counts the document as ambiguous",
                fact.name,
                values.join(", ")
            );
        }
    }
    for o in &e.outcomes {
        let crate::check::model::Statement::Assert(a) = &file.statements[o.rule.statement] else {
            continue;
        };
        let line = file.source.line_col(a.span.start).line;
        let end = match &a.comparison {
            Comparison::Compare { rhs, tolerance, .. } => {
                tolerance.as_ref().map_or(rhs.span.end, |t| t.span.end)
            }
            Comparison::Within { span, .. } => span.end,
        };
        let written = one_line(
            file.source
                .slice(crate::source::Span::new(a.lhs.span.start, end)),
        );
        let verdicts: Vec<String> = o
            .candidates
            .iter()
            .map(|c| {
                let v = match c.verdict {
                    crate::eval::Verdict::Supports => "supports",
                    crate::eval::Verdict::Contradicts => "contradicts",
                    crate::eval::Verdict::Undecided => "undecided",
                };
                format!("`{}` {v}", c.value)
            })
            .collect();
        let status = match o.status {
            Status::NotStated => "not stated",
            s => s.name(),
        };
        let detail = if verdicts.is_empty() {
            String::new()
        } else {
            format!(" ({})", verdicts.join(", "))
        };
        let _ = writeln!(
            out,
            "{pad}    `assert {written}` ({}:{line}): {status}{detail}",
            file.source.name
        );
    }
}

/// Why a mention bound or not, naming the clause.
fn why(doc: &SourceFile, b: &Binder, t: &Tried) -> String {
    let at = |s: crate::source::Span| {
        let lc = doc.line_col(s.start);
        format!("{}:{}", lc.line, lc.column)
    };
    let place = match b.window {
        Window::Sentence => "in the sentence".to_string(),
        Window::Words(n) => format!("within {n} words"),
    };
    match &t.result {
        Ok(bm) => {
            if bm.keywords.is_empty() {
                return "bound".to_string();
            }
            let ks: Vec<String> = bm
                .keywords
                .iter()
                .map(|k| format!("\"{}\" at {}", doc.slice(*k), at(*k)))
                .collect();
            format!("bound: {}", ks.join(", "))
        }
        Err(Rejection::MissingKeyword { group }) => {
            format!("rejected by `near`: no {} {place}", quoted(group))
        }
        Err(Rejection::Excluded { keyword, at: s }) => {
            let found = doc.slice(*s);
            // Name the keyword when the text differs from it (`launch*`).
            let which = if found.eq_ignore_ascii_case(keyword) {
                String::new()
            } else {
                format!(" (`{keyword}`)")
            };
            format!("rejected by `without`: \"{found}\" at {}{which}", at(*s))
        }
        Err(Rejection::NotCounting) => {
            "rejected by `of`: no counted noun right after the number".into()
        }
        Err(Rejection::PatternMismatch) => {
            "rejected by `matching`: the pattern does not fit".into()
        }
        Err(Rejection::WrongDimension) => "rejected: a quantity of another dimension".into(),
    }
}

fn quoted(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" | ")
}

fn shown_text(doc: &SourceFile, t: &Tried) -> String {
    let s = one_line(doc.slice(t.mention.span));
    if s.chars().count() > TEXT_WIDTH {
        s.chars().take(TEXT_WIDTH - 1).chain(['…']).collect()
    } else {
        s
    }
}

fn kind_phrase(fact: &crate::check::model::Fact) -> String {
    if fact.is_count {
        "numbers".into()
    } else {
        match fact.ty.dimension {
            Some(d) => format!("quantities of {}", d.name()),
            None => fact.ty.kind.article_name().to_string(),
        }
    }
}

/// Collapses runs of white space (a statement spread over indented lines).
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
