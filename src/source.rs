//! Source text and positions.
//!
//! Every stage of factlint speaks in byte spans into one [`SourceFile`]: the
//! extractor's mentions, the parser's AST nodes and the diagnostics. This module
//! owns the one conversion from a byte offset to a line and column, so the JSON
//! report, the `short` format and miette's graphical output always agree.

use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::excerpt::Retained;

/// A half-open byte range `start..end` into a [`SourceFile`]'s text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (byte offsets).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both `self` and `other`.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Whether `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The span moved `by` bytes to the right.
    pub fn shift(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.start, span.len()).into()
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// A line and column, both counted from 1. The column counts Unicode scalar
/// values (characters), as rustc does, so `≈` is one column wide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    /// Line number, from 1.
    pub line: usize,
    /// Column number in characters, from 1.
    pub column: usize,
}

/// A named text with a line index: an article of the corpus or a rule file.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user gave it (or an id, for streamed input).
    pub name: String,
    /// The whole text, shared cheaply between stages and diagnostics.
    pub text: Arc<str>,
    /// Where each line starts, worked out on first need: most documents of
    /// a large run have no finding, and nothing else asks for lines.
    line_starts: OnceLock<Vec<usize>>,
    /// For a file whose text was dropped: the spans a report still needs
    /// (see [`crate::excerpt`]). `text` is then empty.
    retained: Option<Arc<Retained>>,
}

impl SourceFile {
    /// Wraps `text` and indexes its line starts.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
            retained: None,
        }
    }

    /// Where each line starts.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1));
            starts
        })
    }

    /// A copy that keeps only `spans` (their words, positions and lines) and
    /// drops the text: what a report of cross-document outcomes needs of a
    /// document once it has been checked.
    pub fn retain(&self, spans: impl IntoIterator<Item = Span>) -> SourceFile {
        SourceFile {
            name: self.name.clone(),
            text: Arc::from(""),
            line_starts: OnceLock::new(),
            retained: Some(Arc::new(Retained::new(self, spans))),
        }
    }

    /// What is kept of a file made by [`SourceFile::retain`].
    pub fn retained(&self) -> Option<&Retained> {
        self.retained.as_deref()
    }

    /// The line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        if let Some(r) = &self.retained {
            return r.line_col(offset);
        }
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let start = self.line_starts()[line];
        // The characters that start before `offset`: the bytes that are not
        // UTF-8 continuation bytes. Offsets produced by factlint are always
        // on char boundaries; one inside a character counts that character,
        // as decoding would. Counting bytes needs no decoding (a column on a
        // long line cost thousands of instructions).
        let column = self.text.as_bytes()[start..offset]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count()
            + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// The index of the line `offset` (at most the text's length) is on.
    fn line_index(&self, offset: usize) -> usize {
        self.line_starts().partition_point(|&s| s <= offset) - 1
    }

    /// The text under a span.
    pub fn slice(&self, span: Span) -> &str {
        if let Some(r) = &self.retained {
            return r.slice(span);
        }
        &self.text[span.start.min(self.text.len())..span.end.min(self.text.len())]
    }

    /// The byte span of the whole line containing `offset`, without its newline.
    pub fn line_span(&self, offset: usize) -> Span {
        if let Some(r) = &self.retained {
            return r.line_span(offset);
        }
        // The line alone: `line_col` would count the columns too.
        let line = self.line_index(offset.min(self.text.len()));
        let line_starts = self.line_starts();
        let start = line_starts[line];
        let end = line_starts
            .get(line + 1)
            .map(|&s| s - 1)
            .unwrap_or(self.text.len());
        Span::new(start, end)
    }
}

