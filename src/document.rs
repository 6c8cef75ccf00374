//! Documents: an article's text, its optional TOML front matter, and its
//! sentences.
//!
//! A document may open with a front matter block between two `+++` lines:
//!
//! ```text
//! +++
//! title = "Lee arrives in Beijing"
//! outlet = "Yonhap"
//! published = 2026-01-04
//! ai_generated = false
//! +++
//! Article text…
//! ```
//!
//! Spans everywhere stay byte offsets into the whole file, front matter
//! included, so diagnostics point at the right line of the file on disk.

use jiff::civil::Date;
use serde::Serialize;

use crate::source::{SourceFile, Span};

/// What the front matter says about a document.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FrontMatter {
    /// The headline.
    pub title: Option<String>,
    /// Who published it.
    pub outlet: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// When it was published: the reference date for "January 6" with no
    /// year, "on Tuesday", "last year".
    pub published: Option<Date>,
    /// Whether the text says it was written by a machine.
    pub ai_generated: bool,
    /// How much weight the document carries when documents disagree (default 1).
    pub trust: Option<f64>,
}

/// A parsed document.
#[derive(Clone, Debug)]
pub struct Document {
    /// The whole file.
    pub source: SourceFile,
    /// Its front matter (empty if it has none).
    pub meta: FrontMatter,
    /// The article text after the front matter.
    pub body: Span,
}

/// Why a document could not be read.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum DocumentError {
    /// The front matter is not valid TOML or has a field of the wrong type.
    #[error("malformed front matter in `{path}`: {message}")]
    #[diagnostic(
        code(factlint::document::front_matter),
        help("front matter is TOML between two `+++` lines: title, outlet, url, published (a date such as 2026-01-05), ai_generated (true or false), trust (a number)")
    )]
    FrontMatter {
        /// The document's path.
        path: String,
        /// What is wrong.
        message: String,
        /// The file.
        #[source_code]
        file: SourceFile,
        /// Where.
        #[label("{label}")]
        span: Span,
        /// A short label for the span.
        label: String,
    },
    /// An opening `+++` with no closing one.
    #[error("unterminated front matter in `{path}`")]
    #[diagnostic(
        code(factlint::document::unterminated_front_matter),
        help("close the front matter with a line holding only `+++`, or remove the opening `+++`")
    )]
    UnterminatedFrontMatter {
        /// The document's path.
        path: String,
        /// The file.
        #[source_code]
        file: SourceFile,
        /// The opening line.
        #[label("front matter opened here and never closed")]
        span: Span,
    },
}

const FENCE: &str = "+++";

impl Document {
    /// Splits off and parses the front matter.
    pub fn parse(source: SourceFile) -> Result<Document, Box<DocumentError>> {
        let text = source.text.clone();
        let text: &str = &text;
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let rest = &text[bom..];
        let first_line_end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
        if rest[..first_line_end].trim_end() != FENCE {
            return Ok(Document {
                body: Span::new(bom, text.len()),
                source,
                meta: FrontMatter::default(),
            });
        }
        let toml_start = bom + first_line_end;
        let mut offset = toml_start;
        let mut close = None;
        for line in text[toml_start..].split_inclusive('\n') {
            if line.trim_end() == FENCE {
                close = Some((offset, offset + line.len()));
                break;
            }
            offset += line.len();
        }
        let Some((toml_end, body_start)) = close else {
            let path = source.name.clone();
            return Err(Box::new(DocumentError::UnterminatedFrontMatter {
                path,
                span: Span::new(bom, bom + FENCE.len()),
                file: source,
            }));
        };
        let meta =
            parse_front_matter(&text[toml_start..toml_end]).map_err(|(span, message, label)| {
                Box::new(DocumentError::FrontMatter {
                    path: source.name.clone(),
                    message,
                    span: span.shift(toml_start),
                    label,
                    file: source.clone(),
                })
            })?;
        Ok(Document {
            body: Span::new(body_start, text.len()),
            source,
            meta,
        })
    }

    /// The article text after the front matter.
    pub fn body_text(&self) -> &str {
        self.source.slice(self.body)
    }

    /// The document's path (or id).
    pub fn name(&self) -> &str {
        &self.source.name
    }
}

type FrontMatterError = (Span, String, String);

