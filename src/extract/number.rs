//! Numbers: digits with separators, decimals, signs, fractions and scale
//! words or suffixes ("1,200.5", "-4/5", "2.5 million", "$273B", "1.5tn"),
//! English number words ("nine", "one hundred and five", "three million, two
//! hundred & forty", "twenty-first"), fractions in words ("two thirds",
//! "three-quarters", "and a half") and ordinals ("3rd", "second").
//!
//! These are the building blocks every other grammar starts from; the
//! [`mention`] function at the end decides when a number stands alone as a
//! number or ordinal mention (not "one of them", not the "7" of "A7").

use super::lexicon::Lvl;
use super::token::Tk;
use super::Cx;
use crate::quantity::Value;

/// A number read from tokens `start..end`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Num {
    /// The value.
    pub v: f64,
    /// One past the last token.
    pub end: usize,
    /// Written (at least partly) in words.
    pub words: bool,
    /// A whole number with no decimal point or fraction.
    pub int: bool,
    /// An ordinal ("3rd", "third").
    pub ord: bool,
    /// Four plain digits, no sign or separator: could be a year.
    pub plain4: bool,
    /// Digits only, no scale word, sign or fraction: "15", "1,200".
    pub bare: bool,
}

impl Num {
    /// A decimal in digits ("3.5", "1,3", ".08").
    fn decimal(v: f64, end: usize) -> Num {
        Num {
            v,
            end,
            words: false,
            int: false,
            ord: false,
            plain4: false,
            bare: true,
        }
    }

    /// A whole number in words ("a dozen", "half a million").
    fn spelled(v: f64, end: usize) -> Num {
        Num {
            v,
            end,
            words: true,
            int: true,
            ord: false,
            plain4: false,
            bare: false,
        }
    }
}

/// Scale suffixes written straight after digits ("10k", "1.5tn"). The single
/// capital letters and "m"/"b"/"t" are too ambiguous outside money ("1m" is a
/// metre), so the caller says whether the context is money.
fn suffix_scale(s: &str, money: bool) -> Option<f64> {
    Some(match s {
        "k" | "K" => 1e3,
        "mn" | "mln" | "Mn" | "MN" => 1e6,
        "bn" | "bln" | "Bn" | "BN" => 1e9,
        "tn" | "Tn" | "TN" | "trn" => 1e12,
        "M" | "B" | "b" | "G" if !money => match s {
            "M" => 1e6,
            "G" => 1e9,
            _ => 1e9,
        },
        "m" | "M" | "mil" | "MM" if money => 1e6,
        "b" | "B" if money => 1e9,
        "t" | "T" | "tr" if money => 1e12,
        _ => return None,
    })
}

/// Digits, with thousands separators, a decimal part and scientific notation;
/// no sign, no scale. `None` for dotted sequences ("1.2.3") that are not
/// numbers at all.
#[inline]
pub(crate) fn digits(cx: &Cx, i: usize) -> Option<Num> {
    // Every grammar tried at a number token reads its digits: read them once.
    if let Some(n) = cx.digits_memo.get(i) {
        return n;
    }
    let n = read_digits(cx, i);
    cx.digits_memo.set(i, n);
    n
}

/// The text of a number in digits as [`read_digits`] reassembles it
/// ("1200.5", "2.48e-5"), kept on the stack: it is built at every number
/// token, and a heap string for each cost more than reading the digits.
/// Longer numbers (rare) go on in a heap buffer. Hand-written: no crate
/// with an inline-capacity string is among the dependencies.
#[derive(Default)]
struct NumText {
    stack: [u8; NumText::STACK],
    len: usize,
    /// The whole text once it no longer fits on the stack.
    heap: Vec<u8>,
}

/// The powers of ten a decimal of up to 15 digits divides by, all exact.
const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

impl NumText {
    const STACK: usize = 32;

    fn push_str(&mut self, s: &str) {
        let b = s.as_bytes();
        if self.heap.is_empty() && self.len + b.len() <= Self::STACK {
            self.stack[self.len..self.len + b.len()].copy_from_slice(b);
            self.len += b.len();
        } else {
            if self.heap.is_empty() {
                self.heap.extend_from_slice(&self.stack[..self.len]);
            }
            self.heap.extend_from_slice(b);
        }
    }

    fn push(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }

    /// The value, as `str::parse::<f64>` reads the text. Up to 15 plain
    /// digits (most numbers) are summed directly: such a whole number is
    /// exact in an `f64`, so the result is the same.
    fn parse(&self) -> Option<f64> {
        let b = if self.heap.is_empty() {
            &self.stack[..self.len]
        } else {
            &self.heap[..]
        };
        if let Some(v) = short_digits(b) {
            return Some(v);
        }
        // A decimal of up to 15 digits ("3.5", "1200.75"): its digits and
        // the power of ten are exact in an `f64`, so one division is the
        // nearest double, as `str::parse` makes it (its own fast path).
        if let Some(dot) = b.iter().position(|&c| c == b'.') {
            let (int, frac) = (&b[..dot], &b[dot + 1..]);
            if !int.is_empty()
                && !frac.is_empty()
                && int.len() + frac.len() <= 15
                && int.iter().chain(frac).all(u8::is_ascii_digit)
            {
                let n = digits_value(int.iter().chain(frac));
                return Some(n as f64 / POW10[frac.len()]);
            }
        }
        std::str::from_utf8(b).ok()?.parse().ok()
    }
}

/// The glued marks [`read_digits`] reads after a digit run: separators,
/// decimal points, "×10", "*10" and powers. Any other glued mark ends it.
const DIGIT_MARKS: [char; 5] = [',', '.', '×', '*', '^'];

/// Whether [`read_digits`] stops at the digit run `i` itself: nothing
/// follows, a spaced token that is not digits follows (spaced groups such
/// as "40 000" need digits), a glued word other than the "e" of "1e10" or
/// the "x" of "3x10^8" ("3rd", "10k": read by other grammars), or a glued
/// mark that none of its branches reads or, but for "^", one without
/// glued digits after it ("2020.", "5, 6"). The commonest cases, tested
/// before the branches.
#[inline]
fn digits_end_at(cx: &Cx, i: usize) -> bool {
    match cx.t.get(i + 1) {
        None => true,
        Some(n) if n.ws => n.kind != Tk::Num,
        Some(n) if n.kind == Tk::Word => !matches!(cx.raw(i + 1), "e" | "E") && !n.is("x"),
        Some(n) if n.kind == Tk::Punct => {
            !DIGIT_MARKS.contains(&n.ch) || (n.ch != '^' && !cx.num_adj(i + 2, 0))
        }
        // Glued digits: not after a digit run, which the tokenizer ends at
        // a non-digit; left to the branches all the same.
        Some(_) => false,
    }
}

/// The value of a run of 1 to 15 ASCII digits, exact in an `f64`; `None`
/// for anything else.
#[inline]
fn short_digits(b: &[u8]) -> Option<f64> {
    if b.is_empty() || b.len() > 15 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(digits_value(b) as f64)
}

/// The number ASCII digits spell (at most 19 of them, so it fits a `u64`).
#[inline]
fn digits_value<'a>(digits: impl IntoIterator<Item = &'a u8>) -> u64 {
    digits
        .into_iter()
        .fold(0u64, |n, d| n * 10 + u64::from(d - b'0'))
}

#[inline(never)]
fn read_digits(cx: &Cx, i: usize) -> Option<Num> {
    let t = cx.t.get(i)?;
    if t.kind != Tk::Num {
        return None;
    }
    // A plain digit run with nothing after it that extends it: the reading
    // the branches below would make, without their dozen look-aheads.
    if digits_end_at(cx, i) {
        if let Some(v) = short_digits(cx.raw(i).as_bytes()) {
            let n = Num {
                v,
                end: i + 1,
                words: false,
                int: true,
                ord: false,
                plain4: t.len() == 4,
                bare: true,
            };
            // `digits_end_at` lists what the branches read after digits;
            // debug builds (every test) check it against the branches.
            debug_assert_eq!(
                format!("{:?}", Some(n)),
                format!("{:?}", read_digits_full(cx, i, t)),
                "the digits fast path disagrees at {:?}",
                cx.raw(i)
            );
            return Some(n);
        }
    }
    read_digits_full(cx, i, t)
}

