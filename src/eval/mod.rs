//! Checked rules × mentions → outcomes. Pure: no IO, no rendering.
//!
//! For every document, [`Evaluator::evaluate_document`] binds each fact of
//! every rule file in scope ([`bind`]), evaluates each assertion and returns
//! a [`DocumentResult`]. Once every document is in,
//! [`Evaluator::agreements`] compares the values documents state for each
//! `agree` fact. Every outcome keeps its provenance: the mentions that
//! decided it, and for agreements the documents on the other side.
//!
//! Architecture invariant: the evaluator keeps only bound values and spans
//! of a document, never its text, once `evaluate_document` returns.

pub mod bind;
pub mod explain;
pub mod ground;
pub mod keywords;
pub mod measure;

use std::fmt;
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Serialize;

use crate::check::model::{
    Assertion, CmpOp, Comparison, Expr, ExprNode, FactId, FactSource, RuleFile, RuleSet, Severity,
    Statement, Tolerance, ToleranceAmount,
};
use crate::config::Config;
use crate::document::{sentences, sentences_in_lines_into, sentences_into, Document};
use crate::extract::Mention;
use crate::quantity::{Hedge, Interval, Kind, Scale, Value};
use crate::source::Span;

pub use bind::FileBindings;
use bind::{bind_all_needing, BindContext, FactsByKeyword, MentionIndex, Needs};
use keywords::KeywordIndex;
use measure::Measure;

/// How an (assertion, document) pair ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The document states a value that satisfies the assertion.
    Supported,
    /// The document states a value that cannot satisfy it.
    Contradicted,
    /// The document does not state the fact (or too vaguely to decide).
    NotStated,
    /// The document states values that point different ways.
    Ambiguous,
}

impl Status {
    /// Every status, in report order.
    pub const ALL: [Status; 4] = [
        Status::Supported,
        Status::Contradicted,
        Status::NotStated,
        Status::Ambiguous,
    ];

    /// The snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            Status::Supported => "supported",
            Status::Contradicted => "contradicted",
            Status::NotStated => "not_stated",
            Status::Ambiguous => "ambiguous",
        }
    }
}

/// How one stated value fares against the expectation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Inside the expected set.
    Supports,
    /// Outside it entirely.
    Contradicts,
    /// Overlaps it without being inside (a year against a day, "over 200"
    /// against `== 250`), or on another scale (another currency).
    Undecided,
}

/// A mention that took part in an outcome, with how it fared.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    /// The fact it is bound to (shared with the evaluator's names: one is
    /// made per bound mention and assertion).
    pub fact: Arc<str>,
    /// Its span in the document.
    pub span: Span,
    /// The value as stated.
    pub value: Value,
    /// The hedge, if any.
    pub hedge: Option<Hedge>,
    /// The sentence it is in.
    pub sentence: Span,
}

/// One candidate value of an assertion's left-hand side in a document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Candidate {
    /// The value the left-hand side takes, printed (shared: news states the
    /// same values in document after document, see [`printed_measure`]).
    pub value: Arc<str>,
    /// How it fares.
    pub verdict: Verdict,
    /// The mentions it was computed from.
    pub evidence: Vec<Evidence>,
}

/// An outcome's candidates: one per printed value and verdict, in the
/// order the values were found, each with every mention that states it.
///
/// Read as a slice of [`Candidate`]s (`Deref`). The values an assessment
/// finds are kept as found and grouped by their printed text on first read:
/// most outcomes of a run are counted and dropped, never rendered, and
/// printing every value to group them was a third of an assessment.
#[derive(Clone, Default)]
pub struct Candidates {
    /// The values as found, each with its mentions; `verdicts` in step.
    found: Vec<(Measure, Evidences)>,
    /// How each value of `found` fares.
    verdicts: Verdicts,
    /// The candidates, once grouped (or as given, see `From`).
    grouped: std::sync::OnceLock<Vec<Candidate>>,
}

impl Candidates {
    /// Values found in this order, with their verdicts (in step).
    fn found(found: Vec<(Measure, Evidences)>, verdicts: Verdicts) -> Candidates {
        Candidates {
            found,
            verdicts,
            grouped: std::sync::OnceLock::new(),
        }
    }

    /// Whether there is no candidate, without grouping the values.
    pub fn is_empty(&self) -> bool {
        match self.grouped.get() {
            Some(g) => g.is_empty(),
            None => self.found.is_empty(),
        }
    }

    /// Groups the values found: one candidate per distinct printed value
    /// and verdict, keeping every mention as evidence.
    fn group(&self) -> Vec<Candidate> {
        // At most one candidate per value: allocated once.
        let mut candidates: Vec<Candidate> = Vec::with_capacity(self.found.len());
        for (i, (m, evidence)) in self.found.iter().enumerate() {
            let v = self.verdicts.get(i);
            let value = printed_measure(m);
            match candidates
                .iter_mut()
                .find(|c| c.value == value && c.verdict == v)
            {
                Some(c) => c.evidence.extend(evidence.iter().cloned()),
                None => candidates.push(Candidate {
                    value,
                    verdict: v,
                    evidence: evidence.to_vec(),
                }),
            }
        }
        candidates
    }
}

impl From<Vec<Candidate>> for Candidates {
    /// Candidates grouped already.
    fn from(grouped: Vec<Candidate>) -> Candidates {
        Candidates {
            grouped: std::sync::OnceLock::from(grouped),
            ..Candidates::default()
        }
    }
}

impl std::ops::Deref for Candidates {
    type Target = [Candidate];

    fn deref(&self) -> &[Candidate] {
        self.grouped.get_or_init(|| self.group())
    }
}

