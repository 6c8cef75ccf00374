//! Text → mentions: every typed value in an article, with its byte span.
//!
//! Architecture invariant: the extractor never sees rules. It finds every
//! number, ordinal, percentage, money amount, quantity, duration and date in
//! the text, whether or not any rule will ask about it.
//!
//! How it works: the text is cut into chunks at line ends (bounded memory on
//! 10 MB single documents), each chunk is tokenized once ([`token`]), and a
//! left-to-right scan tries, at each token that can start a value, every
//! grammar — [`date`], [`measure`] (money, percent, quantity, duration) and
//! [`number`] — keeping the longest reading. A hedge word before the value
//! ("about", "more than") is folded into the mention. Each grammar looks at a
//! bounded number of tokens, so the whole scan is linear in the text. Times of
//! day, phone numbers, codes and URLs are recognised only to be skipped.

mod date;
mod holiday;
pub mod jsonl;
mod lexicon;
mod measure;
mod number;
mod phrase;
mod token;

use jiff::civil::Date;
use serde::Serialize;

use crate::quantity::{Hedge, Value};
use crate::source::Span;
use lexicon::Lead;
use token::{Tk, Tok};

/// A typed value found in a text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mention {
    /// The words, hedge included ("about $273 billion").
    pub span: Span,
    /// The value as stated.
    pub value: Value,
    /// The hedge word that widens it, if any.
    pub hedge: Option<Hedge>,
}

/// What the extractor needs to know beyond the text.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExtractOptions {
    /// The date relative expressions resolve against ("January 6" with no
    /// year, "Tuesday", "last year"); without one they are skipped.
    pub reference_date: Option<Date>,
}

/// Every mention in `text`, in order of position, not overlapping.
pub fn extract(text: &str, options: &ExtractOptions) -> Vec<Mention> {
    thread_local! {
        /// The token buffer, kept from one document to the next: grown
        /// afresh for each document it cost more in reallocation and copying
        /// than the tokenizer's own work on short articles. Chunking bounds
        /// it (a 64 KiB chunk is some hundreds of KB of tokens per thread).
        static TOKENS: std::cell::RefCell<Vec<Tok>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    TOKENS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut toks) => extract_with(text, options, &mut toks),
        // Never in practice (nothing here calls back into `extract`), but a
        // fresh buffer is always correct.
        Err(_) => extract_with(text, options, &mut Vec::new()),
    })
}

/// Bytes of text per mention reserved for: real news holds one mention in
/// some 120 bytes on average, and twice that leaves room for the denser
/// articles. Used only to size the result up front.
const BYTES_PER_MENTION: usize = 64;

/// The most mentions reserved up front, so a long document with few values
/// does not hold a large empty buffer (the vector still grows past it).
const MAX_RESERVED: usize = 4096;

fn extract_with(text: &str, options: &ExtractOptions, toks: &mut Vec<Tok>) -> Vec<Mention> {
    // Reserved from the text's length: grown from empty, the result was
    // reallocated and copied twice or three times per article.
    let mut out = Vec::with_capacity((text.len() / BYTES_PER_MENTION + 1).min(MAX_RESERVED));
    let mut start = 0;
    while start < text.len() {
        let end = chunk_end(text, start);
        let chunk = &text[start..end];
        token::tokenize(chunk, toks);
        let cx = Cx::new(chunk, toks, options.reference_date);
        scan(&cx, start, &mut out);
        start = end;
    }
    out
}

/// Chunks end at a line end between 32 KiB and 64 KiB in, else at a space,
/// else at a character boundary: values never span lines in practice, and a
/// bounded chunk keeps the token buffer small.
fn chunk_end(text: &str, start: usize) -> usize {
    const MAX: usize = 64 * 1024;
    const MIN: usize = 32 * 1024;
    if text.len() - start <= MAX {
        return text.len();
    }
    let window = &text.as_bytes()[start + MIN..start + MAX];
    if let Some(p) = memchr::memrchr(b'\n', window) {
        return start + MIN + p + 1;
    }
    if let Some(p) = memchr::memrchr2(b'.', b' ', window) {
        return start + MIN + p + 1;
    }
    let mut e = start + MAX;
    while !text.is_char_boundary(e) {
        e += 1;
    }
    e
}

/// Words other than number words, ordinals, fractions, months, weekdays,
/// units of time, holiday names and currency names that a value can start
/// with: articles ("a dozen", "an hour"), relative dates ("last year",
/// "the day after tomorrow", "in 2 weeks") and signs ("minus five").
pub(crate) const START_WORDS: &[&str] = &[
    // articles and vague amounts: "a dozen", "an hour", "another day",
    // "several weeks", "a couple of days", "all-year"
    "a",
    "an",
    "another",
    "all",
    "full",
    "whole",
    "few",
    "several",
    "some",
    "couple",
    // relative dates: "the day after tomorrow", "this week", "in 2 weeks"
    "the",
    "this",
    "in",
    "within",
    "last",
    "next",
    "current",
    "following",
    "coming",
    "upcoming",
    "previous",
    "past",
    "today",
    "otd",
    "tonight",
    "tomorrow",
    "tomorrows",
    "tmrw",
    "yesterday",
    "calendar",
    "cy",
    "fy",
    "ides",
    // signs and percentages: "minus five", "negative one", "per cent"
    "minus",
    "negative",
    "per",
    "percent",
    "percents",
];