/// [`read_digits`] past its fast path: every separator, decimal and
/// notation branch, for the digit run `t` at token `i`.
fn read_digits_full(cx: &Cx, i: usize, t: &super::token::Tok) -> Option<Num> {
    let mut s = NumText::default();
    s.push_str(cx.raw(i));
    let mut j = i + 1;
    let mut grouped = false;
    let len = t.len();
    // Indian grouping: "12,34,567.89" (lakh and crore groups of two).
    if len <= 2 && cx.is_p_adj(j, ',') && cx.num_adj(j + 1, 2) {
        let mut k = j;
        while cx.is_p_adj(k, ',') && cx.num_adj(k + 1, 2) {
            k += 2;
        }
        if cx.is_p_adj(k, ',')
            && cx.num_adj(k + 1, 3)
            && !(cx.is_p_adj(k + 2, ',') && cx.num_adj(k + 3, 0))
        {
            for m in (j + 1..=k + 1).step_by(2) {
                s.push_str(cx.raw(m));
            }
            j = k + 2;
            grouped = true;
        }
    }
    // European grouping: "1.111,11", "2.500.000,50".
    if !grouped && len <= 3 && cx.is_p_adj(j, '.') && cx.num_adj(j + 1, 3) {
        let mut k = j;
        while cx.is_p_adj(k, '.') && cx.num_adj(k + 1, 3) {
            k += 2;
        }
        let dec = cx.t.get(k + 1).map_or(0, |t| t.len());
        if cx.is_p_adj(k, ',') && cx.num_adj(k + 1, 0) && dec <= 2 && !cx.is_p_adj(k + 2, '.') {
            for m in (j + 1..k).step_by(2) {
                s.push_str(cx.raw(m));
            }
            s.push('.');
            s.push_str(cx.raw(k + 1));
            let v: f64 = s.parse()?;
            return Some(Num::decimal(v, k + 2));
        }
    }
    // A decimal comma: "1,3", "5,00" (one or two digits after the comma,
    // nothing numeric after them).
    // "22,24,26,31" is a list: no decimal comma after a comma.
    let in_list = i >= 2 && !t.ws && cx.tk(i - 1).is_p(',') && cx.tk(i - 2).kind == Tk::Num;
    if !grouped
        && !in_list
        && len <= 3
        && cx.is_p_adj(j, ',')
        && cx
            .t
            .get(j + 1)
            .is_some_and(|n| !n.ws && n.kind == Tk::Num && n.len() <= 2)
        && !(cx
            .t
            .get(j + 2)
            .is_some_and(|p| !p.ws && (p.is_p(',') || p.is_p('.')))
            && cx.num_adj(j + 3, 0))
        && !cx.word_adj(j + 2)
    {
        s.push('.');
        s.push_str(cx.raw(j + 1));
        let v: f64 = s.parse()?;
        return Some(Num::decimal(v, j + 2));
    }
    if !grouped && len <= 3 {
        while cx.is_p_adj(j, ',') && cx.num_adj(j + 1, 3) {
            s.push_str(cx.raw(j + 1));
            j += 2;
            grouped = true;
        }
    }
    let mut int = true;
    if cx.is_p_adj(j, '.') && cx.num_adj(j + 1, 0) {
        // "10.31.1974", "1.2.3": a date or a version, not a number.
        if cx.is_p_adj(j + 2, '.') && cx.num_adj(j + 3, 0) {
            return None;
        }
        s.push('.');
        s.push_str(cx.raw(j + 1));
        j += 2;
        int = false;
    }
    // "1e10", "12.32e+14", "-12e-1"
    if cx.raw_adj(j).is_some_and(|w| w == "e" || w == "E") {
        let mut k = j + 1;
        let neg = cx.t.get(k).is_some_and(|t| !t.ws && t.is_dash());
        if neg || cx.is_p_adj(k, '+') {
            k += 1;
        }
        if cx.num_adj(k, 0) && cx.raw(k).len() <= 3 && !cx.word_adj(k + 1) {
            s.push('e');
            if neg {
                s.push('-');
            }
            s.push_str(cx.raw(k));
            j = k + 1;
            int = false;
        }
    }
    // "40 000", "1 414 021 100": thin or plain spaces as thousands separators,
    // only for whole groups of three after a group of one to three digits.
    if !grouped && int && j == i + 1 && t.len() <= 3 {
        let mut k = j;
        while cx
            .t
            .get(k)
            .is_some_and(|n| n.kind == Tk::Num && n.ws && n.len() == 3)
            && !cx.num_adj(k + 1, 0)
        {
            let gap = &cx.text[cx.t[k - 1].end()..cx.t[k].start()];
            if gap != " " && gap != "\u{202f}" && gap != "\u{a0}" {
                break;
            }
            s.push_str(cx.raw(k));
            k += 1;
        }
        if k > j {
            j = k;
            grouped = true;
            if cx.is_p_adj(j, '.') && cx.num_adj(j + 1, 0) {
                s.push('.');
                s.push_str(cx.raw(j + 1));
                j += 2;
                int = false;
            }
        }
    }
    let mut v: f64 = s.parse()?;
    // 2.48×10−5, 3x10^8, 1e-9
    let times =
        cx.t.get(j)
            .is_some_and(|t| !t.ws && (t.is_p('×') || t.is_p('*') || t.is("x")));
    if times && cx.raw_adj(j + 1) == Some("10") {
        let mut k = j + 2;
        if cx.is_p_adj(k, '^') {
            k += 1;
        }
        let neg = cx.t.get(k).is_some_and(|t| !t.ws && t.is_dash());
        if neg || cx.is_p_adj(k, '+') {
            k += 1;
        }
        if cx.num_adj(k, 0) && cx.raw(k).len() <= 3 {
            // Parse "2.48e-5" whole so the value is the nearest double.
            s.push('e');
            if neg {
                s.push('-');
            }
            s.push_str(cx.raw(k));
            v = s.parse()?;
            j = k + 1;
            int = false;
        }
    }
    // "8x2^10": a product with a power.
    if times
        && cx.num_adj(j + 1, 0)
        && cx.is_p_adj(j + 2, '^')
        && cx.num_adj(j + 3, 0)
        && cx.raw(j + 3).len() <= 3
        && !cx.word_adj(j + 4)
    {
        let b: f64 = cx.raw(j + 1).parse().ok()?;
        let e: f64 = cx.raw(j + 3).parse().ok()?;
        v *= b.powf(e);
        j += 4;
        int = v.fract() == 0.0;
    }
    // "1.1^23", "2.5^-1": a power.
    if cx.is_p_adj(j, '^') {
        let mut k = j + 1;
        let mut neg = false;
        while cx
            .t
            .get(k)
            .is_some_and(|t| !t.ws && (t.is_dash() || t.is_p('+')))
        {
            neg ^= cx.tk(k).is_dash();
            k += 1;
        }
        if cx.num_adj(k, 0) && cx.raw(k).len() <= 3 && k - j <= 3 {
            let e: f64 = cx.raw(k).parse().ok()?;
            v = v.powf(if neg { -e } else { e });
            j = k + 1;
            int = false;
        }
    }
    let plain4 = !grouped && int && j == i + 1 && t.len() == 4;
    Some(Num {
        v,
        end: j,
        words: false,
        int,
        ord: false,
        plain4,
        bare: true,
    })
}

/// A cardinal number in digits or words, with sign, scale and fraction.
/// `money` allows the ambiguous scale suffixes ("$5m", "€10B").
///
/// Inlined into every caller: it is called several times at every token a
/// grammar is tried at, and most calls are answered by the memo or the
/// first-word test; a call kept out of line cost more in its prologue and
/// epilogue than the answer. The miss goes on in [`cardinal_miss`].
#[inline(always)]
pub(crate) fn cardinal(cx: &Cx, i: usize, money: bool) -> Option<Num> {
    if !may_start_cardinal(cx, i) {
        return None;
    }
    // Most grammars tried at a token read a cardinal there: read it once.
    if let Some(n) = cx.cardinal_memo[usize::from(money)].get(i) {
        return n;
    }
    cardinal_miss(cx, i, money)
}

/// [`cardinal`] when the memo does not hold token `i`: reads it and
/// remembers the reading.
#[inline(never)]
fn cardinal_miss(cx: &Cx, i: usize, money: bool) -> Option<Num> {
    let slot = &cx.cardinal_memo[usize::from(money)];
    let mut by_money = false;
    let n = read_cardinal(cx, i, money, &mut by_money);
    slot.set(i, n);
    // Money and the other grammars read the same token, and the reading
    // seldom reaches the branches that look at `money`: then it holds for
    // the other flag too.
    if !by_money {
        cx.cardinal_memo[usize::from(!money)].set(i, n);
    }
    n
}

/// Whether a cardinal can start at token `i`: most words cannot (the only
/// test [`read_cardinal`] would make of them before giving up).
#[inline]
pub(crate) fn may_start_cardinal(cx: &Cx, i: usize) -> bool {
    match cx.t.get(i) {
        None => false,
        Some(t) if t.kind == Tk::Word => t.lex.is_some_and(|l| {
            l.card.is_some()
                || l.denom.is_some()
                || matches!(l.key, "a" | "an" | "minus" | "negative")
        }),
        Some(_) => true,
    }
}

/// Whether digits ("-15") or a decimal point and digits ("-.5") are glued
/// after token `i`: what a sign needs to be read as one.
#[inline]
fn number_follows(cx: &Cx, i: usize) -> bool {
    cx.num_adj(i + 1, 0) || (cx.is_p_adj(i + 1, '.') && cx.num_adj(i + 2, 0))
}

