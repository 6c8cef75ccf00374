//! Dates: absolute ("January 5, 2026", "5 Jan 2026", "2026-01-05", "1/2/2013"),
//! partial ("June 2025", "2019") and relative to the reference date
//! ("January 6", "on Tuesday", "last year", "next month", "yesterday", "three
//! weeks ago", "in 2 weeks", "the 3rd", "Christmas").
//!
//! Resolution policy (see `docs/accuracy.md`): a month and day without a year
//! take the year that puts them nearest the reference date ("January 6" in a
//! January 5 article is the next day, "Aug 8" in February is this August); a
//! month alone and a weekday alone follow the tense of the sentence (past:
//! the latest one not after the reference date; future: the next one; no sign
//! of tense: the nearest month, the next weekday); a stated weekday picks the
//! year in which the date falls on it. "N units ago" is a date; with a hedge
//! ("over 80 years ago") it stays a duration, since the hedge bounds the
//! amount of time, not a calendar day. Without a reference date relative
//! expressions are not reported.

use jiff::civil::Date;
use jiff::Span as JSpan;

use super::measure::one_duration;
use super::number::{may_start_words, ordinal, words};
use super::token::Tk;
use super::{Cx, Tense};
use crate::quantity::{DateValue, DurationUnit, Value};

/// Words of holiday names, for the lexicon.
pub(crate) fn phrase_words() -> Vec<String> {
    let mut v = Vec::new();
    for (s, _) in HOLIDAYS {
        v.extend(super::phrase::words_of(s));
    }
    for (s, _) in super::holiday::LUNAR_HOLIDAYS {
        v.extend(super::phrase::words_of(s));
    }
    v
}

/// The first word of every holiday name: a date can start there. Of a name
/// led by "the" ("the prophet's ascension"), the second word too: the scan
/// tries the grammars at "the" only before a start word.
pub(crate) fn start_words() -> Vec<String> {
    let names = HOLIDAYS.iter().map(|(s, _)| *s);
    let lunar = super::holiday::LUNAR_HOLIDAYS.iter().map(|(s, _)| *s);
    names
        .chain(lunar)
        .flat_map(|s| {
            let words: Vec<String> = super::phrase::words_of(s).take(2).collect();
            let n = if words.first().is_some_and(|w| w == "the") {
                2
            } else {
                1
            };
            words.into_iter().take(n)
        })
        .collect()
}

fn dv(d: Date) -> Value {
    Value::Date {
        date: DateValue::from_civil(d),
    }
}

fn ymd(y: i32, m: i32, d: i32) -> Option<Date> {
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Date::new(y as i16, m as i8, d as i8).ok()
}

fn month_value(y: i32, m: i32) -> Option<Value> {
    let d = DateValue::month(i16::try_from(y).ok()?, i8::try_from(m).ok()?)?;
    Some(Value::Date { date: d })
}

fn year_value(y: i32) -> Option<Value> {
    Some(Value::Date {
        date: DateValue::year(i16::try_from(y).ok()?)?,
    })
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(JSpan::new().try_days(n).ok()?).ok()
}

fn add_months(d: Date, n: i64) -> Option<Date> {
    d.checked_add(JSpan::new().try_months(n).ok()?).ok()
}

fn wday(d: Date) -> u8 {
    d.weekday().to_monday_one_offset() as u8
}

/// A month word at `j` ("Jan.", "September"): month and end. `strict` refuses
/// words that are also common English words unless a day or year is near.
fn month_at(cx: &Cx, j: usize) -> Option<(u8, usize)> {
    let t = cx.t.get(j)?;
    let m = t.lex?.month;
    if m == 0 || t.kind != Tk::Word {
        return None;
    }
    let mut end = j + 1;
    if cx.is_p_adj(end, '.') && cx.raw(j).len() <= 4 {
        end += 1;
    }
    Some((m, end))
}

/// Whether the month word at `j` may stand without a day ("in March"): full
/// names only, and "May" only capitalised after a preposition.
fn bare_month_ok(cx: &Cx, j: usize) -> bool {
    let raw = cx.raw(j);
    let key = cx.tk(j).key();
    if key.len() <= 4 && key != "june" && key != "july" && key != "may" {
        return false;
    }
    if key == "may" || key == "march" {
        let prev = if j > 0 { cx.tk(j - 1).key() } else { "" };
        let cap = raw.starts_with(|c: char| c.is_ascii_uppercase());
        return cap
            && matches!(
                prev,
                "in" | "since"
                    | "of"
                    | "during"
                    | "by"
                    | "until"
                    | "till"
                    | "last"
                    | "next"
                    | "this"
                    | "early"
                    | "late"
                    | "mid"
                    | "from"
                    | "through"
                    | "before"
                    | "after"
            );
    }
    true
}

/// A day of the month at `j`: "5", "05", "5th", "fifth", "twenty five", "thirty-first".
fn day_at(cx: &Cx, j: usize) -> Option<(u8, usize)> {
    let t = cx.t.get(j)?;
    if t.kind == Tk::Num {
        let len = t.len();
        if len > 2 {
            return None;
        }
        let d = u8::try_from(parse_int(cx.raw(j))?).ok()?;
        if !(1..=31).contains(&d) {
            return None;
        }
        let mut end = j + 1;
        if let Some(s) = cx.t.get(end) {
            if !s.ws && matches!(s.key(), "st" | "nd" | "rd" | "th") {
                end += 1;
            }
        }
        let glued_month = cx.word_adj(end)
            && cx.tk(end).lex.is_some_and(|l| l.month > 0)
            && cx.raw(end).len() > 3;
        if cx.word_adj(end) && !glued_month
            || cx.is_p_adj(end, ':')
            || (cx.is_p_adj(end, '.') && cx.num_adj(end + 1, 0))
        {
            return None;
        }
        return Some((d, end));
    }
    let n = ordinal(cx, j).or_else(|| words(cx, j, false))?;
    if n.v >= 1.0 && n.v <= 31.0 && n.v.fract() == 0.0 {
        return Some((n.v as u8, n.end));
    }
    None
}

/// A year at `j`: four digits (1000–2999), or words ("nineteen eighty six",
/// "two thousand and fifteen"). `two_digit` also accepts "87" or "'87".
fn year_at(cx: &Cx, j: usize, two_digit: bool) -> Option<(i32, usize)> {
    let t = cx.t.get(j)?;
    if t.kind == Tk::Num {
        let len = t.len();
        if cx.word_adj(j + 1) || cx.num_adj(j + 1, 0) || cx.is_p_adj(j + 1, ':') {
            return None;
        }
        if cx.is_p_adj(j + 1, '.') && cx.num_adj(j + 2, 0)
            || cx.is_p_adj(j + 1, ',') && cx.num_adj(j + 2, 3)
        {
            return None;
        }
        let y = parse_int(cx.raw(j))?;
        if len == 4 && (1000..=2999).contains(&y) {
            return Some((y, j + 1));
        }
        if len == 2 && two_digit {
            return Some((expand_yy(cx, y), j + 1));
        }
        return None;
    }
    if t.is_p('\'') && two_digit && cx.num_adj(j + 1, 2) {
        let y = parse_int(cx.raw(j + 1))?;
        return Some((expand_yy(cx, y), j + 2));
    }
    word_year(cx, j)
}

/// Two-digit years: within ten years ahead of the reference year they are
/// this century, otherwise the last ("74" → 1974, "15" → 2015).
fn expand_yy(cx: &Cx, yy: i32) -> i32 {
    let ref_year = cx.reference.map_or(2026, |d| d.year() as i32);
    let pivot = (ref_year % 100 + 10) % 100;
    let century = ref_year / 100 * 100;
    if yy <= pivot {
        century + yy
    } else {
        century - 100 + yy
    }
}

/// Years in words: "nineteen eighty six", "two thousand and fifteen",
/// "nineteen hundred ninety three".
fn word_year(cx: &Cx, j: usize) -> Option<(i32, usize)> {
    let t = cx.t.get(j)?;
    if t.kind != Tk::Word {
        return None;
    }
    let n = words(cx, j, false)?;
    if n.v >= 1000.0 && n.v <= 2999.0 && n.int {
        return Some((n.v as i32, n.end));
    }
    // "nineteen eighty six": a teen (or two-digit number) then two more digits.
    if n.v >= 10.0 && n.v <= 29.0 && n.end == j + 1 {
        let rest = words(cx, n.end, false)?;
        if rest.v >= 10.0 && rest.v <= 99.0 {
            return Some(((n.v as i32) * 100 + rest.v as i32, rest.end));
        }
    }
    None
}

/// A date at token `i`.
pub(crate) fn date(cx: &Cx, i: usize, hedged: bool) -> Option<(usize, Value)> {
    let t = cx.t.get(i)?;
    let r = match t.kind {
        Tk::Num => numeric(cx, i)
            .or_else(|| day_first(cx, i))
            .or_else(|| year_alone(cx, i))
            .or_else(|| relative_amount(cx, i, hedged)),
        Tk::Word => {
            t.lex?;
            month_first(cx, i)
                .or_else(|| holiday(cx, i))
                .or_else(|| weekday(cx, i))
                .or_else(|| day_first(cx, i))
                .or_else(|| relative_word(cx, i))
                .or_else(|| year_words(cx, i))
                .or_else(|| relative_amount(cx, i, hedged))
        }
        Tk::Punct => None,
    }?;
    Some(r)
}