impl fmt::Debug for Candidates {
    /// As the list of candidates.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl PartialEq for Candidates {
    /// Equal when the candidates are.
    fn eq(&self, other: &Candidates) -> bool {
        **self == **other
    }
}

impl Serialize for Candidates {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

/// The mentions a value was computed from: one for a fact's own value,
/// kept inline (a list per bound mention was an allocation per value of
/// every assessment), more for arithmetic on values. Read as a slice.
#[derive(Clone, Debug)]
pub enum Evidences {
    /// A fact's own value: the mention that states it.
    One(Evidence),
    /// A literal's (none) or a computed value's.
    Many(Vec<Evidence>),
}

impl std::ops::Deref for Evidences {
    type Target = [Evidence];

    fn deref(&self) -> &[Evidence] {
        match self {
            Evidences::One(e) => std::slice::from_ref(e),
            Evidences::Many(es) => es,
        }
    }
}

/// How each value an assessment found fares: by index, as the values.
#[derive(Clone, Debug)]
enum Verdicts {
    /// All alike (or no value at all): the common case, kept without a list.
    All(Verdict),
    /// Each value's.
    Each(Vec<Verdict>),
}

impl Default for Verdicts {
    fn default() -> Verdicts {
        Verdicts::All(Verdict::Undecided)
    }
}

impl Verdicts {
    /// The verdicts of `n` values, `of(i)` for the `i`th.
    fn of(n: usize, mut of: impl FnMut(usize) -> Verdict) -> Verdicts {
        if n == 0 {
            return Verdicts::default();
        }
        let mut verdicts = Verdicts::All(of(0));
        for i in 1..n {
            let v = of(i);
            match &mut verdicts {
                Verdicts::All(w) if *w == v => {}
                Verdicts::All(w) => {
                    let mut each = Vec::with_capacity(n);
                    each.resize(i, *w);
                    each.push(v);
                    verdicts = Verdicts::Each(each);
                }
                Verdicts::Each(each) => each.push(v),
            }
        }
        verdicts
    }

    /// The `i`th value's.
    fn get(&self, i: usize) -> Verdict {
        match self {
            Verdicts::All(v) => *v,
            Verdicts::Each(each) => each[i],
        }
    }

    /// Whether some value of the `n` fares as `v`.
    fn any(&self, n: usize, v: Verdict) -> bool {
        match self {
            Verdicts::All(w) => n > 0 && *w == v,
            Verdicts::Each(each) => each.contains(&v),
        }
    }
}

/// Where a statement lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct StatementRef {
    /// Index of the rule file in the [`RuleSet`].
    pub file: usize,
    /// Index of the statement in the file.
    pub statement: usize,
}

/// The outcome of one statement for one document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    /// The statement.
    pub rule: StatementRef,
    /// Index of the document in the run.
    pub document: usize,
    /// The fact the statement is about (the first one it names); shared
    /// with every other outcome of the statement.
    pub fact: Arc<str>,
    /// The verdict.
    pub status: Status,
    /// The statement's severity.
    #[serde(serialize_with = "severity_name")]
    pub severity: Severity,
    /// What the rule expects, printed (`2026-01-05`, `≈ $273 billion ± 5%`).
    pub expected: Arc<str>,
    /// The values the document states, with their mentions.
    pub candidates: Candidates,
    /// Why an outcome is what it is, where that is not obvious.
    pub note: Option<String>,
    /// For agreements: the documents on the other side, with their values.
    pub others: Vec<OtherDocument>,
}

/// Another document's position in an agreement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OtherDocument {
    /// Its index.
    pub document: usize,
    /// The value it states, printed.
    pub value: String,
    /// The mentions.
    pub evidence: Vec<Evidence>,
}

/// Everything the evaluator keeps of one document.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentResult {
    /// Index of the document in the run.
    pub document: usize,
    /// Its weight in agreements (front matter `trust`, default 1).
    pub trust: f64,
    /// Per rule file (None: out of scope): the bound mentions of its facts.
    pub bindings: Vec<Option<FileBindings>>,
    /// The assertions' outcomes, in rule-file then statement order.
    pub outcomes: Vec<Outcome>,
    /// Outcomes left out of `outcomes` (see [`Evaluator::elide_unstated`]):
    /// assertions about facts with no value in the document, all not stated.
    pub unstated: usize,
    /// What the built-in consistency checks found.
    pub checks: Vec<crate::consistency::CheckFinding>,
    /// Per rule file: the weight its `trust` statements give the document
    /// (the last matching one), overriding front matter `trust` in that
    /// file's agreements.
    pub rule_trust: Vec<Option<f64>>,
    /// The document's part in `ground` statements.
    pub ground_roles: Vec<ground::GroundRole>,
    /// What grounding keeps of it, when it takes part in any.
    pub grounding: Option<crate::grounding::Digest>,
}

/// The expected sets of a comparison and how to print it.
type Expectation = (Vec<Expected>, Arc<str>);