/// Whether the mark `i` is a sign [`read_cardinal`] reads: a dash or plus
/// before a number, not glued to a word or number before it ("2013-14")
/// nor a spaced range dash after digits ("75 -300mm").
#[inline]
fn sign_at(cx: &Cx, i: usize) -> bool {
    let t = cx.tk(i);
    let sign_tok = t.kind == Tk::Punct && (t.is_dash() || t.ch == '+');
    let range_dash = t.ws && i > 0 && cx.tk(i - 1).kind == Tk::Num;
    sign_tok && number_follows(cx, i) && !cx.prev_joins(i) && !range_dash
}

/// Whether [`read_cardinal`] can read at the mark `i`: a sign before a
/// number, a leading decimal point or a vulgar fraction. At any other mark
/// it gives up (its other branches read digits or words).
pub(crate) fn mark_may_start(cx: &Cx, i: usize) -> bool {
    let t = cx.tk(i);
    sign_at(cx, i) || leading_point(cx, i) || vulgar(t.ch).is_some()
}

/// The marks [`read_cardinal`] reads after the digits of a number: a
/// fraction ("1/2", "1 ½"), the numeral in words repeated in brackets
/// ("45 (forty five)") and "&" for "and" ("5 & a half").
const CARDINAL_MARKS: [char; 4] = ['/', '½', '(', '&'];

/// The words [`read_cardinal`] reads after the digits of a number, other
/// than number words and scale suffixes: "point 5", dozens, "and a half",
/// "1 out of 3", "1 in 5", "2000 over 3".
const CARDINAL_WORDS: [&str; 11] = [
    "point", "dozen", "dozens", "dz", "dzs", "doz", "dozs", "and", "out", "in", "over",
];

/// Whether [`read_cardinal`] adds nothing to digits ending before token
/// `e`: nothing follows, a mark it does not read, or a word that is no
/// number word, none of [`CARDINAL_WORDS`] and no scale suffix under
/// either money flag ("15 years", "300 people").
#[inline]
fn cardinal_ends_at(cx: &Cx, e: usize) -> bool {
    match cx.t.get(e) {
        None => true,
        Some(n) if n.kind == Tk::Punct => !CARDINAL_MARKS.contains(&n.ch),
        Some(n) if n.kind == Tk::Word => {
            let raw = cx.raw(e);
            n.lex
                .is_none_or(|l| l.card.is_none() && !CARDINAL_WORDS.contains(&l.key))
                && suffix_scale(raw, true).is_none()
                && suffix_scale(raw, false).is_none()
        }
        Some(_) => false,
    }
}

/// The cardinal at a digit run that nothing after its digits extends
/// (the commonest number: "15%", "in 2020, the", "300 people"), read
/// without [`read_cardinal_full`]'s tests; `None` where those must run.
#[inline]
fn plain_cardinal(cx: &Cx, i: usize) -> Option<Num> {
    if cx.t.get(i)?.kind != Tk::Num {
        return None;
    }
    digits(cx, i).filter(|n| cardinal_ends_at(cx, n.end))
}

/// Reads the cardinal at `i` (see [`cardinal`]), the commonest numbers by
/// [`plain_cardinal`], the others by [`read_cardinal_full`].
#[inline(never)]
fn read_cardinal(cx: &Cx, i: usize, money: bool, by_money: &mut bool) -> Option<Num> {
    if let Some(n) = plain_cardinal(cx, i) {
        // `cardinal_ends_at` lists what the branches read after a number;
        // debug builds (every test) check it against the branches.
        #[cfg(debug_assertions)]
        {
            let mut full_by_money = false;
            let full = read_cardinal_full(cx, i, money, &mut full_by_money);
            debug_assert!(
                format!("{:?}", Some(n)) == format!("{full:?}") && !full_by_money,
                "the cardinal fast path disagrees at {:?}",
                cx.raw(i)
            );
        }
        return Some(n);
    }
    read_cardinal_full(cx, i, money, by_money)
}

/// Sets `by_money` before every branch that reads `money` (or passes it
/// on): a reading that leaves it unset is the same for either flag.
fn read_cardinal_full(cx: &Cx, i: usize, money: bool, by_money: &mut bool) -> Option<Num> {
    let t = cx.t.get(i)?;
    // Signs: "-15", "minus five", "negative one".
    if sign_at(cx, i) {
        *by_money = true;
        let mut n = cardinal(cx, i + 1, money)?;
        if t.ch != '+' {
            n.v = -n.v;
        }
        n.bare = false;
        n.plain4 = false;
        return Some(n);
    }
    if t.is("minus") || t.is("negative") {
        *by_money = true;
        let mut n = cardinal(cx, i + 1, money)?;
        n.v = -n.v;
        n.bare = false;
        n.plain4 = false;
        return Some(n);
    }
    let mut n = if t.kind == Tk::Num {
        let mut n = digits(cx, i)?;
        // Fractions in digits: "1/2", "1/40"; never "2/15/2013".
        if n.int && n.end == i + 1 && cx.is_p_adj(n.end, '/') && cx.num_adj(n.end + 1, 0) {
            let d: f64 = cx.raw(n.end + 1).parse().ok()?;
            if cx.is_p_adj(n.end + 2, '/') || d == 0.0 {
                return None;
            }
            n.v /= d;
            n.end += 2;
            n.int = false;
            n.bare = false;
            n.plain4 = false;
        }
        n
    } else if leading_point(cx, i) {
        // ".08", ".5ml": a decimal with no leading zero.
        let v: f64 = format!("0.{}", cx.raw(i + 1)).parse().ok()?;
        Num::decimal(v, i + 2)
    } else if let Some(v) = vulgar(t.ch).filter(|_| t.kind == Tk::Punct) {
        Num {
            v,
            end: i + 1,
            words: false,
            int: false,
            ord: false,
            plain4: false,
            bare: false,
        }
    } else if let Some(mut f) = word_fraction(cx, i) {
        // "three quarters billion"
        if let Some((k, Lvl::Scale)) = cx.t.get(f.end).and_then(|t| t.lex).and_then(|l| l.card) {
            f.v *= k;
            f.end += 1;
        }
        // "two thirds of a million"
        if cx.is_w(f.end, "of") && (cx.is_w(f.end + 1, "a") || cx.is_w(f.end + 1, "an")) {
            if let Some((k, Lvl::Scale)) =
                cx.t.get(f.end + 2).and_then(|t| t.lex).and_then(|l| l.card)
            {
                f.v *= k;
                f.end += 3;
            }
        }
        return Some(f);
    } else {
        let n = words(cx, i, false)?;
        if n.ord {
            return None;
        }
        n
    };
    // "1 ½"
    if n.int && cx.t.get(n.end).is_some_and(|t| t.is_p('½')) {
        n.v += 0.5;
        n.end += 1;
    }
    // "2 1/4", "10 1/2": a whole number and a proper fraction in digits.
    if n.int && n.bare && n.end == i + 1 {
        let e = n.end;
        if cx.t.get(e).is_some_and(|t| t.kind == Tk::Num && t.ws)
            && cx.is_p_adj(e + 1, '/')
            && cx.num_adj(e + 2, 0)
            && !cx.is_p_adj(e + 3, '/')
            && !cx.word_adj(e + 3)
        {
            let a: f64 = cx.raw(e).parse().ok()?;
            let b: f64 = cx.raw(e + 2).parse().ok()?;
            if a > 0.0 && a < b {
                n.v += a / b;
                n.end = e + 3;
                n.int = false;
                n.bare = false;
                n.plain4 = false;
            }
        }
    }
    // "1 point 1"
    if n.int && !n.words && n.end == i + 1 {
        if let Some((d, e)) = point_decimals(cx, n.end) {
            n.v += d;
            n.end = e;
            n.int = false;
            n.bare = false;
            n.plain4 = false;
        }
    }
    // Scale: "10k", "1.5tn", "2.5 million", "273 billion", "3 hundred".
    if let Some(nt) = cx.t.get(n.end) {
        if nt.kind == Tk::Word && !n.words {
            let raw = cx.raw(n.end);
            // A word that is no scale under either flag reads as none.
            *by_money |= suffix_scale(raw, true).is_some() || suffix_scale(raw, false).is_some();
            let scale = if !nt.ws {
                suffix_scale(raw, money).filter(|_| !cx.word_adj(n.end + 1))
            } else if money {
                suffix_scale(raw, true).filter(|_| raw.len() >= 2)
            } else if matches!(raw, "k" | "K" | "M" | "G")
                && cx.t.get(n.end + 1).is_none_or(|t| t.kind == Tk::Punct)
                && !cx.word_adj(n.end + 2)
            {
                // "2.33 k", "1,674.5 G": a spaced scale letter ending the number.
                suffix_scale(raw, false)
            } else {
                None
            };
            if let Some(k) = scale {
                n.v *= k;
                n.end += 1;
                n.bare = false;
                n.plain4 = false;
                n.int = n.v.fract() == 0.0;
            }
        }
    }
    let mut last_scale = 1.0;
    if !n.words {
        let mut smallest = f64::INFINITY;
        while let Some((k, lvl)) = cx.t.get(n.end).and_then(|t| t.lex).and_then(|l| l.card) {
            if !matches!(lvl, Lvl::Scale | Lvl::Hundred) {
                break;
            }
            n.v *= k;
            n.end += 1;
            n.bare = false;
            n.plain4 = false;
            n.int = n.v.fract() == 0.0;
            smallest = smallest.min(k);
            last_scale = k;
        }
        // "4 thousand 3 hundred and 21", "6 crore and two hundred"
        if smallest.is_finite() && n.int {
            let k = if cx.is_w(n.end, "and") {
                n.end + 1
            } else {
                n.end
            };
            // Where no cardinal can start ("2.5 million people", the
            // commonest) the tail is none under either flag.
            *by_money |= may_start_cardinal(cx, k);
            if let Some(tail) = cardinal(cx, k, money) {
                if tail.int && tail.v > 0.0 && tail.v < smallest && !tail.ord {
                    n.v += tail.v;
                    n.end = tail.end;
                }
            }
        }
    } else {
        last_scale = words_last_scale(cx, i, n.end);
    }
    let dz = cx.t.get(n.end).map_or("", |t| t.key());
    if matches!(dz, "dozen" | "dozens" | "dz" | "dzs" | "doz" | "dozs") {
        // "three hundred and two dozens" counts two dozens (324): a plural
        // "dozens" is a noun for the last number only, unlike "dozen".
        let tail = if dz.ends_with('s') && n.words {
            (i + 1..n.end)
                .rev()
                .find(|&k| cx.is_w(k, "and"))
                .and_then(|k| words(cx, k + 1, false))
                .filter(|t| t.end == n.end && t.v < 100.0)
                .map_or(0.0, |t| t.v)
        } else {
            0.0
        };
        n.v = if tail > 0.0 {
            n.v + tail * 11.0
        } else {
            n.v * 12.0
        };
        n.end += 1;
        n.bare = false;
    }
    // "two and a half", "5 and an half", "one million and a half", "five and a
    // half million".
    if let Some((f, e)) = and_fraction(cx, n.end) {
        n.end = e;
        n.int = false;
        n.bare = false;
        n.plain4 = false;
        match cx.t.get(e).and_then(|t| t.lex).and_then(|l| l.card) {
            Some((k, Lvl::Scale)) if n.v < k => {
                n.v = (n.v + f) * k;
                n.end += 1;
            }
            Some((k, Lvl::Scale)) => {
                n.v += f * k;
                n.end += 1;
            }
            _ => n.v += f * last_scale,
        }
    }
    // "45 (forty five)": the words repeat the digits, naming the same numeral.
    // A counting noun restates the amount in another unit, a separate mention
    // as a conversion is: "144 (a gross)", "24 (two dozen)".
    if !n.words && cx.is_p_at(n.end, '(') {
        if let Some(w) = words(cx, n.end + 1, false) {
            if w.v == n.v && cx.is_p_at(w.end, ')') && numeral_name(cx, n.end + 1, w.end) {
                n.end = w.end + 1;
            }
        }
    }
    // "one out of three", "1 in 5": a ratio.
    if n.v >= 0.0 && n.int {
        let (k, ok) = if cx.is_w(n.end, "out") && cx.is_w(n.end + 1, "of") {
            (n.end + 2, true)
        } else {
            (n.end + 1, cx.is_w(n.end, "in") && n.v == 1.0)
        };
        if ok {
            if let Some(d) = cardinal(cx, k, false) {
                let after = cx.t.get(d.end);
                let free = after.is_none_or(|t| {
                    t.kind == Tk::Punct
                        || t.lex
                            .is_none_or(|l| l.dur.is_none() && l.month == 0 && l.card.is_none())
                });
                if d.int && d.v > n.v && !d.plain4 && !d.ord && free {
                    n.v /= d.v;
                    n.end = d.end;
                    n.int = false;
                    n.bare = false;
                    n.plain4 = false;
                }
            }
        }
    }
    // "2000 over 3", "one over twenty": a fraction, when nothing follows.
    if cx.is_w(n.end, "over") {
        if let Some(d) = cardinal(cx, n.end + 1, false) {
            let tail_free = cx.t.get(d.end).is_none_or(|t| t.kind == Tk::Punct);
            if d.v != 0.0 && tail_free && !d.ord {
                n.v /= d.v;
                n.end = d.end;
                n.int = false;
                n.bare = false;
            }
        }
    }
    Some(n)
}