/// `raw` as `str::parse::<i32>` reads it. Up to nine ASCII digits (every
/// day, month and year the date grammars read) are summed directly: they
/// always fit, so the value is the same, and `parse` cost several times
/// more at each of the three or four reads of every number.
#[inline]
fn parse_int(raw: &str) -> Option<i32> {
    let b = raw.as_bytes();
    if b.is_empty() || b.len() > 9 {
        return raw.parse().ok();
    }
    // One pass, digit test and sum together.
    let mut n = 0i32;
    for &c in b {
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            return raw.parse().ok();
        }
        n = n * 10 + i32::from(d);
    }
    Some(n)
}

fn sep_at(cx: &Cx, j: usize) -> Option<char> {
    let t = cx.t.get(j)?;
    if t.ws || t.kind != Tk::Punct {
        return None;
    }
    match t.ch {
        '/' | '.' => Some(t.ch),
        c if t.is_dash() => Some(if c == '-' { '-' } else { '–' }),
        _ => None,
    }
}

fn num_val(cx: &Cx, j: usize) -> Option<(i32, usize)> {
    let t = cx.t.get(j)?;
    if t.kind != Tk::Num {
        return None;
    }
    Some((parse_int(cx.raw(j))?, t.len()))
}

/// Dates in digits: 2026-01-05, 1/2/2013, 10.31.1974, 2/2013, 2014-10,
/// 20161016, 31-Oct-74, 2019/aug/01, 2/15 (with a reference date).
fn numeric(cx: &Cx, i: usize) -> Option<(usize, Value)> {
    let (a, alen) = num_val(cx, i)?;
    // A code or phone number glued to letters or more digits is not a date.
    if i > 0 && !cx.tk(i).ws && matches!(cx.tk(i - 1).kind, Tk::Word | Tk::Num) {
        return None;
    }
    if alen == 8 && !cx.word_adj(i + 1) {
        let (y, m, d) = (a / 10000, a / 100 % 100, a % 100);
        if (1900..=2100).contains(&y) {
            return ymd(y, m, d).map(|d| (i + 1, dv(d)));
        }
    }
    let s1 = sep_at(cx, i + 1);
    let Some(s1) = s1 else {
        // "2016 10 16"
        if alen == 4 && !cx.num_adj(i + 1, 2) {
            if let (Some((m, 2)), Some((d, 2))) = (spaced_num(cx, i + 1), spaced_num(cx, i + 2)) {
                if let Some(dt) = ymd(a, m, d) {
                    if !cx.num_adj(i + 3, 0) && cx.t.get(i + 3).is_none_or(|t| t.kind != Tk::Num) {
                        return Some((i + 3, dv(dt)));
                    }
                }
            }
        }
        return None;
    };
    // second element: number or month word
    let t2 = cx.t.get(i + 2)?;
    if t2.ws {
        return None;
    }
    let end_ok = |cx: &Cx, e: usize| -> bool {
        !(cx.word_adj(e) || cx.num_adj(e, 0) || (sep_at(cx, e).is_some() && cx.num_adj(e + 1, 0)))
    };
    if t2.kind == Tk::Word {
        let (m, e2) = month_at(cx, i + 2)?;
        let e2 = if cx.tk(e2 - 1).is_p('.') { e2 - 1 } else { e2 };
        if sep_at(cx, e2) == Some(s1) {
            let (c, clen) = num_val(cx, e2 + 1)?;
            if cx.tk(e2 + 1).ws || !end_ok(cx, e2 + 2) {
                return None;
            }
            // 31-Oct-74, 2019/aug/01, 2020/23/Sep handled below
            let (y, d) = if alen == 4 {
                (a, c)
            } else if clen == 4 {
                (c, a)
            } else {
                (expand_yy(cx, c), a)
            };
            return ymd(y, m as i32, d).map(|d| (e2 + 2, dv(d)));
        }
        if alen == 4 && end_ok(cx, e2) {
            return month_value(a, m as i32).map(|v| (e2, v));
        }
        return None;
    }
    let (b, blen) = num_val(cx, i + 2)?;
    let s2 = sep_at(cx, i + 3);
    if s2 == Some(s1) && cx.t.get(i + 4).is_some_and(|t| !t.ws) {
        let t3 = &cx.tk(i + 4);
        if t3.kind == Tk::Word {
            // 2020/23/Sep, 23-2020-September
            let (m, e) = month_at(cx, i + 4)?;
            if alen == 4 && end_ok(cx, e) {
                return ymd(a, m as i32, b).map(|d| (e, dv(d)));
            }
            if blen == 4 && alen <= 2 && end_ok(cx, e) {
                return ymd(b, m as i32, a).map(|d| (e, dv(d)));
            }
            return None;
        }
        let (c, clen) = num_val(cx, i + 4)?;
        if !end_ok(cx, i + 5) {
            return None;
        }
        let d = if alen == 4 {
            ymd(a, b, c)
        } else if clen == 4 || clen == 2 {
            let y = if clen == 4 { c } else { expand_yy(cx, c) };
            if blen > 2 || alen > 2 {
                return None;
            }
            // Month first (US) unless the first number cannot be a month.
            if a > 12 {
                ymd(y, b, a)
            } else {
                ymd(y, a, b).or_else(|| ymd(y, b, a))
            }
        } else {
            None
        };
        return d.map(|d| (i + 5, dv(d)));
    }
    if s2.is_some() && cx.num_adj(i + 4, 0) {
        return None;
    }
    if !end_ok(cx, i + 3) {
        return None;
    }
    // Two parts: 2014-10, 2014/10, 2/2013, 12-2015, 2/15.
    if alen == 4 && blen <= 2 && s1 != '.' {
        return month_value(a, b)
            .filter(|_| (1..=12).contains(&b))
            .map(|v| (i + 3, v));
    }
    if blen == 4 && alen <= 2 && s1 != '.' {
        return month_value(b, a)
            .filter(|_| (1..=12).contains(&a))
            .map(|v| (i + 3, v));
    }
    // Month/day with no year: only when the day cannot be a denominator of a
    // small fraction ("1/2" is a half) and a reference date exists.
    if alen <= 2 && blen <= 2 && s1 != '.' && b > 12 && (1..=12).contains(&a) {
        let r = cx.reference?;
        return nearest_md(r, a as u8, b as u8, None).map(|d| (i + 3, dv(d)));
    }
    None
}

fn spaced_num(cx: &Cx, j: usize) -> Option<(i32, usize)> {
    let t = cx.t.get(j)?;
    if t.kind != Tk::Num || !t.ws {
        return None;
    }
    Some((parse_int(cx.raw(j))?, t.len()))
}

/// The date with this month and day nearest the reference date, or the one
/// falling on `weekday` when a weekday is stated.
fn nearest_md(r: Date, m: u8, d: u8, weekday: Option<u8>) -> Option<Date> {
    let y = r.year() as i32;
    // A date within three months of the reference is that one, whatever
    // weekday the text gives it ("on Tuesday, January 5" in a January 8
    // article is three days ago, not next year): a wrong weekday is the
    // writer's slip, which the consistency checks report. Further away, the
    // weekday picks the year ("Fri, Jul 18" written in February).
    if weekday.is_some() {
        if let Some(near) = nearest_md(r, m, d, None) {
            if (near - r).get_days().abs() <= 92 {
                return Some(near);
            }
        }
    }
    if let Some(w) = weekday {
        // The nearest year in which the date falls on that weekday.
        for k in 0..12 {
            for yy in [y + k, y - k] {
                if let Some(dt) = ymd(yy, m as i32, d as i32) {
                    if wday(dt) == w {
                        return Some(dt);
                    }
                }
            }
        }
        return None;
    }
    let mut best: Option<(i64, Date)> = None;
    for yy in [y - 1, y, y + 1] {
        if let Some(dt) = ymd(yy, m as i32, d as i32) {
            let dist = (dt - r).get_days().abs() as i64;
            let dist = (dt.since(r).ok().map_or(dist, |s| s.get_days().abs() as i64)).max(dist);
            if best.is_none_or(|(bd, _)| dist < bd) {
                best = Some((dist, dt));
            }
        }
    }
    best.map(|b| b.1)
}

