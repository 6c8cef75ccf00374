//! What a report needs of a document once its text is gone.
//!
//! A streaming run drops each document's text as soon as the document is
//! reported. Cross-document `agree` outcomes are only known at the end, and
//! they quote mentions of many documents: their words, lines and columns.
//! [`Retained`] keeps exactly that for a set of spans (the bound mentions of
//! the facts an `agree` needs) — a few dozen bytes per mention instead of the
//! whole text — and a [`SourceFile`] built with [`SourceFile::retain`] answers
//! `slice`, `line_col` and `line_span` for those spans from it.
//!
//! Architecture invariant: a retained file cannot show an excerpt (miette's
//! `read_span` fails on it). A graphical report re-reads the few files its
//! findings show instead; see `stream::check`.

use crate::source::{LineCol, SourceFile, Span};

/// One kept span: its words, where it starts and the line around it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Piece {
    span: Span,
    text: Box<str>,
    at: LineCol,
    line: Span,
}

/// The words, positions and lines of some spans of a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Retained {
    /// Sorted by span, no duplicates.
    pieces: Vec<Piece>,
    /// Length of the original text in bytes.
    len: usize,
}

impl Retained {
    /// Keeps `spans` of `file` (spans out of range are clamped).
    pub fn new(file: &SourceFile, spans: impl IntoIterator<Item = Span>) -> Retained {
        let mut spans: Vec<Span> = spans.into_iter().collect();
        spans.sort();
        spans.dedup();
        let pieces = spans
            .into_iter()
            .map(|span| Piece {
                span,
                text: file.slice(span).into(),
                at: file.line_col(span.start),
                line: file.line_span(span.start),
            })
            .collect();
        Retained {
            pieces,
            len: file.text.len(),
        }
    }

    /// The piece containing `offset`, preferring one that starts there.
    fn piece_at(&self, offset: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.span.start < offset);
        if let Some(p) = self.pieces.get(i).filter(|p| p.span.start == offset) {
            return Some(p);
        }
        self.pieces[..i]
            .iter()
            .rev()
            .find(|p| p.span.start <= offset && offset <= p.span.end)
    }

    /// The words under `span`, if `span` lies inside a kept span.
    pub fn slice(&self, span: Span) -> &str {
        let Some(p) = self.piece_at(span.start) else {
            return "";
        };
        let (from, to) = (
            span.start - p.span.start,
            span.end.min(p.span.end) - p.span.start,
        );
        p.text.get(from..to.max(from)).unwrap_or("")
    }

    /// The line and column of `offset`, if it lies inside a kept span.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let Some(p) = self.piece_at(offset) else {
            return LineCol { line: 1, column: 1 };
        };
        let before = p.text.get(..offset - p.span.start).unwrap_or("");
        // A kept span may cross a line break ("January\n5").
        match before.rfind('\n') {
            None => LineCol {
                line: p.at.line,
                column: p.at.column + before.chars().count(),
            },
            Some(nl) => LineCol {
                line: p.at.line + before.matches('\n').count(),
                column: before[nl + 1..].chars().count() + 1,
            },
        }
    }

    /// The line around `offset`, if it lies inside a kept span.
    pub fn line_span(&self, offset: usize) -> Span {
        self.piece_at(offset)
            .map(|p| p.line)
            .unwrap_or(Span::new(offset, offset))
    }

    /// Whether `file` still holds the kept words where they were: a file
    /// re-read for a report must be the file that was checked.
    pub fn matches(&self, file: &SourceFile) -> bool {
        file.text.len() == self.len
            && self.pieces.iter().all(|p| {
                file.text.is_char_boundary(p.span.start)
                    && file.text.is_char_boundary(p.span.end)
                    && file.slice(p.span) == &*p.text
            })
    }

    /// Number of kept spans.
    pub fn len(&self) -> usize {
        self.pieces.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retained_file_answers_like_the_whole_file_for_kept_spans() {
        let text =
            "+++\ntitle = \"x\"\n+++\nOn ≈ January 6, the summit met.\nTalks lasted\n90 minutes.\n";
        let file = SourceFile::new("a.txt", text);
        let spans = [
            Span::new(text.find("January").unwrap(), text.find(", the").unwrap()),
            Span::new(text.find("Talks").unwrap(), text.find(" minutes").unwrap()),
        ];
        let kept = file.retain(spans);
        assert_eq!(kept.name, "a.txt");
        assert!(kept.text.is_empty(), "the text is dropped");
        for s in spans {
            assert_eq!(kept.slice(s), file.slice(s));
            assert_eq!(kept.line_col(s.start), file.line_col(s.start));
            assert_eq!(kept.line_span(s.start), file.line_span(s.start));
        }
        // Inside a span that crosses a line break.
        let at = text.find("90").unwrap();
        assert_eq!(kept.line_col(at), file.line_col(at));
        assert!(Retained::new(&file, spans).matches(&file));
        assert!(!Retained::new(&file, spans).matches(&SourceFile::new("a.txt", "changed")));
    }

    #[test]
    fn offsets_outside_kept_spans_do_not_panic() {
        let file = SourceFile::new("a.txt", "one ≈ two");
        let kept = file.retain([Span::new(0, 3)]);
        assert_eq!(kept.slice(Span::new(4, 7)), "");
        assert_eq!(kept.line_col(100), LineCol { line: 1, column: 1 });
        assert_eq!(kept.slice(Span::new(1, 100)), "ne");
    }
}
