//! `factlint check --jsonl`: documents as JSON lines on stdin, one line of
//! outcomes per document on stdout — factlint as a map step in a pipeline
//! (Spark's `RDD.pipe`, Ray Data, GNU parallel).
//!
//! An input line is an object:
//!
//! ```json
//! {"id": "reuters-0042", "text": "…", "published": "1987-03-02", "title": "…",
//!  "outlet": "Reuters", "url": "…", "ai_generated": false, "trust": 1.0}
//! ```
//!
//! `id` (a string or a number) and `text` are required; other fields are
//! optional and unknown ones are ignored. `published` is a date
//! (`2026-01-05`) or a timestamp (`2026-01-05T09:30:00Z`, its UTC date). The
//! text may itself open with a `+++` front matter block; fields of the line
//! win over it. Blank lines are skipped.
//!
//! Each document gives one output line, in input order:
//! `{"id", "outcomes": [...], "summary": {...}}`, with outcomes as in the
//! JSON report (`docs/json.md`). A line that cannot be used gives
//! `{"line": N, "error": "…"}` (N counts every input line from 1) and the
//! stream goes on. A document's built-in check findings, if any, are in its
//! line (`"checks"`). When the rules hold `agree` or `ground` statements, one
//! last line `{"agreements": [...], "groundings": [...], "summary": {...}}`
//! holds the cross-document outcomes of the documents of this stream.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::diagnostic::json::{JsonCheck, JsonGrounding, JsonOutcome};
use crate::diagnostic::summary::Counts;
use crate::document::Document;
use crate::source::SourceFile;

/// One input line as read.
#[derive(Deserialize)]
struct Record {
    id: Json,
    text: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    ai_generated: Option<bool>,
    #[serde(default)]
    trust: Option<f64>,
}

/// Why a line could not be used.
#[derive(Debug, Serialize)]
pub struct LineError {
    /// The line number, from 1.
    pub line: usize,
    /// The document's id, if the line got that far.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What is wrong.
    pub error: String,
}

/// Reads one input line (`number` from 1) as a document.
pub fn document(number: usize, line: &[u8]) -> Result<Document, LineError> {
    let fail = |id: Option<String>, error: String| LineError {
        line: number,
        id,
        error,
    };
    let line = std::str::from_utf8(line).map_err(|e| {
        fail(
            None,
            format!("not UTF-8: invalid byte at column {}", e.valid_up_to() + 1),
        )
    })?;
    let r: Record = serde_json::from_str(line).map_err(|e| fail(None, e.to_string()))?;
    let id = match r.id {
        Json::String(s) => s,
        Json::Number(n) => n.to_string(),
        other => {
            return Err(fail(
                None,
                format!("`id` must be a string or a number, not `{other}`"),
            ))
        }
    };
    let published = match r.published.as_deref().map(parse_date) {
        None => None,
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => return Err(fail(Some(id), e)),
    };
    if r.trust.is_some_and(|t| !t.is_finite() || t < 0.0) {
        return Err(fail(
            Some(id),
            "`trust` must be a number of at least 0".to_string(),
        ));
    }
    let mut doc = Document::parse(SourceFile::new(id.clone(), r.text)).map_err(|e| {
        // The front matter error names the document; say what is wrong.
        let message = match *e {
            crate::document::DocumentError::FrontMatter { message, .. } => {
                format!("malformed front matter in `text`: {message}")
            }
            crate::document::DocumentError::UnterminatedFrontMatter { .. } => {
                "unterminated front matter in `text`".to_string()
            }
        };
        fail(Some(id.clone()), message)
    })?;
    let meta = &mut doc.meta;
    meta.published = published.or(meta.published);
    meta.title = r.title.or(meta.title.take());
    meta.outlet = r.outlet.or(meta.outlet.take());
    meta.url = r.url.or(meta.url.take());
    meta.ai_generated = r.ai_generated.unwrap_or(meta.ai_generated);
    meta.trust = r.trust.or(meta.trust);
    Ok(doc)
}

/// `2026-01-05`, or the UTC date of a timestamp.
fn parse_date(s: &str) -> Result<Date, String> {
    if let Ok(d) = s.parse::<Date>() {
        return Ok(d);
    }
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Ok(t.to_zoned(jiff::tz::TimeZone::UTC).date());
    }
    Err(format!(
        "`published` must be a date such as 2026-01-05 or a timestamp, not `{s}`"
    ))
}

/// The output line of one document.
#[derive(Serialize)]
pub struct DocumentLine<'a> {
    /// The document's id.
    pub id: &'a str,
    /// Its outcomes.
    pub outcomes: Vec<JsonOutcome>,
    /// Their counts.
    pub summary: Counts,
    /// The built-in checks' findings, if any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<JsonCheck>,
}

/// The last output line: cross-document outcomes.
#[derive(Serialize)]
pub struct AgreementsLine {
    /// One outcome per (agreement, document stating the fact).
    pub agreements: Vec<JsonOutcome>,
    /// Grounding verdicts (rules with `ground` only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groundings: Vec<JsonGrounding>,
    /// Counts over the whole stream, agreements included.
    pub summary: Counts,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_becomes_a_document_with_its_fields() {
        let d = document(
            3,
            br#"{"id": 7, "text": "Talks on Monday.", "published": "2026-01-05T23:30:00Z", "outlet": "X", "extra": 1}"#,
        )
        .unwrap();
        assert_eq!(d.name(), "7");
        assert_eq!(d.body_text(), "Talks on Monday.");
        assert_eq!(d.meta.published, Some(jiff::civil::date(2026, 1, 5)));
        assert_eq!(d.meta.outlet.as_deref(), Some("X"));
    }

    #[test]
    fn fields_of_the_line_win_over_front_matter() {
        let d = document(
            1,
            br#"{"id": "a", "text": "+++\npublished = 2020-01-01\ntitle = \"t\"\n+++\nBody.", "published": "2026-01-05"}"#,
        )
        .unwrap();
        assert_eq!(d.meta.published, Some(jiff::civil::date(2026, 1, 5)));
        assert_eq!(d.meta.title.as_deref(), Some("t"));
        assert_eq!(d.body_text(), "Body.");
    }

    #[test]
    fn bad_lines_say_what_is_wrong_with_their_number() {
        for (line, want) in [
            (&b"{\"id\": 1"[..], "EOF"),
            (br#"{"text": "x"}"#, "missing field `id`"),
            (br#"{"id": 1}"#, "missing field `text`"),
            (br#"{"id": [1], "text": "x"}"#, "`id` must be"),
            (
                br#"{"id": 1, "text": "x", "published": "soon"}"#,
                "`published` must be",
            ),
            (b"{\"id\": 1, \"text\": \"\xff\"}", "not UTF-8"),
            (br#"{"id": 1, "text": "+++\nx = \n+++\n"}"#, "front matter"),
        ] {
            let e = document(9, line).expect_err("an error");
            assert_eq!(e.line, 9);
            assert!(
                e.error.contains(want),
                "{} does not contain {want}",
                e.error
            );
        }
    }
}