/// Evaluates a rule set over documents.
pub struct Evaluator<'a> {
    rules: &'a RuleSet,
    config: &'a Config,
    keywords: KeywordIndex,
    scopes: Vec<Option<GlobSet>>,
    grounds: Vec<Vec<ground::GroundSets>>,
    /// Per file, its `trust` statements compiled (see [`ground::compile_trust`]).
    trusts: Vec<Vec<(Option<GlobSet>, f64)>>,
    /// Per file, per statement: the expectation of an assertion whose
    /// right-hand side names no fact, worked out once rather than once per
    /// document (printing it dominated runs with a thousand rules).
    fixed: Vec<Vec<Option<Expectation>>>,
    /// Per file, per fact: its name, shared by the outcomes naming it.
    fact_names: Vec<Vec<Arc<str>>>,
    /// Per file, per fact: the keyword ids its binder needs in a document.
    needs: Vec<Vec<Option<Needs>>>,
    /// The facts by keyword: which can bind in a document.
    facts_by_keyword: FactsByKeyword,
    /// The mentions some fact can bind: only their sentences are scanned
    /// for keywords.
    bindable: bind::Bindable,
    /// Assertions in all files: the outcomes of a document.
    assertions: usize,
    /// Assertions per file.
    assertions_in: Vec<usize>,
    /// Whether to leave out the outcomes of assertions a document says
    /// nothing about, counting them in [`DocumentResult::unstated`] instead.
    elide_unstated: bool,
    /// Per file, per statement: for an assertion, the binder facts its
    /// left-hand side has values only if all are bound (`None`: never), as
    /// [`Evaluator::may_have_values`] would find them; worked out once, not
    /// per document and assertion.
    lhs_needs: Vec<Vec<Option<Box<[usize]>>>>,
    /// Per file: the assertions whose left-hand side has values even when
    /// no fact is bound (it names none).
    unbound_asserts: Vec<Vec<usize>>,
    /// Per file, per fact: the assertions (statement indices, in order)
    /// whose left-hand side needs that fact first among the binder facts
    /// it needs all of (`lhs_needs`): the assertions a bound fact may give
    /// values.
    asserts_by_first_need: Vec<Vec<Vec<usize>>>,
}