fn parse_front_matter(toml_text: &str) -> Result<FrontMatter, FrontMatterError> {
    let table: toml::Table = toml_text.parse().map_err(|e: toml::de::Error| {
        let span = e.span().map(Span::from).unwrap_or_default();
        (span, e.message().to_string(), "invalid TOML".to_string())
    })?;
    let locate = |key: &str| -> Span {
        // toml::Table does not keep spans; find the key at a line start instead.
        let mut offset = 0;
        for line in toml_text.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if trimmed.starts_with(key) && trimmed[key.len()..].trim_start().starts_with('=') {
                let start = offset + (line.len() - trimmed.len());
                return Span::new(start, offset + line.trim_end().len());
            }
            offset += line.len();
        }
        Span::default()
    };
    let wrong = |key: &str, want: &str| -> FrontMatterError {
        (
            locate(key),
            format!("`{key}` must be {want}"),
            format!("expected {want}"),
        )
    };
    let mut meta = FrontMatter::default();
    for (key, value) in &table {
        match key.as_str() {
            "title" | "outlet" | "url" => {
                let s = value
                    .as_str()
                    .ok_or_else(|| wrong(key, "a string"))?
                    .to_string();
                match key.as_str() {
                    "title" => meta.title = Some(s),
                    "outlet" => meta.outlet = Some(s),
                    _ => meta.url = Some(s),
                }
            }
            "published" => {
                let date = match value {
                    toml::Value::Datetime(dt) => dt
                        .date
                        .and_then(|d| Date::new(d.year as i16, d.month as i8, d.day as i8).ok()),
                    toml::Value::String(s) => s.get(..10).and_then(|p| p.parse::<Date>().ok()),
                    _ => None,
                };
                meta.published = Some(date.ok_or_else(|| wrong(key, "a date such as 2026-01-05"))?);
            }
            "ai_generated" => {
                meta.ai_generated = value.as_bool().ok_or_else(|| wrong(key, "true or false"))?;
            }
            "trust" => {
                let t = value
                    .as_float()
                    .or_else(|| value.as_integer().map(|i| i as f64))
                    .filter(|t| *t >= 0.0)
                    .ok_or_else(|| wrong(key, "a number of zero or more"))?;
                meta.trust = Some(t);
            }
            // Other keys (source, cites, notes…) are the desk's own metadata.
            _ => {}
        }
    }
    Ok(meta)
}

/// Sentence spans of `text[range]`, as byte spans into `text`.
///
/// Written by hand rather than with `unicode-segmentation`: UAX #29 ends a
/// sentence at "Jan. 5" and "Mr. Lee", which news text is full of, and a
/// byte scan with `memchr` is an order of magnitude faster on large corpora.
/// A sentence ends at `.`, `!` or `?` (with closing quotes or brackets)
/// followed by whitespace and not preceded by a known abbreviation or a
/// single initial, and at every line break (headlines, paragraphs).
pub fn sentences(text: &str, range: Span) -> Vec<Span> {
    // Room for sentences of news length, so that the list seldom grows.
    let mut out = Vec::with_capacity(range.len() / 100 + 4);
    sentences_into(text, range, &mut out);
    out
}

/// [`sentences`] written into `out` (cleared first), so that a list can
/// serve document after document.
pub fn sentences_into(text: &str, range: Span, out: &mut Vec<Span>) {
    out.clear();
    split_into(text, range, out);
}

/// The sentences [`sentences`] finds in `text[range]` that lie in a line
/// holding one of the offsets `at` (in increasing order), written into
/// `out` (cleared first); the other lines are not read.
///
/// Every line break ends a sentence and nothing carries over it, so a line
/// split alone gives the sentences the whole range gives in it. Binding and
/// the built-in checks ask only for the sentences of mentions: a third of
/// a news text, its headline, bylines and paragraphs without a number,
/// holds none.
pub fn sentences_in_lines_into(
    text: &str,
    range: Span,
    at: impl IntoIterator<Item = usize>,
    out: &mut Vec<Span>,
) {
    out.clear();
    let bytes = text.as_bytes();
    // Where the first line not yet split starts.
    let mut next = range.start;
    let mut last = 0;
    for p in at {
        debug_assert!(p >= last, "offsets out of order: {p} after {last}");
        last = p;
        if p < next {
            continue;
        }
        if p >= range.end {
            break;
        }
        let start = memchr::memrchr(b'\n', &bytes[next..p]).map_or(next, |i| next + i + 1);
        let end = memchr::memchr(b'\n', &bytes[p..range.end]).map_or(range.end, |i| p + i);
        split_line_into(text, Span::new(start, end), out);
        next = end + 1;
    }
}