/// The tense a sentence speaks in, for resolving "June" or "Tuesday".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    None,
}

/// A remembered read (a number by default): the token and the result. The
/// token is kept apart from the result so a miss (most lookups) reads one
/// word, not the whole result.
pub(crate) struct Memo<T: Copy = Option<number::Num>> {
    /// The token read, or `usize::MAX` for none.
    at: std::cell::Cell<usize>,
    read: std::cell::Cell<Option<T>>,
}

impl<T: Copy> Default for Memo<T> {
    fn default() -> Self {
        Memo {
            at: std::cell::Cell::new(usize::MAX),
            read: std::cell::Cell::new(None),
        }
    }
}

impl<T: Copy> Memo<T> {
    /// The result remembered for token `i`, if it is the one remembered.
    #[inline]
    pub fn get(&self, i: usize) -> Option<T> {
        if self.at.get() == i {
            self.read.get()
        } else {
            None
        }
    }

    /// Remembers `read` as the result at token `i`, forgetting the last.
    #[inline]
    pub fn set(&self, i: usize, read: T) {
        self.at.set(i);
        self.read.set(Some(read));
    }
}

/// A tokenized chunk and what the grammars need to read it.
pub(crate) struct Cx<'a> {
    pub text: &'a str,
    pub t: &'a [Tok],
    pub reference: Option<Date>,
    /// The last [`number::digits`] read: its token and result.
    pub digits_memo: Memo,
    /// The last [`number::cardinal`] read at a token, one slot per money
    /// flag: money and the other grammars alternate at the same token, and
    /// one shared slot would be overwritten each time.
    pub cardinal_memo: [Memo; 2],
    /// The last [`number::words`] read at a token, one slot per `allow_ord`
    /// flag: the date grammars, mentions and skips each ask at a number word.
    pub words_memo: [Memo; 2],
    /// The last [`measure::one_duration`] read: the relative dates ("3
    /// days ago") read one at a number, then the duration grammar reads
    /// the same.
    pub duration_memo: Memo<Option<measure::OneDuration>>,
}

/// What lies past the end of the tokens: nothing that matches anything.
static NONE: Tok = Tok {
    from: 0,
    to: 0,
    kind: Tk::Punct,
    ws: true,
    ch: '\0',
    lex: None,
    scan: false,
};