impl<'a> Evaluator<'a> {
    /// Prepares the keyword automaton and scope matchers for `rules`.
    pub fn new(rules: &'a RuleSet, config: &'a Config) -> Evaluator<'a> {
        let scopes = rules
            .files
            .iter()
            .map(|f| {
                if f.scope.is_empty() {
                    return None;
                }
                let mut b = GlobSetBuilder::new();
                for p in &f.scope {
                    // The checker has validated every glob.
                    if let Ok(g) = Glob::new(&p.glob) {
                        b.add(g);
                    }
                }
                b.build().ok()
            })
            .collect();
        let keywords = KeywordIndex::new(rules);
        let needs = bind::needs_of(rules, &keywords);
        let assertions = rules
            .files
            .iter()
            .flat_map(|f| &f.statements)
            .filter(|st| matches!(st, Statement::Assert(_)))
            .count();
        let facts_by_keyword = FactsByKeyword::new(&needs, keywords.len());
        let assertions_in = rules
            .files
            .iter()
            .map(|f| {
                f.statements
                    .iter()
                    .filter(|st| matches!(st, Statement::Assert(_)))
                    .count()
            })
            .collect();
        let lhs_needs = per_assertion(rules, |_, file, a| {
            lhs_needs(file, &a.lhs, 0).map(Vec::into_boxed_slice)
        });
        let unbound_asserts = rules
            .files
            .iter()
            .zip(&lhs_needs)
            .map(|(file, needs)| {
                (0..file.statements.len())
                    .filter(|&si| needs[si].as_ref().is_some_and(|n| n.is_empty()))
                    .collect()
            })
            .collect();
        let asserts_by_first_need = rules
            .files
            .iter()
            .zip(&lhs_needs)
            .map(|(file, needs)| {
                let mut by_fact = vec![Vec::new(); file.facts.len()];
                for (si, need) in needs.iter().enumerate() {
                    if let Some(&first) = need.as_ref().and_then(|n| n.first()) {
                        by_fact[first].push(si);
                    }
                }
                by_fact
            })
            .collect();
        let mut ev = Evaluator {
            rules,
            config,
            keywords,
            asserts_by_first_need,
            lhs_needs,
            unbound_asserts,
            assertions_in,
            needs,
            facts_by_keyword,
            bindable: bind::Bindable::of(rules),
            assertions,
            scopes,
            grounds: ground::compile(rules),
            trusts: ground::compile_trust(rules),
            elide_unstated: false,
            fixed: Vec::new(),
            fact_names: rules
                .files
                .iter()
                .map(|f| f.facts.iter().map(|x| Arc::from(x.name.as_str())).collect())
                .collect(),
        };
        ev.fixed = per_assertion(rules, |fi, _, a| {
            names_no_fact(&a.comparison).then(|| {
                let (sets, text) = ev.expected(fi, &FileBindings::default(), &a.comparison);
                (sets, Arc::from(text))
            })
        });
        ev
    }

    /// The rule set.
    pub fn rules(&self) -> &RuleSet {
        self.rules
    }

    /// Whether rule file `file` applies to the document at `path`.
    pub fn in_scope(&self, file: usize, path: &str) -> bool {
        match &self.scopes[file] {
            None => true,
            Some(set) => {
                let p = path.strip_prefix("./").unwrap_or(path);
                set.is_match(p)
                    || std::path::Path::new(p)
                        .file_name()
                        .is_some_and(|n| set.is_match(n))
            }
        }
    }

    /// A document's sentences and keyword occurrences: what binding needs
    /// besides the mentions.
    pub(crate) fn scan(&self, doc: &Document) -> (Vec<Span>, keywords::KeywordHits) {
        let text: &str = &doc.source.text;
        (
            sentences(text, doc.body),
            self.keywords.scan(text, doc.body),
        )
    }

    /// The binding context over a document's scan.
    pub(crate) fn bind_context<'c>(
        &'c self,
        doc: &'c Document,
        sentences: &'c [Span],
        hits: &'c keywords::KeywordHits,
    ) -> BindContext<'c> {
        BindContext {
            text: &doc.source.text,
            sentences,
            hits,
            index: &self.keywords,
        }
    }

    /// Leaves out of each [`DocumentResult`] the outcomes of assertions
    /// whose facts have no value in the document, and only counts them.
    ///
    /// With hundreds of rules almost every outcome of almost every document
    /// is such a "not stated"; a report that lists only findings need not
    /// build them (they were a third of the evaluation time of a large run).
    pub fn elide_unstated(&mut self) {
        self.elide_unstated = true;
    }

    /// Binds every fact and evaluates every assertion for one document.
    pub fn evaluate_document(
        &self,
        index: usize,
        doc: &Document,
        mentions: &[Mention],
    ) -> DocumentResult {
        // The thread's lists, taken rather than borrowed for the whole
        // evaluation and put back at its end.
        let mut scratch = EVAL_SCRATCH.take();
        let EvalScratch {
            sentences: sentence_spans,
            mention_index,
            keyword_spans,
            candidates,
            maybe_stated,
            keyword_hits: hits,
            keyword_found,
            bound_mentions,
        } = &mut scratch;
        let text: &str = &doc.source.text;
        // Binding and the built-in checks read only the sentences of
        // mentions, and grounding every sentence of a document it digests.
        if self.grounds.iter().all(Vec::is_empty) && mentions.is_sorted_by_key(|m| m.span.start) {
            let starts = mentions.iter().map(|m| m.span.start);
            sentences_in_lines_into(text, doc.body, starts, sentence_spans);
            #[cfg(debug_assertions)]
            debug_check_mention_lines(text, doc.body, mentions, sentence_spans);
        } else {
            sentences_into(text, doc.body, sentence_spans);
        }
        let sentence_spans: &[Span] = sentence_spans;
        mention_index.refill(mentions, sentence_spans);
        // Only the keywords binding reads: those in the mentions' sentences.
        mention_index.keyword_spans_into(mentions, &self.bindable, keyword_spans);
        self.keywords
            .scan_parts_into(text, doc.body, keyword_spans, keyword_found, hits);
        let hits: &keywords::KeywordHits = hits;
        let mention_index: &MentionIndex = mention_index;
        let cx = self.bind_context(doc, sentence_spans, hits);
        let mut bindings = Vec::with_capacity(self.rules.files.len());
        let mut outcomes = Vec::with_capacity(if self.elide_unstated {
            0
        } else {
            self.assertions
        });
        let checks = self.builtin_checks(index, doc, mentions, sentence_spans);
        let (ground_roles, grounding) = self.ground_roles(index, doc, mentions, sentence_spans);
        let rule_trust = self.rule_trust(doc.name());
        let mut unstated = 0;
        self.facts_by_keyword.candidates_into(hits, candidates);
        let candidates: &[usize] = candidates;
        let mut first_fact = 0;
        let mut bind_room = bind::BindRoom::with_bound(std::mem::take(bound_mentions));
        for (fi, file) in self.rules.files.iter().enumerate() {
            // This file's candidates, by index in the file.
            let in_file = first_fact..first_fact + file.facts.len();
            let from = candidates.partition_point(|&f| f < in_file.start);
            let to = candidates.partition_point(|&f| f < in_file.end);
            let candidate = candidates[from..to].iter().map(|&f| f - in_file.start);
            first_fact = in_file.end;
            if !self.in_scope(fi, doc.name()) {
                bindings.push(None);
                continue;
            }
            let bound = bind_all_needing(
                &file.facts,
                &self.needs[fi],
                candidate,
                mentions,
                mention_index,
                &cx,
                &mut bind_room,
            );
            let mut outcome_of = |si: usize, a: &Assertion, outcomes: &mut Vec<Outcome>| {
                let rule = StatementRef {
                    file: fi,
                    statement: si,
                };
                let o = self.assess(rule, index, &bound, a);
                if self.elide_unstated && o.status == Status::NotStated && o.candidates.is_empty() {
                    unstated += 1;
                } else {
                    outcomes.push(o);
                }
            };
            if self.elide_unstated {
                // Only the assertions naming no fact, and those whose first
                // needed fact is bound, can have values; the others are not
                // stated. Nothing is bound in most files of most documents,
                // and a few facts in the others: the assertions are found
                // from the bound facts rather than by walking them all.
                maybe_stated.clear();
                maybe_stated.extend_from_slice(&self.unbound_asserts[fi]);
                for (f, _) in bound.iter() {
                    maybe_stated.extend_from_slice(&self.asserts_by_first_need[fi][f]);
                }
                // Outcomes are in statement order.
                maybe_stated.sort_unstable();
                // No value for the left-hand side: not stated, no candidates.
                maybe_stated.retain(|&si| {
                    matches!(file.statements[si], Statement::Assert(_))
                        && self.lhs_needs[fi][si]
                            .as_ref()
                            .is_some_and(|facts| facts.iter().all(|&f| !bound.of(f).is_empty()))
                });
                // Room for them at once, rather than growing from nothing
                // by doubling (`outcomes` starts empty when unstated ones
                // are left out).
                outcomes.reserve(maybe_stated.len());
                for &si in maybe_stated.iter() {
                    // Only assertions were kept above.
                    if let Statement::Assert(a) = &file.statements[si] {
                        outcome_of(si, a, &mut outcomes);
                    }
                }
                unstated += self.assertions_in[fi] - maybe_stated.len();
                bindings.push(Some(bound));
                continue;
            }
            for (si, st) in file.statements.iter().enumerate() {
                if let Statement::Assert(a) = st {
                    outcome_of(si, a, &mut outcomes);
                }
            }
            bindings.push(Some(bound));
        }
        *bound_mentions = bind_room.into_bound();
        // Lists sized for a huge document are let go, not kept for the
        // rest of the run (as the read buffer is, in `load`).
        if doc.body_text().len() <= MAX_SCRATCH_DOCUMENT {
            EVAL_SCRATCH.set(scratch);
        }
        DocumentResult {
            document: index,
            trust: doc.meta.trust.unwrap_or(1.0),
            bindings,
            outcomes,
            unstated,
            checks,
            rule_trust,
            ground_roles,
            grounding,
        }
    }

    /// The built-in checks on one document, minus those `factlint.toml` or
    /// an in-scope rule file switches off.
    fn builtin_checks(
        &self,
        index: usize,
        doc: &Document,
        mentions: &[Mention],
        sentences: &[Span],
    ) -> Vec<crate::consistency::CheckFinding> {
        let view = crate::consistency::DocumentView {
            text: &doc.source.text,
            sentences,
            mentions,
            date: doc.meta.published.or(self.config.reference_date),
            published: doc.meta.published.is_some(),
            hedges: self.config.hedges,
        };
        crate::consistency::run(&view, index, |c| {
            self.config.check_enabled(c)
                && !self.rules.files.iter().enumerate().any(|(fi, f)| {
                    f.disabled.iter().any(|(d, _)| *d == c) && self.in_scope(fi, doc.name())
                })
        })
    }

    /// The candidate values of an expression in one document.
    fn values(
        &self,
        fi: usize,
        bound: &FileBindings,
        e: &Expr,
        depth: usize,
    ) -> Vec<(Measure, Evidences)> {
        const MAX_CANDIDATES: usize = 64;
        let file = &self.rules.files[fi];
        match &e.node {
            ExprNode::Literal(v) => vec![(
                Measure::of(v, None, self.config.hedges),
                Evidences::Many(Vec::new()),
            )],
            ExprNode::Fact(FactId(i)) => {
                let fact = &file.facts[*i];
                match &fact.source {
                    FactSource::Binder(_) => bound
                        .of(*i)
                        .iter()
                        .map(|b| {
                            let ev = Evidence {
                                fact: Arc::clone(&self.fact_names[fi][*i]),
                                span: b.mention.span,
                                value: b.mention.value.clone(),
                                hedge: b.mention.hedge,
                                sentence: b.sentence,
                            };
                            (
                                Measure::of(&b.mention.value, b.mention.hedge, self.config.hedges),
                                Evidences::One(ev),
                            )
                        })
                        .collect(),
                    // Derived facts may refer to derived facts; the checker
                    // rejects cycles, the depth bound is a second guard.
                    FactSource::Derived(expr) if depth < 16 => {
                        self.values(fi, bound, expr, depth + 1)
                    }
                    FactSource::Derived(_) => Vec::new(),
                }
            }
            ExprNode::Binary { op, lhs, rhs } => {
                let l = self.values(fi, bound, lhs, depth);
                let r = self.values(fi, bound, rhs, depth);
                let mut out = Vec::new();
                for (a, ea) in &l {
                    for (b, eb) in &r {
                        if let Some(m) = a.combine(*op, b) {
                            let evidence = ea.iter().chain(eb.iter()).cloned().collect();
                            out.push((m, Evidences::Many(evidence)));
                        }
                        if out.len() >= MAX_CANDIDATES {
                            return out;
                        }
                    }
                }
                out
            }
        }
    }

    fn tolerance_width(&self, t: &Tolerance, expected: &Measure) -> f64 {
        match &t.amount {
            ToleranceAmount::Relative(r) => r * expected.nominal.center().abs(),
            ToleranceAmount::Absolute(v) => {
                let w = Measure::of(v, None, self.config.hedges)
                    .nominal
                    .center()
                    .abs();
                // A tolerance on dates is a duration; dates are measured in days.
                if expected.kind == Kind::Date && v.kind() == Kind::Duration {
                    w / 86_400.0
                } else {
                    w
                }
            }
        }
    }

    fn assess(
        &self,
        rule: StatementRef,
        document: usize,
        bound: &FileBindings,
        a: &Assertion,
    ) -> Outcome {
        let fact = first_fact(&a.lhs)
            .and_then(|FactId(i)| self.fact_names[rule.file].get(i).cloned())
            .unwrap_or_else(|| Arc::from(""));
        let lhs = self.values(rule.file, bound, &a.lhs, 0);
        let computed;
        let (expected_sets, expected_text) = match &self.fixed[rule.file][rule.statement] {
            Some((sets, text)) => (sets, Arc::clone(text)),
            None => {
                computed = self.expected(rule.file, bound, &a.comparison);
                (&computed.0, Arc::from(computed.1.as_str()))
            }
        };
        let verdicts = Verdicts::of(lhs.len(), |i| {
            let m = &lhs[i].0;
            let mut verdicts = expected_sets.iter().map(|e| verdict(m, e));
            match verdicts.next() {
                None => Verdict::Undecided,
                Some(v) if verdicts.all(|w| w == v) => v,
                Some(_) => Verdict::Undecided,
            }
        });
        let supports = verdicts.any(lhs.len(), Verdict::Supports);
        let contradicts = verdicts.any(lhs.len(), Verdict::Contradicts);
        let status = match (supports, contradicts) {
            (true, true) => Status::Ambiguous,
            (false, true) => Status::Contradicted,
            (true, false) => Status::Supported,
            (false, false) => Status::NotStated,
        };
        // A note only for values that are all undecided: about the first.
        let note = match lhs.first() {
            Some((m, _)) if status == Status::NotStated => {
                Some(undecided_note(m, expected_sets.first()))
            }
            _ => None,
        };
        let candidates = Candidates::found(lhs, verdicts);
        Outcome {
            rule,
            document,
            fact,
            status,
            severity: a.severity,
            expected: expected_text,
            candidates,
            note,
            others: Vec::new(),
        }
    }

    /// The expected sets of a comparison (one per right-hand candidate) and
    /// how to print the expectation.
    fn expected(&self, fi: usize, bound: &FileBindings, c: &Comparison) -> (Vec<Expected>, String) {
        match c {
            Comparison::Compare {
                op, rhs, tolerance, ..
            } => {
                let rhs_values = self.values(fi, bound, rhs, 0);
                let sets = rhs_values
                    .iter()
                    .map(|(e, _)| {
                        let width = match (op, tolerance) {
                            (_, Some(t)) => self.tolerance_width(t, e),
                            (CmpOp::Approx, None) => {
                                self.config.approx_tolerance * e.nominal.center().abs()
                            }
                            _ => 0.0,
                        };
                        let set = match op {
                            CmpOp::Eq | CmpOp::Ne | CmpOp::Approx => e.nominal.widened(width),
                            CmpOp::Lt => Interval::below(e.nominal.lo),
                            CmpOp::Le => Interval::at_most(e.nominal.hi),
                            CmpOp::Gt => Interval::above(e.nominal.hi),
                            CmpOp::Ge => Interval::at_least(e.nominal.lo),
                        };
                        Expected {
                            set,
                            op: *op,
                            scale: e.scale,
                        }
                    })
                    .collect();
                let rhs_text = match rhs_values.as_slice() {
                    [(m, _)] => m.to_string(),
                    _ => "the right-hand side".to_string(),
                };
                let tol_text = match (tolerance, op) {
                    (Some(t), _) => match &t.amount {
                        ToleranceAmount::Relative(r) => {
                            format!(" ± {}%", crate::quantity::format_number(r * 100.0))
                        }
                        ToleranceAmount::Absolute(v) => format!(" ± {v}"),
                    },
                    (None, CmpOp::Approx) => format!(
                        " ± {}%",
                        crate::quantity::format_number(self.config.approx_tolerance * 100.0)
                    ),
                    _ => String::new(),
                };
                let text = match op {
                    CmpOp::Eq if tolerance.is_none() => rhs_text,
                    _ => format!("{} {rhs_text}{tol_text}", op.symbol()),
                };
                (sets, text)
            }
            Comparison::Within { lo, hi, .. } => {
                let l = self.values(fi, bound, lo, 0);
                let h = self.values(fi, bound, hi, 0);
                let mut sets = Vec::new();
                for (a, _) in &l {
                    for (b, _) in &h {
                        sets.push(Expected {
                            set: Interval::closed(a.nominal.lo, b.nominal.hi),
                            op: CmpOp::Eq,
                            scale: a.scale,
                        });
                    }
                }
                let text = match (l.as_slice(), h.as_slice()) {
                    ([(a, _)], [(b, _)]) => format!("between {a} and {b}"),
                    _ => "within the range".to_string(),
                };
                (sets, text)
            }
        }
    }

    /// Cross-document outcomes of every `agree` statement, given every
    /// document's result. One outcome per (agreement, document stating it).
    pub fn agreements(&self, results: &[DocumentResult]) -> Vec<Outcome> {
        let mut out = Vec::new();
        for (fi, file) in self.rules.files.iter().enumerate() {
            for (si, st) in file.statements.iter().enumerate() {
                let Statement::Agree(ag) = st else { continue };
                let rule = StatementRef {
                    file: fi,
                    statement: si,
                };
                out.extend(agree::evaluate(self, rule, file, ag, results));
            }
        }
        out
    }
}

