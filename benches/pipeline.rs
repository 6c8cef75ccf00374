//! Microbenchmarks of the stages `factlint check` runs per document, beside
//! the extractor's own (`benches/extract.rs`): parsing and checking rule
//! files, binding and evaluating, and one whole document, each with 10 and
//! 1,000 generated rules so the cost of many rules shows. Run with
//! `cargo bench --bench pipeline`; the end-to-end benchmark is
//! `bench/throughput.sh` (see `docs/performance.md`).

use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use factlint::check::model::RuleSet;
use factlint::config::Config;
use factlint::document::Document;
use factlint::eval::Evaluator;
use factlint::pipeline;
use factlint::source::SourceFile;

fn main() {
    divan::main();
}

/// Ordinary news words, as `bench/gen_rules.py` uses.
const WORDS: &[&str] = &[
    "oil",
    "prices",
    "shares",
    "stake",
    "dividend",
    "profit",
    "loss",
    "revenue",
    "sales",
    "earnings",
    "quarter",
    "bank",
    "rate",
    "interest",
    "trade",
    "deficit",
    "surplus",
    "exports",
    "imports",
    "tax",
    "budget",
    "government",
    "minister",
    "president",
    "company",
    "market",
    "stock",
    "bonds",
    "debt",
    "loan",
    "crude",
    "barrels",
    "wheat",
    "tonnes",
    "coffee",
    "sugar",
    "gold",
    "dollar",
    "inflation",
    "growth",
    "unemployment",
    "election",
    "summit",
    "talks",
    "visit",
    "missile",
    "agreements",
    "trip",
];

/// `n` fact/assert pairs over [`WORDS`], kinds rotating.
fn rules_text(n: usize) -> String {
    let kinds = [
        ("money", "< $500B"),
        ("percent", "in 0%..100%"),
        ("date", ">= 1700-01-01"),
        ("number", "> 0"),
        ("duration", "<= 100 years"),
    ];
    let mut s = String::new();
    for i in 0..n {
        let (kind, cmp) = kinds[i % kinds.len()];
        let (a, b) = (
            WORDS[(i * 7) % WORDS.len()],
            WORDS[(i * 13 + 5) % WORDS.len()],
        );
        s.push_str(&format!(
            "fact f{i}: {kind} near \"{a}\" | \"{b}\"\nassert f{i} {cmp}\n"
        ));
    }
    s
}

fn rule_set(n: usize) -> RuleSet {
    let file = factlint::check::check_rule_file(SourceFile::new("bench.rules", rules_text(n)))
        .unwrap_or_else(|e| panic!("generated rules check: {e:?}"));
    RuleSet { files: vec![file] }
}

/// The five sample articles, each a document.
fn documents() -> &'static [Document] {
    static DOCS: OnceLock<Vec<Document>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        paths.sort();
        paths
            .iter()
            .filter_map(|p| factlint::load::document(p).ok())
            .collect()
    })
}

fn corpus_bytes() -> usize {
    documents().iter().map(|d| d.source.text.len()).sum()
}

#[divan::bench(args = [10, 1000])]
fn parse_and_check_rules(bencher: Bencher, n: usize) {
    let text = rules_text(n);
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        factlint::check::check_rule_file(SourceFile::new("b.rules", black_box(text.as_str())))
    });
}

#[divan::bench(args = [10, 1000])]
fn bind_and_evaluate(bencher: Bencher, n: usize) {
    let rules = rule_set(n);
    let config = Config::default();
    let ev = Evaluator::new(&rules, &config);
    let docs = documents();
    let mentions: Vec<_> = docs
        .iter()
        .map(|d| pipeline::mentions(d, &config))
        .collect();
    bencher.counter(BytesCount::new(corpus_bytes())).bench(|| {
        for (d, m) in docs.iter().zip(&mentions) {
            black_box(ev.evaluate_document(0, d, m));
        }
    });
}

#[divan::bench(args = [10, 1000])]
fn whole_document(bencher: Bencher, n: usize) {
    let rules = rule_set(n);
    let config = Config::default();
    let ev = Evaluator::new(&rules, &config);
    let docs = documents();
    bencher.counter(BytesCount::new(corpus_bytes())).bench(|| {
        for d in docs {
            black_box(pipeline::check_document(&ev, &config, 0, d));
        }
    });
}