/// The words from `i` to `end` name a numeral: they start with a cardinal
/// word ("forty", "one hundred") or "a"/"an" before one ("a hundred"), and
/// hold no counting noun ("a dozen", "a square dozen", "two dozen").
fn numeral_name(cx: &Cx, i: usize, end: usize) -> bool {
    let card = |k: usize| {
        cx.t.get(k)
            .and_then(|t| t.lex)
            .is_some_and(|l| l.card.is_some())
    };
    let first = if cx.is_w(i, "a") || cx.is_w(i, "an") {
        i + 1
    } else {
        i
    };
    card(first)
        && (first..end).all(|k| {
            cx.tk(k)
                .lex
                .is_none_or(|l| !matches!(l.key, "dozen" | "dozens" | "gross" | "pair"))
        })
}

/// Token `i` is a decimal point that starts a number: ".08", "(.5)", not the
/// dot of "J1149.5" or the end of a sentence.
pub(crate) fn leading_point(cx: &Cx, i: usize) -> bool {
    cx.is_p_at(i, '.')
        && cx.num_adj(i + 1, 0)
        && (cx.tk(i).ws || i == 0 || cx.tk(i - 1).kind == Tk::Punct)
        && !(i > 0 && cx.tk(i - 1).is_p('.'))
        && !(cx.is_p_adj(i + 2, '.') && cx.num_adj(i + 3, 0))
}

/// The value of a vulgar fraction character ("½", "⅔").
fn vulgar(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '⅕' => 0.2,
        '⅖' => 0.4,
        '⅗' => 0.6,
        '⅘' => 0.8,
        '⅙' => 1.0 / 6.0,
        '⅚' => 5.0 / 6.0,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        _ => return None,
    })
}

/// "and a half", "and half", "and a quarter", "and three quarters" after a
/// whole number: the fraction and the end.
pub(crate) fn and_fraction(cx: &Cx, i: usize) -> Option<(f64, usize)> {
    if !(cx.is_w(i, "and") || cx.is_p_at(i, '&')) {
        return None;
    }
    // "and fifty-four hundredths", "and three twentieths"
    if !cx.is_w(i + 1, "a") && !cx.is_w(i + 1, "an") {
        if let Some(f) = word_fraction(cx, i + 1).filter(|f| f.v < 1.0) {
            return Some((f.v, f.end));
        }
    }
    let mut j = i + 1;
    let mut num = 1.0;
    if cx.is_w(j, "a") || cx.is_w(j, "an") {
        j += 1;
    } else if let Some((v, Lvl::Unit)) = cx.t.get(j).and_then(|t| t.lex).and_then(|l| l.card) {
        if v >= 1.0
            && cx
                .t
                .get(j + 1)
                .and_then(|t| t.lex)
                .is_some_and(|l| l.denom.is_some())
        {
            num = v;
            j += 1;
        }
    }
    let d = cx.t.get(j).and_then(|t| t.lex).and_then(|l| l.denom)?;
    if d > 4.0 && num == 1.0 && !(cx.is_w(i + 1, "a") || cx.is_w(i + 1, "an")) {
        return None;
    }
    Some((num / d, j + 1))
}

/// The last scale word in a numeral in words ("one million" → 10⁶), so "and a
/// half" after it is half of that scale.
fn words_last_scale(cx: &Cx, i: usize, end: usize) -> f64 {
    match cx
        .t
        .get(end.saturating_sub(1))
        .and_then(|t| t.lex)
        .and_then(|l| l.card)
    {
        Some((k, Lvl::Scale)) if end > i => k,
        _ => 1.0,
    }
}

/// Whether `prev` may be followed by `next` in an English numeral.
fn follows(prev: Option<Lvl>, next: Lvl, v: f64) -> bool {
    use Lvl::*;
    match (prev, next) {
        (None, Unit | Teen | Tens | TensUnit) => true,
        (Some(Unit | Teen | TensUnit), Hundred | Scale) => true,
        (Some(Tens), Unit) => v != 0.0,
        (Some(Tens), Scale) => true,
        (Some(Hundred), Unit) => v != 0.0,
        (Some(Hundred), Teen | Tens | TensUnit | Scale) => true,
        (Some(Scale), Unit) => v != 0.0,
        (Some(Scale), Teen | Tens | TensUnit) => true,
        _ => false,
    }
}

/// Whether [`words`] can read at a word with lexicon entry `l`: only a
/// number word (an ordinal with `allow_ord`), "half", "quarter", "a" or "an"
/// starts a number in words.
#[inline]
pub(crate) fn may_start_words(l: &super::lexicon::Lex, allow_ord: bool) -> bool {
    l.card.is_some()
        || (allow_ord && l.ord.is_some())
        || matches!(l.key, "half" | "quarter" | "a" | "an")
}

