//! Multi-word phrase tables: unit names ("square kilometres", "km/h"),
//! currency names ("Malaysian ringgit", "US$") and holiday names, matched
//! longest-first at a token.
//!
//! A phrase is split the way the tokenizer splits text (letters, digits, one
//! mark at a time), so "km²" or "U.S. dollars" match their tokens directly.
//! Words compare by lexicon key (case-insensitive), except spellings of one or
//! two letters, which must match exactly: "m" is a metre, "M" is not; "B" is a
//! byte, "b" is not.

use super::lexicon::WordMap;
use super::token::Tk;
use super::Cx;

#[derive(Debug)]
enum Part {
    /// A word: lowercase key, and the exact spelling when case matters.
    Word(String, Option<String>),
    /// A digit run.
    Num(String),
    /// One mark.
    Mark(char),
}

#[derive(Debug)]
struct Phrase<T> {
    parts: Vec<Part>,
    /// Whether whitespace separated part `k` from part `k-1` in the spelling.
    spaced: Vec<bool>,
    val: T,
}

/// A table of phrases keyed by their first part.
#[derive(Debug)]
pub(crate) struct PhraseTable<T> {
    by_first: WordMap<String, Vec<Phrase<T>>>,
    /// A bit per [`first_slot`] of the keys of `by_first`: most tokens are
    /// known to start no phrase without hashing them.
    first: [u64; 64],
}

fn split(s: &str) -> (Vec<Part>, Vec<bool>) {
    let mut parts = Vec::new();
    let mut spaced = Vec::new();
    let mut ws = false;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            ws = true;
            continue;
        }
        spaced.push(ws);
        ws = false;
        if c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic()) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_ascii_alphabetic() || (!d.is_ascii() && d.is_alphabetic()) {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let w = &s[i..end];
            let exact = (w.chars().count() <= 2).then(|| w.to_string());
            parts.push(Part::Word(w.to_lowercase(), exact));
        } else if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = it.peek() {
                if d.is_ascii_digit() {
                    end = j + 1;
                    it.next();
                } else {
                    break;
                }
            }
            parts.push(Part::Num(s[i..end].to_string()));
        } else {
            let c = match c {
                '’' => '\'',
                '−' => '-',
                c => c,
            };
            parts.push(Part::Mark(c));
        }
    }
    (parts, spaced)
}

/// Where a first key goes in [`PhraseTable`]'s filter: its length, first
/// and last byte.
fn first_slot(b: &[u8]) -> usize {
    let (f, l) = (
        b.first().copied().unwrap_or(0),
        b.last().copied().unwrap_or(0),
    );
    (usize::from(f) * 67 + usize::from(l) * 13 + b.len()) % 4096
}

fn first_key(p: &Part) -> String {
    match p {
        Part::Word(k, _) => k.clone(),
        Part::Num(n) => n.clone(),
        Part::Mark(c) => c.to_string(),
    }
}

impl<T> PhraseTable<T> {
    /// Builds a table from spellings and their values.
    pub(crate) fn new(entries: impl IntoIterator<Item = (String, T)>) -> Self {
        let mut by_first: WordMap<String, Vec<Phrase<T>>> = WordMap::default();
        for (s, val) in entries {
            let (parts, spaced) = split(&s);
            if parts.is_empty() {
                continue;
            }
            by_first
                .entry(first_key(&parts[0]))
                .or_default()
                .push(Phrase { parts, spaced, val });
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|p| std::cmp::Reverse(p.parts.len()));
        }
        let mut first = [0u64; 64];
        for k in by_first.keys() {
            let b = k.as_bytes();
            let i = first_slot(b);
            first[i / 64] |= 1 << (i % 64);
        }
        PhraseTable { by_first, first }
    }

    /// The longest phrase starting at token `i`: its value and end token.
    ///
    /// The first-key filter is inlined into the callers and the match is
    /// out of line: the grammars ask at most tokens they are tried at, and
    /// the filter answers no to nearly all of them.
    #[inline]
    pub(crate) fn longest<'s>(&'s self, cx: &Cx, i: usize) -> Option<(&'s T, usize)> {
        let t = cx.t.get(i)?;
        let mut buf = [0u8; 4];
        let key: &str = match t.kind {
            Tk::Word => t.lex?.key,
            Tk::Num => cx.raw(i),
            Tk::Punct => t.ch.encode_utf8(&mut buf),
        };
        let slot = first_slot(key.as_bytes());
        if self.first[slot / 64] & (1 << (slot % 64)) == 0 {
            return None;
        }
        self.match_at(cx, i, key)
    }

    /// The longest phrase whose first part is `key`, starting at token `i`.
    #[inline(never)]
    fn match_at<'s>(&'s self, cx: &Cx, i: usize, key: &str) -> Option<(&'s T, usize)> {
        let cands = self.by_first.get(key)?;
        'next: for p in cands {
            let mut j = i;
            for (k, part) in p.parts.iter().enumerate() {
                let Some(mut tok) = cx.t.get(j) else {
                    continue 'next;
                };
                if k > 0 {
                    // A spaced spelling also matches a hyphenated one.
                    if p.spaced[k] && tok.is_dash() && !tok.ws {
                        j += 1;
                        let Some(t2) = cx.t.get(j) else {
                            continue 'next;
                        };
                        tok = t2;
                    } else if !p.spaced[k] && tok.ws {
                        // "km2" must not match "km 2", "US$" not "US $".
                        if !matches!(part, Part::Word(..)) {
                            continue 'next;
                        }
                    }
                }
                let ok = match part {
                    Part::Word(key, exact) => {
                        tok.kind == Tk::Word
                            && tok.lex.is_some_and(|l| l.key == key)
                            && exact.as_ref().is_none_or(|e| cx.raw(j) == e)
                    }
                    Part::Num(n) => tok.kind == Tk::Num && cx.raw(j) == n,
                    Part::Mark(c) => tok.kind == Tk::Punct && tok.ch == *c,
                };
                if !ok {
                    continue 'next;
                }
                j += 1;
            }
            return Some((&p.val, j));
        }
        None
    }
}

/// The words of a spelling, for the lexicon.
pub(crate) fn words_of(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !(c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic())))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
}