/// Month first: "January 5, 2026", "Jan. 5", "march 3rd 2015", "June 2025",
/// "June of 1992", "Dec, 2018", "March".
fn month_first(cx: &Cx, i: usize) -> Option<(usize, Value)> {
    let (m, mut j) = month_at(cx, i)?;
    // "Sep-23-2020", "September-2020-23", "Dec-2018", "Dec/2018"
    if let Some(s) = sep_at(cx, j) {
        if let Some((a, alen)) = num_val(cx, j + 1) {
            if sep_at(cx, j + 2) == Some(s) {
                if let Some((b, blen)) = num_val(cx, j + 3) {
                    let (y, d) = if alen == 4 {
                        (a, b)
                    } else if blen == 4 {
                        (b, a)
                    } else {
                        (expand_yy(cx, b), a)
                    };
                    return ymd(y, m as i32, d).map(|d| (j + 4, dv(d)));
                }
            }
            if alen == 4 {
                return month_value(a, m as i32).map(|v| (j + 2, v));
            }
        }
    }
    let lead_ws = cx.t.get(j).is_some_and(|t| t.ws);
    // Day after the month.
    let mut k = j;
    if cx.is_w(k, "the") {
        k += 1;
    }
    if let Some((d, e)) = day_at(cx, k) {
        let glued_ok = lead_ws || cx.tk(k).kind == Tk::Num;
        // "March 3" but not "March 30,000" nor "may 2 times".
        if glued_ok && !cx.is_p_adj(e, ',') || cx.is_p_adj(e, ',') && !cx.num_adj(e + 1, 3) {
            let mut e = e;
            // "July 4th of 1995", "Dec. 31 , 1994", "March 3 2015"
            let mut y_at = e;
            if cx.is_p_at(y_at, ',') {
                y_at += 1;
            }
            if cx.is_w(y_at, "of") || cx.is_w(y_at, "in") {
                y_at += 1;
            }
            let year = year_at(cx, y_at, y_at > e || cx.tk(k).kind == Tk::Word);
            // "Jul 18, Fri"
            let mut wd = None;
            if year.is_none() && cx.is_p_at(e, ',') {
                if let Some(w) =
                    cx.t.get(e + 1)
                        .and_then(|t| t.lex)
                        .map(|l| l.wday)
                        .filter(|&w| w > 0)
                {
                    wd = Some(w);
                    e += 2;
                }
            }
            if let Some((y, ye)) = year {
                return ymd(y, m as i32, d as i32).map(|dt| (ye, dv(dt)));
            }
            if cx.tk(i).key() == "may" && !cx.raw(i).starts_with('M') {
                return None;
            }
            let r = cx.reference?;
            return nearest_md(r, m, d, wd).map(|dt| (e, dv(dt)));
        }
    }
    // Month and year: "June 2025", "june of 1992", "Dec, 2018", "April of 87".
    let mut k = j;
    let mut two = false;
    if cx.is_p_at(k, ',') {
        k += 1;
    } else if cx.is_w(k, "of") {
        k += 1;
        two = true;
    }
    if let Some((y, e)) = year_at(cx, k, two) {
        if cx.tk(k).ws || k > j {
            return month_value(y, m as i32).map(|v| (e, v));
        }
    }
    // A month alone.
    let capital = cx.raw(i).starts_with(|c: char| c.is_ascii_uppercase());
    let full = cx.tk(i).key().len() > 3 || cx.tk(i).key() == "may";
    if full && capital {
        if let Some(r) = cx.reference {
            // "March after next"
            if cx.is_w(j, "after") && cx.is_w(j + 1, "next") {
                let y = r.year() as i32 + if (m as i8) > r.month() { 1 } else { 2 };
                return month_value(y, m as i32).map(|v| (j + 2, v));
            }
            // "March in a year", "October in 2 years": that month of the
            // year the shifted date falls in.
            if cx.is_w(j, "in") {
                if let Some((v, u, e)) = one_duration(cx, j + 1) {
                    if matches!(u, DurationUnit::Year) {
                        if let Some(Value::Date { date }) = shift(r, v, u, 1) {
                            let y = date.first_day().year() as i32;
                            return month_value(y, m as i32).map(|v| (e, v));
                        }
                    }
                }
            }
        }
    }
    if !bare_month_ok(cx, i) {
        return None;
    }
    let r = cx.reference?;
    if cx.is_w(j, "after") && cx.is_w(j + 1, "next") {
        let y = r.year() as i32 + if (m as i8) > r.month() { 1 } else { 2 };
        return month_value(y, m as i32).map(|v| (j + 2, v));
    }
    j = j.max(i + 1);
    let (y, mo) = resolve_month(cx, i, r, m);
    month_value(y, mo).map(|v| (j, v))
}

/// Whether [`month_first`], the only grammar besides [`holiday`] that reads
/// at a month word, reads a date at `i`. Asked before trying every grammar
/// at "may", which news text uses far more often as a verb ("may be").
pub(crate) fn month_first_reads(cx: &Cx, i: usize) -> bool {
    month_first(cx, i).is_some()
}

/// The year of a month named alone, by tense (see the module doc).
fn resolve_month(cx: &Cx, i: usize, r: Date, m: u8) -> (i32, i32) {
    let y = r.year() as i32;
    let rm = r.month() as i32;
    let m = m as i32;
    let prev = if i > 0 { cx.tk(i - 1).key() } else { "" };
    if prev == "this" {
        return (y, m);
    }
    match cx.tense(i) {
        Tense::Past => (if m <= rm { y } else { y - 1 }, m),
        Tense::Future => (if m >= rm { y } else { y + 1 }, m),
        Tense::None => {
            let fwd = (m - rm).rem_euclid(12);
            if fwd <= 6 {
                (if m >= rm { y } else { y + 1 }, m)
            } else {
                (if m <= rm { y } else { y - 1 }, m)
            }
        }
    }
}

/// Day first: "5 January", "14april 2015", "the 15th of february", "4th of
/// July", "twenty five January nineteen eighty six", "28 june in 2020".
fn day_first(cx: &Cx, i: usize) -> Option<(usize, Value)> {
    let mut k = i;
    if cx.is_w(k, "the") {
        k += 1;
    }
    let (d, mut e) = day_at(cx, k)?;
    if cx.is_w(e, "day") && cx.tk(k).kind == Tk::Word || cx.is_w(e, "day") && e > k + 1 {
        e += 1;
    }
    let mut j = e;
    let of = cx.is_w(j, "of") || cx.is_w(j, "in");
    if of {
        j += 1;
    }
    if let Some((m, me)) = month_at(cx, j) {
        let key = cx.tk(j).key();
        if (key == "may" || key == "march") && !of && cx.tk(k).kind == Tk::Word {
            return None;
        }
        let mut ye = me;
        if cx.is_p_at(ye, ',') {
            ye += 1;
        }
        if cx.is_w(ye, "of") || cx.is_w(ye, "in") {
            ye += 1;
        }
        if let Some((y, end)) = year_at(cx, ye, true) {
            return ymd(y, m as i32, d as i32).map(|dt| (end, dv(dt)));
        }
        let r = cx.reference?;
        return nearest_md(r, m, d, None).map(|dt| (me, dv(dt)));
    }
    // "20 of next month", "the 15th day of next month", "20th of the current month"
    if of {
        let mut q = j;
        if cx.is_w(q, "the") {
            q += 1;
        }
        let r = cx.reference?;
        let off = match cx.t.get(q).map_or("", |t| t.key()) {
            "next" | "following" => 1,
            "this" | "current" => 0,
            "last" | "previous" => -1,
            _ => return None,
        };
        if !cx.is_w(q + 1, "month") {
            return None;
        }
        let base = add_months(r.first_of_month(), off)?;
        return ymd(base.year() as i32, base.month() as i32, d as i32).map(|dt| (q + 2, dv(dt)));
    }
    // "the 15th", "on the first": the next such day of a month.
    if k > i && (cx.tk(k).kind != Tk::Word || ordinal(cx, k).is_some()) {
        let ordinal_form = ordinal(cx, k).is_some();
        if !ordinal_form {
            return None;
        }
        // "on the 15th", "by the first", or standing alone ("The 1st."); not
        // "set it up the 21st" nor "around the 21st".
        let lead_ok = i == 0
            || cx.tk(i - 1).kind == Tk::Punct
            || matches!(
                cx.tk(i - 1).key(),
                "on" | "by" | "until" | "till" | "since" | "before" | "after"
            );
        if !lead_ok {
            return None;
        }
        let r = cx.reference?;
        let next = cx.t.get(e).map_or("", |t| t.key());
        if cx.t.get(e).is_some_and(|t| t.kind == Tk::Word)
            && !matches!(next, "and" | "or" | "at" | "of" | "in" | "on")
        {
            return None;
        }
        let this = ymd(r.year() as i32, r.month() as i32, d as i32);
        let dt = match this {
            Some(dt) if dt >= r => dt,
            _ => {
                let n = add_months(r.first_of_month(), 1)?;
                ymd(n.year() as i32, n.month() as i32, d as i32)?
            }
        };
        return Some((e, dv(dt)));
    }
    None
}

/// A year alone: "2019", "in 2014 A.D.", "in 14 a.d.".
fn year_alone(cx: &Cx, i: usize) -> Option<(usize, Value)> {
    let t = &cx.tk(i);
    let len = t.len();
    let y = parse_int(cx.raw(i))?;
    let prev = if i > 0 { cx.tk(i - 1).key() } else { "" };
    // "in 14 a.d."
    let ad_end = era(cx, i + 1);
    if let Some(e) = ad_end {
        return year_value(y).map(|v| (e, v));
    }
    if len != 4 {
        return None;
    }
    // "in 2017 April": a year, then a month name.
    if (1000..=2999).contains(&y) && matches!(prev, "in" | "since" | "of" | "by" | "until") {
        if let Some(nt) = cx.t.get(i + 1) {
            let key = nt.key();
            if nt.ws
                && nt.kind == Tk::Word
                && nt.lex.is_some_and(|l| l.month > 0)
                && key.len() > 3
                && key != "march"
                && day_at(cx, i + 2).is_none()
            {
                return month_value(y, nt.lex.map_or(0, |l| l.month) as i32).map(|v| (i + 2, v));
            }
        }
    }
    if i > 0
        && !t.ws
        && !cx.tk(i - 1).is_p('=')
        && !cx.tk(i - 1).is_p('(')
        && !cx.tk(i - 1).is_p('\'')
    {
        return None;
    }
    // "2026:" ends a headline ("Beijing Summit 2026: …"); "2026:30" is a
    // clock or a ratio.
    if cx.word_adj(i + 1) || cx.num_adj(i + 1, 0) || cx.is_p_adj(i + 1, ':') && cx.num_adj(i + 2, 0)
    {
        return None;
    }
    if (cx.is_p_adj(i + 1, '.') || cx.is_p_adj(i + 1, ',')) && cx.num_adj(i + 2, 0) {
        return None;
    }
    // "2013-14": a span of years, not a date.
    if cx.t.get(i + 1).is_some_and(|t| t.is_dash() && !t.ws) && cx.num_adj(i + 2, 0) {
        return None;
    }
    // "32 - 2015", "2015 - 32": linked by a dash to a number that is no
    // year, it is a score, a range or a code.
    let short_num = |j: usize| {
        cx.t.get(j)
            .is_some_and(|t| t.kind == Tk::Num && t.len() != 4)
    };
    if cx.t.get(i + 1).is_some_and(|t| t.is_dash()) && short_num(i + 2)
        || i >= 2 && cx.tk(i - 1).is_dash() && short_num(i - 2)
    {
        return None;
    }
    // "ABC 2000", "XP 2010": after an acronym, a model or product name.
    if i > 0 && t.ws && prev.is_empty() && {
        let p = cx.raw(i - 1);
        cx.tk(i - 1).kind == Tk::Word && p.len() >= 2 && p.bytes().all(|b| b.is_ascii_uppercase())
    } {
        return None;
    }
    let strong = matches!(
        prev,
        "in" | "since"
            | "year"
            | "of"
            | "by"
            | "until"
            | "till"
            | "from"
            | "during"
            | "before"
            | "after"
            | "between"
            | "and"
            | "early"
            | "late"
            | "mid"
            | "fy"
            | "cy"
    );
    if (1900..=2100).contains(&y) || strong && (1000..=2999).contains(&y) {
        return year_value(y).map(|v| (i + 1, v));
    }
    None
}

