//! Multi-word phrase tables: unit names ("square kilometres", "km/h"),
//! currency names ("Malaysian ringgit", "US$") and holiday names, matched
//! longest-first at a token.
//!
//! A phrase is split the way the tokenizer splits text (letters, digits, one
//! mark at a time), so "km²" or "U.S. dollars" match their tokens directly.
//! Words compare by lexicon key (case-insensitive), except spellings of one or
//! two letters, which must match exactly: "m" is a metre, "M" is not; "B" is a
//! byte, "b" is not.

use super::lexicon::{lookup, Lex, WordMap};
use super::token::Tk;
use super::Cx;

#[derive(Debug)]
enum Part {
    /// A word: the lexicon entry of its lowercase form (`None` when it has
    /// none, and so no token can match it), and the exact spelling when
    /// case matters. Tokens match by entry: one pointer compare rather than
    /// comparing the keys' text.
    Word(Option<&'static Lex>, Option<String>),
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
    /// Phrases led by a word, by the address of the word's lexicon entry:
    /// hashing one number costs less than hashing and comparing the text.
    by_word: WordMap<usize, Vec<Phrase<T>>>,
    /// Phrases led by digits or a mark, by their text.
    by_other: WordMap<String, Vec<Phrase<T>>>,
    /// A bit per [`first_slot`] of the phrases' first parts: most tokens
    /// are known to start no phrase without hashing them.
    first: [u64; 64],
    /// A bit per [`first_slot`] of a first part that is a whole phrase on
    /// its own ("$", "dollars").
    alone: [u64; 64],
    /// A bit per [`pair_slot`] of the first two parts of a longer phrase.
    /// Where the first part is never a phrase alone, the token after it
    /// must pass this too: most tokens that pass `first` are common words
    /// ("the", "new", the "s" of "'s") that lead a name only before one
    /// word, and this rules them out without matching every phrase.
    pairs: [u64; PAIR_BITS / 64],
}

/// The size of [`PhraseTable::pairs`] in bits.
const PAIR_BITS: usize = 8192;

/// Where the first two parts' [`first_slot`]s go in [`PhraseTable::pairs`].
fn pair_slot(first: usize, second: usize) -> usize {
    (first * 31 + second) % PAIR_BITS
}

/// The key a part at token `i` is filed under: a word's lexicon key (none
/// without an entry: no part can match it), digits, or the mark.
fn tok_key<'a>(cx: &'a Cx, i: usize, buf: &'a mut [u8; 4]) -> Option<&'a str> {
    let t = cx.t.get(i)?;
    Some(match t.kind {
        Tk::Word => t.lex?.key,
        Tk::Num => cx.raw(i),
        Tk::Punct => t.ch.encode_utf8(buf),
    })
}

/// The text a part is filed under, as [`tok_key`] finds it at a token.
fn part_key(p: &Part) -> Option<String> {
    match p {
        Part::Word(l, _) => l.map(|l| l.key.to_string()),
        Part::Num(n) => Some(n.clone()),
        Part::Mark(c) => Some(c.to_string()),
    }
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
            parts.push(Part::Word(lookup(&w.to_lowercase()), exact));
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

/// The address of a lexicon entry, as [`PhraseTable::by_word`] keys it.
fn entry_key(l: &'static Lex) -> usize {
    std::ptr::from_ref(l) as usize
}

impl<T> PhraseTable<T> {
    /// Builds a table from spellings and their values.
    pub(crate) fn new(entries: impl IntoIterator<Item = (String, T)>) -> Self {
        let mut by_word: WordMap<usize, Vec<Phrase<T>>> = WordMap::default();
        let mut by_other: WordMap<String, Vec<Phrase<T>>> = WordMap::default();
        let mut first = [0u64; 64];
        let mut alone = [0u64; 64];
        let mut pairs = [0u64; PAIR_BITS / 64];
        for (s, val) in entries {
            let (parts, spaced) = split(&s);
            let (slot, list) = match parts.first() {
                None => continue,
                // A phrase led by a word outside the lexicon never matches.
                Some(Part::Word(None, _)) => continue,
                Some(Part::Word(Some(l), _)) => (
                    first_slot(l.key.as_bytes()),
                    by_word.entry(entry_key(l)).or_default(),
                ),
                Some(Part::Num(n)) => (
                    first_slot(n.as_bytes()),
                    by_other.entry(n.clone()).or_default(),
                ),
                Some(Part::Mark(c)) => {
                    let key = c.to_string();
                    (first_slot(key.as_bytes()), by_other.entry(key).or_default())
                }
            };
            first[slot / 64] |= 1 << (slot % 64);
            match parts.get(1).map(part_key) {
                None => alone[slot / 64] |= 1 << (slot % 64),
                Some(Some(second)) => {
                    let k = pair_slot(slot, first_slot(second.as_bytes()));
                    pairs[k / 64] |= 1 << (k % 64);
                }
                // A second word outside the lexicon: the phrase never matches.
                Some(None) => {}
            }
            list.push(Phrase { parts, spaced, val });
        }
        for v in by_word.values_mut().chain(by_other.values_mut()) {
            v.sort_by_key(|p| std::cmp::Reverse(p.parts.len()));
        }
        PhraseTable {
            by_word,
            by_other,
            first,
            alone,
            pairs,
        }
    }

    /// The longest phrase starting at token `i`: its value and end token.
    ///
    /// The first-key filter is inlined into the callers and the match is
    /// out of line: the grammars ask at most tokens they are tried at, and
    /// the filter answers no to nearly all of them.
    #[inline]
    pub(crate) fn longest<'s>(&'s self, cx: &Cx, i: usize) -> Option<(&'s T, usize)> {
        let mut buf = [0u8; 4];
        let key = tok_key(cx, i, &mut buf)?;
        let slot = first_slot(key.as_bytes());
        if self.first[slot / 64] & (1 << (slot % 64)) == 0 {
            return None;
        }
        if self.alone[slot / 64] & (1 << (slot % 64)) == 0 && !self.second_may_match(cx, i, slot) {
            return None;
        }
        self.match_at(cx, i, key)
    }

    /// Whether a second part can match after the first part at `i`, whose
    /// key has [`first_slot`] `slot`: the next token, or the one after a
    /// glued dash (which a spaced spelling also matches, see `match_at`).
    #[inline(never)]
    fn second_may_match(&self, cx: &Cx, i: usize, slot: usize) -> bool {
        let pair_at = |j: usize| {
            let mut buf = [0u8; 4];
            tok_key(cx, j, &mut buf).is_some_and(|k| {
                let p = pair_slot(slot, first_slot(k.as_bytes()));
                self.pairs[p / 64] & (1 << (p % 64)) != 0
            })
        };
        pair_at(i + 1) || cx.t.get(i + 1).is_some_and(|t| t.is_dash() && !t.ws) && pair_at(i + 2)
    }

    /// The longest phrase whose first part is `key`, starting at token `i`.
    #[inline(never)]
    fn match_at<'s>(&'s self, cx: &Cx, i: usize, key: &str) -> Option<(&'s T, usize)> {
        let cands = match cx.t.get(i)?.lex {
            Some(l) => self.by_word.get(&entry_key(l))?,
            None => self.by_other.get(key)?,
        };
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
                    Part::Word(want, exact) => {
                        tok.kind == Tk::Word
                            && tok
                                .lex
                                .is_some_and(|l| want.is_some_and(|w| std::ptr::eq(l, w)))
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

#[cfg(test)]
mod tests {
    use super::super::token::tokenize;
    use super::*;

    /// The value and end of the longest phrase at each token of `text`.
    fn matches(table: &PhraseTable<u8>, text: &str) -> Vec<Option<(u8, usize)>> {
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        let cx = Cx::new(text, &toks, None);
        (0..toks.len())
            .map(|i| table.longest(&cx, i).map(|(v, e)| (*v, e)))
            .collect()
    }

    #[test]
    fn the_pair_filter_keeps_every_match() {
        let table = PhraseTable::new(
            [
                ("new zealand dollar", 1),
                ("dollar", 2),
                ("US$", 3),
                ("km/h", 4),
            ]
            .map(|(s, v)| (s.to_string(), v)),
        );
        assert_eq!(
            matches(&table, "New Zealand dollar"),
            [Some((1, 3)), None, Some((2, 3))]
        );
        // A spaced spelling matches a hyphenated one.
        assert_eq!(matches(&table, "new-zealand")[0], None);
        assert_eq!(matches(&table, "new-zealand dollar")[0], Some((1, 4)));
        assert_eq!(matches(&table, "new car"), [None, None]);
        assert_eq!(matches(&table, "US$5")[0], Some((3, 2)));
        assert_eq!(matches(&table, "US $5")[0], None);
        assert_eq!(matches(&table, "us dollar")[0], None);
        assert_eq!(matches(&table, "80 km/h")[1], Some((4, 4)));
    }
}