/// The sentences of `text[range]`, added to `out`.
fn split_into(text: &str, range: Span, out: &mut Vec<Span>) {
    // Every terminator and line end, in order: the two scans merged.
    let body = &text.as_bytes()[range.start..range.end];
    let mut marks = memchr::memchr3_iter(b'.', b'!', b'?', body).peekable();
    let mut breaks = memchr::memchr_iter(b'\n', body).peekable();
    let stops = std::iter::from_fn(|| {
        let next = match (marks.peek(), breaks.peek()) {
            (Some(&m), Some(&b)) if m < b => marks.next(),
            (Some(_), Some(_)) | (None, Some(_)) => breaks.next(),
            (Some(_), None) => marks.next(),
            (None, None) => None,
        };
        next.map(|i| i + range.start)
    });
    split_at_stops(text, range, stops, out);
}

/// [`split_into`] for a range holding no line break (one line, as
/// [`sentences_in_lines_into`] cuts them): only the terminators are
/// searched for, not the breaks as well (a second scan of every line, for
/// nothing).
fn split_line_into(text: &str, range: Span, out: &mut Vec<Span>) {
    let body = &text.as_bytes()[range.start..range.end];
    debug_assert!(!body.contains(&b'\n'), "a line holds no line break");
    let stops = memchr::memchr3_iter(b'.', b'!', b'?', body).map(|i| i + range.start);
    split_at_stops(text, range, stops, out);
}

/// The sentences of `text[range]`, added to `out`, given every terminator
/// (`.`, `!`, `?`) and line break in it, in order.
#[inline(always)]
fn split_at_stops(
    text: &str,
    range: Span,
    stops: impl Iterator<Item = usize>,
    out: &mut Vec<Span>,
) {
    let bytes = text.as_bytes();
    let mut start = range.start;
    let push = |s: usize, e: usize, out: &mut Vec<Span>| {
        let trimmed = trim(text, Span::new(s, e));
        if !trimmed.is_empty() {
            out.push(trimmed);
        }
    };
    for i in stops {
        if i < start {
            continue;
        }
        if bytes[i] == b'\n' {
            push(start, i, out);
            start = i + 1;
            continue;
        }
        // Swallow closing quotes and brackets after the terminator. ASCII
        // bytes are told apart without decoding a character (this runs at
        // every terminator of every document).
        let mut end = i + 1;
        while end < range.end {
            let len = match bytes[end] {
                b'"' | b'\'' | b')' | b']' => 1,
                b if b.is_ascii() => break,
                _ => match text[end..range.end].chars().next() {
                    Some(c @ ('”' | '’' | '»')) => c.len_utf8(),
                    _ => break,
                },
            };
            end += len;
        }
        let ends = match bytes.get(end).filter(|_| end < range.end) {
            None | Some(b' ' | b'\t' | b'\r' | b'\n') => true,
            Some(b) if b.is_ascii() => false,
            Some(_) => text[end..range.end].starts_with('\u{a0}'),
        };
        if !ends {
            continue; // "3.5", "U.S.-China", "e.g.,"
        }
        if bytes[i] == b'.' && is_abbreviation(&text[start..i]) {
            continue;
        }
        push(start, end, out);
        start = end;
    }
    if start < range.end {
        push(start, range.end, out);
    }
}

/// `text[span]` without the whitespace at either end (`str::trim`, as a
/// span). ASCII bytes are checked without decoding: sentences seldom start
/// or end with other whitespace.
fn trim(text: &str, span: Span) -> Span {
    let bytes = text.as_bytes();
    let (mut s, mut e) = (span.start, span.end);
    while s < e && is_ascii_space(bytes[s]) {
        s += 1;
    }
    if s < e && !bytes[s].is_ascii() {
        s = e - text[s..e].trim_start().len();
    }
    while s < e && is_ascii_space(bytes[e - 1]) {
        e -= 1;
    }
    if s < e && !bytes[e - 1].is_ascii() {
        e = s + text[s..e].trim_end().len();
    }
    Span::new(s, e)
}

/// Whether an ASCII byte is whitespace as `char::is_whitespace` has it
/// (`u8::is_ascii_whitespace` leaves out the vertical tab).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// The last word of `before`: what follows its last whitespace or `(`.
fn last_word(before: &str) -> &str {
    let bytes = before.as_bytes();
    let mut s = bytes.len();
    while s > 0 {
        let b = bytes[s - 1];
        if !b.is_ascii() {
            // Other whitespace is not ASCII: decode from here on.
            let rest = &before[..s];
            let start = rest
                .rfind(|c: char| c.is_whitespace() || c == '(')
                .map_or(0, |i| {
                    i + rest[i..].chars().next().map_or(1, char::len_utf8)
                });
            return &before[start..];
        }
        if is_ascii_space(b) || b == b'(' {
            break;
        }
        s -= 1;
    }
    &before[s..]
}