fn era(cx: &Cx, j: usize) -> Option<usize> {
    let t = cx.t.get(j)?;
    if t.is("ad") || t.is("bc") {
        let mut e = j + 1;
        if cx.is_p_adj(e, '.') {
            e += 1;
        }
        return t.is("ad").then_some(e);
    }
    if t.kind == Tk::Word
        && cx.raw(j).eq_ignore_ascii_case("a")
        && cx.is_p_adj(j + 1, '.')
        && cx
            .t
            .get(j + 2)
            .is_some_and(|t| !t.ws && cx.raw(j + 2).eq_ignore_ascii_case("d"))
    {
        let mut e = j + 3;
        if cx.is_p_adj(e, '.') {
            e += 1;
        }
        return Some(e);
    }
    None
}

/// Years led by words: "the year 2008", "calendar year 2008", "cy 2008",
/// "cy18", "two thousand and twenty" after "in".
/// The words a year follows ("year 1986", "FY 2020", "year of 1842"): of
/// the units of time, the only ones a date starts at.
pub(crate) const YEAR_LEADS: &[&str] = &["year", "cy", "fy"];

/// Whether a year can follow the [`YEAR_LEADS`] word at `i` the way
/// [`year_words`] reads it: [`year_at`] reads digits, an apostrophe ("FY
/// '19") or a number word, nothing else.
pub(crate) fn may_lead_year(cx: &Cx, i: usize) -> bool {
    let j = if cx.is_w(i + 1, "of") { i + 2 } else { i + 1 };
    cx.t.get(j).is_some_and(|t| {
        t.kind == Tk::Num || t.is_p('\'') || t.lex.is_some_and(|l| l.card.is_some())
    })
}

fn year_words(cx: &Cx, i: usize) -> Option<(usize, Value)> {
    let t = &cx.tk(i);
    let key = t.key();
    if YEAR_LEADS.contains(&key) {
        let mut j = i + 1;
        if cx.is_w(j, "of") {
            j += 1;
        }
        if let Some((y, e)) = year_at(cx, j, key != "year" && !cx.tk(j).ws) {
            return year_value(y).map(|v| (e, v));
        }
        return None;
    }
    if key == "calendar" && cx.is_w(i + 1, "year") {
        if let Some((y, e)) = year_at(cx, i + 2, false) {
            return year_value(y).map(|v| (e, v));
        }
        let r = cx.reference?;
        if i > 0 && cx.tk(i - 1).is("this") {
            return year_value(r.year() as i32).map(|v| (i + 2, v));
        }
        return None;
    }
    // Words after "in": "in nineteen ninety six", "in two thousand and fifteen".
    if i > 0 && cx.tk(i - 1).is("in") {
        if let Some((y, e)) = word_year(cx, i) {
            if !cx
                .t
                .get(e)
                .is_some_and(|t| t.kind == Tk::Word && t.lex.is_some_and(|l| l.dur.is_some()))
            {
                return year_value(y).map(|v| (e, v));
            }
        }
    }
    None
}

/// A weekday, alone or with a date: "Tuesday", "Monday, Feb 18", "Tuesday the
/// 19th", "Thu 15th", "next Tuesday" is handled by `relative_word`.
fn weekday(cx: &Cx, i: usize) -> Option<(usize, Value)> {
    let t = &cx.tk(i);
    let w = t.lex?.wday;
    if w == 0 || t.lex?.wday_plural {
        return None;
    }
    let mut end = i + 1;
    if cx.is_p_adj(end, '.') && cx.raw(i).len() <= 4 {
        end += 1;
    }
    if recurring_weekday(cx, i, end) {
        return None;
    }
    // With a date after it.
    let mut k = end;
    if cx.is_p_at(k, ',') {
        k += 1;
    }
    if let Some((e, v)) = month_first(cx, k)
        .filter(|_| cx.tk(k).lex.is_some_and(|l| l.month > 0))
        .or_else(|| numeric(cx, k))
    {
        if let Value::Date { date } = v {
            if date.day_number().is_some() {
                // Re-resolve a yearless month-day so it falls on the weekday.
                if let (Some(r), Some(m), Some(d)) =
                    (cx.reference, date.month_number(), date.day_number())
                {
                    if !has_year(cx, k, e) {
                        if let Some(dt) = nearest_md(r, m as u8, d as u8, Some(w)) {
                            return Some((e, dv(dt)));
                        }
                    }
                }
                return Some((e, v));
            }
        }
    }
    let r = cx.reference;
    // "Tuesday the 19th", "Monday 21", "Thu 15th"
    let mut k2 = end;
    if cx.is_w(k2, "the") {
        k2 += 1;
    }
    if let Some((d, e)) = day_at(cx, k2) {
        if !cx.t.get(e).is_some_and(|t| {
            t.kind == Tk::Word && t.lex.is_some_and(|l| l.month > 0 || l.dur.is_some())
        }) {
            let r = r?;
            // The nearest month (from this one on) whose day falls on the weekday.
            for k in 0..24 {
                let base = add_months(r.first_of_month(), k)?;
                if let Some(dt) = ymd(base.year() as i32, base.month() as i32, d as i32) {
                    if wday(dt) == w && dt >= r {
                        return Some((e, dv(dt)));
                    }
                }
            }
            return None;
        }
    }
    // Abbreviations that are also words ("sun", "sat", "wed") stand alone only
    // when nothing else is around them.
    let key = t.key();
    if key.len() <= 4 && key != "tues" && key != "thur" && key != "thurs" {
        let prev_ok = i == 0 || cx.tk(i - 1).kind == Tk::Punct || cx.tk(i - 1).is("on");
        let next_ok = cx.t.get(end).is_none_or(|t| t.kind == Tk::Punct);
        if !(prev_ok && next_ok) {
            return None;
        }
    }
    let r = r?;
    // "monday of this week", "wednesday next week", "wednesday after next"
    let mut j = end;
    if cx.is_w(j, "of") {
        j += 1;
    }
    if cx.is_w(j, "the") {
        j += 1;
    }
    let wk = match cx.t.get(j).map_or("", |t| t.key()) {
        "this" | "current" => Some(0),
        "next" | "following" => Some(1),
        "last" | "previous" | "past" => Some(-1),
        _ => None,
    };
    if let Some(off) = wk {
        if cx.is_w(j + 1, "week") {
            return week_day(r, off, w).map(|d| (j + 2, dv(d)));
        }
    }
    if cx.is_w(end, "after") && cx.is_w(end + 1, "next") {
        let d = next_weekday(r, w)?;
        return add_days(d, 7).map(|d| (end + 2, dv(d)));
    }
    // "sunday from last week"
    if cx.is_w(end, "from")
        && cx
            .t
            .get(end + 1)
            .is_some_and(|t| matches!(t.key(), "last" | "next" | "this"))
        && cx.is_w(end + 2, "week")
    {
        let off = match cx.tk(end + 1).key() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        return week_day(r, off, w).map(|d| (end + 3, dv(d)));
    }
    let d = match cx.tense(i) {
        Tense::Past => prev_weekday_incl(r, w),
        _ => next_weekday(r, w),
    }?;
    Some((end, dv(d)))
}

/// The word at `j` is one of `ws` (compared without case; works for words
/// the lexicon does not know).
fn raw_in(cx: &Cx, j: usize, ws: &[&str]) -> bool {
    cx.t.get(j).is_some_and(|t| t.kind == Tk::Word)
        && ws.iter().any(|w| cx.raw(j).eq_ignore_ascii_case(w))
}

/// A weekday that names a recurrence, not a day: "every Monday", "each
/// Friday", "every other Sunday", "Tuesday afternoons".
fn recurring_weekday(cx: &Cx, i: usize, end: usize) -> bool {
    (i > 0 && raw_in(cx, i - 1, &["every", "each", "other", "alternate"]))
        || raw_in(cx, end, &["mornings", "afternoons", "evenings", "nights"])
}

fn has_year(cx: &Cx, from: usize, to: usize) -> bool {
    (from..to).any(|k| cx.tk(k).kind == Tk::Num && cx.tk(k).len() == 4)
}