impl<'a> Cx<'a> {
    /// The tokens `t` of `text`, with empty memos.
    pub fn new(text: &'a str, t: &'a [Tok], reference: Option<Date>) -> Cx<'a> {
        Cx {
            text,
            t,
            reference,
            digits_memo: Default::default(),
            cardinal_memo: Default::default(),
            words_memo: Default::default(),
            duration_memo: Default::default(),
        }
    }

    /// Token `i`, or a blank token past the end (so grammars can look ahead
    /// without bounds checks and never panic).
    #[inline]
    pub fn tk(&self, i: usize) -> &Tok {
        self.t.get(i).unwrap_or(&NONE)
    }

    /// The text of token `i` ("" past the end).
    #[inline]
    pub fn raw(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| &self.text[t.start()..t.end()])
    }

    /// The text of token `i` when glued to the previous one.
    #[inline]
    pub fn raw_adj(&self, i: usize) -> Option<&str> {
        self.t
            .get(i)
            .filter(|t| !t.ws)
            .map(|t| &self.text[t.start()..t.end()])
    }

    /// Token `i` is the mark `c`, glued to the previous token.
    #[inline]
    pub fn is_p_adj(&self, i: usize, c: char) -> bool {
        self.t.get(i).is_some_and(|t| !t.ws && t.is_p(c))
    }

    /// Token `i` is the mark `c`.
    #[inline]
    pub fn is_p_at(&self, i: usize, c: char) -> bool {
        self.t.get(i).is_some_and(|t| t.is_p(c))
    }

    /// Token `i` is a digit run glued to the previous token, of `len` digits
    /// (any length when `len` is 0).
    #[inline]
    pub fn num_adj(&self, i: usize, len: usize) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| !t.ws && t.kind == Tk::Num && (len == 0 || t.len() == len))
    }

    /// Token `i` is a word glued to the previous token.
    #[inline]
    pub fn word_adj(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.ws && t.kind == Tk::Word)
    }

    /// Token `i` is glued to a word before it.
    #[inline]
    pub fn word_adj_before(&self, i: usize) -> bool {
        i > 0 && !self.t[i].ws && self.t[i - 1].kind == Tk::Word
    }

    /// Token `i` is the word `w`.
    #[inline]
    pub fn is_w(&self, i: usize, w: &str) -> bool {
        self.t.get(i).is_some_and(|t| t.is(w))
    }

    /// Token `i` (a sign) is glued to a word or number before it, as in
    /// "2013-14" or "J1149.5+6663", so it is not a sign.
    #[inline]
    pub fn prev_joins(&self, i: usize) -> bool {
        i > 0 && !self.t[i].ws && matches!(self.t[i - 1].kind, Tk::Word | Tk::Num)
    }

    pub(crate) fn sentence_bounds(&self, i: usize) -> (usize, usize) {
        let stop = |t: &Tok| t.kind == Tk::Punct && matches!(t.ch, '.' | '!' | '?' | ';');
        let mut s = i;
        while s > 0 && i - s < 20 && !stop(&self.t[s - 1]) {
            s -= 1;
        }
        let mut e = i;
        while e < self.t.len() && e - i < 15 && !stop(&self.t[e]) {
            e += 1;
        }
        (s, e)
    }

    /// The tense of the sentence around token `i`: the nearest tense marker
    /// before it, else after it.
    pub fn tense(&self, i: usize) -> Tense {
        let (s, e) = self.sentence_bounds(i);
        let of = |k: usize| -> Tense {
            let t = &self.t[k];
            if t.kind != Tk::Word {
                return Tense::None;
            }
            match t.key() {
                "will" | "ll" | "shall" | "going" | "plans" | "plan" | "scheduled" | "expected"
                | "due" | "tomorrow" | "upcoming" | "next" => Tense::Future,
                "was" | "were" | "had" | "did" | "ago" | "last" | "yesterday" | "since"
                | "earlier" | "said" | "met" | "held" | "took" | "made" | "came" | "went"
                | "began" | "begun" | "gave" | "saw" | "left" | "won" | "lost" | "became"
                | "spoke" | "told" | "led" | "paid" | "rose" | "fell" | "kept" | "got"
                | "brought" | "sent" | "wrote" | "ran" => Tense::Past,
                _ => {
                    let raw = self.raw(k);
                    let past_ed = raw.len() >= 5
                        && raw.ends_with("ed")
                        && raw.chars().next().is_some_and(|c| c.is_lowercase())
                        && !matches!(
                            raw,
                            "based"
                                | "needed"
                                | "united"
                                | "related"
                                | "limited"
                                | "used"
                                | "supposed"
                                | "interested"
                                | "concerned"
                                | "advanced"
                        );
                    if past_ed {
                        Tense::Past
                    } else {
                        Tense::None
                    }
                }
            }
        };
        for k in (s..i).rev() {
            let t = of(k);
            if t != Tense::None {
                return t;
            }
        }
        for k in i + 1..e {
            let t = of(k);
            if t != Tense::None {
                return t;
            }
        }
        Tense::None
    }

    /// Whether "in N units" at `i` measures a span rather than naming a future
    /// date: "the first visit in seven years", "not seen in years", "has
    /// risen 5% in two years".
    pub fn span_context(&self, i: usize) -> bool {
        let (s, _) = self.sentence_bounds(i);
        (s..i).any(|k| {
            let t = &self.t[k];
            let key = t.key();
            // "will have a meeting in 2 weeks" is future, not perfect.
            if matches!(key, "have" | "has") && k > 0 && self.t[k - 1].is("will") {
                return false;
            }
            matches!(
                key,
                "first"
                    | "last"
                    | "only"
                    | "not"
                    | "never"
                    | "no"
                    | "has"
                    | "have"
                    | "had"
                    | "t"
                    | "was"
                    | "were"
                    | "rose"
                    | "fell"
            ) || (t.kind == Tk::Word && self.raw(k).len() > 4 && self.raw(k).ends_with("est"))
                || (t.kind == Tk::Word && self.raw(k).len() >= 5 && self.raw(k).ends_with("ed"))
        })
    }
}

/// A reading of tokens `i..end`: a value, or `None` for text recognised only
/// to be skipped (a time of day, a phone number).
struct Cand {
    end: usize,
    value: Option<Value>,
}

/// Hedge words before a value: the hedge and the token after it.
fn hedge_at(cx: &Cx, i: usize) -> Option<(Hedge, usize)> {
    let t = cx.t.get(i)?;
    if t.kind == Tk::Punct {
        return match t.ch {
            '~' | '≈' => Some((Hedge::About, i + 1)),
            '>' => Some((Hedge::Over, i + 1)),
            '<' => Some((Hedge::LessThan, i + 1)),
            '≥' => Some((Hedge::AtLeast, i + 1)),
            '≤' => Some((Hedge::UpTo, i + 1)),
            _ => None,
        };
    }
    // Every hedge starts with a word of the lexicon marked as a hedge word.
    if !t.lex?.hedge {
        #[cfg(debug_assertions)]
        debug_assert!(
            hedge_words(cx, t, i).is_none(),
            "a hedge starts at {:?}, which is not in HEDGE_WORDS",
            cx.raw(i)
        );
        return None;
    }
    hedge_words(cx, t, i)
}

