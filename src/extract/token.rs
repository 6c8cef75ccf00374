//! The tokenizer: text → words, digit runs and single punctuation marks, each
//! with its byte span and whether whitespace precedes it.
//!
//! Every grammar in the extractor works on these tokens, never on the raw
//! bytes, so each byte of the text is looked at once here and each word is
//! looked up in the lexicon once. Digit runs are kept apart from letters
//! ("14april" is `14` + `april`, adjacent) and from separators ("1,200.5" is
//! five tokens); the number grammar reassembles them, which is what lets it
//! tell "1,200" from "1, 200" and "2026-01-05" from "2026 - 01".

use super::lexicon::{ascii_index, lookup, Lex};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tk {
    /// A run of letters.
    Word,
    /// A run of ASCII digits.
    Num,
    /// One other character (punctuation, symbol).
    Punct,
}

/// One token, with its span in the text handed to [`tokenize`].
///
/// The span is kept as `u32` offsets (read through [`Tok::start`] and
/// [`Tok::end`]): a chunk is at most some 64 KiB (see `chunk_end`), and the
/// smaller token (24 bytes, was 32) keeps more of a chunk's tokens in cache.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    /// The byte offset where the token starts.
    pub(crate) from: u32,
    /// The byte offset one past its end.
    pub(crate) to: u32,
    pub kind: Tk,
    /// Whitespace (or the start of the text) precedes the token.
    pub ws: bool,
    /// The character of a `Punct` token (curly quotes folded to ASCII).
    pub ch: char,
    /// The lexicon entry of a word, if it has one.
    pub lex: Option<&'static Lex>,
    /// Whether the scan must look at this token: digits, marks, and words
    /// that can start a value or a hedge, or a link or "absolute zero" by
    /// their raw text ([`RAW_START_WORDS`]). Set once here, from the
    /// lexicon entry ([`Lex::scan`]), it spares the scan two tests at each
    /// of the other words, most of the text.
    pub scan: bool,
}

/// Whether a word of `len` bytes starting with the byte `first` has the
/// shape of a word the scan tries by its raw text ("http", "https", "www",
/// "absolute"): most words are ruled out by this test alone.
#[inline(always)]
pub(crate) fn raw_start_shape(len: usize, first: u8) -> bool {
    matches!(
        (len, first),
        (3..=5, b'h' | b'H' | b'w' | b'W') | (8, b'a' | b'A')
    )
}

/// The words the scan tries by their raw text, in any case: links ("http",
/// "www") and "absolute zero". They are in the lexicon only so that their
/// entry marks them [`Lex::scan`]: the tokenizer then learns whether to
/// scan any word from its entry alone, with no test of the raw text at
/// each word outside the lexicon (most words).
pub(crate) const RAW_START_WORDS: &[&str] = &["http", "https", "www", "absolute"];

// The point of the `u32` span: keep the token at 24 bytes.
const _: () = assert!(std::mem::size_of::<Tok>() == 24);

/// A byte offset into a chunk as stored in a [`Tok`]; chunks are far below
/// 4 GiB, so the conversion never truncates.
#[inline(always)]
fn off(i: usize) -> u32 {
    debug_assert!(u32::try_from(i).is_ok());
    i as u32
}

impl Tok {
    /// The byte offset where the token starts.
    #[inline(always)]
    pub fn start(&self) -> usize {
        self.from as usize
    }

    /// The byte offset one past the token's end.
    #[inline(always)]
    pub fn end(&self) -> usize {
        self.to as usize
    }

    /// The token's length in bytes.
    #[inline(always)]
    pub fn len(&self) -> usize {
        (self.to - self.from) as usize
    }

    /// The word `b[s..e]` with its lexicon entry.
    #[inline(always)]
    fn word(s: usize, e: usize, ws: bool, lex: Option<&'static Lex>) -> Tok {
        Tok {
            from: off(s),
            to: off(e),
            kind: Tk::Word,
            ws,
            ch: '\0',
            lex,
            scan: lex.is_some_and(|l| l.scan),
        }
    }

    /// The lowercase lexicon key of a word, or "".
    #[inline]
    pub fn key(&self) -> &'static str {
        self.lex.map_or("", |l| l.key)
    }

    /// Whether this is the word `w` (lowercase).
    #[inline]
    pub fn is(&self, w: &str) -> bool {
        self.kind == Tk::Word && self.key() == w
    }

    /// Whether this is the punctuation character `c`.
    #[inline]
    pub fn is_p(&self, c: char) -> bool {
        self.kind == Tk::Punct && self.ch == c
    }

    /// Whether this is a dash of any kind.
    #[inline]
    pub fn is_dash(&self) -> bool {
        self.kind == Tk::Punct && matches!(self.ch, '-' | '–' | '—' | '‐' | '‑')
    }
}