/// The weekday `w` of the week `off` weeks from the reference week (weeks
/// start on Monday).
fn week_day(r: Date, off: i64, w: u8) -> Option<Date> {
    let monday = add_days(r, -(wday(r) as i64 - 1))?;
    add_days(monday, off * 7 + (w as i64 - 1))
}

/// The first weekday `w` strictly after `r`.
fn next_weekday(r: Date, w: u8) -> Option<Date> {
    let diff = (w as i64 - wday(r) as i64).rem_euclid(7);
    add_days(r, if diff == 0 { 7 } else { diff })
}

/// The last weekday `w` on or before `r`.
fn prev_weekday_incl(r: Date, w: u8) -> Option<Date> {
    let diff = (wday(r) as i64 - w as i64).rem_euclid(7);
    add_days(r, -diff)
}

/// The last weekday `w` strictly before `r`.
fn prev_weekday(r: Date, w: u8) -> Option<Date> {
    let diff = (wday(r) as i64 - w as i64).rem_euclid(7);
    add_days(r, if diff == 0 { -7 } else { -diff })
}

/// Relative words: "today", "yesterday", "the day after tomorrow", "last
/// year", "next month", "this week's …", "next Tuesday", "last Monday of
/// March", "the first Monday of this month", "last day of october 2015".
fn relative_word(cx: &Cx, i: usize) -> Option<(usize, Value)> {
    let t = &cx.tk(i);
    let key = t.key();
    // "first tuesday of october", "last Sunday of March 2014", "fifth last day of May"
    if let Some(r) = nth_weekday_of(cx, i) {
        return Some(r);
    }
    let r = cx.reference?;
    match key {
        "today" | "otd" | "tonight" => return Some((i + 1, dv(r))),
        "tomorrow" | "tomorrows" | "tmrw" => return add_days(r, 1).map(|d| (i + 1, dv(d))),
        "yesterday" => return add_days(r, -1).map(|d| (i + 1, dv(d))),
        // "the ides of March": the 15th of March, May, July and October,
        // the 13th of the other months.
        "the" if raw_in(cx, i + 1, &["ides"]) && cx.is_w(i + 2, "of") => {
            let (m, e) = month_at(cx, i + 3)?;
            let d = if matches!(m, 3 | 5 | 7 | 10) { 15 } else { 13 };
            if let Some((y, ye)) = year_at(cx, e, false) {
                return ymd(y, m as i32, d).map(|dt| (ye, dv(dt)));
            }
            return nearest_md(r, m, d as u8, None).map(|dt| (e, dv(dt)));
        }
        "the" if cx.is_w(i + 1, "day") => {
            let (off, e) = match cx.t.get(i + 2).map_or("", |t| t.key()) {
                "after" if cx.is_w(i + 3, "tomorrow") => (2, i + 4),
                "before" if cx.is_w(i + 3, "yesterday") => (-2, i + 4),
                _ => return None,
            };
            return add_days(r, off).map(|d| (e, dv(d)));
        }
        _ => {}
    }
    // Modifier + unit/weekday/month/holiday.
    let mut j = i;
    let mut off: i64 = match key {
        "this" | "current" => 0,
        "next" | "following" | "coming" | "upcoming" => 1,
        "last" | "previous" | "past" => -1,
        _ => return None,
    };
    j += 1;
    // "this past Wednesday", "this upcoming Friday", "this coming Monday"
    if key == "this" {
        match cx.t.get(j).map_or("", |t| t.key()) {
            "past" => {
                off = -1;
                j += 1;
            }
            "upcoming" | "coming" => {
                off = 1;
                j += 1;
            }
            _ => {}
        }
    }
    let nt = cx.t.get(j)?;
    let nk = nt.key();
    match nk {
        "year" | "yr" => return year_value(r.year() as i32 + off as i32).map(|v| (j + 1, v)),
        "month" => {
            let d = add_months(r.first_of_month(), off)?;
            return month_value(d.year() as i32, d.month() as i32).map(|v| (j + 1, v));
        }
        "calendar" if cx.is_w(j + 1, "year") => {
            return year_value(r.year() as i32 + off as i32).map(|v| (j + 2, v))
        }
        "week" => {
            let (w, k) = weekday_after_week(cx, j)?;
            return week_day(r, off, w).map(|d| (k + 1, dv(d)));
        }
        _ => {}
    }
    if let Some(w) = nt
        .lex
        .map(|l| l.wday)
        .filter(|&w| w > 0 && !nt.lex.is_some_and(|l| l.wday_plural))
    {
        // "next Tuesday" is the Tuesday of next week and "last Tuesday" that of
        // last week, as calendars speak; "coming"/"past" are the nearest ones.
        let d = match (cx.tk(j - 1).key(), off) {
            // "this Monday": the one of this week in a past-tense sentence,
            // else the coming one (today included).
            (_, 0) if cx.tense(i) == Tense::Past => week_day(r, 0, w),
            (_, 0) => add_days(r, (w as i64 - wday(r) as i64).rem_euclid(7)),
            ("next" | "following", _) => week_day(r, 1, w),
            ("last" | "previous", _) => week_day(r, -1, w),
            (_, 1) => next_weekday(r, w),
            _ => prev_weekday(r, w),
        }?;
        return Some((j + 1, dv(d)));
    }
    if let Some((m, e)) = month_at(cx, j) {
        let is_may = cx.tk(j).key() == "may";
        if (cx.tk(j).key().len() > 3 && !is_may) || (is_may && cx.raw(j) == "May") {
            let y = r.year() as i32;
            let rm = r.month() as i32;
            let m = m as i32;
            let y = match off {
                0 => y,
                1 => {
                    if m > rm {
                        y
                    } else {
                        y + 1
                    }
                }
                _ => {
                    if m < rm {
                        y
                    } else {
                        y - 1
                    }
                }
            };
            return month_value(y, m).map(|v| (e, v));
        }
    }
    if let Some((hd, e)) = holiday_at(cx, j, r, off) {
        return Some((e, dv(hd)));
    }
    None
}

/// The weekday [`relative_word`] reads after "week" at `j` ("next week
/// Wednesday", "last week's sunday", "previous week - Monday") and its
/// token: "last week" alone is no date it reads.
fn weekday_after_week(cx: &Cx, j: usize) -> Option<(u8, usize)> {
    let mut k = j + 1;
    if cx.is_p_adj(k, '\'') && cx.is_w(k + 1, "s") {
        k += 2;
    }
    if cx.t.get(k).is_some_and(|t| t.is_dash()) {
        k += 1;
    }
    let w = cx.t.get(k).and_then(|t| t.lex).map(|l| l.wday)?;
    (w > 0).then_some((w, k))
}

/// Whether a date led by "this" at `i` can go on at the next token. Of the
/// grammars only [`relative_word`] reads at "this" (the others start with a
/// number, a currency or words of their own), and after an optional "past",
/// "coming" or "upcoming" it reads on only at "year", "yr", "month",
/// "calendar", "week", a weekday, a month or a holiday name (whose first
/// word [`start_words`] lists, so it leads_holiday): not "this is", "this
/// government".
pub(crate) fn may_follow_this(cx: &Cx, i: usize) -> bool {
    let mut j = i + 1;
    if matches!(
        cx.t.get(j).map_or("", |t| t.key()),
        "past" | "coming" | "upcoming"
    ) {
        j += 1;
    }
    modifier_goes_on(cx, j)
}

/// Whether [`relative_word`] reads on after its modifier ("this", "last")
/// at token `j`: "year", "yr", "month", "calendar", "week" before a weekday
/// ([`weekday_after_week`]: "last week" alone, the commonest, reads none),
/// a weekday, a month or a holiday name that matches there.
fn modifier_goes_on(cx: &Cx, j: usize) -> bool {
    cx.t.get(j).and_then(|t| t.lex).is_some_and(|l| {
        matches!(l.key, "year" | "yr" | "month" | "calendar")
            || (l.key == "week" && weekday_after_week(cx, j).is_some())
            || l.wday > 0
            || l.month > 0
            // Only a name that matches, as `holiday_at` reads it: "the" and
            // "new" lead names too ("following the", "last new").
            || (l.leads_holiday && holiday_at_name(cx, j))
    })
}

/// Whether a date led by "next", "following", "coming", "previous", "past"
/// or "current" at `i` can go on at the next token. Only [`relative_word`]
/// reads at them (none is a number word, a vague amount or the first word
/// of a currency or holiday name; [`relative_amount`] reads "next two
/// weeks" but keeps none of it), and only as a modifier
/// ([`modifier_goes_on`]): not "next season", "past two years".
pub(crate) fn may_follow_modifier(cx: &Cx, i: usize) -> bool {
    modifier_goes_on(cx, i + 1)
}

/// Whether a date led by "last" at `i` can go on at the next token. Only
/// [`relative_word`] reads at "last" ("last" is no number word): as
/// [`nth_weekday_of`], which wants a weekday or "day" next ("last Sunday of
/// March", "last day of May"), or as a modifier ([`modifier_goes_on`]):
/// not "last session", "last two".
pub(crate) fn may_follow_last(cx: &Cx, i: usize) -> bool {
    cx.is_w(i + 1, "day") || modifier_goes_on(cx, i + 1)
}