/// The first words of hedges: the scan looks for a hedge only at these.
pub(crate) const HEDGE_WORDS: &[&str] = &[
    "just",
    "close",
    "more",
    "upwards",
    "in",
    "at",
    "a",
    "no",
    "not",
    "up",
    "as",
    "less",
    "fewer",
    "an",
    "about",
    "approximately",
    "around",
    "roughly",
    "some",
    "estimated",
    "circa",
    "approx",
    "over",
    "above",
    "exceeding",
    "nearly",
    "almost",
    "under",
    "below",
];

/// A hedge led by a word: the hedge and the token after it.
fn hedge_words(cx: &Cx, t: &Tok, i: usize) -> Option<(Hedge, usize)> {
    let k1 = cx.t.get(i + 1).map_or("", |t| t.key());
    let k2 = cx.t.get(i + 2).map_or("", |t| t.key());
    Some(match (t.key(), k1, k2) {
        ("just", "over", _) | ("just", "above", _) => (Hedge::Over, i + 2),
        ("just", "under", _) | ("just", "below", _) | ("close", "to", _) => (Hedge::Nearly, i + 2),
        ("more", "than", _) | ("upwards", "of", _) => (Hedge::Over, i + 2),
        ("in", "excess", "of") => (Hedge::Over, i + 3),
        ("at", "least", _) | ("a", "minimum", "of") => {
            (Hedge::AtLeast, if t.is("a") { i + 3 } else { i + 2 })
        }
        ("no", "fewer", "than") | ("no", "less", "than") | ("not", "less", "than") => {
            (Hedge::AtLeast, i + 3)
        }
        ("up", "to", _) | ("at", "most", _) => (Hedge::UpTo, i + 2),
        ("as", "many", "as")
        | ("as", "much", "as")
        | ("no", "more", "than")
        | ("not", "more", "than") => (Hedge::UpTo, i + 3),
        ("a", "maximum", "of") => (Hedge::UpTo, i + 3),
        ("less", "than", _) | ("fewer", "than", _) => (Hedge::LessThan, i + 2),
        ("an", "estimated", _) => (Hedge::About, i + 2),
        ("about", ..)
        | ("approximately", ..)
        | ("around", ..)
        | ("roughly", ..)
        | ("some", ..)
        | ("estimated", ..)
        | ("circa", ..)
        | ("approx", ..) => (
            Hedge::About,
            if cx.is_p_adj(i + 1, '.') {
                i + 2
            } else {
                i + 1
            },
        ),
        ("over", ..) | ("above", ..) | ("exceeding", ..) => (Hedge::Over, i + 1),
        ("nearly", ..) | ("almost", ..) => (Hedge::Nearly, i + 1),
        ("under", ..) | ("below", ..) => (Hedge::LessThan, i + 1),
        _ => return None,
    })
}

/// Times of day, phone numbers and digit codes: spans to skip.
fn skip_at(cx: &Cx, i: usize) -> Option<usize> {
    let t = &cx.tk(i);
    if t.kind == Tk::Word {
        if t.ws && matches!(cx.raw(i), "http" | "https" | "www" | "HTTP" | "WWW") {
            let mut e = i + 1;
            while e < cx.t.len() && !cx.tk(e).ws {
                e += 1;
            }
            return Some(e);
        }
        // "seven p.m.", "ten o'clock"
        let n = number::words(cx, i, false)?;
        return clock_suffix(cx, n.end);
    }
    if t.kind != Tk::Num {
        if t.is_p('(')
            && cx.num_adj(i + 1, 3)
            && cx.is_p_adj(i + 2, ')')
            && cx.t.get(i + 3).is_some_and(|t| t.kind == Tk::Num)
        {
            let mut e = i + 3;
            while e < cx.t.len()
                && (cx.tk(e).kind == Tk::Num || (cx.tk(e).is_dash() && !cx.tk(e).ws))
            {
                e += 1;
            }
            return Some(e);
        }
        return None;
    }
    let mut j = i + 1;
    // 7:56:30, 4:3, 1:1
    if cx.is_p_adj(j, ':') && cx.num_adj(j + 1, 0) {
        j += 2;
        if cx.is_p_adj(j, ':') && cx.num_adj(j + 1, 0) {
            j += 2;
        }
        return Some(clock_suffix(cx, j).unwrap_or(j));
    }
    // 2.13 am, 6.45pm
    if cx.is_p_adj(j, '.') && cx.num_adj(j + 1, 2) {
        if let Some(e) = clock_suffix(cx, j + 2) {
            return Some(e);
        }
    }
    if let Some(e) = clock_suffix(cx, j) {
        return Some(e);
    }
    // Digit groups joined by dashes or dots: phone numbers, codes, ranges of
    // years ("2013-14"), "0730-0930".
    // The number of groups and the lengths of the first two (no Vec: this
    // runs at every number).
    let first = t.len();
    let mut second = 0;
    let mut groups = 1;
    let mut k = j;
    while k + 1 < cx.t.len()
        && !cx.tk(k).ws
        && (cx.tk(k).is_dash() || cx.tk(k).is_p('.'))
        && cx.num_adj(k + 1, 0)
    {
        if groups == 1 {
            second = cx.tk(k + 1).len();
        }
        groups += 1;
        k += 2;
    }
    if groups >= 3
        || (groups == 2
            && cx.tk(j).is_dash()
            && (first >= 3 && second >= 3 || first == 4 && second == 2))
    {
        return Some(k);
    }
    None
}

