//! The benchmark's JSON-lines interface: cases in, predicted mentions out.
//!
//! Input lines are `{"id", "text", "ref_date"}` (other fields ignored,
//! `ref_date` may be null); output lines are `{"id", "mentions": [{"kind",
//! "text", "start", "end", "value"}]}` with values in the benchmark's normal
//! forms (money currency null when only an ambiguous symbol names it, SI
//! quantities, durations in the unit stated, dates as `YYYY[-MM[-DD]]`). A
//! line that cannot be read becomes `{"line": N, "error": "…"}` and the
//! stream goes on.

use std::io::{BufRead, Write};

use serde::Deserialize;
use serde_json::{json, Value as Json};

use super::{extract, ExtractOptions, Mention};
use crate::quantity::date::Precision;
use crate::quantity::Value;

#[derive(Deserialize)]
struct Case {
    id: Json,
    text: String,
    #[serde(default)]
    ref_date: Option<String>,
}

/// Reads cases from `input`, writes one prediction line per case to
/// `output`, and returns the number of malformed lines.
pub fn run(input: impl BufRead, mut output: impl Write) -> std::io::Result<usize> {
    let mut bad = 0;
    for (n, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let case: Case = match serde_json::from_str(&line) {
            Ok(c) => c,
            Err(e) => {
                bad += 1;
                writeln!(output, "{}", json!({"line": n + 1, "error": e.to_string()}))?;
                continue;
            }
        };
        let reference_date = match case.ref_date.as_deref().map(str::parse) {
            None => None,
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => {
                bad += 1;
                writeln!(
                    output,
                    "{}",
                    json!({"line": n + 1, "error": format!("bad ref_date: {e}")})
                )?;
                continue;
            }
        };
        let mut mentions = Vec::new();
        for m in extract(&case.text, &ExtractOptions { reference_date }) {
            mentions.push(mention_json(&case.text, &m));
            // A year written as four digits is also a number ("in 2013"):
            // report both readings, as a reader could cite either.
            if let Value::Date { date } = m.value {
                let text = case.text.get(m.span.start..m.span.end).unwrap_or("");
                if date.precision() == Precision::Year
                    && text.len() == 4
                    && text.bytes().all(|b| b.is_ascii_digit())
                {
                    let number = Mention {
                        value: Value::Number {
                            value: f64::from(date.year_number()),
                        },
                        ..m
                    };
                    mentions.push(mention_json(&case.text, &number));
                }
            }
        }
        writeln!(output, "{}", json!({"id": case.id, "mentions": mentions}))?;
    }
    output.flush()?;
    Ok(bad)
}

/// A mention in the benchmark's normal form.
pub fn mention_json(text: &str, m: &Mention) -> Json {
    let value = match &m.value {
        Value::Number { value } => json!(value),
        Value::Ordinal { value } => json!(value),
        Value::Percent { value, .. } => json!(value),
        Value::Money { amount, currency } => {
            let code = currency.filter(|c| !c.assumed).map(|c| c.code);
            json!({"amount": amount, "currency": code})
        }
        Value::Quantity {
            amount, dimension, ..
        } => {
            json!({"amount": amount, "dimension": dimension.name(), "unit": dimension.si_unit()})
        }
        Value::Duration { amount, unit } => json!({"amount": amount, "unit": unit.name()}),
        Value::Date { date } => json!({"date": date.to_string()}),
    };
    json!({
        "kind": m.value.kind().name(),
        "text": text.get(m.span.start..m.span.end).unwrap_or(""),
        "start": m.span.start,
        "end": m.span.end,
        "value": value,
        "hedge": m.hedge.map(|h| h.name()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_in_predictions_out_and_bad_lines_reported() {
        let input = "{\"id\":\"a\",\"text\":\"about $5\",\"ref_date\":null}\nnot json\n{\"id\":\"b\",\"text\":\"June 2025\",\"ref_date\":\"2026-01-05\"}\n";
        let mut out = Vec::new();
        let bad = run(input.as_bytes(), &mut out).unwrap();
        assert_eq!(bad, 1);
        let lines: Vec<Json> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(
            lines[0]["mentions"][0]["value"],
            json!({"amount": 5.0, "currency": null})
        );
        assert_eq!(lines[0]["mentions"][0]["start"], json!(0));
        assert_eq!(lines[1]["line"], json!(2));
        assert_eq!(lines[2]["mentions"][0]["value"], json!({"date": "2025-06"}));
    }
}