/// Whether a date led by "the" at `i` can go on at token `i + 1`. Four
/// grammars read past a leading "the": [`day_first`] a day ([`day_at`]:
/// digits, or an ordinal or number in words, which [`ordinal`] and [`words`]
/// start only at a word [`may_start_words`] accepts), [`nth_weekday_of`]
/// "last" or an ordinal, [`relative_word`] "ides" or "day", and [`holiday`]
/// a name led by "the", whose second word [`start_words`] lists (so it
/// [`super::lexicon::Lex::leads_holiday`]).
/// No other grammar reads at "the": the rest start with a number, a currency
/// (no currency name starts with "the") or a word of their own. Before
/// digits, "last" or a number word the first two are asked outright
/// ([`the_day_reads`]): "the first time" has the shape of a day but reads none.
pub(crate) fn may_follow_the(cx: &Cx, i: usize) -> bool {
    let Some(t) = cx.t.get(i + 1) else {
        return false;
    };
    match t.kind {
        // Digits only as a day or an ordinal that reads on: "the 15th",
        // "the 3 of May", not "the 1987 report" (the year is read at the
        // digits) nor "the 2 sides".
        Tk::Num => the_day_reads(cx, i),
        Tk::Punct => false,
        Tk::Word => match t.lex {
            Some(l) => {
                matches!(l.key, "day" | "ides")
                    || ((l.key == "last" || may_start_words(l, true)) && the_day_reads(cx, i))
                    || (l.leads_holiday && holiday_at_name(cx, i))
            }
            // "ides" is in the lexicon; this only keeps the test as
            // `relative_word` makes it, by the raw text.
            None => t.len() == 4 && raw_in(cx, i + 1, &["ides"]),
        },
    }
}

/// Whether [`day_first`] or [`nth_weekday_of`], the grammars that read a
/// day or an ordinal after "the" at `i`, read a date there. Most "the
/// first", "the last", "the two" of news text read none ("the first time",
/// "the last year"), and asking these two costs far less than every
/// grammar; the date they read is read again by [`date`].
fn the_day_reads(cx: &Cx, i: usize) -> bool {
    day_first(cx, i).is_some() || nth_weekday_of(cx, i).is_some()
}

/// "first tuesday of october [2014]", "last Monday of March", "the first
/// Monday of this month", "last day of october 2015", "third day of october".
fn nth_weekday_of(cx: &Cx, i: usize) -> Option<(usize, Value)> {
    let mut k = i;
    if cx.is_w(k, "the") {
        k += 1;
    }
    let (n, mut e) = if cx.is_w(k, "last") {
        (-1i64, k + 1)
    } else {
        let o = ordinal(cx, k)?;
        (o.v as i64, o.end)
    };
    // "fifth last day of May"
    let mut from_end = n < 0;
    let mut n = n.abs();
    if n > 0 && cx.is_w(e, "last") && !from_end {
        from_end = true;
        e += 1;
    }
    let t = cx.t.get(e)?;
    // "the third month of 2021", "the 9th month of next year"
    if t.is("month") && cx.is_w(e + 1, "of") && (1..=12).contains(&n) && !from_end {
        let j = e + 2;
        if let Some((y, ye)) = year_at(cx, j, false) {
            return month_value(y, n as i32).map(|v| (ye, v));
        }
        let off = match cx.t.get(j).map_or("", |t| t.key()) {
            "this" | "current" => 0,
            "next" | "following" => 1,
            "last" | "previous" => -1,
            _ => return None,
        };
        if cx.is_w(j + 1, "year") {
            let r = cx.reference?;
            return month_value(r.year() as i32 + off, n as i32).map(|v| (j + 2, v));
        }
        return None;
    }
    let w = t.lex.map(|l| l.wday).unwrap_or(0);
    let is_day = t.is("day");
    if w == 0 && !is_day {
        return None;
    }
    let mut j = e + 1;
    if !(cx.is_w(j, "of") || cx.is_w(j, "in")) {
        return None;
    }
    j += 1;
    if cx.is_w(j, "the") {
        j += 1;
    }
    // The month: a month name (with an optional year) or this/next/last month.
    let (y, m, end) = if let Some((m, me)) = month_at(cx, j) {
        let (y, ye) = match year_at(cx, me, false) {
            Some((y, ye)) => (y, ye),
            None => {
                let r = cx.reference?;
                let y = r.year() as i32;
                (
                    if (m as i8) < r.month() && !is_day {
                        y + 1
                    } else {
                        y
                    },
                    me,
                )
            }
        };
        (y, m as i32, ye)
    } else {
        let r = cx.reference?;
        let off = match cx.t.get(j).map_or("", |t| t.key()) {
            "this" | "current" => 0,
            "next" | "following" => 1,
            "last" | "previous" => -1,
            "month" => {
                j -= 1;
                0
            }
            _ => return None,
        };
        if !cx.is_w(j + 1, "month") {
            return None;
        }
        let b = add_months(r.first_of_month(), off)?;
        (b.year() as i32, b.month() as i32, j + 2)
    };
    let first = ymd(y, m, 1)?;
    let last = first.last_of_month();
    if n == 0 {
        n = 1;
    }
    let d = if is_day {
        if from_end {
            add_days(last, -(n - 1))
        } else {
            ymd(y, m, n as i32)
        }
    } else if from_end {
        let diff = (wday(last) as i64 - w as i64).rem_euclid(7);
        add_days(last, -diff - 7 * (n - 1))
    } else {
        let diff = (w as i64 - wday(first) as i64).rem_euclid(7);
        add_days(first, diff + 7 * (n - 1)).filter(|d| d.month() as i32 == m)
    }?;
    Some((end, dv(d)))
}

/// Amounts of time anchored to the reference date: "three weeks ago", "in 2
/// weeks", "3 years from today", "2 weeks before May 13 1999", "upcoming two
/// days", "3 fridays from now", "a fortnight later".
fn relative_amount(cx: &Cx, i: usize, hedged: bool) -> Option<(usize, Value)> {
    let t = &cx.tk(i);
    let key = t.key();
    // "in 2 weeks": future, unless the sentence speaks of a span ("the first
    // visit in seven years", "hasn't happened in years").
    if key == "in" || key == "within" {
        let (v, u, e) = one_duration(cx, i + 1)?;
        if key == "within" || hedged || cx.span_context(i) {
            return None;
        }
        if cx.is_w(e, "since") {
            return None;
        }
        let r = cx.reference?;
        return shift(r, v, u, 1).map(|v| (e, v));
    }
    if matches!(key, "upcoming" | "next") {
        let (v, u, e) = one_duration(cx, i + 1)?;
        if key == "next" || v == 1.0 && cx.tk(i + 1).key() != "one" && cx.tk(i + 1).kind != Tk::Num
        {
            return None;
        }
        let r = cx.reference?;
        return shift_upcoming(r, v, u).map(|v| (e, v));
    }
    // "3 fridays from now", "2 thursdays ago"
    let n = super::number::cardinal(cx, i, false);
    // "two upcoming days", "2 upcoming months"
    if let Some(n) = &n {
        if cx.is_w(n.end, "upcoming") && n.int {
            if let Some(u) = cx.t.get(n.end + 1).and_then(|t| t.lex).and_then(|l| l.dur) {
                let r = cx.reference?;
                return shift_upcoming(r, n.v, u).map(|v| (n.end + 2, v));
            }
        }
    }
    if let Some(n) = n {
        if let Some(w) =
            cx.t.get(n.end)
                .and_then(|t| t.lex)
                .filter(|l| l.wday_plural)
                .map(|l| l.wday)
        {
            let r = cx.reference?;
            let e = n.end + 1;
            if cx.is_w(e, "from") && cx.is_w(e + 1, "now") {
                let d = add_days(next_weekday(r, w)?, 7 * (n.v as i64 - 1))?;
                return Some((e + 2, dv(d)));
            }
            if cx.is_w(e, "ago") || cx.is_w(e, "back") {
                let d = add_days(prev_weekday(r, w)?, -7 * (n.v as i64 - 1))?;
                return Some((e + 1, dv(d)));
            }
            return None;
        }
    }
    let (v, u, e) = one_duration(cx, i)?;
    // "2 upcoming days"
    if cx.is_w(e, "upcoming") || cx.is_w(e - 1, "upcoming") {
        let r = cx.reference?;
        return shift_upcoming(r, v, u).map(|v| (e + 1, v));
    }
    let mut e = e;
    // Compound: "2 years 1 month 21 days later"
    let mut parts = vec![(v, u)];
    while let Some((v2, u2, e2)) = one_duration(cx, e) {
        parts.push((v2, u2));
        e = e2;
    }
    let nk = cx.t.get(e).map_or("", |t| t.key());
    let dir: i64 = match nk {
        "ago" | "back" | "earlier" | "before" => -1,
        "hence" | "later" | "after" | "from" => 1,
        _ => return None,
    };
    if hedged {
        return None;
    }
    let mut end = e + 1;
    let mut base = cx.reference;
    if matches!(nk, "before" | "after" | "from") {
        // "3 days after January 12th", "2 weeks from tomorrow", "3 years from today", "… from now"
        if cx.is_w(end, "now") || cx.is_w(end, "today") {
            end += 1;
        } else {
            let (e2, v2) = date(cx, end, false)?;
            let Value::Date { date } = v2 else {
                return None;
            };
            base = Some(date.first_day());
            end = e2;
        }
    }
    let mut d = base?;
    for (v, u) in parts {
        match shift(d, v, u, dir)? {
            Value::Date { date } => d = date.first_day(),
            _ => return None,
        }
    }
    // "two years ago" names a month; shorter spans name a day.
    let coarse = matches!(nk, "ago" | "hence") && u == DurationUnit::Year;
    if coarse {
        return month_value(d.year() as i32, d.month() as i32).map(|v| (end, v));
    }
    Some((end, dv(d)))
}