/// "am", "pm", "a.m.", "p. m.", "o'clock", "oclock", "7p", "9:00a" at `j`.
/// Inlined: asked after every number, it nearly always answers no at once.
#[inline(always)]
fn clock_suffix(cx: &Cx, j: usize) -> Option<usize> {
    let t = cx.t.get(j)?;
    match t.key() {
        "am" | "pm" | "oclock" => return Some(j + 1),
        "o" if cx.is_p_adj(j + 1, '\'') && cx.is_w(j + 2, "clock") => return Some(j + 3),
        _ => {}
    }
    let raw = cx.raw(j);
    let is = |w: &str| raw.eq_ignore_ascii_case(w);
    if t.kind == Tk::Word && (is("a") || is("p")) {
        if cx.is_p_at(j + 1, '.') && cx.raw(j + 2).eq_ignore_ascii_case("m") {
            let mut e = j + 3;
            if cx.is_p_at(e, '.') {
                e += 1;
            }
            return Some(e);
        }
        if !t.ws && !cx.word_adj(j + 1) {
            return Some(j + 1);
        }
    }
    if t.kind == Tk::Word && !t.ws && (is("ampm") || is("ish")) {
        return Some(j + 1);
    }
    None
}

/// The longest reading at token `i`. Inlined into the scan, which calls
/// it at every token: most tokens are rejected here in a few instructions,
/// and only the rest pay for the call into the grammars.
#[inline(always)]
fn best_at(cx: &Cx, i: usize, hedged: bool) -> Option<Cand> {
    let t = &cx.tk(i);
    let interesting = match t.kind {
        Tk::Num => true,
        // A word outside the lexicon starts no value: every grammar (and
        // every phrase table) keys on the lexicon entry of its first word,
        // and most entries are context words no value starts with (see
        // `Lex::starts`). Two exceptions go by the raw text: links,
        // recognised (to be skipped) by their first word, and "absolute
        // zero" (their words are in the lexicon but start nothing).
        Tk::Word => {
            t.lex.is_some_and(|l| {
                l.starts
                    && (!l.narrow || narrow_starts(cx, i, l))
                    && (l.lead == Lead::None || lead_followed(cx, i, l))
            }) || raw_starts(cx, i)
        }
        Tk::Punct => match t.ch {
            ',' | '.' | ';' | ':' | '!' | '?' | '"' | '\'' | ')' | ']' => {
                number::leading_point(cx, i)
            }
            // "($99.99)", "(555) 123-4567": money and the phone skip read
            // from "(" only where a mark or digits are glued after it.
            '(' => cx.t.get(i + 1).is_some_and(|n| !n.ws && n.kind != Tk::Word),
            // "% of 10": read by a branch of its own.
            '%' | '％' => true,
            // Elsewhere a mark starts a reading only as a currency sign or
            // as the start of a cardinal (the other grammars start at a
            // word or digits): most dashes, "<" and ">" start nothing.
            _ => number::mark_may_start(cx, i) || measure::currency_leads(cx, i),
        },
    };
    if !interesting {
        // Debug builds (and so every test) check the claim that no grammar
        // reads a value from a context word or a passed-over mark.
        #[cfg(debug_assertions)]
        if t.kind == Tk::Punct || (t.kind == Tk::Word && t.lex.is_some()) {
            let read = read_at(cx, i, hedged);
            debug_assert!(
                read.is_none(),
                "a value starts at {:?}, which is not marked as a start",
                cx.raw(i)
            );
        }
        return None;
    }
    read_at(cx, i, hedged)
}

/// Whether word `i`, not a start word, starts a reading by its raw text: a
/// link ("http", "www") or "absolute zero" (the [`token::RAW_START_WORDS`],
/// in the lexicon only to be scanned). Its length and first letter are
/// checked first because this runs at every scanned word that is no start
/// word.
#[inline(always)]
fn raw_starts(cx: &Cx, i: usize) -> bool {
    let t = cx.tk(i);
    let first = cx.text.as_bytes().get(t.start()).copied().unwrap_or(0);
    if !token::raw_start_shape(t.len(), first) {
        return false;
    }
    (t.ws && matches!(cx.raw(i), "http" | "https" | "www" | "HTTP" | "WWW"))
        || cx.raw(i).eq_ignore_ascii_case("absolute")
}

