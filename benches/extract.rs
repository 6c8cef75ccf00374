//! Extractor throughput: the five seed articles repeated to 10 MB, one line
//! per article, against a baseline that only counts ASCII digits with
//! `memchr`-style byte scanning over the same text. Run with
//! `cargo bench --bench extract`; the ratio of the two is what the CI floor
//! in `docs/accuracy.md` talks about, as it holds across machines better than
//! characters per second do.

use std::sync::OnceLock;

use divan::counter::CharsCount;
use divan::{black_box, Bencher};
use factlint::extract::{extract, ExtractOptions};

fn main() {
    divan::main();
}

/// The seed articles (or, when `../shared/seeds` is absent, a built-in
/// paragraph of the same kind) repeated to at least 10 MB.
fn corpus() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
        let mut seed = String::new();
        if let Ok(entries) = std::fs::read_dir(dir) {
            let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            for p in paths {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    seed.push_str(&t);
                    seed.push('\n');
                }
            }
        }
        if seed.is_empty() {
            seed = "South Korean President Lee Jae Myung arrived in Beijing for a four-day state visit on \
                    January 4, 2026. Bilateral trade, valued at about $273 billion in 2024, was highlighted, \
                    with 15 cooperation agreements signed. The missiles traveled approximately 900 kilometers.\n"
                .to_string();
        }
        let mut text = String::with_capacity(10_500_000);
        while text.len() < 10_000_000 {
            text.push_str(&seed);
        }
        text
    })
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn extract_10mb(bencher: Bencher) {
    let text = corpus();
    let options = ExtractOptions {
        reference_date: Some(jiff::civil::date(2026, 1, 5)),
    };
    bencher
        .counter(CharsCount::of_str(text))
        .bench(|| extract(black_box(text), &options).len());
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn baseline_count_digits(bencher: Bencher) {
    let text = corpus();
    bencher.counter(CharsCount::of_str(text)).bench(|| {
        let b = black_box(text).as_bytes();
        // memchr finds one byte; counting the ten digit bytes is ten passes,
        // about what a digit pre-scan costs.
        (b'0'..=b'9')
            .map(|d| memchr::memchr_iter(d, b).count())
            .sum::<usize>()
    });
}