fn shift(r: Date, v: f64, u: DurationUnit, dir: i64) -> Option<Value> {
    if v.fract() != 0.0 || v > 100_000.0 {
        return None;
    }
    let n = v as i64 * dir;
    let d = match u {
        DurationUnit::Day => add_days(r, n)?,
        DurationUnit::Week => add_days(r, 7 * n)?,
        DurationUnit::Fortnight => add_days(r, 14 * n)?,
        DurationUnit::Month => add_months(r, n)?,
        DurationUnit::Quarter => add_months(r, 3 * n)?,
        DurationUnit::Year => add_months(r, 12 * n)?,
        DurationUnit::Decade => add_months(r, 120 * n)?,
        _ => return None,
    };
    Some(dv(d))
}

/// "upcoming two days" is the day two days on; months and years name the
/// month or the year.
fn shift_upcoming(r: Date, v: f64, u: DurationUnit) -> Option<Value> {
    let Value::Date { date } = shift(r, v, u, 1)? else {
        return None;
    };
    let d = date.first_day();
    match u {
        DurationUnit::Month => month_value(d.year() as i32, d.month() as i32),
        DurationUnit::Year => year_value(d.year() as i32),
        _ => Some(dv(d)),
    }
}

/// How a holiday's date is found.
#[derive(Clone, Copy, Debug)]
enum Rule {
    /// A fixed month and day.
    Fixed(u8, u8),
    /// The `n`th weekday `w` of month `m` (`n` = -1: the last).
    Nth(i8, u8, u8),
    /// Days after Western Easter Sunday.
    Easter(i16),
    /// Days after Orthodox Easter Sunday.
    Orthodox(i16),
    /// The day before the fourth Thursday of November plus one (Black Friday).
    ThanksgivingPlus(i8),
    /// A weekday on or before a fixed day (Boss's Day: Oct 16, or the workday
    /// nearest — the US observance moves it to a weekday).
    Boss,
    /// The Saturday nearest Apr 27 when it falls on a Sunday (King's Day).
    Kings,
    /// A holiday of another calendar (`holiday.rs`).
    Lunar(super::holiday::Lunar),
}

/// Holidays with fixed or computable dates. Lunar holidays (Diwali, Eid,
/// Chinese New Year, …) need astronomical tables and are not resolved.
const HOLIDAYS: &[(&str, Rule)] = &[
    ("christmas", Rule::Fixed(12, 25)),
    ("christmas day", Rule::Fixed(12, 25)),
    ("xmas", Rule::Fixed(12, 25)),
    ("christmas eve", Rule::Fixed(12, 24)),
    ("new year's eve", Rule::Fixed(12, 31)),
    ("new years eve", Rule::Fixed(12, 31)),
    ("new year's day", Rule::Fixed(1, 1)),
    ("new years day", Rule::Fixed(1, 1)),
    ("new year day", Rule::Fixed(1, 1)),
    ("new year", Rule::Fixed(1, 1)),
    ("valentine's day", Rule::Fixed(2, 14)),
    ("valentines day", Rule::Fixed(2, 14)),
    ("valentine day", Rule::Fixed(2, 14)),
    ("halloween", Rule::Fixed(10, 31)),
    ("independence day", Rule::Fixed(7, 4)),
    ("st patrick's day", Rule::Fixed(3, 17)),
    ("st patricks day", Rule::Fixed(3, 17)),
    ("st. patrick's day", Rule::Fixed(3, 17)),
    ("saint patrick's day", Rule::Fixed(3, 17)),
    ("saint patricks day", Rule::Fixed(3, 17)),
    ("saint patrick", Rule::Fixed(3, 17)),
    ("st paddy's day", Rule::Fixed(3, 17)),
    ("saint paddy's day", Rule::Fixed(3, 17)),
    ("earth day", Rule::Fixed(4, 22)),
    ("world vegan day", Rule::Fixed(11, 1)),
    ("boss's day", Rule::Boss),
    ("bosses day", Rule::Boss),
    ("boss day", Rule::Boss),
    ("boss's", Rule::Boss),
    ("king's day", Rule::Kings),
    ("koningsdag", Rule::Kings),
    ("thanksgiving", Rule::Nth(4, 4, 11)),
    ("thanksgiving day", Rule::Nth(4, 4, 11)),
    ("black friday", Rule::ThanksgivingPlus(1)),
    ("mlk day", Rule::Nth(3, 1, 1)),
    ("mlk jr. day", Rule::Nth(3, 1, 1)),
    ("mlk Jr. day", Rule::Nth(3, 1, 1)),
    ("martin luther king day", Rule::Nth(3, 1, 1)),
    ("martin luther king's day", Rule::Nth(3, 1, 1)),
    ("martin luther kings day", Rule::Nth(3, 1, 1)),
    ("martin luther king jr. day", Rule::Nth(3, 1, 1)),
    ("civil rights day", Rule::Nth(3, 1, 1)),
    ("memorial day", Rule::Nth(-1, 1, 5)),
    ("labor day", Rule::Nth(1, 1, 9)),
    ("labour day", Rule::Nth(1, 1, 9)),
    ("mother's day", Rule::Nth(2, 7, 5)),
    ("mothers day", Rule::Nth(2, 7, 5)),
    ("father's day", Rule::Nth(3, 7, 6)),
    ("fathers day", Rule::Nth(3, 7, 6)),
    ("easter", Rule::Easter(0)),
    ("easter sunday", Rule::Easter(0)),
    ("easter monday", Rule::Easter(1)),
    ("easter mon", Rule::Easter(1)),
    ("good friday", Rule::Easter(-2)),
    ("maundy thursday", Rule::Easter(-3)),
    ("covenant thu", Rule::Easter(-3)),
    ("thu of mysteries", Rule::Easter(-3)),
    ("holy saturday", Rule::Easter(-1)),
    ("palm sunday", Rule::Easter(-7)),
    ("branch sunday", Rule::Easter(-7)),
    ("ash wednesday", Rule::Easter(-46)),
    ("mardi gras", Rule::Easter(-47)),
    ("shrove tuesday", Rule::Easter(-47)),
    ("pancake day", Rule::Easter(-47)),
    ("ascension day", Rule::Easter(39)),
    ("pentecost", Rule::Easter(49)),
    ("whit sunday", Rule::Easter(49)),
    ("white sunday", Rule::Easter(49)),
    ("whit monday", Rule::Easter(50)),
    ("monday of the holy spirit", Rule::Easter(50)),
    ("trinity sunday", Rule::Easter(56)),
    ("corpus christi", Rule::Easter(60)),
    ("orthodox easter", Rule::Orthodox(0)),
    ("orthodox good friday", Rule::Orthodox(-2)),
    ("orthodox great friday", Rule::Orthodox(-2)),
    ("clean monday", Rule::Orthodox(-48)),
    ("orthodox shrove monday", Rule::Orthodox(-48)),
    ("lazarus saturday", Rule::Orthodox(-8)),
];

/// Whether a holiday name starts at token `i` ("Christmas", "the prophet's
/// ascension"): no date starts at a word of a holiday name otherwise.
pub(crate) fn holiday_at_name(cx: &Cx, i: usize) -> bool {
    holiday_table().longest(cx, i).is_some()
}

fn holiday_table() -> &'static super::phrase::PhraseTable<Rule> {
    static T: std::sync::OnceLock<super::phrase::PhraseTable<Rule>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        super::phrase::PhraseTable::new(
            HOLIDAYS.iter().map(|&(s, r)| (s.to_string(), r)).chain(
                super::holiday::LUNAR_HOLIDAYS
                    .iter()
                    .map(|&(s, r)| (s.to_string(), Rule::Lunar(r))),
            ),
        )
    })
}

/// Western (Gregorian) Easter Sunday, by the anonymous Gregorian algorithm.
fn easter(y: i32) -> Option<Date> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(y, month, day)
}

/// Orthodox Easter Sunday (Julian computus, converted to Gregorian).
fn orthodox_easter(y: i32) -> Option<Date> {
    let a = y % 4;
    let b = y % 7;
    let c = y % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    let julian = ymd(y, month, day)?;
    add_days(julian, (y / 100 - y / 400 - 2) as i64)
}

fn holiday_in(rule: Rule, y: i32) -> Option<Date> {
    match rule {
        Rule::Fixed(m, d) => ymd(y, m as i32, d as i32),
        Rule::Nth(n, w, m) => {
            let first = ymd(y, m as i32, 1)?;
            if n < 0 {
                let last = first.last_of_month();
                let diff = (wday(last) as i64 - w as i64).rem_euclid(7);
                add_days(last, -diff)
            } else {
                let diff = (w as i64 - wday(first) as i64).rem_euclid(7);
                add_days(first, diff + 7 * (n as i64 - 1))
            }
        }
        Rule::Easter(k) => add_days(easter(y)?, k as i64),
        Rule::Orthodox(k) => add_days(orthodox_easter(y)?, k as i64),
        Rule::ThanksgivingPlus(k) => add_days(holiday_in(Rule::Nth(4, 4, 11), y)?, k as i64),
        Rule::Boss => {
            let d = ymd(y, 10, 16)?;
            match wday(d) {
                6 => add_days(d, -1),
                7 => add_days(d, 1),
                _ => Some(d),
            }
        }
        Rule::Lunar(l) => super::holiday::lunar_in(l, y),
        Rule::Kings => {
            let d = ymd(y, 4, 27)?;
            if wday(d) == 7 {
                add_days(d, -1)
            } else {
                Some(d)
            }
        }
    }
}

