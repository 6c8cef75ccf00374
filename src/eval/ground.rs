//! The evaluator's side of `ground`: which documents each `ground`
//! statement targets and draws on, the per-document digest, and the
//! cross-document pass once every document is in.

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Serialize;

use crate::check::model::ScopePattern;
use crate::document::Document;
use crate::extract::Mention;
use crate::grounding::{self, Digest, Grounding};
use crate::source::Span;

use super::{DocumentResult, Evaluator};

/// A document's part in one `ground` statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct GroundRole {
    /// The rule file.
    pub file: usize,
    /// Index among the file's `ground` statements.
    pub statement: usize,
    /// Grounded (true) or a source (false).
    pub target: bool,
}

/// Compiled globs of one `ground` statement (None: the default).
pub(super) struct GroundSets {
    targets: Option<GlobSet>,
    sources: Option<GlobSet>,
}

fn glob_set(patterns: &[ScopePattern]) -> Option<GlobSet> {
    if patterns.is_empty() {
        return None;
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        // The checker has validated every glob.
        if let Ok(g) = Glob::new(&p.glob) {
            b.add(g);
        }
    }
    b.build().ok()
}

/// Whether `path` (or its file name) matches.
pub(super) fn matches(set: &GlobSet, path: &str) -> bool {
    let p = path.strip_prefix("./").unwrap_or(path);
    set.is_match(p)
        || std::path::Path::new(p)
            .file_name()
            .is_some_and(|n| set.is_match(n))
}

/// The compiled `trust` statements of every rule file, in order: each
/// one's patterns (`None`: none) and weight. Compiled once, not once per
/// document (a glob set is a regular expression to build).
pub(super) fn compile_trust(
    rules: &crate::check::model::RuleSet,
) -> Vec<Vec<(Option<GlobSet>, f64)>> {
    rules
        .files
        .iter()
        .map(|f| {
            f.trust
                .iter()
                .map(|t| (glob_set(&t.patterns), t.weight))
                .collect()
        })
        .collect()
}

/// The compiled `ground` statements of every rule file.
pub(super) fn compile(rules: &crate::check::model::RuleSet) -> Vec<Vec<GroundSets>> {
    rules
        .files
        .iter()
        .map(|f| {
            f.groundings
                .iter()
                .map(|g| GroundSets {
                    targets: glob_set(&g.targets),
                    sources: glob_set(&g.sources),
                })
                .collect()
        })
        .collect()
}

impl Evaluator<'_> {
    /// Per rule file, the weight its last matching `trust` statement gives
    /// the document at `path`.
    pub(super) fn rule_trust(&self, path: &str) -> Vec<Option<f64>> {
        self.trusts
            .iter()
            .map(|file| {
                file.iter()
                    .rev()
                    .find(|(set, _)| set.as_ref().is_some_and(|set| matches(set, path)))
                    .map(|(_, weight)| *weight)
            })
            .collect()
    }

    /// The document's roles in `ground` statements, and its digest when it has any.
    pub(super) fn ground_roles(
        &self,
        index: usize,
        doc: &Document,
        mentions: &[Mention],
        sentences: &[Span],
    ) -> (Vec<GroundRole>, Option<Digest>) {
        let mut roles = Vec::new();
        for (fi, sets) in self.grounds.iter().enumerate() {
            if !self.in_scope(fi, doc.name()) {
                continue;
            }
            for (gi, g) in sets.iter().enumerate() {
                // Without targets, the documents flagged `ai_generated`;
                // without sources, every document that is not a target.
                let target = match &g.targets {
                    Some(set) => matches(set, doc.name()),
                    None => doc.meta.ai_generated,
                };
                let source = !target
                    && match &g.sources {
                        Some(set) => matches(set, doc.name()),
                        None => true,
                    };
                if target || source {
                    roles.push(GroundRole {
                        file: fi,
                        statement: gi,
                        target,
                    });
                }
            }
        }
        let digest = (!roles.is_empty()).then(|| {
            grounding::digest(
                index,
                &doc.source.text,
                sentences,
                mentions,
                doc.meta.published.or(self.config.reference_date),
            )
        });
        (roles, digest)
    }

    /// Every `ground` statement's verdicts, given every document's result:
    /// one per mention of each target document, in document order.
    pub fn groundings(&self, results: &[DocumentResult]) -> Vec<Grounding> {
        let mut out = Vec::new();
        for (fi, file) in self.rules.files.iter().enumerate() {
            for (gi, g) in file.groundings.iter().enumerate() {
                let role = |r: &DocumentResult| {
                    r.ground_roles
                        .iter()
                        .find(|x| x.file == fi && x.statement == gi)
                        .map(|x| x.target)
                };
                let digests = |target: bool| -> Vec<&Digest> {
                    results
                        .iter()
                        .filter(|r| role(r) == Some(target))
                        .filter_map(|r| r.grounding.as_ref())
                        .collect()
                };
                let targets = digests(true);
                let sources = digests(false);
                let all: Vec<&Digest> = targets.iter().chain(&sources).copied().collect();
                let story = grounding::story_words(&all);
                let statement = grounding::Statement {
                    file: fi,
                    index: gi,
                    severity: g.severity,
                };
                for t in &targets {
                    out.extend(grounding::ground(
                        statement,
                        t,
                        &sources,
                        &story,
                        self.config.hedges,
                    ));
                }
            }
        }
        out
    }
}