/// Start words that begin a value only together with a following start
/// word or digits, with the gate each gets ([`Lead`], kept in the lexicon
/// entry): "the 3rd", "the day after tomorrow", "the ides of March", "in 2
/// weeks", "within a few days". Alone they are the commonest words of
/// English text, and trying every grammar at each cost more than the rest.
/// The vague amounts of [`measure::vague_only`] ("all", "some",
/// "several") are lead words too: they start only "all day", "several weeks";
/// so is "per", which starts only "per cent", "may", mostly a verb,
/// which starts only a date [`date::month_first_reads`] reads, and "a" and
/// "an" (see [`known_at`]).
pub(crate) const LEADS: &[(&str, Lead)] = &[
    ("a", Lead::Article),
    ("an", Lead::Article),
    ("the", Lead::The),
    ("may", Lead::May),
    ("this", Lead::This),
    ("last", Lead::Last),
    ("in", Lead::In),
    ("within", Lead::In),
    ("another", Lead::Vague),
    ("whole", Lead::Vague),
    ("full", Lead::Vague),
    ("all", Lead::Vague),
    ("few", Lead::Vague),
    ("several", Lead::Vague),
    ("some", Lead::Vague),
    ("couple", Lead::Vague),
    ("per", Lead::Per),
    ("next", Lead::Modifier),
    ("following", Lead::Modifier),
    ("coming", Lead::Modifier),
    ("previous", Lead::Modifier),
    ("past", Lead::Modifier),
    ("current", Lead::Modifier),
];

/// Whether the lead word `l` at token `i` is followed by what can go on
/// its reading. "In" and "within" start only "in 2 weeks", a duration after
/// them ("in the", "in 2020", most of them, read none). "The", "this" and "last" lead only
/// the dates [`date::may_follow_the`], [`date::may_follow_this`] and
/// [`date::may_follow_last`] list ("the 3rd", "this week", "last Sunday of
/// March"), "next", "past" and the like those [`date::may_follow_modifier`]
/// lists, the vague amounts only a duration ([`vague_starts`]).
fn lead_followed(cx: &Cx, i: usize, l: &lexicon::Lex) -> bool {
    // One match on the word's gate: the lead words are the commonest start
    // words, and testing each gate's word list in turn cost more than the
    // gates.
    match l.lead {
        Lead::None => true,
        Lead::Article => known_at(cx, i + 1),
        Lead::The => date::may_follow_the(cx, i),
        // No currency or holiday name starts with "this" or "last", nor is
        // either a number word; the second test keeps each gate exact
        // should that change.
        Lead::This => date::may_follow_this(cx, i) || starts_otherwise(cx, i),
        Lead::Last => date::may_follow_last(cx, i) || starts_otherwise(cx, i),
        // The duration itself: "in 2020", the commonest, reads none. The
        // reading is remembered, so the scan's next stop (the number) does
        // not read it again.
        Lead::In => measure::one_duration(cx, i + 1).is_some(),
        // "per cent of …": only as the percent grammar's word ("per
        // share", "per day" read nothing at "per").
        Lead::Per => measure::percent_word(cx, i).is_some(),
        // The month ("May 5", "in May"), not the verb ("may be"): no
        // grammar but `month_first` reads at a month word other than a
        // holiday's first ("May Day"); the second test keeps the gate exact
        // should "may" become a number word or lead a currency name.
        Lead::May => date::month_first_reads(cx, i) || starts_otherwise(cx, i),
        // The other modifiers of relative dates ("next week", "past
        // Monday"): as with "last", the second test keeps the gate exact
        // should one become a number word or lead a name.
        Lead::Modifier => date::may_follow_modifier(cx, i) || starts_otherwise(cx, i),
        Lead::Vague => {
            debug_assert!(measure::vague_only(l.key), "{} is no vague amount", l.key);
            vague_starts(cx, i)
        }
    }
}

/// Whether the lead word at `i` starts a value by another reading than the
/// date its gate looks for: as a number word, or as
/// the first word of a currency or holiday name that matches here.
fn starts_otherwise(cx: &Cx, i: usize) -> bool {
    cx.tk(i).lex.is_some_and(|l| {
        number::may_start_words(l, true) || l.leads_name() && narrow_starts(cx, i, l)
    })
}

/// Whether the [`measure::vague_only`] word at `i` can start a value: only
/// `one_duration` reads at it (no date, number or measure grammar names
/// these words), unless it also starts a cardinal or leads a currency or
/// holiday name that matches here.
fn vague_starts(cx: &Cx, i: usize) -> bool {
    measure::vague_unit_follows(cx, i)
        || number::may_start_cardinal(cx, i)
        || cx
            .tk(i)
            .lex
            .is_some_and(|l| l.leads_name() && narrow_starts(cx, i, l))
}