/// A holiday at `j`, resolved relative to `r`: `off` 0 is the next one (today
/// included), 1 the next one too, -1 the last one before today.
fn holiday_at(cx: &Cx, j: usize, r: Date, off: i64) -> Option<(Date, usize)> {
    let (rule, e) = holiday_table().longest(cx, j)?;
    let y = r.year() as i32;
    let this = holiday_in(*rule, y)?;
    let d = match off {
        -1 => {
            if this < r {
                this
            } else {
                holiday_in(*rule, y - 1)?
            }
        }
        _ => {
            if this >= r {
                this
            } else {
                holiday_in(*rule, y + 1)?
            }
        }
    };
    Some((d, e))
}

/// A holiday, with an optional year: "Christmas", "easter 2010", "thanksgiving
/// of next year", "black friday 2017".
fn holiday(cx: &Cx, i: usize) -> Option<(usize, Value)> {
    let (rule, e) = holiday_table().longest(cx, i)?;
    let mut k = e;
    if cx.is_w(k, "in") || cx.is_w(k, "of") {
        k += 1;
    }
    if let Some((y, ye)) = year_at(cx, k, false) {
        return holiday_in(*rule, y).map(|d| (ye, dv(d)));
    }
    let r = cx.reference?;
    // "thanksgiving in a year", "diwali six years hence", "easter 3 months
    // ago": the holiday of the year that the shifted date falls in.
    if let Some((e2, Value::Date { date })) = relative_amount(cx, e, false) {
        return holiday_in(*rule, date.first_day().year() as i32).map(|d| (e2, dv(d)));
    }
    if cx.is_w(e, "of")
        && cx
            .t
            .get(e + 1)
            .is_some_and(|t| matches!(t.key(), "this" | "next" | "last"))
        && cx.is_w(e + 2, "year")
    {
        let y = r.year() as i32
            + match cx.tk(e + 1).key() {
                "next" => 1,
                "last" => -1,
                _ => 0,
            };
        return holiday_in(*rule, y).map(|d| (e + 3, dv(d)));
    }
    let (d, e) = holiday_at(cx, i, r, 0)?;
    Some((e, dv(d)))
}

#[cfg(test)]
mod tests {
    use super::super::tests::check_ref;

    /// The holiday table is asked only at words marked `leads_holiday`
    /// (`narrow_starts`, `modifier_goes_on`) or, at "the", where the next
    /// word is (`may_follow_the`): every word at which a holiday name
    /// matches, and the word after a matching "the", must be.
    #[test]
    fn words_leading_a_holiday_lead_holiday() {
        let names = super::HOLIDAYS.iter().map(|(s, _)| *s);
        let lunar = super::super::holiday::LUNAR_HOLIDAYS
            .iter()
            .map(|(s, _)| *s);
        let text: String = names.chain(lunar).map(|s| format!("{s} . ")).collect();
        let mut toks = Vec::new();
        super::super::token::tokenize(&text, &mut toks);
        let cx = super::super::Cx::new(&text, &toks, None);
        let mut seen = 0;
        for (i, t) in toks.iter().enumerate() {
            if let (Some(l), true) = (t.lex, super::holiday_at_name(&cx, i)) {
                assert!(l.leads_holiday, "{:?}", l.key);
                seen += 1;
                if l.key == "the" {
                    let next = toks[i + 1].lex.expect("a word of the lexicon");
                    assert!(next.leads_holiday, "{:?}", next.key);
                }
            }
        }
        assert!(seen > 50, "{seen} names matched");
    }

    #[test]
    fn parse_int_reads_as_str_parse() {
        let mut cases: Vec<String> = [
            "",
            "0",
            "00",
            "07",
            "31",
            "2026",
            "999999999",
            "000000000",
            "1000000000",
            "2147483647",
            "2147483648",
            "0002147483647",
            "99999999999",
            "+5",
            "-5",
            "1a",
            " 1",
            "１２",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every length of digit run, with and without leading zeros.
        for len in 1..=12 {
            cases.push("9".repeat(len));
            cases.push(format!("0{}", "7".repeat(len)));
        }
        for c in &cases {
            assert_eq!(super::parse_int(c), c.parse::<i32>().ok(), "{c:?}");
        }
    }

    #[test]
    fn absolute_dates() {
        check_ref(
            "2026-01-05",
            "On January 5, 2026, they met",
            &["January 5, 2026|date 2026-01-05"],
        );
        check_ref("2026-01-05", "Jan. 5", &["Jan. 5|date 2026-01-05"]);
        check_ref(
            "2026-01-05",
            "5 January 2026",
            &["5 January 2026|date 2026-01-05"],
        );
        check_ref("2026-01-05", "2026-01-05", &["2026-01-05|date 2026-01-05"]);
        check_ref("2026-01-05", "1/2/2013", &["1/2/2013|date 2013-01-02"]);
        check_ref("2026-01-05", "in June 2025", &["June 2025|date 2025-06"]);
        check_ref(
            "2026-01-05",
            "the first since 2019",
            &["first|ordinal 1", "2019|date 2019"],
        );
    }

    #[test]
    fn relative_dates() {
        check_ref(
            "2026-01-05",
            "met in Beijing on January 6",
            &["January 6|date 2026-01-06"],
        );
        check_ref(
            "2026-01-05",
            "since taking office in June, he",
            &["June|date 2025-06"],
        );
        check_ref(
            "2026-01-05",
            "at last year's APEC summit",
            &["last year|date 2025"],
        );
        check_ref("2026-01-05", "yesterday", &["yesterday|date 2026-01-04"]);
        check_ref("2026-01-05", "next month", &["next month|date 2026-02"]);
        check_ref(
            "2013-02-12",
            "three weeks ago",
            &["three weeks ago|date 2013-01-22"],
        );
        check_ref("2013-02-12", "in a week", &["in a week|date 2013-02-19"]);
        check_ref("2013-02-12", "christmas", &["christmas|date 2013-12-25"]);
        check_ref(
            "2013-02-12",
            "easter 2010",
            &["easter 2010|date 2010-04-04"],
        );
        check_ref(
            "2026-01-07",
            "On Tuesday, Lee met Zhao",
            &["Tuesday|date 2026-01-06"],
        );
    }

    #[test]
    fn holidays_of_other_calendars() {
        check_ref(
            "2023-06-01",
            "families gathered for Diwali this year",
            &["Diwali|date 2023-11-12", "this year|date 2023"],
        );
        check_ref(
            "2023-06-01",
            "shops closed for Lunar New Year 2024",
            &["Lunar New Year 2024|date 2024-02-10"],
        );
        check_ref(
            "2023-06-01",
            "after Eid al-Fitr 2024",
            &["Eid al-Fitr 2024|date 2024-04-10"],
        );
        check_ref(
            "2023-06-01",
            "a rally on Easter Monday",
            &["Easter Monday|date 2024-04-01"],
        );
        check_ref(
            "2023-06-01",
            "the fair reopens Easter in 2 years",
            &["Easter in 2 years|date 2025-04-20"],
        );
    }

    #[test]
    fn recurrences_and_codes_are_not_dates() {
        check_ref("2023-06-01", "The club meets every Thursday.", &[]);
        check_ref("2023-06-01", "She works Saturday nights.", &[]);
        check_ref(
            "2023-06-01",
            "we could meet around the 9th",
            &["9th|ordinal 9"],
        );
        check_ref(
            "2023-06-01",
            "the deadline is on the 9th",
            &["the 9th|date 2023-06-09"],
        );
        check_ref(
            "2023-06-01",
            "the final score was 2019 - 35",
            &["2019|number 2019", "35|number 35"],
        );
        check_ref("2023-06-01", "the XR 2000 scanner", &["2000|number 2000"]);
    }

    #[test]
    fn weekday_with_a_near_date_keeps_the_nearest_year() {
        check_ref(
            "2026-01-08",
            "They met on Tuesday, January 5.",
            &["Tuesday, January 5|date 2026-01-05"],
        );
        check_ref(
            "2025-02-01",
            "The fair opens Sun, Aug 9",
            &["Sun, Aug 9|date 2026-08-09"],
        );
    }

    #[test]
    fn more_date_phrases() {
        check_ref(
            "2024-01-10",
            "Caesar fell on the ides of March",
            &["the ides of March|date 2024-03-15"],
        );
        check_ref(
            "2024-01-10",
            "three upcoming weeks",
            &["three upcoming weeks|date 2024-01-31"],
        );
        check_ref(
            "2024-01-10",
            "June in 2 years",
            &["June in 2 years|date 2026-06"],
        );
        check_ref("2024-01-10", "9june 2021", &["9june 2021|date 2021-06-09"]);
        check_ref(
            "2024-01-10",
            "they moved in 2019 October",
            &["2019 October|date 2019-10"],
        );
        check_ref(
            "2024-01-10",
            "the fourth month of next year",
            &["the fourth month of next year|date 2025-04"],
        );
        check_ref(
            "2024-01-10",
            "Lisbon Forum 2024: a preview",
            &["2024|date 2024"],
        );
        check_ref(
            "2024-01-10",
            "Let's meet this Friday.",
            &["this Friday|date 2024-01-12"],
        );
    }

    #[test]
    fn may_the_verb_is_not_a_date() {
        check_ref("2016-11-07", "This may take longer than expected.", &[]);
        check_ref("2016-11-07", "May I ask what this is for?", &[]);
    }
}
