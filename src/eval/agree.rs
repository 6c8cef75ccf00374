//! `agree FACT`: do the documents that state a fact state the same value?
//!
//! Each document's value of the fact is one interval (its bound mentions
//! must agree among themselves, else the document is ambiguous). Precise
//! values are grouped into clusters of values that overlap (after the
//! statement's tolerance); vague ones ("2026" against days) join the one
//! cluster they overlap, or stay out when they overlap several. The cluster
//! with the most weight is the majority — a document weighs what the rule
//! file's last matching `trust "glob" = N` says, else its front matter
//! `trust`, else 1; every document outside it is a dissent, reported with the
//! majority documents as the other side.

use crate::check::model::{Agreement, Expr, ExprNode, RuleFile, ToleranceAmount};
use crate::quantity::{Interval, Kind};

use super::measure::Measure;
use super::{
    Candidate, Candidates, DocumentResult, Evaluator, Evidence, Evidences, OtherDocument, Outcome,
    StatementRef, Status, Verdict, Verdicts,
};

struct Position {
    result: usize,
    measure: Measure,
    evidence: Vec<Evidence>,
    /// The stated interval widened by the tolerance.
    reach: Interval,
}

pub(super) fn evaluate(
    ev: &Evaluator<'_>,
    rule: StatementRef,
    file: &RuleFile,
    ag: &Agreement,
    results: &[DocumentResult],
) -> Vec<Outcome> {
    let fact = &file.facts[ag.fact.0];
    let expr = Expr {
        node: ExprNode::Fact(ag.fact),
        span: ag.fact_span,
        ty: fact.ty,
    };
    let mut outcomes = Vec::new();
    let mut positions: Vec<Position> = Vec::new();
    let outcome =
        |document: usize, status: Status, candidates: Candidates, note: Option<String>| Outcome {
            rule,
            document,
            fact: fact.name.as_str().into(),
            status,
            severity: ag.severity,
            expected: "".into(),
            candidates,
            note,
            others: Vec::new(),
        };
    for (ri, r) in results.iter().enumerate() {
        let Some(Some(bound)) = r.bindings.get(rule.file) else {
            continue;
        };
        let values = ev.values(rule.file, bound, &expr, 0);
        if values.is_empty() {
            outcomes.push(outcome(
                r.document,
                Status::NotStated,
                Vec::new().into(),
                None,
            ));
            continue;
        }
        // The narrowest value speaks for the document; the others must fit it.
        let best = values
            .iter()
            .enumerate()
            .min_by(|a, b| width(&a.1 .0.stated).total_cmp(&width(&b.1 .0.stated)))
            .map(|(i, _)| i)
            .unwrap_or(0);
        let consistent = values
            .iter()
            .all(|(m, _)| m.stated.intersects(&values[best].0.stated));
        if !consistent {
            let candidates = candidates_of(values, Verdict::Undecided);
            let note = Some("the document states several different values".to_string());
            outcomes.push(outcome(r.document, Status::Ambiguous, candidates, note));
            continue;
        }
        let measure = values[best].0.clone();
        let tol = match ag.tolerance.as_ref().map(|t| &t.amount) {
            Some(ToleranceAmount::Relative(x)) => x * measure.nominal.center().abs(),
            Some(ToleranceAmount::Absolute(v)) => {
                let w = Measure::of(v, None, ev.config.hedges)
                    .nominal
                    .center()
                    .abs();
                if measure.kind == Kind::Date {
                    w / 86_400.0
                } else {
                    w
                }
            }
            None => 0.0,
        };
        // The evidence is the mentions of the value that speaks for the
        // document; vaguer mentions of it ("2026") would only distract.
        let evidence = values
            .iter()
            .filter(|(m, _)| m.stated == measure.stated)
            .flat_map(|(_, e)| e.iter().cloned())
            .collect();
        positions.push(Position {
            result: ri,
            reach: measure.stated.widened(tol / 2.0),
            evidence,
            measure,
        });
    }

    // Cluster: precise positions first, each joining the first cluster whose
    // seed it overlaps.
    let mut order: Vec<usize> = (0..positions.len()).collect();
    order.sort_by(|&a, &b| {
        width(&positions[a].measure.stated)
            .total_cmp(&width(&positions[b].measure.stated))
            .then(a.cmp(&b))
    });
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut undecided: Vec<usize> = Vec::new();
    for &p in &order {
        let fits: Vec<usize> = clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| positions[c[0]].reach.intersects(&positions[p].reach))
            .map(|(i, _)| i)
            .collect();
        match fits.as_slice() {
            [] => clusters.push(vec![p]),
            [one] => clusters[*one].push(p),
            _ => undecided.push(p),
        }
    }
    let doc_weight = |p: &Position| {
        let r = &results[p.result];
        r.rule_trust
            .get(rule.file)
            .copied()
            .flatten()
            .unwrap_or(r.trust)
    };
    let weight = |c: &Vec<usize>| c.iter().map(|&p| doc_weight(&positions[p])).sum::<f64>();
    let best_weight = clusters.iter().map(weight).fold(0.0, f64::max);
    let majority: Vec<usize> = (0..clusters.len())
        .filter(|&i| weight(&clusters[i]) == best_weight)
        .collect();
    let tie = majority.len() > 1;

    for (ci, cluster) in clusters.iter().enumerate() {
        let in_majority = majority.contains(&ci) && !tie;
        for &p in cluster {
            let pos = &positions[p];
            let doc = results[pos.result].document;
            let value = pos.measure.to_string();
            if in_majority {
                let mut o = outcome(
                    doc,
                    Status::Supported,
                    vec![candidate(pos, Verdict::Supports)].into(),
                    None,
                );
                o.expected = value.into();
                outcomes.push(o);
                continue;
            }
            // The other side: the majority cluster, or on a tie every other cluster.
            let other_clusters: Vec<usize> = if tie {
                majority.iter().copied().filter(|&m| m != ci).collect()
            } else {
                majority.clone()
            };
            let others: Vec<OtherDocument> = other_clusters
                .iter()
                .flat_map(|&m| clusters[m].iter())
                .map(|&q| OtherDocument {
                    document: results[positions[q].result].document,
                    value: positions[q].measure.to_string(),
                    evidence: positions[q].evidence.clone(),
                })
                .collect();
            if others.is_empty() {
                continue;
            }
            let majority_value = others[0].value.clone();
            let weighted = positions.iter().any(|q| doc_weight(q) != 1.0);
            let note = if tie {
                Some("no majority: as many documents (by weight) state each value".to_string())
            } else if weighted {
                // With trust in play, a count of documents would mislead:
                // say what each side weighs.
                Some(format!(
                    "weighed by trust: `{}` {}, `{}` {}",
                    majority_value,
                    crate::quantity::format_number(weight(&clusters[majority[0]])),
                    pos.measure,
                    crate::quantity::format_number(weight(cluster)),
                ))
            } else {
                None
            };
            let mut o = outcome(
                doc,
                Status::Contradicted,
                vec![candidate(pos, Verdict::Contradicts)].into(),
                note,
            );
            o.expected = majority_value.into();
            o.others = others;
            outcomes.push(o);
        }
    }
    for &p in &undecided {
        let pos = &positions[p];
        let note = Some(format!(
            "`{}` fits more than one of the values other documents state",
            pos.measure
        ));
        outcomes.push(outcome(
            results[pos.result].document,
            Status::NotStated,
            vec![candidate(pos, Verdict::Undecided)].into(),
            note,
        ));
    }
    outcomes.sort_by_key(|o| o.document);
    outcomes
}

fn width(i: &Interval) -> f64 {
    i.hi - i.lo
}

fn candidate(p: &Position, verdict: Verdict) -> Candidate {
    Candidate {
        value: p.measure.to_string().into(),
        verdict,
        evidence: p.evidence.clone(),
    }
}

/// The values a document states, grouped by printed value as an
/// assertion's are (on first read), all with one verdict.
fn candidates_of(values: Vec<(Measure, Evidences)>, verdict: Verdict) -> Candidates {
    Candidates::found(values, Verdicts::All(verdict))
}
