//! A run streams: its peak memory does not grow with the number of
//! documents (ARCHITECTURE.md, "A run streams"). The benchmark measures
//! this on 10 and 300 MB of news (docs/performance.md); this test guards it
//! on every `cargo test` with two generated folders, one twenty times the
//! other, read from the peak memory `--timings` prints (Linux only: other
//! systems print none, and the test has nothing to compare).

use std::path::Path;
use std::process::Command;

/// Rules of the benchmark's kind: facts bound by nearby words and checked
/// one document at a time (no `agree`, whose bound values are kept for
/// the end by design).
const RULES: &str = "\
fact budget: money near \"budget\" | \"spending\"
assert budget < $500B
fact share: percent near \"turnout\" | \"growth\"
assert share in 0%..100%
fact held: date near \"summit\" | \"election\"
assert held >= 1700-01-01
fact killed: number near \"killed\" | \"injured\"
assert killed > 0
fact length: length near \"pipeline\" | \"border\"
assert length < 20000 km
";

/// A news-like article that differs from file to file in its figures and
/// words, so no two documents give the same findings.
fn article(i: usize) -> String {
    let paragraphs = [
        format!(
            "The government said on Tuesday that the budget for {} would rise to ${}.{} billion, \
             about {}% more than last year, after spending cuts of nearly $40 million.",
            2000 + i % 30,
            100 + i % 900,
            i % 10,
            1 + i % 40
        ),
        format!(
            "Turnout in the election held on March {}, {} reached {}.{}%, officials said; \
             growth slowed to {} percent in the third quarter.",
            1 + i % 28,
            1990 + i % 35,
            40 + i % 50,
            i % 10,
            i % 7
        ),
        format!(
            "At least {} people were killed and {} injured when the storm hit the coast, \
             some {} km from the border, two weeks after the summit.",
            3 + i % 90,
            10 + i % 300,
            20 + i % 500
        ),
        format!(
            "The {} km pipeline, built over {} years, carries {} million barrels a day, \
             according to a statement on {} January.",
            100 + i % 2000,
            2 + i % 9,
            1 + i % 12,
            1 + i % 28
        ),
    ];
    let mut text = format!("Report number {i}\n\n");
    for k in 0..(2 + i % 6) {
        text.push_str(&paragraphs[(i + k) % paragraphs.len()]);
        text.push_str("\n\n");
    }
    text
}

/// A folder of `n` generated articles.
fn corpus(root: &Path, n: usize) -> std::path::PathBuf {
    let dir = root.join(format!("corpus-{n}"));
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..n {
        std::fs::write(dir.join(format!("{i:07}.txt")), article(i)).unwrap();
    }
    dir
}

/// The peak memory a `check` run over `corpus` reports, in MB, if the
/// system reports one.
fn peak_mb(corpus: &Path, rules: &Path) -> Option<f64> {
    let out = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .arg("check")
        .arg(corpus)
        .arg("-r")
        .arg(rules)
        .args(["--format", "short", "--timings", "-j2", "--exit-zero"])
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8 stderr");
    assert!(out.status.success(), "{stderr}");
    let line = stderr
        .lines()
        .find(|l| l.trim_start().starts_with("peak memory"))?;
    let mb = line
        .trim()
        .trim_start_matches("peak memory")
        .trim_end_matches("MB");
    Some(mb.trim().parse().expect("a number of MB"))
}

#[test]
fn peak_memory_does_not_grow_with_the_number_of_documents() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("bench.rules");
    std::fs::write(&rules, RULES).unwrap();
    let small = corpus(dir.path(), 300);
    let large = corpus(dir.path(), 6000);
    let (Some(small_mb), Some(large_mb)) = (peak_mb(&small, &rules), peak_mb(&large, &rules))
    else {
        eprintln!("no peak memory reported on this system: nothing to compare");
        return;
    };
    // Twenty times the documents (about 5 MB of text against 0.25 MB):
    // keeping even a few hundred bytes per document, or any text, would
    // show. The benchmark's criterion is 1.5× for thirty times the text.
    assert!(
        large_mb <= small_mb * 1.25,
        "peak memory grew with the documents: {small_mb:.1} MB for 300, {large_mb:.1} MB for 6,000"
    );
}