/// A number in words, cardinal or (when `allow_ord`) ending in an ordinal
/// word: "one hundred and five", "twenty-first", "a dozen", "two thirds".
///
/// Inlined into every caller, with the reader out of line: it is asked at
/// most tokens a grammar is tried at, and nearly always answers no at the
/// first word or from the memo.
#[inline(always)]
pub(crate) fn words(cx: &Cx, i: usize, allow_ord: bool) -> Option<Num> {
    // Only a number word (or "half", "quarter", "a", "an") starts one: leave
    // at once at any other token, as most are.
    let l = cx.t.get(i).filter(|t| t.kind == Tk::Word)?.lex?;
    if !may_start_words(l, allow_ord) {
        return None;
    }
    let slot = &cx.words_memo[usize::from(allow_ord)];
    if let Some(n) = slot.get(i) {
        return n;
    }
    let n = read_words(cx, i, allow_ord);
    slot.set(i, n);
    n
}

#[inline(never)]
fn read_words(cx: &Cx, i: usize, allow_ord: bool) -> Option<Num> {
    let mut total: f64 = 0.0;
    let mut cur: f64 = 0.0;
    let mut last: Option<Lvl> = None;
    let mut max_scale = f64::INFINITY;
    let mut j = i;
    let mut end = i;
    let mut ord = false;
    let mut n_words = 0;
    // "half a dozen", "half a million"
    if cx.is_w(i, "half") && (cx.is_w(i + 1, "a") || cx.is_w(i + 1, "an")) {
        let k = match cx.t.get(i + 2).and_then(|t| t.lex) {
            Some(l) if l.key == "dozen" => 12.0,
            Some(l) => match l.card {
                Some((k, Lvl::Scale | Lvl::Hundred)) => k,
                _ => return None,
            },
            None => return None,
        };
        return Some(Num::spelled(k / 2.0, i + 3));
    }
    // "half million", "quarter million"
    if cx.is_w(i, "half") || cx.is_w(i, "quarter") {
        if let Some((k, Lvl::Scale)) = cx.t.get(i + 1).and_then(|t| t.lex).and_then(|l| l.card) {
            let f = if cx.is_w(i, "half") { 0.5 } else { 0.25 };
            return Some(Num::spelled(f * k, i + 2));
        }
        return None;
    }
    // "a hundred", "a thousand", "a dozen", "a half"
    if cx.is_w(i, "a") || cx.is_w(i, "an") {
        let nt = cx.t.get(i + 1)?;
        if nt.is("dozen") {
            return Some(Num::spelled(12.0, i + 2));
        }
        // "a gross" (144), "a baker's dozen" (13), "a square dozen" (144);
        // "a gross error" is an adjective.
        let counted = if nt.is("gross")
            && cx.t.get(i + 2).is_none_or(|t| {
                t.kind == Tk::Punct
                    || matches!(
                        cx.raw(i + 2),
                        "of" | "is" | "was" | "are" | "were" | "or" | "and"
                    )
            }) {
            Some((144.0, i + 2))
        } else if nt.is("baker")
            && cx.is_p_adj(i + 2, '\'')
            && cx.raw_adj(i + 3) == Some("s")
            && cx.is_w(i + 4, "dozen")
        {
            Some((13.0, i + 5))
        } else if nt.is("square") && cx.is_w(i + 2, "dozen") {
            Some((144.0, i + 3))
        } else {
            None
        };
        if let Some((v, end)) = counted {
            return Some(Num::spelled(v, end));
        }
        if nt.is("pair") || nt.is("couple") {
            let end = if cx.is_w(i + 2, "of") { i + 3 } else { i + 2 };
            return Some(Num::spelled(2.0, end));
        }
        if let Some(d) = nt.lex.and_then(|l| l.denom) {
            if !nt.key().ends_with('s') && !allow_ord {
                // "a quarter million"
                if let Some((k, Lvl::Scale)) =
                    cx.t.get(i + 2).and_then(|t| t.lex).and_then(|l| l.card)
                {
                    return Some(Num {
                        v: k / d,
                        end: i + 3,
                        words: true,
                        int: (k / d).fract() == 0.0,
                        ord: false,
                        plain4: false,
                        bare: false,
                    });
                }
                return Some(frac(1.0, d, i + 2));
            }
            return None;
        }
        match nt.lex.and_then(|l| l.card) {
            Some((_, Lvl::Hundred | Lvl::Scale)) => {
                cur = 1.0;
                last = Some(Lvl::Unit);
                j = i + 1;
            }
            _ => match nt.lex.and_then(|l| l.ord) {
                // "a hundred trillionth" is an ordinal; "a trillionth" a fraction.
                Some((_, Lvl::Hundred)) if allow_ord => {
                    cur = 1.0;
                    last = Some(Lvl::Unit);
                    j = i + 1;
                }
                _ => return None,
            },
        }
    }
    // "one twenty two" (122), "four fifty-one": a digit and a tens-and-unit,
    // as flight, room and model numbers are read out; not a clock time ("at
    // one forty-five") nor "one twenty-year-old".
    if j == i {
        if let Some(v) = hundreds_said(cx, i) {
            return Some(v);
        }
    }
    while let Some(t) = cx.t.get(j) {
        // "twenty and three" (23), the old order of tens and units; not
        // "twenty and three quarters" or "twenty and three hundred".
        if t.is("and") && last == Some(Lvl::Tens) {
            let unit = matches!(
                cx.t.get(j + 1).and_then(|t| t.lex).and_then(|l| l.card),
                Some((v, Lvl::Unit)) if v > 0.0
            );
            let after = cx.t.get(j + 2);
            let blocked = after.is_some_and(|a| {
                a.is_dash()
                    || a.lex.is_some_and(|l| {
                        l.denom.is_some() || matches!(l.card, Some((_, Lvl::Hundred | Lvl::Scale)))
                    })
            });
            if unit && !blocked {
                j += 1;
                continue;
            }
        }
        // Separators inside a numeral.
        if n_words > 0 {
            if t.is_dash() && !t.ws && last == Some(Lvl::Tens) && cx.word_adj(j + 1) {
                j += 1;
                continue;
            }
            // "fifty - two": a spaced hyphen between tens and unit.
            if t.is_dash()
                && t.ws
                && last == Some(Lvl::Tens)
                && cx.t.get(j + 1).is_some_and(|n| {
                    n.ws && matches!(n.lex.and_then(|l| l.card), Some((v, Lvl::Unit)) if v > 0.0)
                })
            {
                j += 1;
                continue;
            }
            let joiner = t.is("and") || t.is_p('&') || (t.is_p(',') && last == Some(Lvl::Scale));
            if joiner && matches!(last, Some(Lvl::Hundred | Lvl::Scale)) {
                let nt = cx.t.get(j + 1).and_then(|t| t.lex);
                let ok = nt.is_some_and(|l| {
                    matches!(
                        l.card,
                        Some((_, Lvl::Unit | Lvl::Teen | Lvl::Tens | Lvl::TensUnit))
                    ) || (allow_ord && l.ord.is_some())
                });
                // "one hundred and three quarters" is 100¾, not 103/4; but
                // "one hundred and thirty fifths" is 130/5.
                if ok
                    && j + 1 != end
                    && (!t.is("and") || word_fraction(cx, j + 1).is_none_or(|f| f.v >= 1.0))
                {
                    j += 1;
                    continue;
                }
            }
        }
        let Some(lex) = t.lex else { break };
        if t.kind != Tk::Word {
            break;
        }
        if let Some((v, lvl)) = lex.card {
            let chain = lvl == Lvl::Scale && last == Some(Lvl::Scale) && v > max_scale;
            if chain {
                // "three thousand millions": a scale of a scale.
                total = (total + cur) * v;
                cur = 0.0;
                max_scale = v;
                j += 1;
                end = j;
                n_words += 1;
                continue;
            }
            if follows(last, lvl, v) && !(lvl == Lvl::Scale && v >= max_scale) {
                match lvl {
                    Lvl::Hundred => cur = cur.max(1.0) * 100.0,
                    Lvl::Scale => {
                        total += cur.max(1.0) * v;
                        cur = 0.0;
                        max_scale = v;
                    }
                    _ => cur += v,
                }
                last = Some(lvl);
                j += 1;
                end = j;
                n_words += 1;
                continue;
            }
        }
        if allow_ord {
            if let Some((v, lvl)) = lex.ord {
                if follows(last, lvl, v)
                    || (last.is_none() && matches!(lvl, Lvl::Hundred | Lvl::Scale))
                {
                    match lvl {
                        Lvl::Hundred => cur = cur.max(1.0) * 100.0,
                        Lvl::Scale => {
                            total += cur.max(1.0) * v;
                            cur = 0.0;
                        }
                        _ => cur += v,
                    }
                    end = j + 1;
                    ord = true;
                    n_words += 1;
                }
            }
        }
        break;
    }
    if n_words == 0 {
        return None;
    }
    let v = total + cur;
    // Fractions in words: "one sixth", "two thirds", "three-quarters", "three halves".
    if !ord && v >= 1.0 {
        let mut k = end;
        if cx.t.get(k).is_some_and(|t| t.is_dash()) {
            k += 1;
        }
        if let Some(d) = cx.t.get(k).and_then(|t| t.lex).and_then(|l| l.denom) {
            let plural = cx.tk(k).key().ends_with('s');
            if (v == 1.0) != plural && !(v == 1.0 && k == end && cx.tk(k).key() == "second") {
                return Some(frac(v, d, k + 1));
            }
        }
    }
    let mut n = Num {
        v,
        end,
        words: true,
        int: true,
        ord,
        plain4: false,
        bare: false,
    };
    if !ord {
        if let Some((d, e)) = point_decimals(cx, end) {
            n.v += d;
            n.end = e;
            n.int = false;
            // "two point two million"
            if let Some((k, Lvl::Scale)) = cx.t.get(e).and_then(|t| t.lex).and_then(|l| l.card) {
                n.v *= k;
                n.end = e + 1;
            }
        }
    }
    // "forty-five (45)": the digits repeat the words.
    if cx.is_p_at(end, '(') && cx.is_p_at(end + 2, ')') {
        if let Some(d) = digits(cx, end + 1) {
            if d.end == end + 2 && d.v == v {
                n.end = end + 3;
            }
        }
    }
    Some(n)
}