/// Whether the word before a full stop is an abbreviation that does not end a
/// sentence: "Jan.", "Mr.", "U.S.", a single initial "J.".
fn is_abbreviation(before: &str) -> bool {
    let word = last_word(before);
    // Called at every full stop of every document: no allocation, and a
    // `match` (a decision tree on length and bytes) rather than comparing
    // with each abbreviation in turn, which took a quarter of the splitting.
    let mut lower = [0u8; 6];
    if word.len() <= lower.len() {
        let lower = &mut lower[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        let known = matches!(
            &*lower,
            b"jan"
                | b"feb"
                | b"mar"
                | b"apr"
                | b"jun"
                | b"jul"
                | b"aug"
                | b"sep"
                | b"sept"
                | b"oct"
                | b"nov"
                | b"dec"
                | b"mr"
                | b"mrs"
                | b"ms"
                | b"dr"
                | b"prof"
                | b"gen"
                | b"sen"
                | b"rep"
                | b"gov"
                | b"lt"
                | b"col"
                | b"sgt"
                | b"st"
                | b"jr"
                | b"sr"
                | b"no"
                | b"vs"
                | b"etc"
                | b"inc"
                | b"corp"
                | b"co"
                | b"ltd"
                | b"approx"
                | b"est"
                | b"fig"
                | b"vol"
                | b"mt"
                | b"ft"
                | b"mon"
                | b"tue"
                | b"tues"
                | b"wed"
                | b"thu"
                | b"thur"
                | b"thurs"
                | b"fri"
                | b"sat"
                | b"sun"
        );
        if known {
            return true;
        }
    }
    // Initials and dotted acronyms: "J", "U.S", "U.N".
    let single_letter = |p: &str| {
        let mut cs = p.chars();
        cs.next().is_some_and(char::is_alphabetic) && cs.next().is_none()
    };
    // Most words end at their second character already: a first part of
    // more than one character is no initial.
    let mut cs = word.chars();
    if cs.next().is_some() && !matches!(cs.next(), None | Some('.')) {
        return false;
    }
    !word.is_empty()
        && word.split('.').all(single_letter)
        && (word.contains('.') || word.chars().all(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Result<Document, Box<DocumentError>> {
        Document::parse(SourceFile::new("t.txt", text))
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text, Span::new(0, text.len()))
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    /// The splitting as first written, decoding every character it looks
    /// at: what [`sentences`] must match.
    fn sentences_by_chars(text: &str, range: Span) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = range.start;
        let push = |s: usize, e: usize, out: &mut Vec<Span>| {
            let slice = &text[s..e];
            let lead = slice.len() - slice.trim_start().len();
            let trail = slice.len() - slice.trim_end().len();
            if lead + trail < slice.len() {
                out.push(Span::new(s + lead, e - trail));
            }
        };
        for (i, c) in text[range.start..range.end].char_indices() {
            let i = i + range.start;
            if i < start || !matches!(c, '.' | '!' | '?' | '\n') {
                continue;
            }
            if c == '\n' {
                push(start, i, &mut out);
                start = i + 1;
                continue;
            }
            let mut end = i + 1;
            while let Some(c) = text[end..range.end].chars().next() {
                if !matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '»') {
                    break;
                }
                end += c.len_utf8();
            }
            let next = text[end..range.end].chars().next();
            if !matches!(next, None | Some(' ' | '\t' | '\r' | '\n' | '\u{a0}')) {
                continue;
            }
            let word = text[start..i]
                .rsplit(|c: char| c.is_whitespace() || c == '(')
                .next()
                .unwrap_or("");
            if c == '.' && is_abbreviation(word) {
                continue;
            }
            push(start, end, &mut out);
            start = end;
        }
        if start < range.end {
            push(start, range.end, &mut out);
        }
        out
    }

    #[test]
    fn sentences_match_a_reading_char_by_char() {
        const PIECES: &[&str] = &[
            "Jan", "Mr", "U", "S", "J", "e", "g", "said", "3", "5", ".", ".", "!", "?", " ", " ",
            "\n", "\t", "\r", "\u{b}", "\u{a0}", "\u{85}", "\u{2003}", "(", ")", "\"", "'", "]",
            "”", "’", "»", "«", "é", "한", "Ünited", ",", "-",
        ];
        let strategy = crate::source::arbitrary::text_and_range(PIECES, 40);
        crate::source::arbitrary::runner(20_000)
            .run(&strategy, |(text, range)| {
                for range in [Span::new(0, text.len()), range] {
                    proptest::prop_assert_eq!(
                        sentences(&text, range),
                        sentences_by_chars(&text, range),
                        "{:?}",
                        range
                    );
                }
                Ok(())
            })
            .unwrap();
    }

    /// The sentences of lines holding given offsets are those of the whole
    /// range that lie in such a line, for any offsets (sorted), texts and
    /// ranges.
    #[test]
    fn sentences_of_some_lines_are_those_of_the_whole_text_there() {
        const PIECES: &[&str] = &[
            "Jan", "Mr", "U", "S", "said", "3", ".", ".", "!", "?", " ", " ", "\n", "\n", "\r",
            "\u{a0}", "(", ")", "\"", "”", "é", "한",
        ];
        let strategy = (
            crate::source::arbitrary::text_and_range(PIECES, 40),
            proptest::collection::vec(0usize..200, 0..6),
        );
        crate::source::arbitrary::runner(20_000)
            .run(&strategy, |((text, range), mut at)| {
                at.retain(|&p| p <= text.len() && text.is_char_boundary(p));
                at.sort_unstable();
                // The line of offset `p`: from after the break before it to
                // the break after it (or the range's ends).
                let line_of = |p: usize| {
                    let s = text[range.start..p.max(range.start)]
                        .rfind('\n')
                        .map_or(range.start, |i| range.start + i + 1);
                    let e = text[p.min(range.end)..range.end]
                        .find('\n')
                        .map_or(range.end, |i| p.min(range.end) + i);
                    (s, e)
                };
                let lines: Vec<(usize, usize)> = at
                    .iter()
                    .filter(|&&p| range.start <= p && p < range.end)
                    .map(|&p| line_of(p))
                    .collect();
                let expected: Vec<Span> = sentences(&text, range)
                    .into_iter()
                    .filter(|s| lines.iter().any(|&(ls, le)| ls <= s.start && s.end <= le))
                    .collect();
                let mut got = vec![Span::new(1, 2)];
                sentences_in_lines_into(&text, range, at.iter().copied(), &mut got);
                proptest::prop_assert_eq!(got, expected, "{:?} {:?}", range, at);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn front_matter_is_parsed_and_body_keeps_file_offsets() {
        let d = doc(
            "+++\noutlet = \"Yonhap\"\npublished = 2026-01-05\nai_generated = true\n+++\nBody.",
        )
        .unwrap();
        assert_eq!(d.meta.outlet.as_deref(), Some("Yonhap"));
        assert_eq!(d.meta.published, Some(jiff::civil::date(2026, 1, 5)));
        assert!(d.meta.ai_generated);
        assert_eq!(d.body_text(), "Body.");
        assert_eq!(d.body.start, 69);
    }

    #[test]
    fn no_front_matter_is_fine() {
        let d = doc("Just text.").unwrap();
        assert_eq!(d.body, Span::new(0, 10));
        assert!(d.meta.published.is_none());
    }

    #[test]
    fn malformed_front_matter_points_into_the_file() {
        let err = doc("+++\npublished = \"soon\"\n+++\nx").unwrap_err();
        match *err {
            DocumentError::FrontMatter { span, message, .. } => {
                assert_eq!(span.start, 4);
                assert!(message.contains("published"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(matches!(
            doc("+++\ntitle = 1\n").map_err(|e| *e),
            Err(DocumentError::UnterminatedFrontMatter { .. })
        ));
        assert!(matches!(
            doc("+++\ntitle = \n+++\n").map_err(|e| *e),
            Err(DocumentError::FrontMatter { .. })
        ));
    }

    #[test]
    fn sentences_survive_abbreviations_and_decimals() {
        assert_eq!(
            split("On Jan. 5, Mr. Lee met Xi. Trade was $2.5 billion. The U.S. said no!\nHeadline"),
            vec![
                "On Jan. 5, Mr. Lee met Xi.",
                "Trade was $2.5 billion.",
                "The U.S. said no!",
                "Headline"
            ]
        );
        assert_eq!(
            split("He said 'go.' Then left."),
            vec!["He said 'go.'", "Then left."]
        );
    }
}