mod agree;

fn severity_name<S: serde::Serializer>(s: &Severity, ser: S) -> Result<S::Ok, S::Error> {
    ser.serialize_str(s.name())
}

/// A value per statement of each rule file, worked out from each `assert`
/// (`None` for other statements): tables the evaluator indexes by file and
/// statement.
fn per_assertion<T>(
    rules: &RuleSet,
    mut of: impl FnMut(usize, &RuleFile, &Assertion) -> Option<T>,
) -> Vec<Vec<Option<T>>> {
    rules
        .files
        .iter()
        .enumerate()
        .map(|(fi, file)| {
            file.statements
                .iter()
                .map(|st| match st {
                    Statement::Assert(a) => of(fi, file, a),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

/// Whether the expected side of a comparison names no fact (so it is the
/// same in every document).
fn names_no_fact(c: &Comparison) -> bool {
    match c {
        Comparison::Compare { rhs, .. } => first_fact(rhs).is_none(),
        Comparison::Within { lo, hi, .. } => first_fact(lo).is_none() && first_fact(hi).is_none(),
    }
}

/// The binder facts that must all have bound mentions for an expression to
/// have values in a document; `None` when it never has any (a chain of
/// derived facts too deep). [`Evaluator::values`] is sure to be empty when
/// one of them is unbound.
fn lhs_needs(file: &RuleFile, e: &Expr, depth: usize) -> Option<Vec<usize>> {
    match &e.node {
        ExprNode::Literal(_) => Some(Vec::new()),
        ExprNode::Fact(FactId(i)) => match &file.facts[*i].source {
            FactSource::Binder(_) => Some(vec![*i]),
            FactSource::Derived(expr) if depth < 16 => lhs_needs(file, expr, depth + 1),
            FactSource::Derived(_) => None,
        },
        ExprNode::Binary { lhs, rhs, .. } => {
            let mut l = lhs_needs(file, lhs, depth)?;
            l.extend(lhs_needs(file, rhs, depth)?);
            Some(l)
        }
    }
}

/// The first fact an expression names.
pub fn first_fact(e: &Expr) -> Option<FactId> {
    match &e.node {
        ExprNode::Fact(f) => Some(*f),
        ExprNode::Literal(_) => None,
        ExprNode::Binary { lhs, rhs, .. } => first_fact(lhs).or_else(|| first_fact(rhs)),
    }
}

/// The set of values an assertion accepts, on one scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Expected {
    /// The accepted values.
    pub set: Interval,
    /// The operator (`!=` accepts the complement of `set`).
    pub op: CmpOp,
    /// The scale the values are on.
    pub scale: Scale,
}

/// Whether values on two scales can be compared: the same scale, or money
/// where one side names no currency.
fn comparable(a: Scale, b: Scale) -> bool {
    a == b
        || matches!(
            (a, b),
            (Scale::Currency(None), Scale::Currency(_))
                | (Scale::Currency(_), Scale::Currency(None))
        )
}

/// How a stated value fares against an expected set.
pub fn verdict(stated: &Measure, e: &Expected) -> Verdict {
    let expected = &e.set;
    if !comparable(stated.scale, e.scale) {
        return Verdict::Undecided;
    }
    if e.op == CmpOp::Ne {
        return if !stated.stated.intersects(expected) {
            Verdict::Supports
        } else if stated.stated.is_subset_of(expected) {
            Verdict::Contradicts
        } else {
            Verdict::Undecided
        };
    }
    // "about 900 km": the value as written decides support, the hedged
    // range decides contradiction.
    let inside = if stated.approximate {
        &stated.nominal
    } else {
        &stated.stated
    };
    if inside.is_subset_of(expected) {
        Verdict::Supports
    } else if !stated.stated.intersects(expected) {
        Verdict::Contradicts
    } else {
        Verdict::Undecided
    }
}

/// Measures printed by the documents a thread evaluated, by a hash of their
/// intervals, kind and year (equal measures print alike; [`printed_measure`]
/// compares the whole measure within a hash).
#[derive(Default)]
struct PrintedMeasures {
    by_hash: std::collections::HashMap<
        u64,
        Vec<PrintedMeasure>,
        BuildHasherDefault<keywords::MultiplyHasher>,
    >,
    len: usize,
    /// Room a measure is printed in before its text is shared, kept so
    /// that a miss allocates only the shared text.
    printing: String,
}

/// A measure and its text, shared by every candidate that prints it.
type PrintedMeasure = (Measure, Arc<str>);

/// The lists [`Evaluator::evaluate_document`] works in, kept by each thread
/// across the documents it evaluates: allocated once rather than once per
/// document (allocation was a tenth of a run's instructions).
#[derive(Default)]
struct EvalScratch {
    /// The document's sentences.
    sentences: Vec<Span>,
    /// Its mentions' sentences and kinds.
    mention_index: MentionIndex,
    /// The text keywords are looked for in.
    keyword_spans: Vec<Span>,
    /// The facts that may bind, by flat index.
    candidates: Vec<usize>,
    /// The assertions of a file that may have values in the document.
    maybe_stated: Vec<usize>,
    /// The keyword occurrences in the document.
    keyword_hits: keywords::KeywordHits,
    /// Room the keyword scan works in.
    keyword_found: Vec<(keywords::KeywordId, Span)>,
    /// Room binding gathers a fact's mentions in.
    bound_mentions: Vec<bind::BoundMention>,
}

/// The longest document (bytes of body) whose working lists a thread keeps
/// for the next one.
const MAX_SCRATCH_DOCUMENT: usize = 1 << 20;

thread_local! {
    /// Per thread, as workers evaluate documents in parallel; what a list
    /// held for one document is cleared before the next uses it.
    static EVAL_SCRATCH: std::cell::Cell<EvalScratch> =
        std::cell::Cell::new(EvalScratch::default());
}

/// Printed measures are forgotten past this many, to bound memory: a run's
/// peak memory must not grow with the documents it has seen, and 16,384 of
/// them held 11 MB per thread, more than the rest of a run. News repeats a
/// few values often (years, small counts): against 16,384, this many cost
/// 0.6% more instructions on 10 MB of news.
const MAX_PRINTED_MEASURES: usize = 1 << 10;

thread_local! {
    /// Per thread, as workers evaluate documents in parallel; the text of a
    /// measure does not depend on which thread printed it first.
    static PRINTED_MEASURES: std::cell::RefCell<PrintedMeasures> =
        std::cell::RefCell::new(PrintedMeasures::default());
}

/// `m.to_string()`, remembered across documents.
///
/// Printing a value costs more than the rest of an assessment, and news
/// states the same values (years, small numbers, common amounts) in
/// document after document, and for several facts of one.
fn printed_measure(m: &Measure) -> Arc<str> {
    let bits = [
        m.stated.lo.to_bits(),
        m.stated.hi.to_bits(),
        m.nominal.lo.to_bits(),
        m.nominal.hi.to_bits(),
        m.kind as u64,
        m.year.map_or(u64::MAX, |y| y as u64),
    ];
    // Fibonacci hashing of each word: the map hashes the result again.
    let hash = bits.iter().fold(0u64, |h, &b| {
        (h.rotate_left(23) ^ b).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    });
    PRINTED_MEASURES.with_borrow_mut(|printed| {
        let same = printed.by_hash.get(&hash).into_iter().flatten();
        if let Some((_, text)) = same.into_iter().find(|(p, _)| p == m) {
            return Arc::clone(text);
        }
        if printed.len >= MAX_PRINTED_MEASURES {
            *printed = PrintedMeasures::default();
        }
        printed.printing.clear();
        // Writing into a `String` fails only when a `Display` does, and
        // these never do (`to_string` would panic where this writes less).
        let _ = fmt::Write::write_fmt(&mut printed.printing, format_args!("{m}"));
        let text: Arc<str> = Arc::from(printed.printing.as_str());
        printed
            .by_hash
            .entry(hash)
            // Nearly every hash has one measure; a default `Vec` would make
            // room for four.
            .or_insert_with(|| Vec::with_capacity(1))
            .push((m.clone(), Arc::clone(&text)));
        printed.len += 1;
        text
    })
}

/// Debug builds: the sentences split in the lines of `mentions` are those
/// of the whole body there, and each mention's sentence is the one the
/// whole body gives it (what binding and the built-in checks ask).
#[cfg(debug_assertions)]
fn debug_check_mention_lines(text: &str, body: Span, mentions: &[Mention], got: &[Span]) {
    let all = sentences(text, body);
    let first_after = |list: &[Span], at: usize| {
        let i = list.partition_point(|s| s.end <= at);
        list.get(i).copied()
    };
    for m in mentions {
        assert_eq!(
            first_after(&all, m.span.start),
            first_after(got, m.span.start),
            "sentence of the mention at {:?}",
            m.span
        );
    }
    assert!(got.iter().all(|s| all.binary_search(s).is_ok()));
}

fn undecided_note(m: &Measure, expected: Option<&Expected>) -> String {
    if let Some(e) = expected {
        if !comparable(m.scale, e.scale) {
            return format!("the document states `{m}`, on another scale than the rule (a different unit kind or currency)");
        }
    }
    match (&m.value, expected) {
        (Some(Value::Date { date }), _) => format!(
            "the document states only `{date}`, too imprecise to confirm or contradict the rule"
        ),
        (Some(Value::Money { currency, .. }), _) if currency.is_none() => {
            "the document states the amount without a currency".to_string()
        }
        _ => format!("`{m}` neither confirms nor contradicts the rule"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_rule_file;
    use crate::source::SourceFile;

    /// Eliding finds the assertions that may have values from the bound
    /// facts: with several facts on a left-hand side (bound or not, first
    /// or not), derived facts and none at all, it must keep what a full
    /// evaluation finds stated, in order, and count the rest.
    #[test]
    fn eliding_finds_the_assertions_of_the_bound_facts() {
        let rules = "fact arrival: date near \"arrived\"\n\
                     fact departure: date near \"left\"\n\
                     fact stay = departure - arrival\n\
                     assert stay == 3 days\n\
                     fact n: number near \"agreements\"\n\
                     assert 2026 - arrival == 0 years\n\
                     assert n == 14\n\
                     assert departure - arrival == 3 days\n\
                     assert 2026-01-04 == arrival\n\
                     assert n + n == 28\n\
                     assert departure == 2026-01-07\n";
        let texts = [
            "Lee arrived on January 4, 2026. He left on January 7, 2026.",
            "He left on January 7, 2026, after signing 14 agreements.",
            "Lee arrived on January 4, 2026, and signed 15 agreements.",
            "Nothing here.",
        ];
        let file = check_rule_file(SourceFile::new("t.rules", rules)).unwrap();
        let rules = RuleSet { files: vec![file] };
        let config = Config::default();
        let full = Evaluator::new(&rules, &config);
        let mut elided = Evaluator::new(&rules, &config);
        elided.elide_unstated();
        let mut kept_in_all = 0;
        for (i, t) in texts.iter().enumerate() {
            let doc = Document::parse(SourceFile::new(format!("doc{i}.txt"), *t)).unwrap();
            let all = crate::pipeline::check_document(&full, &config, i, &doc).1;
            let some = crate::pipeline::check_document(&elided, &config, i, &doc).1;
            let (kept, dropped): (Vec<_>, Vec<_>) = all
                .outcomes
                .iter()
                .partition(|o| o.status != Status::NotStated || !o.candidates.is_empty());
            assert_eq!(some.outcomes.iter().collect::<Vec<_>>(), kept, "in {t:?}");
            assert_eq!(some.unstated, dropped.len(), "in {t:?}");
            kept_in_all += kept.len();
        }
        // Most assertions have values in some document: a test where none
        // did would pass and prove little.
        assert!(kept_in_all >= 12, "{kept_in_all}");
    }

    /// Candidates are grouped on first read: before and after grouping they
    /// agree on emptiness, a value stated twice is one candidate with both
    /// mentions, and a note is kept only for values that are all undecided.
    #[test]
    fn candidates_group_on_first_read() {
        let rules = "fact n: number near \"ships\"\n\
                     fact when: date near \"arrived\"\n\
                     assert n == 14\n\
                     assert when == 2026-01-05\n";
        let file = check_rule_file(SourceFile::new("t.rules", rules)).unwrap();
        let rules = RuleSet { files: vec![file] };
        let config = Config::default();
        let ev = Evaluator::new(&rules, &config);
        let text = "It sent 14 ships, then 14 ships more, then 15 ships. \
                    Lee arrived in 2026.";
        let doc = Document::parse(SourceFile::new("d.txt", text)).unwrap();
        let result = crate::pipeline::check_document(&ev, &config, 0, &doc).1;
        let [n, when] = result.outcomes.as_slice() else {
            panic!("{:?}", result.outcomes)
        };
        for o in [n, when] {
            let empty = o.candidates.is_empty();
            assert_eq!(empty, (*o.candidates).is_empty());
            assert_eq!(empty, o.candidates.is_empty());
        }
        let values: Vec<(&str, usize)> = n
            .candidates
            .iter()
            .map(|c| (&*c.value, c.evidence.len()))
            .collect();
        assert_eq!(values, [("14", 2), ("15", 1)]);
        assert_eq!(n.status, Status::Ambiguous);
        assert_eq!(n.note, None);
        assert_eq!(when.status, Status::NotStated);
        assert_eq!(when.candidates.len(), 1);
        assert!(when.note.as_deref().is_some_and(|t| t.contains("2026")));
    }
}