/// "one twenty two" at `i`: a digit word, then a spaced tens word and a
/// unit word, nothing numeric after.
fn hundreds_said(cx: &Cx, i: usize) -> Option<Num> {
    let card = |k: usize| cx.t.get(k).and_then(|t| t.lex).and_then(|l| l.card);
    let (d, lvl) = card(i)?;
    if lvl != Lvl::Unit || d < 1.0 || !cx.tk(i + 1).ws {
        return None;
    }
    if !matches!(card(i + 1), Some((_, Lvl::Tens | Lvl::TensUnit))) {
        return None;
    }
    if i > 0
        && matches!(
            cx.tk(i - 1).key(),
            "at" | "by" | "until" | "till" | "before" | "after" | "around" | "from" | "to"
        )
    {
        return None;
    }
    let rest = words(cx, i + 1, false)?;
    let next = cx.t.get(rest.end);
    let free = next.is_none_or(|t| {
        (t.ws || !t.is_dash())
            && t.lex
                .is_none_or(|l| l.card.is_none() && l.denom.is_none() && l.ord.is_none())
    });
    if !rest.int || rest.ord || rest.v >= 100.0 || rest.v % 10.0 == 0.0 || !free {
        return None;
    }
    Some(Num::spelled(d * 100.0 + rest.v, rest.end))
}

/// "point five", "point nought four", "point seventy-one": the decimal part
/// of a number read in words, and the end.
fn point_decimals(cx: &Cx, i: usize) -> Option<(f64, usize)> {
    if !cx.is_w(i, "point") {
        return None;
    }
    let mut digits = String::from("0.");
    let mut j = i + 1;
    while let Some((v, Lvl::Unit)) = cx.t.get(j).and_then(|t| t.lex).and_then(|l| l.card) {
        digits.push(char::from(b'0' + v as u8));
        j += 1;
    }
    if j == i + 1 {
        let t = cx.t.get(j)?;
        if t.kind == Tk::Num && t.ws {
            digits.push_str(cx.raw(j));
            j += 1;
        } else {
            let n = words(cx, j, false)?;
            if !n.int {
                return None;
            }
            digits.push_str(&format!("{}", n.v as u64));
            j = n.end;
        }
    }
    Some((digits.parse().ok()?, j))
}

/// The last word of a fraction's denominator: its value, whether it is
/// plural, and whether it is an ordinal form that can end a compound
/// ("twenty-fifths"). "first"/"second" only count inside a compound ("three
/// twenty-firsts"): alone they are an ordinal and a unit of time.
fn denom_tail(cx: &Cx, j: usize) -> Option<(f64, bool, bool, bool)> {
    let t = cx.t.get(j)?;
    if t.kind != Tk::Word {
        return None;
    }
    let lower = t.lex?.key;
    let ordinal_form = ["th", "ths", "st", "sts", "nd", "nds", "rd", "rds"]
        .iter()
        .any(|s| lower.ends_with(s));
    let plural = lower.ends_with('s') || lower == "halves";
    match lower {
        "first" | "firsts" => return Some((1.0, plural, true, false)),
        "second" | "seconds" => return Some((2.0, plural, true, false)),
        _ => {}
    }
    let d = t.lex.and_then(|l| l.denom)?;
    Some((d, plural, ordinal_form, true))
}

/// A fraction in words whose denominator may be a compound ordinal: "two
/// thirds", "one twenty-fifth" (1/25), "three twenty-firsts" (3/21), "one
/// hundred thirty-fifths" (100/35), "one one hundred fifth" (1/105),
/// "ninety-five hundred fifths" (9500/5), "a twenty-first". The denominator is
/// the longest ordinal tail the words allow, never splitting a hyphenated
/// "ninety-five"; the numerator agrees in number ("one fifth", "two fifths").
pub(crate) fn word_fraction(cx: &Cx, i: usize) -> Option<Num> {
    let t = cx.t.get(i)?;
    if t.kind != Tk::Word {
        return None;
    }
    let lex = t.lex?;
    if lex.card.is_none() && lex.denom.is_none() && !t.is("a") && !t.is("an") {
        return None;
    }
    let article = t.is("a") || t.is("an");
    // The run of number words up to the denominator's last word.
    let mut j = if article { i + 1 } else { i };
    let last = loop {
        if j > i + 12 {
            return None;
        }
        let t = cx.t.get(j)?;
        if t.is_dash() && j > i {
            j += 1;
            continue;
        }
        if t.kind != Tk::Word {
            return None;
        }
        if t.lex.and_then(|l| l.card).is_some() || (t.is("and") && j > i) {
            j += 1;
            continue;
        }
        denom_tail(cx, j)?;
        break j;
    };
    if last == i || (cx.is_p_adj(last + 1, '-') && cx.word_adj(last + 2)) {
        return None;
    }
    let (tail, plural, ordinal_form, alone_ok) = denom_tail(cx, last)?;
    let upto = |k: usize| Cx::new(cx.text, &cx.t[..k.min(cx.t.len())], cx.reference);
    let card_at = |k: usize| cx.t.get(k).and_then(|t| t.lex).and_then(|l| l.card);
    // The denominator over tokens d..=last.
    let denominator = |d: usize| -> Option<f64> {
        if d == last {
            return alone_ok.then_some(tail);
        }
        if !ordinal_form {
            return None;
        }
        let c_end = if cx.tk(last - 1).is_dash() || cx.tk(last - 1).is("and") {
            last - 1
        } else {
            last
        };
        if c_end <= d {
            return None;
        }
        let sub = upto(c_end);
        let n = words(&sub, d, false)?;
        if n.end != c_end || n.ord || !n.int {
            return None;
        }
        match card_at(c_end - 1)? {
            (_, Lvl::Tens) if tail < 10.0 => Some(n.v + tail),
            (_, Lvl::Hundred | Lvl::Scale) if tail < 100.0 => Some(n.v + tail),
            _ => None,
        }
    };
    let (num, den, _k) = if article {
        if plural {
            return None;
        }
        (1.0, denominator(i + 1)?, i + 1)
    } else {
        let mut found = None;
        for k in i + 1..=last {
            // Never split "ninety-five" or "fifty - two".
            if cx.tk(k).is_dash()
                && matches!(card_at(k - 1), Some((_, Lvl::Tens)))
                && matches!(card_at(k + 1), Some((_, Lvl::Unit)))
            {
                continue;
            }
            if cx.tk(k - 1).is_dash() || cx.tk(k - 1).is("and") || cx.tk(k).is("and") {
                continue;
            }
            // "one hundred and three quarters" is a whole and a proper
            // fraction (100¾), read by the caller.
            if (i + 1..k)
                .any(|a| cx.tk(a).is("and") && word_fraction(cx, a + 1).is_some_and(|f| f.v < 1.0))
            {
                return None;
            }
            let sub = upto(k);
            let Some(n) = words(&sub, i, false) else {
                continue;
            };
            if n.end != k || n.ord || !n.int || n.v == 0.0 {
                continue;
            }
            if (n.v == 1.0) == plural {
                continue;
            }
            let d = if cx.tk(k).is_dash() { k + 1 } else { k };
            if let Some(den) = denominator(d) {
                found = Some((n.v, den, k));
                break;
            }
        }
        found?
    };
    if den == 0.0 {
        return None;
    }
    Some(frac(num, den, last + 1))
}

fn frac(num: f64, den: f64, end: usize) -> Num {
    Num {
        v: num / den,
        end,
        words: true,
        int: false,
        ord: false,
        plain4: false,
        bare: false,
    }
}

