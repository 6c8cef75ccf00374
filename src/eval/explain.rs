//! `factlint explain FACT`: why a fact bound (or did not) in each document.
//!
//! For one fact, every mention of the fact's kind in a document is tried
//! against the binder with [`bind::bind`], which says which clause accepted
//! or rejected it; the mentions that bound are then the candidates every
//! assertion weighs, and the narrowest of them speaks for the document in
//! `agree`. An [`Explanation`] records all of that as plain data; the
//! `diagnostic::explain` renderer prints it.
//!
//! Derived facts are explained through the binder facts they use, plus the
//! values the expression takes.

use crate::check::model::{ExprNode, FactId, FactSource, RuleFile};
use crate::document::Document;
use crate::extract::Mention;

use super::bind::{self, BindContext, BoundMention, Rejection};
use super::{DocumentResult, Evaluator, Outcome};

/// How one fact fares in one document.
#[derive(Clone, Debug)]
pub struct Explanation {
    /// Index of the rule file defining the fact.
    pub file: usize,
    /// The fact.
    pub fact: FactId,
    /// Index of the document.
    pub document: usize,
    /// Whether the rule file applies to the document at all.
    pub in_scope: bool,
    /// For a binder fact: every mention of its kind, in text order, and how it fared.
    pub tried: Vec<Tried>,
    /// Mentions of other kinds, not tried.
    pub other_kinds: usize,
    /// For a derived fact: the explanations of the binder facts it uses.
    pub parts: Vec<Explanation>,
    /// The values the fact takes in the document (distinct, in text order).
    pub values: Vec<String>,
    /// The value that speaks for the document in `agree` (the narrowest),
    /// when the values are consistent.
    pub chosen: Option<String>,
    /// Whether the values conflict (the document is ambiguous for `agree`).
    pub conflicting: bool,
    /// The outcomes of the file's assertions on this fact in the document.
    pub outcomes: Vec<Outcome>,
}

/// One mention tried against a binder.
#[derive(Clone, Debug)]
pub struct Tried {
    /// The mention.
    pub mention: Mention,
    /// Bound (with the keywords that satisfied the binder) or rejected (with the clause that failed).
    pub result: Result<BoundMention, Rejection>,
}

impl Evaluator<'_> {
    /// Explains fact `fact` of rule file `file` in one document. `result` is
    /// the document's evaluation (for the outcomes of assertions).
    pub fn explain(
        &self,
        file: usize,
        fact: FactId,
        doc: &Document,
        mentions: &[Mention],
        result: &DocumentResult,
    ) -> Explanation {
        let rule_file = &self.rules.files[file];
        let in_scope = self.in_scope(file, doc.name());
        let (sentence_spans, hits) = self.scan(doc);
        let cx = self.bind_context(doc, &sentence_spans, &hits);
        self.explain_in(rule_file, file, fact, result, in_scope, mentions, &cx, 0)
    }

    #[allow(clippy::too_many_arguments)]
    fn explain_in(
        &self,
        rule_file: &RuleFile,
        file: usize,
        fact: FactId,
        result: &DocumentResult,
        in_scope: bool,
        mentions: &[Mention],
        cx: &BindContext<'_>,
        depth: usize,
    ) -> Explanation {
        let f = &rule_file.facts[fact.0];
        let mut e = Explanation {
            file,
            fact,
            document: result.document,
            in_scope,
            tried: Vec::new(),
            other_kinds: 0,
            parts: Vec::new(),
            values: Vec::new(),
            chosen: None,
            conflicting: false,
            outcomes: Vec::new(),
        };
        if !in_scope {
            return e;
        }
        match &f.source {
            FactSource::Binder(b) => {
                for m in mentions {
                    if bind::kind_fits(f, m) {
                        e.tried.push(Tried {
                            mention: m.clone(),
                            result: bind::bind(f, b, m, cx),
                        });
                    } else {
                        e.other_kinds += 1;
                    }
                }
            }
            FactSource::Derived(expr) if depth < 16 => {
                let mut used = Vec::new();
                facts_of(&expr.node, &mut used);
                for id in used {
                    if matches!(rule_file.facts[id.0].source, FactSource::Binder(_)) {
                        e.parts.push(self.explain_in(
                            rule_file, file, id, result, in_scope, mentions, cx, depth,
                        ));
                    }
                }
            }
            FactSource::Derived(_) => {}
        }
        let Some(Some(bound)) = result.bindings.get(file) else {
            return e;
        };
        let expr = crate::check::model::Expr {
            node: ExprNode::Fact(fact),
            span: f.name_span,
            ty: f.ty,
        };
        let values = self.values(file, bound, &expr, 0);
        for (m, _) in &values {
            let s = m.to_string();
            if !e.values.contains(&s) {
                e.values.push(s);
            }
        }
        let best = values.iter().min_by(|a, b| {
            (a.0.stated.hi - a.0.stated.lo).total_cmp(&(b.0.stated.hi - b.0.stated.lo))
        });
        if let Some((b, _)) = best {
            e.conflicting = !values.iter().all(|(m, _)| m.stated.intersects(&b.stated));
            if !e.conflicting {
                e.chosen = Some(b.to_string());
            }
        }
        e.outcomes = result
            .outcomes
            .iter()
            .filter(|o| o.rule.file == file && *o.fact == *f.name)
            .cloned()
            .collect();
        e
    }
}

/// The facts an expression uses, in order, without repeats.
fn facts_of(e: &ExprNode, out: &mut Vec<FactId>) {
    match e {
        ExprNode::Fact(id) => {
            if !out.contains(id) {
                out.push(*id);
            }
        }
        ExprNode::Literal(_) => {}
        ExprNode::Binary { lhs, rhs, .. } => {
            facts_of(&lhs.node, out);
            facts_of(&rhs.node, out);
        }
    }
}