/// Whether the [`lexicon::Lex::narrow`] start word `l` at `i` can start a
/// value: it leads a currency name that matches here before an amount
/// ([`measure::currency_leads`]) or a holiday name that matches, or it is a
/// unit of time a year follows ("year 1986", not "year ."). At any other unit of time
/// (most often the "s" of "'s") every grammar looks for a number first.
fn narrow_starts(cx: &Cx, i: usize, l: &lexicon::Lex) -> bool {
    // Each table is asked only at the words that lead one of its names.
    (l.leads_money && measure::currency_leads(cx, i))
        || (l.leads_holiday && date::holiday_at_name(cx, i))
        || (l.dur.is_some() && date::YEAR_LEADS.contains(&l.key) && date::may_lead_year(cx, i))
}

/// Whether token `i` is a mark or a word of the lexicon: what can follow
/// "a" or "an" in a value ("a dozen", "an hour", "a °C"); "a" before any
/// other word ("a lot", "a company") starts nothing, nor before digits:
/// every grammar that reads "a" reads a word after it, and in "a 5% rise"
/// the value starts at the digits.
fn known_at(cx: &Cx, i: usize) -> bool {
    cx.t.get(i)
        .is_some_and(|t| t.kind == Tk::Punct || t.lex.is_some())
}

/// Every grammar at token `i`: the longest reading.
#[inline(never)]
fn read_at(cx: &Cx, i: usize, hedged: bool) -> Option<Cand> {
    let mut best: Option<Cand> = None;
    let mut consider = |r: Option<(usize, Value)>| {
        if let Some((end, v)) = r {
            if end > i && best.as_ref().is_none_or(|b| end > b.end) {
                best = Some(Cand {
                    end,
                    value: Some(v),
                });
            }
        }
    };
    consider(date::date(cx, i, hedged));
    consider(measure::money(cx, i));
    consider(measure::percent(cx, i));
    consider(measure::quantity(cx, i));
    consider(measure::duration(cx, i));
    consider(number::mention(cx, i));
    if let Some(e) = skip_at(cx, i) {
        if best.as_ref().is_none_or(|b| e > b.end) {
            best = Some(Cand {
                end: e,
                value: None,
            });
        }
    }
    best
}