/// An ordinal: "3rd", "21st", "second", "twenty-fifth", "one hundred twenty fifth".
///
/// Inlined: the date grammars and mentions ask at every number and number
/// word, and most answers are a suffix test or [`words`]' memo, cheaper
/// than a call.
#[inline(always)]
pub(crate) fn ordinal(cx: &Cx, i: usize) -> Option<Num> {
    let t = cx.t.get(i)?;
    if t.kind == Tk::Num {
        let suf = cx.t.get(i + 1)?;
        if suf.ws || suf.kind != Tk::Word || !matches!(suf.key(), "st" | "nd" | "rd" | "th") {
            return None;
        }
        if cx.word_adj(i + 2) || cx.num_adj(i + 2, 0) {
            return None;
        }
        let v: f64 = cx.raw(i).parse().ok()?;
        return Some(Num {
            v,
            end: i + 2,
            words: false,
            int: true,
            ord: true,
            plain4: false,
            bare: false,
        });
    }
    let n = words(cx, i, true)?;
    n.ord.then_some(n)
}

/// A number or ordinal standing alone as a mention at token `i`.
pub(crate) fn mention(cx: &Cx, i: usize) -> Option<(usize, Value)> {
    let t = &cx.tk(i);
    if t.kind == Tk::Word && t.lex.is_none() {
        return None;
    }
    // Digits glued to letters are codes, not quantities: "A4", "i7", "LGA1156".
    if t.kind == Tk::Num && i > 0 {
        let p = &cx.tk(i - 1);
        if !t.ws && (p.kind == Tk::Word || p.kind == Tk::Num) {
            return None;
        }
        if !t.ws
            && (p.is_p('+') || p.is_p('_') || p.is_dash() || p.is_p('.') || p.is_p('/'))
            && i > 1
            && !p.ws
            && cx.tk(i - 2).kind != Tk::Punct
        {
            // "J1149.5+6663", "fb-1", "1/0": parts of codes, units, fractions.
            if !(p.is_dash() && cx.tk(i - 2).kind == Tk::Num) {
                return None;
            }
        }
    }
    let card = cardinal(cx, i, false);
    // "one twenty-fifth" is a fraction before "twenty-fifth" is an ordinal.
    if let Some(f) = card.filter(|n| t.kind == Tk::Word && !n.int && n.words) {
        if !cx.word_adj(f.end) {
            return Some((f.end, Value::Number { value: f.v }));
        }
    }
    if let Some(o) = ordinal(cx, i) {
        if o.v >= 1.0 || o.words {
            return Some((o.end, Value::Ordinal { value: o.v as i64 }));
        }
    }
    let n = card?;
    if !n.v.is_finite() {
        return None;
    }
    // "5 fb−1", "3 cm⁻¹": the amount of an inverse unit, not a bare number.
    if cx.tk(n.end).kind == Tk::Word
        && ((cx.is_p_adj(n.end + 1, '-') && cx.raw_adj(n.end + 2) == Some("1"))
            || cx.is_p_adj(n.end + 1, '⁻'))
    {
        return None;
    }
    if cx.word_adj(n.end) {
        // "the 1960s": a decade, read as its first year.
        if n.plain4 && cx.raw(n.end) == "s" {
            return Some((n.end + 1, Value::Number { value: n.v }));
        }
        // "4a", "860BOX": a code.
        return None;
    }
    if n.words
        && n.v == 1.0
        && n.end == i + 1
        && cx.tk(i).is("one")
        && (lone_one(cx, i) || one_name(cx, i))
    {
        return None;
    }
    Some((n.end, Value::Number { value: n.v }))
}

/// "One-China", "the one China policy": "one" as part of a name or doctrine
/// (a capitalised word joined to it, or a capitalised word and then
/// "policy"/"principle"), not a count.
fn one_name(cx: &Cx, i: usize) -> bool {
    let capital = |k: usize| {
        cx.tk(k).kind == Tk::Word && cx.raw(k).chars().next().is_some_and(char::is_uppercase)
    };
    if cx.tk(i + 1).is_dash() && !cx.tk(i + 1).ws && capital(i + 2) {
        return true;
    }
    let mut k = i + 1;
    if capital(k) {
        if cx.tk(k + 1).kind == Tk::Punct && matches!(cx.tk(k + 1).ch, '"' | '\'' | '”' | '’') {
            k += 1;
        }
        let next = cx.raw(k + 1).to_ascii_lowercase();
        return matches!(
            next.as_str(),
            "policy" | "principle" | "doctrine" | "system" | "framework"
        );
    }
    false
}

/// "one of them", "the one", "one another", "no one": a pronoun, not a count.
fn lone_one(cx: &Cx, i: usize) -> bool {
    let next = cx.t.get(i + 1).map_or("", |t| t.key());
    let prev = if i > 0 && cx.tk(i - 1).kind == Tk::Word {
        cx.tk(i - 1).key()
    } else {
        ""
    };
    matches!(
        next,
        "of" | "another" | "by" | "day" | "may" | "must" | "can" | "should" | "would"
    ) || matches!(
        prev,
        "the"
            | "this"
            | "that"
            | "no"
            | "any"
            | "every"
            | "each"
            | "which"
            | "what"
            | "whichever"
            | "little"
            | "past"
    )
}

#[cfg(test)]
mod tests {
    use super::super::tests::numbers;
    use super::super::token::tokenize;
    use super::*;

    #[test]
    fn num_text_reads_as_str_parse_does() {
        let long = "1".repeat(60);
        for text in [
            "0",
            "007",
            "123456789012345",
            "1234567890123456",
            "99999999999999999999",
            "1200.5",
            "2.48e-5",
            "1e400",
            long.as_str(),
        ] {
            let mut t = NumText::default();
            // In pieces, as `read_digits` builds it, across the stack's end.
            for piece in text.as_bytes().chunks(7) {
                t.push_str(std::str::from_utf8(piece).unwrap());
            }
            assert_eq!(t.parse(), text.parse::<f64>().ok(), "{text}");
        }
        let mut t = NumText::default();
        t.push_str("12");
        t.push('.');
        t.push_str("5");
        assert_eq!(t.parse(), Some(12.5));
        // Decimals read by division, at every split of runs of digits,
        // against the reading of `str::parse`.
        for digits in [
            "1",
            "35",
            "999",
            "12345",
            "100000001",
            "9007199254740",
            "123456789012345",
            "1234567890123456",
            "314159265358979",
            "000000000000001",
            "99999999999999",
        ] {
            for dot in 0..=digits.len() {
                let text = format!("{}.{}", &digits[..dot], &digits[dot..]);
                let mut t = NumText::default();
                t.push_str(&text);
                let want = text.parse::<f64>().ok().filter(|_| text != ".");
                assert_eq!(
                    t.parse().map(f64::to_bits),
                    want.map(f64::to_bits),
                    "{text}"
                );
            }
        }
    }

