//! Benchmark cases on stdin, predicted mentions on stdout (see `bench/extraction.sh`).
fn main() -> std::io::Result<()> {
    let bad = factlint::extract::jsonl::run(std::io::stdin().lock(), std::io::stdout().lock())?;
    if bad > 0 {
        eprintln!("{bad} malformed line(s)");
    }
    Ok(())
}