fn scan(cx: &Cx, base: usize, out: &mut Vec<Mention>) {
    let n = cx.t.len();
    let mut i = 0;
    while i < n {
        // A word that starts no value or hedge is passed over here (debug
        // builds go on, to check that claim in `hedge_at` and `best_at`).
        if !cfg!(debug_assertions) {
            // One tight loop over the passed-over words, most tokens: a
            // turn of the scan's loop for each cost twice the instructions.
            match cx.t[i..].iter().position(|t| t.scan) {
                Some(k) => i += k,
                None => break,
            }
        }
        // Debug builds check the tokenizer's flag: a token it marks as not
        // to be scanned is a word that starts no hedge, is no start word,
        // and is none of the words read by their raw text.
        #[cfg(debug_assertions)]
        if !cx.t[i].scan {
            let t = &cx.t[i];
            debug_assert!(
                t.kind == Tk::Word
                    && t.lex.is_none_or(|l| !l.starts && !l.hedge)
                    && hedge_at(cx, i).is_none()
                    && !raw_starts(cx, i),
                "{:?} is passed over by the scan but can start a reading",
                cx.raw(i)
            );
        }
        if let Some((hedge, j)) = hedge_at(cx, i) {
            if j < n {
                if let Some(c) = best_at(cx, j, true) {
                    if let Some(value) = c.value {
                        let span =
                            Span::new(base + cx.tk(i).start(), base + cx.tk(c.end - 1).end());
                        out.push(Mention {
                            span,
                            value,
                            hedge: Some(hedge),
                        });
                    }
                    i = c.end;
                    continue;
                }
            }
        }
        match best_at(cx, i, false) {
            Some(c) => {
                if let Some(value) = c.value {
                    let span = Span::new(base + cx.tk(i).start(), base + cx.tk(c.end - 1).end());
                    out.push(Mention {
                        span,
                        value,
                        hedge: None,
                    });
                }
                i = c.end;
            }
            None => i += 1,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::quantity::format_number;

    /// A mention as "text|kind value [unit] [hedge]".
    fn describe(text: &str, m: &Mention) -> String {
        let v = match &m.value {
            Value::Number { value } => format!("number {}", format_number(*value)),
            Value::Ordinal { value } => format!("ordinal {value}"),
            Value::Percent {
                value,
                points: false,
            } => format!("percent {}", format_number(*value)),
            Value::Percent {
                value,
                points: true,
            } => format!("points {}", format_number(*value)),
            Value::Money { amount, currency } => format!(
                "money {}{}",
                format_number(*amount),
                currency.map_or(String::new(), |c| format!(
                    " {}{}",
                    c.code,
                    if c.assumed { "?" } else { "" }
                ))
            ),
            Value::Quantity {
                amount, dimension, ..
            } => {
                format!(
                    "quantity {} {}",
                    format_number(*amount),
                    dimension.si_unit()
                )
            }
            Value::Duration { amount, unit } => {
                format!("duration {} {}", format_number(*amount), unit.name())
            }
            Value::Date { date } => format!("date {date}"),
        };
        let h = m.hedge.map_or(String::new(), |h| format!(" {}", h.name()));
        format!("{}|{v}{h}", &text[m.span.start..m.span.end])
    }

    pub(crate) fn check_ref(reference: &str, text: &str, expected: &[&str]) {
        let options = ExtractOptions {
            reference_date: Some(reference.parse().unwrap()),
        };
        let got: Vec<String> = extract(text, &options)
            .iter()
            .map(|m| describe(text, m))
            .collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    pub(crate) fn check(text: &str, expected: &[&str]) {
        let got: Vec<String> = extract(text, &ExtractOptions::default())
            .iter()
            .map(|m| describe(text, m))
            .collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    pub(crate) fn numbers(text: &str) -> Vec<f64> {
        extract(text, &ExtractOptions::default())
            .into_iter()
            .filter_map(|m| match m.value {
                Value::Number { value } => Some(value),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_hedge_word_leads_its_hedge() {
        check(
            "a dispute going back upwards of 40 years",
            &["upwards of 40 years|duration 40 year over"],
        );
        check(
            "at least 12 people and no fewer than 3 ships",
            &[
                "at least 12|number 12 at_least",
                "no fewer than 3|number 3 at_least",
            ],
        );
    }

    #[test]
    fn seed_sentences() {
        let r = "2026-01-05";
        check_ref(
            r,
            "the missiles traveled approximately 900 kilometers.",
            &["approximately 900 kilometers|quantity 900000 m about"],
        );
        check_ref(
            r,
            "a delegation of over 200 business and tech leaders",
            &["over 200|number 200 over"],
        );
        check_ref(
            r,
            "arrived in Beijing for a four-day state visit on January 4, 2026,",
            &["four-day|duration 4 day", "January 4, 2026|date 2026-01-04"],
        );
        check_ref(r, "Bilateral trade, valued at about $273 billion in 2024, was highlighted, with 15 cooperation agreements signed", &["about $273 billion|money 273000000000 USD? about", "2024|date 2024", "15|number 15"]);
        check_ref(
            r,
            "This visit, the first by a South Korean president in seven years, aims",
            &["first|ordinal 1", "seven years|duration 7 year"],
        );
        check_ref(
            r,
            "Chinese firms inked nine MOUs in consumer goods",
            &["nine|number 9"],
        );
        check_ref(
            r,
            "the signing of 14 memorandums of understanding (MOUs)",
            &["14|number 14"],
        );
        check_ref(r, "2 min readSource", &["2 min|duration 2 minute"]);
        check_ref(
            r,
            "Xi said, 'Over 80 years ago, China and",
            &["Over 80 years|duration 80 year over"],
        );
        check_ref(
            r,
            "his administration, which began in June 2025 after",
            &["June 2025|date 2025-06"],
        );
        check_ref(
            r,
            "During the 90-minute summit, Lee urged",
            &["90-minute|duration 90 minute"],
        );
        check_ref(
            r,
            "Currently, there are only about 10 polling stations",
            &["about 10|number 10 about"],
        );
        check_ref(
            r,
            "between 2003 and 2007.",
            &["2003|date 2003", "2007|date 2007"],
        );
    }

    #[test]
    fn negatives_are_not_mentions() {
        check("one of them", &[]);
        check("Call me at 650-650-6500", &[]);
        check("I arrived at 2.13 am.", &[]);
        check("The meeting is at 7:30 pm", &[]);
        check("update to version 1.2.3", &[]);
    }

    #[test]
    fn no_panic_on_arbitrary_text() {
        // A cheap deterministic fuzz: pseudo-random strings over an alphabet of
        // the characters the grammars care about, plus random bytes as UTF-8.
        let alphabet: Vec<char> =
            "0123456789 ,.-/:%$€₩£¥ aAmMkKbBtT thrdstndofinyear Jan May day hour km ½(—)'\n"
                .chars()
                .collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let options = ExtractOptions {
            reference_date: Some("2026-01-05".parse().unwrap()),
        };
        for _ in 0..3000 {
            let len = (next() % 40) as usize;
            let s: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            for m in extract(&s, &options) {
                assert!(s.is_char_boundary(m.span.start) && s.is_char_boundary(m.span.end));
            }
            let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            let lossy = String::from_utf8_lossy(&bytes);
            extract(&lossy, &options);
        }
    }

    #[test]
    fn long_single_line_is_chunked_without_loss() {
        let unit = "Trade was worth $273 billion in 2024 and grew 5% over four years. ";
        let text = unit.repeat(3000);
        let ms = extract(&text, &ExtractOptions::default());
        assert_eq!(ms.len(), 4 * 3000);
    }
}