impl SourceFile {
    /// The lines around `span` for a diagnostic, with lines longer than
    /// `max_line` bytes cut to `margin` bytes around the span: a 10 MB
    /// single-line document must not print 10 MB.
    fn excerpt<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines: usize,
        max_line: usize,
        margin: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        if self.retained.is_some() {
            // The text is gone; the report re-reads files it shows.
            return Err(miette::MietteError::OutOfBounds);
        }
        let (start, end) = (span.offset(), span.offset() + span.len());
        let line = self.line_span(start);
        let last_line = self.line_span(end.saturating_sub(1).max(start));
        if line.len().max(last_line.len()) > max_line {
            let mut w_start = start.saturating_sub(margin).max(line.start);
            while !self.text.is_char_boundary(w_start) {
                w_start -= 1;
            }
            let mut w_end = (end + margin).min(last_line.end.max(end));
            while !self.text.is_char_boundary(w_end) {
                w_end += 1;
            }
            // Start and end the window on word boundaries where one is near.
            if w_start > line.start {
                if let Some(i) = self.text[w_start..start].find(' ') {
                    w_start += i + 1;
                }
            }
            if w_end < last_line.end {
                if let Some(i) = self.text[end..w_end].rfind(' ') {
                    w_end = end + i;
                }
            }
            // miette reads the header's line and column from here: they are
            // the span's, not the window's.
            let lc = self.line_col(start);
            return Ok(Box::new(miette::MietteSpanContents::new_named(
                self.name.clone(),
                &self.text.as_bytes()[w_start..w_end],
                (w_start, w_end - w_start).into(),
                lc.line - 1,
                lc.column - 1,
                self.line_col(w_end).line - lc.line + 1,
            )));
        }
        let inner =
            <str as miette::SourceCode>::read_span(&self.text, span, context_lines, context_lines)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

impl miette::SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        _context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        self.excerpt(span, context_lines_before, 400, 120)
    }
}

/// A source shown as prose: no context lines (an article's lines are whole
/// paragraphs) and long lines cut to a window around the labels.
#[derive(Clone, Debug)]
pub struct Prose(pub SourceFile);

impl miette::SourceCode for Prose {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        _context_lines_before: usize,
        _context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        const MAX_LINE: usize = 160;
        let f = &self.0;
        let (start, end) = (span.offset(), span.offset() + span.len());
        let line = f.line_span(start);
        let last = f.line_span(end.saturating_sub(1).max(start));
        if line.len().max(last.len()) <= MAX_LINE && end <= f.text.len() {
            // miette's own reader returns only the span's bytes when asked
            // for no context lines; prose wants the whole (short) line. The
            // header's line and column are the span's.
            let lc = f.line_col(start);
            let stop = last.end.max(end);
            return Ok(Box::new(miette::MietteSpanContents::new_named(
                f.name.clone(),
                &f.text.as_bytes()[line.start..stop],
                (line.start, stop - line.start).into(),
                lc.line - 1,
                lc.column - 1,
                f.line_col(stop).line - lc.line + 1,
            )));
        }
        f.excerpt(span, 0, MAX_LINE, 60)
    }
}

/// Random texts for property tests of code that reads a span of a text.
#[cfg(test)]
pub(crate) mod arbitrary {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRng, TestRunner};

    use super::Span;

    /// Texts of up to `most` of `pieces`, each with a range of it that
    /// starts and ends at character boundaries.
    pub(crate) fn text_and_range(
        pieces: &'static [&'static str],
        most: usize,
    ) -> impl Strategy<Value = (String, Span)> {
        prop::collection::vec(prop::sample::select(pieces), 0..=most).prop_flat_map(|pieces| {
            let text = pieces.concat();
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let pick = prop::sample::select(bounds);
            (Just(text), pick.clone(), pick)
                .prop_map(|(text, a, b)| (text, Span::new(a.min(b), a.max(b))))
        })
    }

    /// A runner of `cases` cases with a fixed seed, so that a run in CI
    /// tries the same cases as a run here.
    pub(crate) fn runner(cases: u32) -> TestRunner {
        let config = Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        };
        let rng = TestRng::deterministic_rng(config.rng_algorithm);
        TestRunner::new_with_rng(config, rng)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_from_one() {
        let f = SourceFile::new("t", "ab\n≈c d\n");
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(f.line_col(3), LineCol { line: 2, column: 1 });
        // `c` follows the 3-byte `≈`, so it is byte 6 but column 2.
        assert_eq!(f.line_col(6), LineCol { line: 2, column: 2 });
        assert_eq!(f.line_span(6), Span::new(3, 9));
        assert_eq!(f.slice(Span::new(3, 6)), "≈");
    }
}