/// Splits `text` into tokens, appending to `out` (cleared first).
///
/// Never inlined: it runs once per chunk, and inlined into the scan's
/// caller (which the compiler did or not as the scan changed) its loop
/// took some 10% more instructions, short of registers.
#[inline(never)]
pub(crate) fn tokenize(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let index = ascii_index();
    let b = text.as_bytes();
    let mut i = 0;
    let mut ws = true;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_alphabetic() {
            // Most words are ASCII: scan them by bytes, and only a word
            // that runs into a non-ASCII byte takes the general path.
            let s = i;
            i += 1 + ascii_letters(&b[i + 1..]);
            let lex = if i < b.len() && b[i] >= 0x80 {
                let (e, ascii) = word_end(text, i);
                i = e;
                if ascii {
                    index.lookup(b, s, i)
                } else {
                    lookup(&text[s..i].to_lowercase())
                }
            } else {
                index.lookup(b, s, i)
            };
            out.push(Tok::word(s, i, ws, lex));
            (i, ws) = one_space(b, i);
            continue;
        }
        if c == b' ' || c.is_ascii_whitespace() {
            ws = true;
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let s = i;
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            out.push(Tok {
                from: off(s),
                to: off(i),
                kind: Tk::Num,
                ws,
                ch: '\0',
                lex: None,
                scan: true,
            });
            (i, ws) = one_space(b, i);
            continue;
        }
        if c < 0x80 {
            out.push(Tok {
                from: off(i),
                to: off(i + 1),
                kind: Tk::Punct,
                ws,
                ch: c as char,
                lex: None,
                scan: true,
            });
            (i, ws) = one_space(b, i + 1);
            continue;
        }
        if starts_letter(text, i) {
            let s = i;
            let (e, ascii) = word_end(text, i);
            i = e;
            // A word that starts with a non-ASCII letter is never all ASCII.
            debug_assert!(!ascii);
            // "µg", "元": rare in English text, so the allocation is cheap.
            let lex = lookup(&text[s..i].to_lowercase());
            out.push(Tok::word(s, i, ws, lex));
            ws = false;
            continue;
        }
        let ch = text[i..].chars().next().unwrap_or('\u{fffd}');
        let len = ch.len_utf8();
        if ch.is_whitespace() {
            ws = true;
            i += len;
            continue;
        }
        let ch = match ch {
            '’' | '‘' | '′' => '\'',
            '−' => '-',
            other => other,
        };
        out.push(Tok {
            from: off(i),
            to: off(i + len),
            kind: Tk::Punct,
            ws,
            ch,
            lex: None,
            scan: true,
        });
        ws = false;
        i += len;
    }
}

/// Where the next token may start after a token ending at `i`, and whether
/// whitespace precedes it: a single space, the commonest gap between
/// tokens, is taken here at once rather than by another turn of the
/// tokenizer's loop (any other whitespace is left to the loop).
#[inline(always)]
fn one_space(b: &[u8], i: usize) -> (usize, bool) {
    if b.get(i) == Some(&b' ') {
        (i + 1, true)
    } else {
        (i, false)
    }
}

/// The number of ASCII letters `b` starts with.
///
/// Eight bytes at a time: words are most of the text, and testing a whole
/// word at once costs less than a loop and a branch per letter. No crate
/// finds the end of a byte class this way (memchr looks for given bytes).
#[inline(always)]
fn ascii_letters(b: &[u8]) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut n = 0;
    while let Some(chunk) = b.get(n..n + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // Bit 5 set lowercases a letter; a byte is then a letter when its
        // low seven bits are in 'a'..='z' and its high bit is clear. The
        // sums stay below 0x100 per byte, so no carry crosses bytes.
        let y = x | 0x2020_2020_2020_2020;
        let low = y & LOW7;
        let at_least_a = low + 0x1f1f_1f1f_1f1f_1f1f;
        let past_z = low + 0x0505_0505_0505_0505;
        let letter = at_least_a & !past_z & !y & HIGH;
        let other = !letter & HIGH;
        if other != 0 {
            return n + (other.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    while n < b.len() && b[n].is_ascii_alphabetic() {
        n += 1;
    }
    n
}

/// The end of a word whose letters go on at `i` (or stop there), and whether
/// it took no non-ASCII letter.
fn word_end(text: &str, mut i: usize) -> (usize, bool) {
    let b = text.as_bytes();
    let mut ascii = true;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_alphabetic() {
            i += 1;
        } else if c >= 0x80 {
            match text[i..].chars().next() {
                Some(ch) if ch.is_alphabetic() => {
                    ascii = false;
                    i += ch.len_utf8();
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    (i, ascii)
}

fn starts_letter(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .is_some_and(|c| c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_letters_stops_at_the_first_other_byte() {
        let every_byte: Vec<u8> = (0..=255).collect();
        for &c in &every_byte {
            for at in 0..20 {
                let mut b = b"abcdefghijKLMNOPQRSTUVwxyz".to_vec();
                b.truncate(at + 3);
                b[at] = c;
                let want = b.iter().take_while(|b| b.is_ascii_alphabetic()).count();
                assert_eq!(ascii_letters(&b), want, "byte {c:#x} at {at}");
            }
        }
    }

    #[test]
    fn raw_start_words_are_scanned_in_any_case() {
        let mut v = Vec::new();
        tokenize(
            "HTTP https Www ABSOLUTE absolute httpx absolutely wwws",
            &mut v,
        );
        let scan: Vec<_> = v.iter().map(|t| t.scan).collect();
        assert_eq!(scan, [true, true, true, true, true, false, false, false]);
    }

    #[test]
    fn digits_letters_and_marks_split_with_adjacency() {
        let mut v = Vec::new();
        tokenize("14april, 1,200 ₩5", &mut v);
        let kinds: Vec<_> = v.iter().map(|t| (t.kind, t.ws)).collect();
        assert_eq!(
            kinds,
            vec![
                (Tk::Num, true),
                (Tk::Word, false),
                (Tk::Punct, false),
                (Tk::Num, true),
                (Tk::Punct, false),
                (Tk::Num, false),
                (Tk::Punct, true),
                (Tk::Num, false),
            ]
        );
        assert_eq!(v[1].key(), "april");
        assert_eq!(v[6].ch, '₩');
    }
}