    /// Text after a digit run to try the fast paths on: every ASCII
    /// character and the marks the tokenizer or the grammars single out,
    /// glued and spaced, then followed by digits, a word or nothing.
    fn after_digits() -> Vec<String> {
        let mut marks: Vec<char> = (' '..='~').collect();
        marks.extend("×½¼¾–—‐‑\u{202f}\u{a0}’“”%$€£".chars());
        let mut out = Vec::new();
        for head in ["1", "15", "123", "2020", "1234567890123456"] {
            for c in &marks {
                for gap in ["", " "] {
                    for tail in [
                        "", "5", "50", "500", "5.5", "10", "10^3", "10^-3", "-5", "e5", "k",
                        "x10^3", "5 people", "a half",
                    ] {
                        out.push(format!("{head}{gap}{c}{tail}"));
                    }
                }
            }
            for w in [
                "k", "mn", "bn", "million", "dozen", "and", "point", "e", "E", "x", "X", "rd",
                "pm", "people",
            ] {
                for gap in ["", " "] {
                    out.push(format!("{head}{gap}{w}"));
                    out.push(format!("{head}{gap}{w} 5"));
                    for tail in ["5", "-5", "+5", "10", "10^3", "10-5", "^2"] {
                        out.push(format!("{head}{gap}{w}{tail}"));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn digits_fast_path_reads_as_the_branches_do() {
        for text in after_digits() {
            let mut t = Vec::new();
            tokenize(&text, &mut t);
            let cx = Cx::new(&text, &t, None);
            for (i, tok) in t.iter().enumerate() {
                if tok.kind != Tk::Num {
                    continue;
                }
                let fast = read_digits(&cx, i);
                let full = read_digits_full(&cx, i, tok);
                assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{text:?} at {i}");
            }
        }
    }

    #[test]
    fn cardinal_fast_path_reads_as_the_branches_do() {
        let mut texts = after_digits();
        for head in ["15", "1,200", "2.5", "1.111,11", "40 000"] {
            for w in [
                "people",
                "pm",
                "k",
                "K",
                "M",
                "G",
                "mn",
                "mil",
                "MM",
                "b",
                "t",
                "tr",
                "dozen",
                "million",
                "and a half",
                "& a half",
                "point 5",
                "out of 10",
                "in 5",
                "over 3",
                "(fifteen)",
                "½",
                "/2",
                "1/2",
                "%",
                ".",
                ",",
                "$",
                "years",
                "percent",
                "dozens",
                "dz",
                "dzs",
                "doz",
                "dozs",
                "hundred",
                "thousand",
                "five",
                "a",
                "of",
                "and an half",
                "and three quarters",
                "out",
                "in",
                "over",
                "point",
                "Point five",
                "In 3",
            ] {
                for gap in ["", " "] {
                    texts.push(format!("{head}{gap}{w}"));
                    texts.push(format!("{head}{gap}{w} 5"));
                }
            }
        }
        for text in texts {
            let mut t = Vec::new();
            tokenize(&text, &mut t);
            for (i, tok) in t.iter().enumerate() {
                if tok.kind != Tk::Num {
                    continue;
                }
                for money in [false, true] {
                    let cx = Cx::new(&text, &t, None);
                    let mut fast_money = false;
                    let fast = read_cardinal(&cx, i, money, &mut fast_money);
                    let cx = Cx::new(&text, &t, None);
                    let mut full_money = false;
                    let full = read_cardinal_full(&cx, i, money, &mut full_money);
                    assert_eq!(
                        format!("{fast:?} {fast_money}"),
                        format!("{full:?} {full_money}"),
                        "{text:?} at {i}, money {money}"
                    );
                }
            }
        }
    }

    /// Cardinals at each token of `text`, reading the two money flags in
    /// the order given, through one memo.
    fn both_flags(text: &str, money_first: bool) -> Vec<(Option<f64>, Option<f64>)> {
        let mut t = Vec::new();
        tokenize(text, &mut t);
        let cx = Cx::new(text, &t, None);
        (0..t.len())
            .map(|i| {
                let (a, b) = if money_first {
                    let b = cardinal(&cx, i, true);
                    (cardinal(&cx, i, false), b)
                } else {
                    let a = cardinal(&cx, i, false);
                    (a, cardinal(&cx, i, true))
                };
                (a.map(|n| n.v), b.map(|n| n.v))
            })
            .collect()
    }

    #[test]
    fn a_reading_shared_by_the_money_flags_is_the_one_each_would_make() {
        let text = "5m, 3 G, 4 bn, 7 people, 2 million, -6 M, 9B";
        let fresh = |i: usize, money: bool| {
            let mut t = Vec::new();
            tokenize(text, &mut t);
            let cx = Cx::new(text, &t, None);
            cardinal(&cx, i, money).map(|n| n.v)
        };
        for money_first in [false, true] {
            for (i, (plain, money)) in both_flags(text, money_first).into_iter().enumerate() {
                assert_eq!(
                    plain,
                    fresh(i, false),
                    "token {i}, money first: {money_first}"
                );
                assert_eq!(
                    money,
                    fresh(i, true),
                    "token {i}, money first: {money_first}"
                );
            }
        }
        // The flags do differ where a suffix is ambiguous.
        assert_eq!(fresh(0, false), Some(5.0));
        assert_eq!(fresh(0, true), Some(5e6));
    }

    #[test]
    fn digits_words_and_scales() {
        assert_eq!(numbers("1,200,000"), vec![1_200_000.0]);
        assert_eq!(numbers("one hundred and five"), vec![105.0]);
        assert_eq!(
            numbers("three million, two hundred & forty"),
            vec![3_000_240.0]
        );
        assert_eq!(numbers("2.5 million"), vec![2_500_000.0]);
        assert_eq!(numbers("a dozen"), vec![12.0]);
        assert_eq!(numbers("two thirds"), vec![2.0 / 3.0]);
        assert_eq!(numbers("three-quarters"), vec![0.75]);
        assert_eq!(numbers("1/2"), vec![0.5]);
        assert_eq!(numbers("-4/5"), vec![-0.8]);
        assert_eq!(numbers("forty-five (45)"), vec![45.0]);
        assert_eq!(numbers("it cost 300 (three hundred)"), vec![300.0]);
        assert_eq!(numbers("100 (a hundred) of them"), vec![100.0]);
        assert_eq!(numbers("two three"), vec![2.0, 3.0]);
        assert_eq!(numbers("1200k"), vec![1_200_000.0]);
        assert_eq!(numbers("2.48×10−5"), vec![2.48e-5]);
        assert!(numbers("one of them").is_empty());
        assert!(numbers("A4 paper").is_empty());
        assert!(numbers("version 1.2.3").is_empty());
    }

    #[test]
    fn fractions_with_ordinal_denominators() {
        let close = |got: Vec<f64>, want: f64| {
            assert_eq!(got.len(), 1, "{got:?}");
            assert!((got[0] - want).abs() < 1e-9, "{got:?} != {want}");
        };
        close(numbers("one twenty-fifth of the crop"), 1.0 / 25.0);
        close(numbers("seven thirty-seconds"), 7.0 / 32.0);
        close(numbers("two hundred forty-thirds"), 200.0 / 43.0);
        close(numbers("one one hundred and sixth"), 1.0 / 106.0);
        close(numbers("eighty - six hundred sevenths"), 8600.0 / 7.0);
        close(numbers("three and forty-one hundredths"), 3.41);
        close(numbers("four hundred and five eighths"), 400.625);
        close(numbers("two hundred and forty fifths"), 240.0 / 5.0);
        close(numbers("six hundred and one quarter"), 600.25);
        close(numbers("seven million and two fifths"), 7_400_000.0);
        close(numbers("three quarters of a billion"), 7.5e8);
        close(numbers("half a dozen"), 6.0);
        close(numbers("two point five billion"), 2.5e9);
        close(numbers("sixty - three"), 63.0);
        // "second" and "first" alone stay ordinals and units of time.
        assert!(numbers("two seconds").len() <= 1);
        assert_eq!(numbers("three second-half goals"), vec![3.0]);
    }

    #[test]
    fn said_numbers_counting_nouns_and_lists() {
        assert_eq!(numbers("room four fifty-one"), vec![451.0]);
        assert_eq!(numbers("meet at four fifty-one"), vec![4.0, 51.0]);
        assert_eq!(numbers("two thirty"), vec![2.0, 30.0]);
        assert_eq!(numbers("sixty and two"), vec![62.0]);
        assert_eq!(numbers("sixty and two thirds"), vec![60.0 + 2.0 / 3.0]);
        assert_eq!(numbers("four hundred and six dozens"), vec![472.0]);
        assert_eq!(numbers("four hundred dozen"), vec![4800.0]);
        assert_eq!(numbers("she bought a pair"), vec![2.0]);
        assert_eq!(numbers("a gross of pencils"), vec![144.0]);
        assert!(numbers("a gross mistake").is_empty());
        assert_eq!(numbers("a baker's dozen rolls"), vec![13.0]);
        // A counting noun in brackets restates the amount in another unit:
        // two mentions, unlike "45 (forty-five)".
        assert_eq!(numbers("they sold 144 (a gross) pens"), vec![144.0, 144.0]);
        assert_eq!(numbers("packed 24 (two dozen) eggs"), vec![24.0, 24.0]);
        assert_eq!(numbers("packed 12 (a dozen)."), vec![12.0, 12.0]);
        assert_eq!(numbers("it ended three nil"), vec![3.0, 0.0]);
        assert_eq!(numbers("pages 11,13,15,17."), vec![11.0, 13.0, 15.0, 17.0]);
        assert_eq!(numbers("rated 3x2^4"), vec![48.0]);
        assert!(numbers("collected 7 fb-1 of data").is_empty());
        assert_eq!(numbers("music of the 1970s"), vec![1970.0]);
        assert_eq!(numbers("a quarter million"), vec![250_000.0]);
        assert_eq!(numbers("two fifths billion"), vec![4e8]);
    }

    #[test]
    fn digit_forms() {
        assert_eq!(numbers("costs .25 more"), vec![0.25]);
        assert_eq!(numbers("a 3 3/8 share"), vec![3.375]);
        assert_eq!(numbers("48,12,345.5"), vec![4_812_345.5]);
        assert_eq!(numbers("2.450.000,75"), vec![2_450_000.75]);
        assert_eq!(numbers("a rate of 2,5"), vec![2.5]);
        assert_eq!(numbers("3.2 k"), vec![3200.0]);
        assert_eq!(numbers("2^10"), vec![1024.0]);
        assert_eq!(numbers("7 (seven)"), vec![7.0]);
        assert_eq!(numbers("4 point 5"), vec![4.5]);
        assert_eq!(numbers("one out of four"), vec![0.25]);
        assert_eq!(numbers("1 in 8 voters"), vec![0.125]);
        assert_eq!(numbers("1 in 2026")[0], 1.0);
        assert_eq!(numbers("object J0812.7+2213"), Vec::<f64>::new());
        assert!(numbers("which one is it").is_empty());
        assert!(numbers("the \"one Europe\" policy").is_empty());
        assert!(numbers("the One-Europe doctrine").is_empty());
        assert_eq!(numbers("one Nobel prize"), vec![1.0]);
        assert!(numbers("what one person can do").is_empty());
    }
}
