//! Amounts with a unit: money ("$273 billion", "₩1.2tn", "20 ringgit and 43
//! sen"), percentages ("12.5 per cent", "3 percentage points"), physical
//! quantities ("900 kilometers", "7 feet, 10 inches", "98.6 °F") and
//! durations ("four-day", "an hour and a half", "2 years, 3 months").
//!
//! Each grammar starts from a number (see `number`) and looks for its unit
//! before or after it in a phrase table. Quantities are converted to SI here;
//! compound amounts ("2 km and 1 meter") are summed in the smallest unit.

use std::sync::OnceLock;

use super::lexicon::Lvl;
use super::number::{and_fraction, cardinal, words};
use super::phrase::{words_of, PhraseTable};
use super::token::Tk;
use super::Cx;
use crate::quantity::{Currency, DurationUnit, Unit, Value};

/// Where a currency word may stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pos {
    /// Before or after the amount: symbols and codes.
    Both,
    /// Only after: names that are ordinary words before a number ("won").
    After,
    /// A subunit after the amount ("cents"), worth `factor` of the unit.
    Sub,
}

#[derive(Debug)]
struct CurWord {
    code: Option<&'static str>,
    /// `$` and `¥` alone do not say which dollar or yen.
    assumed: bool,
    factor: f64,
    pos: Pos,
}

/// Currency spellings: (spelling, ISO code or none, assumed, pos, factor).
/// Names like "dinars" or "pesos" name a currency family, not one currency,
/// so they carry no code.
const MONEY: &[(&str, Option<&str>, bool, Pos, f64)] = &[
    ("$", Some("USD"), true, Pos::Both, 1.0),
    ("US$", Some("USD"), false, Pos::Both, 1.0),
    ("U.S.$", Some("USD"), false, Pos::Both, 1.0),
    ("US $", Some("USD"), false, Pos::Both, 1.0),
    ("us $", Some("USD"), false, Pos::Both, 1.0),
    ("us$", Some("USD"), false, Pos::Both, 1.0),
    ("C $", Some("CAD"), false, Pos::Both, 1.0),
    ("c $", Some("CAD"), false, Pos::Both, 1.0),
    ("HK $", Some("HKD"), false, Pos::Both, 1.0),
    ("hk $", Some("HKD"), false, Pos::Both, 1.0),
    ("A $", Some("AUD"), false, Pos::Both, 1.0),
    ("a $", Some("AUD"), false, Pos::Both, 1.0),
    ("S $", Some("SGD"), false, Pos::Both, 1.0),
    ("USD", Some("USD"), false, Pos::Both, 1.0),
    ("usd$", Some("USD"), false, Pos::Both, 1.0),
    ("aud$", Some("AUD"), false, Pos::Both, 1.0),
    ("cad$", Some("CAD"), false, Pos::Both, 1.0),
    ("nzd$", Some("NZD"), false, Pos::Both, 1.0),
    ("Mex$", Some("MXN"), false, Pos::Both, 1.0),
    ("u.s $", Some("USD"), false, Pos::Both, 1.0),
    ("u.s. $", Some("USD"), false, Pos::Both, 1.0),
    // Millions written as a prefix to the code, as in financial reports.
    ("MUSD", Some("USD"), false, Pos::Both, 1e6),
    ("MEUR", Some("EUR"), false, Pos::Both, 1e6),
    ("MGBP", Some("GBP"), false, Pos::Both, 1e6),
    ("MAUD", Some("AUD"), false, Pos::Both, 1e6),
    ("MCAD", Some("CAD"), false, Pos::Both, 1e6),
    ("MCHF", Some("CHF"), false, Pos::Both, 1e6),
    ("MSEK", Some("SEK"), false, Pos::Both, 1e6),
    ("₡", Some("CRC"), false, Pos::Both, 1.0),
    ("₾", Some("GEL"), false, Pos::Both, 1.0),
    ("₭", Some("LAK"), false, Pos::Both, 1.0),
    ("元", Some("CNY"), false, Pos::After, 1.0),
    ("chinese yuan", Some("CNY"), false, Pos::After, 1.0),
    ("turkish lira", Some("TRY"), false, Pos::After, 1.0),
    ("turkish liras", Some("TRY"), false, Pos::After, 1.0),
    ("markka", None, false, Pos::After, 1.0),
    ("markkaa", None, false, Pos::After, 1.0),
    ("peseta", None, false, Pos::After, 1.0),
    ("pesetas", None, false, Pos::After, 1.0),
    ("escudos", None, false, Pos::After, 1.0),
    ("francs", None, false, Pos::After, 1.0),
    ("€", Some("EUR"), false, Pos::Both, 1.0),
    ("€ur", Some("EUR"), false, Pos::After, 1.0),
    ("EUR", Some("EUR"), false, Pos::Both, 1.0),
    ("£", Some("GBP"), true, Pos::Both, 1.0),
    ("GBP", Some("GBP"), false, Pos::Both, 1.0),
    ("¥", Some("JPY"), true, Pos::Both, 1.0),
    ("￥", Some("JPY"), true, Pos::Both, 1.0),
    ("JPY", Some("JPY"), false, Pos::Both, 1.0),
    ("₩", Some("KRW"), false, Pos::Both, 1.0),
    ("KRW", Some("KRW"), false, Pos::Both, 1.0),
    ("₹", Some("INR"), false, Pos::Both, 1.0),
    ("INR", Some("INR"), false, Pos::Both, 1.0),
    ("Rs", Some("INR"), false, Pos::Both, 1.0),
    ("Rs.", Some("INR"), false, Pos::Both, 1.0),
    ("RM", Some("MYR"), false, Pos::Both, 1.0),
    ("MYR", Some("MYR"), false, Pos::Both, 1.0),
    ("C$", Some("CAD"), false, Pos::Both, 1.0),
    ("CA$", Some("CAD"), false, Pos::Both, 1.0),
    ("CAD", Some("CAD"), false, Pos::Both, 1.0),
    ("A$", Some("AUD"), false, Pos::Both, 1.0),
    ("AU$", Some("AUD"), false, Pos::Both, 1.0),
    ("AUD", Some("AUD"), false, Pos::Both, 1.0),
    ("HK$", Some("HKD"), false, Pos::Both, 1.0),
    ("HKD", Some("HKD"), false, Pos::Both, 1.0),
    ("S$", Some("SGD"), false, Pos::Both, 1.0),
    ("SGD", Some("SGD"), false, Pos::Both, 1.0),
    ("NZ$", Some("NZD"), false, Pos::Both, 1.0),
    ("NZD", Some("NZD"), false, Pos::Both, 1.0),
    ("R$", Some("BRL"), false, Pos::Both, 1.0),
    ("BRL", Some("BRL"), false, Pos::Both, 1.0),
    ("NT$", Some("TWD"), false, Pos::Both, 1.0),
    ("TWD", Some("TWD"), false, Pos::Both, 1.0),
    ("MX$", Some("MXN"), false, Pos::Both, 1.0),
    ("MXN$", Some("MXN"), false, Pos::Both, 1.0),
    ("mxn$", Some("MXN"), false, Pos::Both, 1.0),
    ("MXN", Some("MXN"), false, Pos::Both, 1.0),
    ("CHF", Some("CHF"), false, Pos::Both, 1.0),
    ("CNY", Some("CNY"), false, Pos::Both, 1.0),
    ("RMB", Some("CNY"), false, Pos::Both, 1.0),
    ("CN¥", Some("CNY"), false, Pos::Both, 1.0),
    ("₽", Some("RUB"), false, Pos::Both, 1.0),
    ("RUB", Some("RUB"), false, Pos::Both, 1.0),
    ("₫", Some("VND"), false, Pos::Both, 1.0),
    ("VND", Some("VND"), false, Pos::Both, 1.0),
    ("฿", Some("THB"), false, Pos::Both, 1.0),
    ("THB", Some("THB"), false, Pos::Both, 1.0),
    ("₪", Some("ILS"), false, Pos::Both, 1.0),
    ("ILS", Some("ILS"), false, Pos::Both, 1.0),
    ("NIS", Some("ILS"), false, Pos::Both, 1.0),
    ("₺", Some("TRY"), false, Pos::Both, 1.0),
    ("TRY", Some("TRY"), false, Pos::Both, 1.0),
    ("₦", Some("NGN"), false, Pos::Both, 1.0),
    ("NGN", Some("NGN"), false, Pos::Both, 1.0),
    ("₱", Some("PHP"), false, Pos::Both, 1.0),
    ("PHP", Some("PHP"), false, Pos::Both, 1.0),
    ("₴", Some("UAH"), false, Pos::Both, 1.0),
    ("UAH", Some("UAH"), false, Pos::Both, 1.0),
    ("ZAR", Some("ZAR"), false, Pos::Both, 1.0),
    ("SEK", Some("SEK"), false, Pos::Both, 1.0),
    ("NOK", Some("NOK"), false, Pos::Both, 1.0),
    ("DKK", Some("DKK"), false, Pos::Both, 1.0),
    ("PLN", Some("PLN"), false, Pos::Both, 1.0),
    ("QAR", Some("QAR"), false, Pos::Both, 1.0),
    ("KWD", Some("KWD"), false, Pos::Both, 1.0),
    ("LBP", Some("LBP"), false, Pos::Both, 1.0),
    ("EGP", Some("EGP"), false, Pos::Both, 1.0),
    ("SAR", Some("SAR"), false, Pos::Both, 1.0),
    ("AED", Some("AED"), false, Pos::Both, 1.0),
    ("BGN", Some("BGN"), false, Pos::Both, 1.0),
    ("MNT", Some("MNT"), false, Pos::Both, 1.0),
    ("IDR", Some("IDR"), false, Pos::Both, 1.0),
    ("PKR", Some("PKR"), false, Pos::Both, 1.0),
    ("BTC", Some("BTC"), false, Pos::Both, 1.0),
    ("₿", Some("BTC"), false, Pos::Both, 1.0),
    ("LE", Some("EGP"), false, Pos::After, 1.0),
    ("L.E", Some("EGP"), false, Pos::After, 1.0),
    ("L.E.", Some("EGP"), false, Pos::After, 1.0),
    ("l.e.", Some("EGP"), false, Pos::After, 1.0),
    ("le", Some("EGP"), false, Pos::After, 1.0),
    ("dollar", Some("USD"), true, Pos::After, 1.0),
    ("dollars", Some("USD"), true, Pos::After, 1.0),
    ("buck", Some("USD"), true, Pos::After, 1.0),
    ("bucks", Some("USD"), true, Pos::After, 1.0),
    ("us dollar", Some("USD"), false, Pos::After, 1.0),
    ("us dollars", Some("USD"), false, Pos::After, 1.0),
    ("u.s. dollar", Some("USD"), false, Pos::After, 1.0),
    ("u.s. dollars", Some("USD"), false, Pos::After, 1.0),
    ("american dollars", Some("USD"), false, Pos::After, 1.0),
    ("australian dollar", Some("AUD"), false, Pos::After, 1.0),
    ("australian dollars", Some("AUD"), false, Pos::After, 1.0),
    ("canadian dollar", Some("CAD"), false, Pos::After, 1.0),
    ("canadian dollars", Some("CAD"), false, Pos::After, 1.0),
    ("hong kong dollars", Some("HKD"), false, Pos::After, 1.0),
    ("singapore dollars", Some("SGD"), false, Pos::After, 1.0),
    ("new zealand dollars", Some("NZD"), false, Pos::After, 1.0),
    ("taiwan dollars", Some("TWD"), false, Pos::After, 1.0),
    ("new taiwan dollars", Some("TWD"), false, Pos::After, 1.0),
    ("euro", Some("EUR"), false, Pos::After, 1.0),
    ("euros", Some("EUR"), false, Pos::After, 1.0),
    ("pound", Some("GBP"), true, Pos::After, 1.0),
    ("pounds", Some("GBP"), true, Pos::After, 1.0),
    ("pounds sterling", Some("GBP"), false, Pos::After, 1.0),
    ("sterling", Some("GBP"), false, Pos::After, 1.0),
    ("british pounds", Some("GBP"), false, Pos::After, 1.0),
    ("lebanese pound", Some("LBP"), false, Pos::After, 1.0),
    ("lebanese pounds", Some("LBP"), false, Pos::After, 1.0),
    ("egyptian pound", Some("EGP"), false, Pos::After, 1.0),
    ("egyptian pounds", Some("EGP"), false, Pos::After, 1.0),
    ("egyptianpound", Some("EGP"), false, Pos::After, 1.0),
    ("geneh", Some("EGP"), false, Pos::After, 1.0),
    ("genihat masriya", Some("EGP"), false, Pos::After, 1.0),
    ("yen", Some("JPY"), false, Pos::After, 1.0),
    ("yuan", Some("CNY"), false, Pos::After, 1.0),
    ("renminbi", Some("CNY"), false, Pos::After, 1.0),
    ("won", Some("KRW"), false, Pos::After, 1.0),
    ("rupee", Some("INR"), false, Pos::After, 1.0),
    ("rupees", Some("INR"), false, Pos::After, 1.0),
    ("ringgit", Some("MYR"), false, Pos::Both, 1.0),
    ("ringgits", Some("MYR"), false, Pos::Both, 1.0),
    ("malaysia ringgit", Some("MYR"), false, Pos::Both, 1.0),
    ("malaysia ringgits", Some("MYR"), false, Pos::Both, 1.0),
    ("malaysian ringgit", Some("MYR"), false, Pos::Both, 1.0),
    ("malaysian ringgits", Some("MYR"), false, Pos::Both, 1.0),
    ("dinar", None, false, Pos::After, 1.0),
    ("dinars", None, false, Pos::After, 1.0),
    ("kuwaiti dinar", Some("KWD"), false, Pos::After, 1.0),
    ("kuwaiti dinars", Some("KWD"), false, Pos::After, 1.0),
    ("riyal", None, false, Pos::After, 1.0),
    ("riyals", None, false, Pos::After, 1.0),
    ("rial", None, false, Pos::After, 1.0),
    ("rials", None, false, Pos::After, 1.0),
    ("qatari riyal", Some("QAR"), false, Pos::After, 1.0),
    ("qatari riyals", Some("QAR"), false, Pos::After, 1.0),
    ("saudi riyal", Some("SAR"), false, Pos::After, 1.0),
    ("saudi riyals", Some("SAR"), false, Pos::After, 1.0),
    ("saudiriyal", Some("SAR"), false, Pos::After, 1.0),
    ("shekel", Some("ILS"), false, Pos::After, 1.0),
    ("shekels", Some("ILS"), false, Pos::After, 1.0),
    ("tugrik", Some("MNT"), false, Pos::After, 1.0),
    ("tugriks", Some("MNT"), false, Pos::After, 1.0),
    ("hryvnia", Some("UAH"), false, Pos::After, 1.0),
    ("hryvnias", Some("UAH"), false, Pos::After, 1.0),
    ("rouble", Some("RUB"), false, Pos::After, 1.0),
    ("roubles", Some("RUB"), false, Pos::After, 1.0),
    ("ruble", Some("RUB"), false, Pos::After, 1.0),
    ("rubles", Some("RUB"), false, Pos::After, 1.0),
    ("franc", None, false, Pos::After, 1.0),
    ("francs", None, false, Pos::After, 1.0),
    ("swiss francs", Some("CHF"), false, Pos::After, 1.0),
    ("peso", None, false, Pos::After, 1.0),
    ("pesos", None, false, Pos::After, 1.0),
    ("mexican pesos", Some("MXN"), false, Pos::After, 1.0),
    ("guilder", None, false, Pos::After, 1.0),
    ("guilders", None, false, Pos::After, 1.0),
    ("dutch guilders", None, false, Pos::After, 1.0),
    ("baht", Some("THB"), false, Pos::After, 1.0),
    ("dong", Some("VND"), false, Pos::After, 1.0),
    ("lira", Some("TRY"), false, Pos::After, 1.0),
    ("naira", Some("NGN"), false, Pos::After, 1.0),
    ("rand", Some("ZAR"), false, Pos::After, 1.0),
    ("zloty", Some("PLN"), false, Pos::After, 1.0),
    ("zlotys", Some("PLN"), false, Pos::After, 1.0),
    ("krona", None, false, Pos::After, 1.0),
    ("kronor", None, false, Pos::After, 1.0),
    ("krone", None, false, Pos::After, 1.0),
    ("kroner", None, false, Pos::After, 1.0),
    ("bitcoin", Some("BTC"), false, Pos::After, 1.0),
    ("bitcoins", Some("BTC"), false, Pos::After, 1.0),
    ("cent", None, false, Pos::Sub, 0.01),
    ("cents", None, false, Pos::Sub, 0.01),
    ("c", None, false, Pos::Sub, 0.01),
    ("¢", None, false, Pos::Sub, 0.01),
    ("penny", None, false, Pos::Sub, 0.01),
    ("pennies", None, false, Pos::Sub, 0.01),
    ("pence", None, false, Pos::Sub, 0.01),
    ("p", None, false, Pos::Sub, 0.01),
    ("dime", Some("USD"), false, Pos::Sub, 0.1),
    ("dimes", Some("USD"), false, Pos::Sub, 0.1),
    ("nickel", Some("USD"), false, Pos::Sub, 0.05),
    ("nickels", Some("USD"), false, Pos::Sub, 0.05),
    ("sen", Some("MYR"), false, Pos::Sub, 0.01),
    ("sens", Some("MYR"), false, Pos::Sub, 0.01),
    ("paise", Some("INR"), false, Pos::Sub, 0.01),
    ("kopiyka", Some("UAH"), false, Pos::Sub, 0.01),
    ("kopiykas", Some("UAH"), false, Pos::Sub, 0.01),
    ("kopecks", Some("RUB"), false, Pos::Sub, 0.01),
];

/// Units of time beyond `DurationUnit::parse`: (spelling, unit, multiplier).
const TIME_WORDS: &[(&str, DurationUnit, f64)] = &[
    ("night", DurationUnit::Day, 1.0),
    ("nights", DurationUnit::Day, 1.0),
    ("Ma", DurationUnit::Year, 1e6),
    ("Ga", DurationUnit::Year, 1e9),
    ("megaannum", DurationUnit::Year, 1e6),
    ("gigaannum", DurationUnit::Year, 1e9),
    ("millennium", DurationUnit::Year, 1e3),
    ("millennia", DurationUnit::Year, 1e3),
];

fn money_table() -> &'static PhraseTable<CurWord> {
    static T: OnceLock<PhraseTable<CurWord>> = OnceLock::new();
    T.get_or_init(|| {
        PhraseTable::new(MONEY.iter().map(|&(s, code, assumed, pos, factor)| {
            (
                s.to_string(),
                CurWord {
                    code,
                    assumed,
                    factor,
                    pos,
                },
            )
        }))
    })
}

/// Spellings the extractor reads but the rule language does not accept as
/// unit names: lowercase scale letters after "degrees", common misspellings,
/// inverse seconds, and "b" for bits (only in a sentence about data, see
/// `one_quantity`). (spelling, symbol of the unit in `Unit::all`).
const EXTRA_UNITS: &[(&str, &str)] = &[
    ("degrees c", "°C"),
    ("degree c", "°C"),
    ("deg c", "°C"),
    ("deg C", "°C"),
    ("deg celsius", "°C"),
    ("°c", "°C"),
    ("° c", "°C"),
    ("celcius", "°C"),
    ("degrees celcius", "°C"),
    ("degree celcius", "°C"),
    ("centigrate", "°C"),
    ("degrees f", "°F"),
    ("degree f", "°F"),
    ("deg f", "°F"),
    ("deg F", "°F"),
    ("deg fahrenheit", "°F"),
    ("°f", "°F"),
    ("° f", "°F"),
    ("farenheit", "°F"),
    ("degrees farenheit", "°F"),
    ("degree farenheit", "°F"),
    ("fahrenheight", "°F"),
    ("s-1", "Hz"),
    ("s^-1", "Hz"),
    ("s⁻¹", "Hz"),
    ("b", "bit"),
];

fn unit_table() -> &'static PhraseTable<&'static Unit> {
    static T: OnceLock<PhraseTable<&'static Unit>> = OnceLock::new();
    T.get_or_init(|| {
        let extra = EXTRA_UNITS.iter().filter_map(|&(s, sym)| {
            let u = Unit::all().iter().find(|u| u.symbol == sym)?;
            Some((s.to_string(), u))
        });
        PhraseTable::new(
            Unit::all()
                .iter()
                .flat_map(|u| u.spellings.iter().map(move |s| (s.to_string(), u)))
                .chain(extra),
        )
    })
}

/// Words that make a sentence about temperature: a bare degree sign or a
/// letter "C" or "F" after a number is then a temperature.
const HEAT_WORDS: &[&str] = &[
    "temperature",
    "temperatures",
    "temp",
    "celsius",
    "centigrade",
    "fahrenheit",
    "kelvin",
    "weather",
    "hot",
    "hotter",
    "hottest",
    "cold",
    "colder",
    "coldest",
    "warm",
    "warmer",
    "warmest",
    "heat",
    "heatwave",
    "thermometer",
    "boil",
    "boils",
    "boiling",
    "freeze",
    "freezes",
    "freezing",
    "melt",
    "melts",
    "melting",
    "outside",
    "highs",
    "lows",
];

/// Words that make a sentence about data: "b" after a number is then bits.
const DATA_WORDS: &[&str] = &[
    "data",
    "packet",
    "packets",
    "bit",
    "bits",
    "byte",
    "bytes",
    "bandwidth",
    "transmit",
    "transmits",
    "transmitted",
    "transfer",
    "download",
    "upload",
    "memory",
    "storage",
    "server",
    "network",
    "file",
    "files",
];

/// Whether the sentence around token `i` has one of `words` (compared
/// case-insensitively), or, for temperature, a "°C"/"°F" sign.
fn sentence_has(cx: &Cx, i: usize, words: &[&str]) -> bool {
    let (s, e) = clause_bounds(cx, i);
    let mut buf = [0u8; 16];
    (s..e.min(cx.t.len())).any(|k| {
        let t = cx.tk(k);
        if t.kind != Tk::Word {
            return false;
        }
        let raw = cx.raw(k).as_bytes();
        if raw.len() > buf.len() || !raw.is_ascii() {
            return false;
        }
        for (d, c) in buf.iter_mut().zip(raw) {
            *d = c.to_ascii_lowercase();
        }
        let w = std::str::from_utf8(&buf[..raw.len()]).unwrap_or("");
        words.contains(&w)
            || (words == HEAT_WORDS
                && matches!(w, "c" | "f")
                && k > 0
                && cx.tk(k - 1).is_p('°')
                && !t.ws)
    })
}

/// The clause around token `i`, up to 20 tokens back and 15 on: bounded by
/// ";" and by sentence ends, not by decimal points.
fn clause_bounds(cx: &Cx, i: usize) -> (usize, usize) {
    let stop = |k: usize| {
        let t = cx.tk(k);
        t.kind == Tk::Punct
            && (matches!(t.ch, '!' | '?' | ';') || (t.ch == '.' && !cx.num_adj(k + 1, 0)))
    };
    let mut s = i;
    while s > 0 && i - s < 20 && !stop(s - 1) {
        s -= 1;
    }
    let mut e = i;
    while e < cx.t.len() && e - i < 15 && !stop(e) {
        e += 1;
    }
    (s, e)
}

/// The temperature scale a bare degree at `i` is on, in a sentence about
/// temperature: the nearest scale named after it ("−40° on the Celsius
/// scale"), else before it.
fn named_scale(cx: &Cx, i: usize) -> Option<&'static Unit> {
    let (s, e) = clause_bounds(cx, i);
    let scale = |k: usize| -> Option<&'static str> {
        let w = cx.raw(k);
        if w.eq_ignore_ascii_case("celsius") || w.eq_ignore_ascii_case("centigrade") {
            Some("°C")
        } else if w.eq_ignore_ascii_case("fahrenheit") {
            Some("°F")
        } else {
            None
        }
    };
    let found = (i..e.min(cx.t.len()))
        .find_map(scale)
        .or_else(|| (s..i).rev().find_map(scale))?;
    Unit::lookup(found)
}

/// A unit in brackets straight after a number: "20 (kg)", "5 [m]".
fn bracketed_unit(cx: &Cx, j: usize) -> Option<(&'static &'static Unit, usize)> {
    let open = cx.t.get(j)?;
    let close = match open.ch {
        '(' if open.kind == Tk::Punct => ')',
        '[' if open.kind == Tk::Punct => ']',
        '{' if open.kind == Tk::Punct => '}',
        '<' if open.kind == Tk::Punct => '>',
        _ => return None,
    };
    if !cx.word_adj(j + 1) {
        return None;
    }
    let (u, e) = unit_table().longest(cx, j + 1)?;
    cx.is_p_adj(e, close).then_some((u, e + 1))
}

/// "thick", "long", "wide" after "2 in": the size the inches measure.
fn size_adjective(cx: &Cx, k: usize) -> bool {
    let w = cx.raw(k).to_ascii_lowercase();
    matches!(
        w.as_str(),
        "thick" | "long" | "wide" | "tall" | "high" | "deep" | "across" | "thin"
    ) && cx
        .t
        .get(k + 1)
        .is_none_or(|t| t.kind == Tk::Punct && !t.is_dash() || t.is("and"))
}

/// Seconds in a unit of time after "per" or "/" in a speed: "per
/// millisecond", "/s", "per hour".
fn per_time(cx: &Cx, k: usize) -> Option<(f64, usize)> {
    let t = cx.t.get(k)?;
    if t.kind != Tk::Word || cx.word_adj(k + 1) {
        return None;
    }
    let secs = match cx.raw(k).to_ascii_lowercase().as_str() {
        "ms" | "millisecond" | "milliseconds" | "msec" => 1e-3,
        "s" | "sec" | "second" => 1.0,
        "min" | "minute" => 60.0,
        "h" | "hr" | "hour" => 3600.0,
        _ => return None,
    };
    Some((secs, k + 1))
}

fn time_table() -> &'static PhraseTable<(DurationUnit, f64)> {
    static T: OnceLock<PhraseTable<(DurationUnit, f64)>> = OnceLock::new();
    T.get_or_init(|| PhraseTable::new(TIME_WORDS.iter().map(|&(s, u, k)| (s.to_string(), (u, k)))))
}

/// Every word in the money, unit and time tables, for the lexicon.
/// The first word of every currency spelling ("US$", "Rs", "usd"): money
/// can start there.
pub(crate) fn start_words() -> Vec<String> {
    MONEY
        .iter()
        .filter_map(|(s, ..)| words_of(s).next())
        .collect()
}

pub(crate) fn phrase_words() -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for (s, ..) in MONEY {
        v.extend(words_of(s));
    }
    for u in Unit::all() {
        for s in u.spellings {
            v.extend(words_of(s));
        }
    }
    for (s, _) in EXTRA_UNITS {
        v.extend(words_of(s));
    }
    for (s, ..) in TIME_WORDS {
        v.extend(words_of(s));
    }
    v
}

fn currency(w: &CurWord) -> Option<Currency> {
    let code = w.code?;
    let c = Currency::from_code(code)?;
    Some(Currency {
        code: c.code,
        assumed: w.assumed,
    })
}

/// Money at token `i`.
pub(crate) fn money(cx: &Cx, i: usize) -> Option<(usize, Value)> {
    let table = money_table();
    // "($99.99)": an accountant's negative, a bare amount in parentheses;
    // not a conversion after another amount ("€50 ($55)") nor "(about $5)".
    if cx.is_p_at(i, '(') && cx.tk(i + 1).kind != Tk::Word {
        let after_amount = i > 0 && {
            let p = cx.tk(i - 1);
            p.kind == Tk::Num
                || p.lex.is_some_and(|l| l.card.is_some())
                || table.longest(cx, i - 1).is_some()
                || (p.kind == Tk::Word && i > 1 && cx.tk(i - 2).kind == Tk::Num && !p.ws)
        };
        if !after_amount && !cx.tk(i + 1).ws {
            if let Some((end, Value::Money { amount, currency })) = money(cx, i + 1) {
                if cx.is_p_adj(end, ')') && amount > 0.0 {
                    return Some((
                        end + 1,
                        Value::Money {
                            amount: -amount,
                            currency,
                        },
                    ));
                }
            }
        }
    }
    // Currency first: "$273 billion", "US$ 3.14", "RM42", "ringgit 42".
    if let Some((w, j)) = table.longest(cx, i) {
        // "try one": a lowercase word that spells a code is a code only
        // before digits.
        let raw = cx.raw(i);
        let lower_code = cx.tk(i).kind == Tk::Word
            && raw.len() == 3
            && raw.bytes().all(|b| b.is_ascii_lowercase())
            && j == i + 1;
        if w.pos == Pos::Both && !cx.word_adj_before(i) && !(lower_code && cx.tk(j).kind != Tk::Num)
        {
            let n = cardinal(cx, j, true)?;
            let mut amount = n.v * w.factor;
            let mut end = n.end;
            // "US$ 4.7 billion USD" rarely; "$20 and 43c", "$20 43".
            if let Some((c, e)) = cents(cx, end) {
                amount += c;
                end = e;
            }
            return Some((
                end,
                Value::Money {
                    amount,
                    currency: currency(w),
                },
            ));
        }
    }
    // "a dollar", "a penny": one of the unit, when no noun follows.
    if (cx.is_w(i, "a") || cx.is_w(i, "an")) && cx.tk(i + 1).kind == Tk::Word {
        if let Some((w, end)) = table.longest(cx, i + 1) {
            let k = cx.tk(i + 1).key();
            let free = cx.t.get(end).is_none_or(|t| {
                t.kind == Tk::Punct
                    || matches!(t.key(), "a" | "an" | "and" | "or" | "for" | "per" | "each")
            });
            if free
                && matches!(
                    k,
                    "dollar" | "euro" | "penny" | "cent" | "dime" | "nickel" | "yen" | "rupee"
                )
            {
                return Some((
                    end,
                    Value::Money {
                        amount: w.factor,
                        currency: currency(w),
                    },
                ));
            }
        }
    }
    // Amount first: "10 dollars", "20€", "42 KWD", "20 million pounds", "3 dimes".
    let n = cardinal(cx, i, true)?;
    // "a 12-cent dividend", "a one-yen bid"
    let at = if cx.tk(n.end).is_dash() && !cx.tk(n.end).ws && cx.word_adj(n.end + 1) {
        n.end + 1
    } else {
        n.end
    };
    let Some((w, mut end)) = table.longest(cx, at) else {
        return foreign_name(cx, n.v, at);
    };
    // "1 $10 bill", "3 USD50": the sign belongs to the amount after it.
    if cx.num_adj(end, 0) {
        return None;
    }
    let glued = !cx.tk(at).ws;
    let key = cx.tk(at).key();
    if matches!(key, "c" | "p" | "le") && cx.word_adj(end) {
        return None;
    }
    if key == "p" && !glued {
        return None;
    }
    if matches!(key, "pound" | "pounds") {
        // "a twenty-pound bag", "a ten pound note" is money only with "note".
        let modifier = key == "pound"
            && (at != n.end
                || cx.tk(n.end).ws
                    && cx.t.get(end).is_some_and(|t| {
                        t.kind == Tk::Word
                            && !matches!(
                                t.key(),
                                "note" | "notes" | "coin" | "coins" | "and" | "or"
                            )
                            && t.lex.is_none_or(|l| l.card.is_none())
                    }));
        if cx.is_w(end, "of") || modifier || weighing(cx, i) {
            return None;
        }
    }
    let mut amount = n.v * w.factor;
    let cur = currency(w);
    if w.pos == Pos::Sub {
        return Some((
            end,
            Value::Money {
                amount,
                currency: cur,
            },
        ));
    }
    // "75 USD million"
    if let Some((k, Lvl::Scale)) = cx.t.get(end).and_then(|t| t.lex).and_then(|l| l.card) {
        amount *= k;
        end += 1;
    }
    if let Some((c, e)) = cents(cx, end) {
        amount += c;
        end = e;
    }
    Some((
        end,
        Value::Money {
            amount,
            currency: cur,
        },
    ))
}

/// "420 million Finnish markka", "50 Jamaican dollars": a nationality
/// before a currency name. Which currency the adjective picks is not known
/// here, so the amount has no currency.
fn foreign_name(cx: &Cx, amount: f64, at: usize) -> Option<(usize, Value)> {
    let t = cx.t.get(at)?;
    if t.kind != Tk::Word || !t.ws || cx.tk(at + 1).lex.is_none() {
        return None;
    }
    let w = cx.raw(at).as_bytes();
    let ends = |s: &str| {
        w.len() > s.len() + 2 && w[w.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes())
    };
    if !["ish", "ian", "ese", "an", "ic", "i"].into_iter().any(ends) {
        return None;
    }
    let (cw, end) = money_table().longest(cx, at + 1)?;
    if cw.pos != Pos::After || cx.word_adj(end) || !cx.tk(at + 1).ws {
        return None;
    }
    Some((
        end,
        Value::Money {
            amount,
            currency: None,
        },
    ))
}

/// Whether "pounds" at `i..` is a weight: after a weighing verb ("weighs 200
/// pounds"), as a modifier ("a twenty-pound bag"), or in a sentence about
/// weight ("lost 25 pounds", "a metric ton is 2,204.62 pounds", "the baby is
/// over two pounds") with no word of money in it.
fn weighing(cx: &Cx, i: usize) -> bool {
    let (s, e) = cx.sentence_bounds(i);
    let mut mass = false;
    for k in s..e.min(cx.t.len()) {
        if cx.tk(k).kind != Tk::Word {
            if matches!(cx.tk(k).ch, '$' | '£' | '€') {
                return false;
            }
            continue;
        }
        let w = cx.raw(k).to_ascii_lowercase();
        let money_word = matches!(
            w.as_str(),
            "spent"
                | "spend"
                | "cost"
                | "costs"
                | "paid"
                | "pay"
                | "price"
                | "profit"
                | "revenue"
                | "sold"
                | "bought"
                | "worth"
                | "sterling"
                | "fine"
                | "fined"
                | "salary"
                | "budget"
                | "loan"
                | "debt"
                | "tax"
                | "money"
                | "earn"
                | "earned"
                | "fund"
                | "funding"
        );
        if money_word {
            return false;
        }
        mass |= w.starts_with("weigh")
            || w.starts_with("heav")
            || w.starts_with("kilogram")
            || w.starts_with("tonne")
            || w.starts_with("ounce")
            || matches!(
                w.as_str(),
                "baby"
                    | "babies"
                    | "lose"
                    | "lost"
                    | "losing"
                    | "drop"
                    | "dropped"
                    | "gain"
                    | "gained"
                    | "ton"
                    | "tons"
                    | "metric"
                    | "kg"
                    | "lighter"
                    | "fat"
                    | "diet"
            );
    }
    mass
}

/// The cents after a whole amount: "43c", "and 43 cents", "43" at the end of
/// a phrase, "and fourteen".
fn cents(cx: &Cx, i: usize) -> Option<(f64, usize)> {
    let mut j = i;
    if cx.is_w(j, "and") {
        j += 1;
    }
    let t = cx.t.get(j)?;
    let n = if t.kind == Tk::Num {
        let decimal = (cx.is_p_adj(j + 1, '.') || cx.is_p_adj(j + 1, ',')) && cx.num_adj(j + 2, 0);
        if t.len() > 2 || decimal {
            return None;
        }
        Some(super::number::digits(cx, j)?)
    } else {
        words(cx, j, false)
    }?;
    if !n.int || n.v >= 100.0 || n.v < 0.0 {
        return None;
    }
    if let Some((w, e)) = money_table().longest(cx, n.end) {
        if w.pos == Pos::Sub {
            return Some((n.v * w.factor, e));
        }
        return None;
    }
    // A bare number after the amount is cents only when nothing follows it.
    match cx.t.get(n.end) {
        None => Some((n.v / 100.0, n.end)),
        Some(t) if t.kind == Tk::Punct && !matches!(t.ch, '%' | '/' | '-' | ':') => {
            Some((n.v / 100.0, n.end))
        }
        _ => None,
    }
}

/// A percentage at token `i`: "12.5%", "twenty percent", "3 percentage points",
/// "per cent of 210".
pub(crate) fn percent(cx: &Cx, i: usize) -> Option<(usize, Value)> {
    if let Some(j) = percent_word(cx, i) {
        // "percent of 10": the number follows.
        let prev_ok = i == 0 || {
            let p = &cx.tk(i - 1);
            p.kind == Tk::Punct || matches!(p.key(), "need" | "just" | "is" | "of" | "and" | "by")
        };
        if prev_ok && cx.is_w(j, "of") {
            let n = cardinal(cx, j + 1, false)?;
            return Some((
                n.end,
                Value::Percent {
                    value: n.v,
                    points: false,
                },
            ));
        }
        return None;
    }
    let n = cardinal(cx, i, false)?;
    let j = percent_word(cx, n.end)?;
    let mut end = j;
    let mut points = false;
    if cx.is_w(end, "points") || cx.is_w(end, "point") {
        points = true;
        end += 1;
    }
    Some((end, Value::Percent { value: n.v, points }))
}

/// The percent sign or word at `i` ("%", "percent", "per cent"): the token
/// after it. Inlined: asked twice at every number, it answers in a few
/// tests.
#[inline(always)]
pub(crate) fn percent_word(cx: &Cx, i: usize) -> Option<usize> {
    let t = cx.t.get(i)?;
    if t.is_p('%') || t.is_p('％') {
        // "%25" in a URL is an escape, not a percentage.
        if cx.num_adj(i + 1, 0) || cx.word_adj(i + 1) {
            return None;
        }
        return Some(i + 1);
    }
    match t.key() {
        "percent" | "percents" | "pct" => Some(i + 1),
        "percentage" => Some(i + 1),
        "per" if cx.is_w(i + 1, "cent") => Some(i + 2),
        _ => None,
    }
}

/// A physical quantity at token `i`: "900 kilometers", "1.8m", "a liter",
/// "2 km and 1 meter".
pub(crate) fn quantity(cx: &Cx, i: usize) -> Option<(usize, Value)> {
    // "absolute zero"
    if cx.tk(i).kind == Tk::Word
        && cx.raw(i).eq_ignore_ascii_case("absolute")
        && cx.is_w(i + 1, "zero")
    {
        return Some((
            i + 2,
            Value::Quantity {
                amount: 0.0,
                dimension: crate::quantity::Dimension::Temperature,
                unit: "K",
                written: 0.0,
            },
        ));
    }
    let Some((v, u, end)) = one_quantity(cx, i) else {
        return shared_unit(cx, i);
    };
    let mut amount = u.to_si(v);
    let mut end = end;
    let mut last = u;
    // Compound: "7 feet, 10 inches", "2 km and 1 meter", "5 ft 6 in".
    loop {
        let mut j = end;
        if cx.is_p_at(j, ',') || cx.is_w(j, "and") {
            j += 1;
        }
        let part = marked_part(cx, j, last)
            .or_else(|| one_quantity(cx, j))
            .or_else(|| {
                // "5 ft 6 in more or less": "in" after feet is inches.
                let n = cardinal(cx, j, false).filter(|n| n.int && last.symbol == "ft")?;
                (cx.raw(n.end) == "in")
                    .then(|| (n.v, Unit::lookup("in"), n.end + 1))
                    .and_then(|(v, u, e)| Some((v, u?, e)))
            });
        let Some((v2, u2, e2)) = part else {
            break;
        };
        if u2.dimension != last.dimension
            || u2.factor >= last.factor
            || u2.offset != 0.0
            || last.offset != 0.0
        {
            break;
        }
        amount += u2.to_si(v2);
        end = e2;
        last = u2;
    }
    Some((
        end,
        Value::Quantity {
            amount,
            dimension: u.dimension,
            unit: u.symbol,
            written: v,
        },
    ))
}

/// "45 and 50 mg": the first of two coordinated amounts takes the unit of
/// the second. A range ("between 45 and 50 mg", "45 to 50 mg") is one
/// value stated at its end, so it is left alone.
fn shared_unit(cx: &Cx, i: usize) -> Option<(usize, Value)> {
    if cx.tk(i).kind != Tk::Num || (i > 0 && cx.is_w(i - 1, "between")) {
        return None;
    }
    let n = cardinal(cx, i, false)?;
    if !n.bare || n.plain4 || !(cx.is_w(n.end, "and") || cx.is_w(n.end, "or")) {
        return None;
    }
    if cx.tk(n.end + 1).kind != Tk::Num {
        return None;
    }
    let (_, u, _) = one_quantity(cx, n.end + 1)?;
    if u.offset != 0.0 {
        return None;
    }
    Some((
        n.end,
        Value::Quantity {
            amount: u.to_si(n.v),
            dimension: u.dimension,
            unit: u.symbol,
            written: n.v,
        },
    ))
}

/// The mark glued after a number at `e`: a prime (`'`, `′`) or a double
/// prime (`"`, `''`, `″`), and the end: `(double, end)`.
fn mark(cx: &Cx, e: usize) -> Option<(bool, usize)> {
    if cx.is_p_adj(e, '"') || cx.t.get(e).is_some_and(|t| !t.ws && t.ch == '″') {
        Some((true, e + 1))
    } else if cx.is_p_adj(e, '\'') {
        Some((
            cx.is_p_adj(e + 1, '\''),
            e + 1 + usize::from(cx.is_p_adj(e + 1, '\'')),
        ))
    } else {
        None
    }
}

/// A number in digits at `i` with a mark glued after it: (value, double, end).
fn marked(cx: &Cx, i: usize) -> Option<(f64, bool, usize)> {
    if cx.t.get(i)?.kind != Tk::Num {
        return None;
    }
    let n = cardinal(cx, i, false).filter(|n| !n.words)?;
    let (double, end) = mark(cx, n.end)?;
    Some((n.v, double, end))
}

/// The marks `'` and `"` are feet and inches, or arcminutes and arcseconds.
/// A single prime alone is too often an apostrophe or a closing quote to be
/// read, but its partner tells the system: `N' (M")` restates one measure, so
/// M = 12 N is feet and inches, M = 60 N arcminutes and arcseconds ("a 3'
/// (180") arc"); `N' M"` is a height in feet and inches. The prime at `i`
/// (a number) gives the two units, the prime's end and the bracket's `M"`.
fn primes(cx: &Cx, i: usize) -> Option<(f64, [&'static Unit; 2], usize)> {
    let (v, double, end) = marked(cx, i)?;
    if double || cx.word_adj(end) {
        return None;
    }
    let feet = || Some([Unit::lookup("ft")?, Unit::lookup("in")?]);
    if cx.is_p_at(end, '(') {
        let (m, true, e) = marked(cx, end + 1)? else {
            return None;
        };
        if !cx.is_p_at(e, ')') || v <= 0.0 {
            return None;
        }
        let units = if (m - 12.0 * v).abs() < 1e-9 * m {
            feet()?
        } else if (m - 60.0 * v).abs() < 1e-9 * m {
            [Unit::lookup("arcmin")?, Unit::lookup("arcsec")?]
        } else {
            return None;
        };
        return Some((v, units, end));
    }
    match marked(cx, end)? {
        (m, true, _) if m < 12.0 => Some((v, feet()?, end)),
        _ => None,
    }
}

/// A part of a compound written with marks: after degrees, `30' 26"` are
/// arcminutes and arcseconds ("51° 30′ 26″ N"); after yards, `7'` is feet.
fn marked_part(cx: &Cx, j: usize, last: &Unit) -> Option<(f64, &'static Unit, usize)> {
    use crate::quantity::Dimension;
    let (v, double, end) = marked(cx, j)?;
    let sym = match (last.dimension, double) {
        (Dimension::Angle, false) => "arcmin",
        (Dimension::Angle, true) => "arcsec",
        (Dimension::Length, false) if last.factor > Unit::lookup("ft")?.factor => "ft",
        _ => return None,
    };
    // A compass letter may follow a coordinate: 26″N.
    let compass = last.dimension == Dimension::Angle
        && matches!(cx.raw_adj(end), Some("N" | "S" | "E" | "W"))
        && !cx.word_adj(end + 1);
    if cx.word_adj(end) && !compass {
        return None;
    }
    Some((v, Unit::lookup(sym)?, end))
}

fn one_quantity(cx: &Cx, i: usize) -> Option<(f64, &'static Unit, usize)> {
    let t = cx.t.get(i)?;
    if t.kind == Tk::Num && !t.ws {
        // "scp173m", "SCP-173C", "scp2-173m": digits glued to a name are
        // part of a code.
        let mut k = i;
        while k > 0 && !cx.tk(k).ws && cx.tk(k - 1).kind != Tk::Word {
            k -= 1;
        }
        if k > 0 && !cx.tk(k).ws && cx.tk(k - 1).kind == Tk::Word {
            return None;
        }
    }
    // "1500b" in a sentence about data is bits, "573.15K" in one about
    // temperature kelvin: not the scale letters "b" (billion) and "K".
    // Only look when a glued "b" or "K" ends the run of digits.
    let mut k = i + 1;
    while cx.t.get(k).is_some_and(|t| !t.ws && t.kind == Tk::Punct) || cx.num_adj(k, 0) {
        k += 1;
    }
    if t.kind == Tk::Num && matches!(cx.raw_adj(k), Some("b" | "K")) {
        if let Some(d) = super::number::digits(cx, i) {
            let letter = cx.raw_adj(d.end);
            let unit = match letter {
                Some("b") if sentence_has(cx, i, DATA_WORDS) => Unit::lookup("bit"),
                Some("K") if sentence_has(cx, i, HEAT_WORDS) => Unit::lookup("K"),
                _ => None,
            };
            if let Some(u) = unit {
                if !cx.word_adj(d.end + 1) && !cx.num_adj(d.end + 1, 0) {
                    return Some((d.v, u, d.end + 1));
                }
            }
        }
    }
    let unit_fraction = t
        .lex
        .and_then(|l| l.denom)
        .filter(|_| !t.key().ends_with('s') && !matches!(t.key(), "second" | "first"));
    let (v, j) = if (t.is("a") || t.is("an")) && cx.tk(i + 1).lex.is_some_and(|l| l.denom.is_some())
    {
        // "a quarter-mile"
        return one_quantity(cx, i + 1);
    } else if t.is("a") || t.is("an") {
        (1.0, i + 1)
    } else if let Some(d) = unit_fraction {
        // "half a litre", "half-litre", "quarter of a mile", "tenth of a gallon"
        let mut k = i + 1;
        if cx.tk(k).is_dash() && !cx.tk(k).ws {
            k += 1;
        } else {
            if cx.is_w(k, "of") {
                k += 1;
            }
            if cx.is_w(k, "a") || cx.is_w(k, "an") {
                k += 1;
            }
        }
        (1.0 / d, k)
    } else if let Some((k, Lvl::Scale)) = t.lex.and_then(|l| l.card).filter(|_| t.ws) {
        // "thousand litres"
        (k, i + 1)
    } else {
        let n = cardinal(cx, i, false)?;
        if let Some((v, [u, _], end)) = cx.is_p_adj(n.end, '\'').then(|| primes(cx, i)).flatten() {
            return Some((v, u, end));
        }
        // The "M\"" of "N' (M\")" takes the unit the pair agrees on.
        if i > 2 && cx.is_p_at(i - 1, '(') && mark(cx, n.end).is_some_and(|(double, _)| double) {
            let p = i - 2;
            let start = (p.saturating_sub(4)..p)
                .find(|&k| cardinal(cx, k, false).is_some_and(|m| m.end == p && !m.words));
            if let Some((_, [_, u], _)) = start.and_then(|k| primes(cx, k)) {
                if let Some((v, true, end)) = marked(cx, i) {
                    return Some((v, u, end));
                }
            }
        }
        // 5", 9'': inches, unless the mark closes a quotation.
        if n.end == i + 1 || !n.words {
            let e = n.end;
            let inch = if cx.is_p_adj(e, '"') {
                Some(e + 1)
            } else if cx.is_p_adj(e, '\'') && cx.is_p_adj(e + 1, '\'') {
                Some(e + 2)
            } else {
                None
            };
            if let Some(end) = inch {
                let open = (i.saturating_sub(40)..i)
                    .filter(|&k| cx.tk(k).is_p('"'))
                    .count();
                if open % 2 == 0 && !cx.word_adj(end) {
                    return Some((n.v, Unit::lookup("in")?, end));
                }
            }
        }
        (n.v, n.end)
    };
    let mut j = j;
    // "27-kilometer ring"
    if cx.t.get(j).is_some_and(|t| t.is_dash() && !t.ws) && cx.word_adj(j + 1) {
        j += 1;
    }
    // "10 kms": an article spelling of km (not a unit name the rule language accepts).
    if cx.t.get(j).is_some_and(|t| t.kind == Tk::Word) && cx.raw(j).eq_ignore_ascii_case("kms") {
        if cx.word_adj(j + 1) {
            return None;
        }
        return Some((v, Unit::lookup("km")?, j + 1));
    }
    let (u, mut end) = unit_table()
        .longest(cx, j)
        .or_else(|| bracketed_unit(cx, j))?;
    let mut u: &'static Unit = u;
    let ut = &cx.tk(j);
    let glued = !ut.ws;
    let sym = cx.raw(j);
    let heat = || sentence_has(cx, i, HEAT_WORDS);
    match u.symbol {
        // "2 in." is inches; "2 in the morning" is not; "2 1/2 in thick" is.
        "in" if sym == "in"
            && cx
                .t
                .get(end)
                .is_some_and(|t| t.kind != Tk::Punct || t.ch == '-')
            && !(t.kind == Tk::Num && size_adjective(cx, end)) =>
        {
            return None
        }
        // "30 C outside", "40C heat": a letter alone is a temperature in a
        // sentence about temperature; glued to the number it also is when
        // nothing marks it as a code ("Boeing 777F", "13F filing", "14.7C/").
        "°C" | "°F" if matches!(sym, "C" | "F") && !heat() => {
            let after = cx.tk(end);
            let named_before = i > 0
                && cx.tk(i - 1).kind == Tk::Word
                && cx.raw(i - 1).chars().next().is_some_and(char::is_uppercase)
                && i > 1
                && !cx.tk(i - 2).is_p('.');
            if !glued || after.kind == Tk::Word || (after.is_p('/') && !after.ws) || named_before {
                return None;
            }
        }
        // "32K" is thousands; "573.15K" kelvin in a sentence about temperature.
        "K" if glued && !heat() => return None,
        // "2.1 pm" is picometres: a clock time has two digits of minutes.
        "pm" | "am" if sym == u.symbol => {
            let last = j.checked_sub(1)?;
            let decimal = cx.tk(last).kind == Tk::Num
                && last > 0
                && cx.tk(last - 1).is_p('.')
                && !cx.tk(last).ws;
            if !decimal || cx.tk(last).len() == 2 {
                return None;
            }
        }
        "bit" if sym == "b" && !sentence_has(cx, i, DATA_WORDS) => return None,
        // A bare degree in a sentence about temperature is on the scale the
        // sentence names ("−40° on the Celsius scale"); with none named the
        // scale is unknown ("the temperature is 24 degrees"): no quantity.
        "°" if heat() => u = named_scale(cx, end)?,
        "l" | "g" | "t" | "B" | "W" | "J" if !glued && cx.word_adj(end) => return None,
        _ => {}
    }
    // "51°30′": degrees glued to arcminutes are a coordinate, not a code.
    let dms = u.symbol == "°" && marked_part(cx, end, u).is_some();
    // "24703 m212", "24703 L-202": a code.
    if (cx.num_adj(end, 0) && !dms) || (cx.is_p_adj(end, '-') && cx.num_adj(end + 1, 0)) {
        return None;
    }
    // "50 meters per millisecond", "50 km/ms": a speed.
    if u.dimension == crate::quantity::Dimension::Length {
        let k = (cx.is_w(end, "per") || cx.is_p_adj(end, '/')).then_some(end + 1);
        if let Some((secs, e)) = k.and_then(|k| per_time(cx, k)) {
            let ms = Unit::lookup("m/s")?;
            return Some((v * u.factor / secs, ms, e));
        }
    }
    // "a kg", "an ml" are units; "a m", "a t", "a bar" are not.
    let article = t.is("a") || t.is("an") || unit_fraction.is_some();
    if article
        && ((u.symbol.len() <= 2
            && sym.len() <= 2
            && !matches!(sym, "kg" | "lb" | "ml" | "km" | "cm" | "mm" | "mg" | "oz"))
            || matches!(sym, "bar" | "bars" | "cal" | "deg"))
    {
        return None;
    }
    // "4 km cubed" is a volume.
    if cx.is_w(end, "cubed") && u.dimension == crate::quantity::Dimension::Length {
        let vol = Unit::all().iter().find(|a| {
            a.dimension == crate::quantity::Dimension::Volume
                && (a.factor - u.factor.powi(3)).abs() <= 1e-9 * a.factor
        })?;
        return Some((v, vol, end + 1));
    }
    // "km squared", "km^2" are areas.
    if cx.is_w(end, "squared") && u.dimension == crate::quantity::Dimension::Length {
        let area = Unit::all().iter().find(|a| {
            a.dimension == crate::quantity::Dimension::Area
                && (a.factor - u.factor * u.factor).abs() <= 1e-9 * a.factor
        })?;
        end += 1;
        return Some((v, area, end));
    }
    if cx.word_adj(end) || (glued && cx.num_adj(end, 0) && !dms) {
        return None;
    }
    Some((v, u, end))
}

/// Seconds in a unit the way the benchmark and calendars count: a month is
/// 30 days, a year 365.
fn bench_seconds(u: DurationUnit) -> f64 {
    const DAY: f64 = 86_400.0;
    match u {
        DurationUnit::Month => 30.0 * DAY,
        DurationUnit::Quarter => 90.0 * DAY,
        DurationUnit::Year => 365.0 * DAY,
        DurationUnit::Decade => 3650.0 * DAY,
        DurationUnit::Century => 36500.0 * DAY,
        u => u.seconds(),
    }
}

/// The unit of time at token `i` (after a number): the unit, a multiplier and
/// the end.
fn time_unit(cx: &Cx, i: usize) -> Option<(DurationUnit, f64, usize)> {
    let t = cx.t.get(i)?;
    if let Some(((u, k), e)) = time_table().longest(cx, i) {
        return Some((*u, *k, e));
    }
    let u = t.lex?.dur?;
    let raw = cx.raw(i);
    // Single letters are units only glued to the number ("3h", "10D"), and
    // "h" also spaced ("3 h").
    if raw.len() == 1 && t.ws && !raw.eq_ignore_ascii_case("h") {
        return None;
    }
    if raw == "m" || raw == "M" {
        return None;
    }
    if matches!(raw, "mo" | "mos" | "s") && t.ws {
        return None;
    }
    let mut end = i + 1;
    // "six weeks' time"
    if cx.is_p_adj(end, '\'') && !cx.word_adj(end + 1) {
        end += 1;
    }
    if cx.word_adj(end) || (!t.ws && raw.len() == 1 && cx.num_adj(end, 0)) {
        return None;
    }
    Some((u, 1.0, end))
}

/// The amount a vague or article word stands for before a unit of time:
/// "a month", "another day", "all-year", "few hours".
fn vague_amount(key: &str) -> Option<f64> {
    match key {
        "a" | "an" | "another" | "whole" | "full" | "all" | "one" => Some(1.0),
        "few" | "several" | "some" => Some(3.0),
        "couple" => Some(2.0),
        "half" => Some(0.5),
        _ => None,
    }
}

/// The vague amounts that start no cardinal ("all", "several", "couple"):
/// at one of them a value starts only as [`one_duration`] reads it.
pub(crate) fn vague_only(key: &str) -> bool {
    vague_amount(key).is_some() && !matches!(key, "one" | "a" | "an" | "half")
}

/// Whether [`one_duration`] can read at the [`vague_only`] word at `i`: it
/// takes "of" after "couple" and a glued dash after "all", "full" and
/// "whole", then needs a unit of time ("all day", "a couple of weeks",
/// "full-year"); before anything else it gives up.
pub(crate) fn vague_unit_follows(cx: &Cx, i: usize) -> bool {
    let key = cx.tk(i).key();
    let mut j = i + 1;
    if key == "couple" && cx.is_w(j, "of") {
        j += 1;
    }
    if cx.t.get(j).is_some_and(|t| t.is_dash() && !t.ws) && matches!(key, "all" | "full" | "whole")
    {
        j += 1;
    }
    cx.t.get(j)
        .is_some_and(|t| t.lex.is_some_and(|l| l.dur.is_some()))
}

/// Whether money can start at token `i` with its currency: a currency name
/// or sign matches there ("US$", "U.S. dollars", "Malaysian ringgit") and
/// a cardinal can start after it, as [`money`] reads one next. Money that
/// starts with a word other than a number word starts so; "dollar" before
/// anything else ("the dollar fell") starts nothing.
pub(crate) fn currency_leads(cx: &Cx, i: usize) -> bool {
    money_table()
        .longest(cx, i)
        .is_some_and(|(_, j)| super::number::may_start_cardinal(cx, j))
}

/// One amount of time: (amount, unit, end), remembered for the last token
/// asked (see [`Cx::duration_memo`]). Inlined, with the reader out of
/// line: most calls are answered by the memo.
#[inline(always)]
pub(crate) fn one_duration(cx: &Cx, i: usize) -> Option<OneDuration> {
    if let Some(d) = cx.duration_memo.get(i) {
        return d;
    }
    one_duration_miss(cx, i)
}

/// [`one_duration`] when the memo does not hold token `i`: reads it and
/// remembers the reading.
#[inline(never)]
fn one_duration_miss(cx: &Cx, i: usize) -> Option<OneDuration> {
    let d = read_one_duration(cx, i);
    cx.duration_memo.set(i, d);
    d
}

/// An amount of time read by [`one_duration`]: amount, unit, end token.
pub(crate) type OneDuration = (f64, DurationUnit, usize);

fn read_one_duration(cx: &Cx, i: usize) -> Option<OneDuration> {
    let t = cx.t.get(i)?;
    let key = t.key();
    if let Some(mut v) = vague_amount(key) {
        let mut j = i + 1;
        if key == "a" && cx.is_w(j, "few") {
            v = 3.0;
            j += 1;
        } else if key == "a" && cx.is_w(j, "couple") {
            v = 2.0;
            j += 1;
        }
        if v == 2.0 && cx.is_w(j, "of") {
            j += 1;
        }
        if key == "half" && (cx.is_w(j, "a") || cx.is_w(j, "an")) {
            j += 1;
        }
        if cx.t.get(j).is_some_and(|t| t.is_dash() && !t.ws)
            && matches!(key, "all" | "full" | "whole")
        {
            j += 1;
        }
        if let Some(tj) = cx.t.get(j) {
            if let Some(u) = tj.lex.and_then(|l| l.dur) {
                let plural = tj.key().ends_with('s') && tj.key() != "s";
                let ok = if v == 1.0 || v == 0.5 {
                    !plural
                } else {
                    plural || cx.raw(j) == "few"
                };
                if ok && cx.raw(j).len() > 1 && !cx.word_adj(j + 1) {
                    let mut v = v;
                    let mut end = j + 1;
                    if let Some((f, e)) = and_fraction(cx, end) {
                        v += f;
                        end = e;
                    }
                    return Some((v, u, end));
                }
            }
        }
        if key != "one" && key != "a" && key != "an" && key != "half" {
            return None;
        }
    }
    let n = cardinal(cx, i, false)?;
    if n.ord {
        return None;
    }
    // "the 1960s", "the '80s": decades, not seconds.
    if cx.raw_adj(n.end) == Some("s")
        && n.int
        && n.v % 10.0 == 0.0
        && (n.plain4 || (i > 0 && (cx.tk(i - 1).is_p('\'') || cx.is_w(i - 1, "the"))))
    {
        return None;
    }
    let mut j = n.end;
    if cx.t.get(j).is_some_and(|t| t.is_dash() && !t.ws) {
        j += 1;
    }
    // "one and three quarters of an hour": a fraction of the unit.
    if !n.int && cx.is_w(j, "of") {
        j += 1;
        if cx.is_w(j, "a") || cx.is_w(j, "an") {
            j += 1;
        }
    }
    // "2 more minutes", "two additional minutes", "2 fewer minutes"
    if matches!(
        cx.t.get(j).map_or("", |t| t.key()),
        "more" | "additional" | "extra" | "less" | "fewer"
    ) {
        j += 1;
    }
    let (u, k, mut end) = time_unit(cx, j)?;
    // "forty-second", "twenty second" in words are ordinals, not 40 seconds.
    if n.words && n.v > 1.0 && cx.is_w(j, "second") {
        return None;
    }
    let mut v = n.v * k;
    if let Some((f, e)) = and_fraction(cx, end) {
        v += f;
        end = e;
    }
    Some((v, u, end))
}

/// Whether compound durations ("2 years, 3 months") are read as one sum.
const SUM_COMPOUNDS: bool = true;

/// A duration at token `i`: "four-day", "90 minutes", "an hour and a half",
/// "1 hour thirty", "2 years, 3 months" (one sum).
pub(crate) fn duration(cx: &Cx, i: usize) -> Option<(usize, Value)> {
    let (v, u, end) = one_duration(cx, i)?;
    let mut parts = vec![(v, u)];
    let mut end = end;
    loop {
        let mut j = end;
        let comma = cx.is_p_at(j, ',');
        if comma {
            j += 1;
        }
        if cx.is_w(j, "and") {
            j += 1;
        }
        let last = parts[parts.len() - 1].1;
        if let Some((v2, u2, e2)) = one_duration(cx, j) {
            if SUM_COMPOUNDS && bench_seconds(u2) < bench_seconds(last) {
                parts.push((v2, u2));
                end = e2;
                continue;
            }
            break;
        }
        // "1 hour thirty", "2 hours and 10": minutes after hours.
        if matches!(last, DurationUnit::Hour | DurationUnit::Minute) && !comma {
            if let Some(n) = cardinal(cx, j, false) {
                let next_is_word =
                    cx.t.get(n.end)
                        .is_some_and(|t| t.kind == Tk::Word || t.kind == Tk::Num);
                if n.int && n.v > 0.0 && n.v < 60.0 && !next_is_word {
                    let small = if last == DurationUnit::Hour {
                        DurationUnit::Minute
                    } else {
                        DurationUnit::Second
                    };
                    parts.push((n.v, small));
                    end = n.end;
                }
            }
        }
        break;
    }
    let (amount, unit) = sum_parts(&parts);
    Some((end, Value::Duration { amount, unit }))
}

fn sum_parts(parts: &[(f64, DurationUnit)]) -> (f64, DurationUnit) {
    if parts.len() == 1 {
        return parts[0];
    }
    let smallest = parts
        .iter()
        .map(|p| p.1)
        .min_by(|a, b| bench_seconds(*a).total_cmp(&bench_seconds(*b)))
        .unwrap_or(DurationUnit::Second);
    if parts.iter().all(|p| p.1.months().is_some()) {
        let months: f64 = parts
            .iter()
            .map(|p| p.0 * p.1.months().unwrap_or(0.0))
            .sum();
        return (months / smallest.months().unwrap_or(1.0), smallest);
    }
    let secs: f64 = parts.iter().map(|p| p.0 * bench_seconds(p.1)).sum();
    (secs / bench_seconds(smallest), smallest)
}

#[cfg(test)]
mod tests {
    use super::super::tests::check;

    /// `narrow_starts` asks the currency table only at words marked
    /// `leads_money`: every word at which a currency name matches must be.
    #[test]
    fn words_leading_a_currency_lead_money() {
        let text: String = super::MONEY
            .iter()
            .map(|(s, ..)| format!("{s} 5 "))
            .collect();
        let mut toks = Vec::new();
        super::super::token::tokenize(&text, &mut toks);
        let cx = super::super::Cx::new(&text, &toks, None);
        let mut seen = 0;
        for (i, t) in toks.iter().enumerate() {
            if let (Some(l), Some(_)) = (t.lex, super::money_table().longest(&cx, i)) {
                assert!(l.leads_money, "{:?}", l.key);
                seen += 1;
            }
        }
        assert!(seen > 50, "{seen} names matched");
    }

    #[test]
    fn money_forms() {
        check(
            "about $273 billion in 2024",
            &[
                "about $273 billion|money 273000000000 USD? about",
                "2024|date 2024",
            ],
        );
        check("₩1.2tn", &["₩1.2tn|money 1200000000000 KRW"]);
        check(
            "20 ringgit and 43 sen",
            &["20 ringgit and 43 sen|money 20.43 MYR"],
        );
        check("10 dollars", &["10 dollars|money 10 USD?"]);
        check("3 dimes", &["3 dimes|money 0.3 USD"]);
        check("US$4.7 billion", &["US$4.7 billion|money 4700000000 USD"]);
    }

    #[test]
    fn percent_forms() {
        check("12.5 per cent", &["12.5 per cent|percent 12.5"]);
        check(
            "rose 3 percentage points",
            &["3 percentage points|points 3"],
        );
        check("100%", &["100%|percent 100"]);
    }

    #[test]
    fn quantity_forms() {
        check(
            "approximately 900 kilometers",
            &["approximately 900 kilometers|quantity 900000 m about"],
        );
        check(
            "7 feet, 10 inches",
            &["7 feet, 10 inches|quantity 2.3876 m"],
        );
        check("It is 1.8m tall", &["1.8m|quantity 1.8 m"]);
        check("pour half a litre", &["half a litre|quantity 0.0005 m3"]);
        check(
            "a quarter-mile track",
            &["a quarter-mile|quantity 402.336 m"],
        );
        check("it weighs a kg", &["a kg|quantity 1 kg"]);
        check("a bar of soap", &[]);
        check("ran 12 kms today", &["12 kms|quantity 12000 m"]);
        check("a 6\" blade", &["6\"|quantity 0.1524 m"]);
        check("he said \"I have 6\" twice", &["6|number 6"]);
        check("6 ft 1 in more or less", &["6 ft 1 in|quantity 1.8542 m"]);
        check("2 m cubed", &["2 m cubed|quantity 2 m3"]);
        check("cooled to absolute zero", &["absolute zero|quantity 0 K"]);
        check(
            "lenses of 18 -55mm",
            &["18|number 18", "55mm|quantity 0.055 m"],
        );
    }

    #[test]
    fn temperatures_by_context() {
        check(
            "a low of 12 degrees f",
            &["12 degrees f|quantity 262.038889 K"],
        );
        check("set it to 180 deg c", &["180 deg c|quantity 453.15 K"]);
        check(
            "about 15 celcius",
            &["about 15 celcius|quantity 288.15 K about"],
        );
        check(
            "the water froze at −2° on the Celsius scale",
            &["−2°|quantity 271.15 K"],
        );
        // No scale named: a temperature, but not one we can state.
        check("the temperature fell 7 degrees", &["7|number 7"]);
        check("tilt it 30 degrees", &["30 degrees|quantity 0.523599 rad"]);
        check("a hot day, 35 C in the shade", &["35 C|quantity 308.15 K"]);
        check("it got to 22C", &["22C|quantity 295.15 K"]);
        check("an Airbus 350F landed", &[]);
        check("the 10F form", &[]);
        check(
            "cooled to 4.2K in the temperature test",
            &["4.2K|quantity 4.2 K"],
        );
        check("the show drew 4.2K fans", &["4.2K|number 4200"]);
    }

    #[test]
    fn units_in_codes_brackets_and_rates() {
        check("model xz-40m", &[]);
        check("part 4410 m31", &["4410|number 4410"]);
        check("mass 12 [g]", &["12 [g]|quantity 0.012 kg"]);
        check(
            "2 metres per second",
            &["2 metres per second|quantity 2 m/s"],
        );
        check("3 km/s", &["3 km/s|quantity 3000 m/s"]);
        check("a slab 3 in thick, and", &["3 in|quantity 0.0762 m"]);
        check("3 in thick.", &["3 in|quantity 0.0762 m"]);
        check("one in high school", &["one|number 1"]);
        check("a 5 in high plank", &["5|number 5"]);
        check("a gap of 3.5 pm", &["3.5 pm|quantity 0 m"]);
        check("see you at 3.30 pm", &[]);
        check("send 64 b of data", &["64 b|quantity 64 bit"]);
        check("the 64b packet", &["64b|quantity 64 bit"]);
        check("a dose of 250 mcg", &["250 mcg|quantity 0 kg"]);
        check("a 2 kibibyte block", &["2 kibibyte|quantity 16384 bit"]);
        check("at 6e9 s-1", &["6e9 s-1|quantity 6000000000 Hz"]);
    }

    #[test]
    fn primes_feet_inches_and_arcs() {
        // A prime alone is an apostrophe or a quote; its partner tells the system.
        check("she said 'I was 7' and left", &["7|number 7"]);
        check("the lot was 40' wide", &["40|number 40"]);
        check(
            "a 4' (48\") shelf",
            &["4'|quantity 1.2192 m", "48\"|quantity 1.2192 m"],
        );
        check(
            "a 3' (180\") arc",
            &["3'|quantity 0.000873 rad", "180\"|quantity 0.000873 rad"],
        );
        check("a 3' (40\") gap", &["3|number 3", "40\"|quantity 1.016 m"]);
        check("the forward is 6' 4\" tall", &["6' 4\"|quantity 1.9304 m"]);
        check("a 5'9\" guard", &["5'9\"|quantity 1.7526 m"]);
        check("ran 3 yd 2' more", &["3 yd 2'|quantity 3.3528 m"]);
        check("at 48° 51′ 24″ N", &["48° 51′ 24″|quantity 0.85271 rad"]);
        check("at 12°30'E", &["12°30'|quantity 0.218166 rad"]);
        check(
            "a 20 arcsecond shift",
            &["20 arcsecond|quantity 0.000097 rad"],
        );
    }

    #[test]
    fn money_in_parentheses_signs_and_nationalities() {
        check("net income was (£12.50).", &["(£12.50)|money -12.5 GBP?"]);
        check(
            "a fee of £40 ($52)",
            &["£40|money 40 GBP?", "$52|money 52 USD?"],
        );
        check("(roughly $7)", &["roughly $7|money 7 USD? about"]);
        check("2 $5 coupons", &["2|number 2", "$5|money 5 USD?"]);
        check("30 Danish kroner", &["30 Danish kroner|money 30"]);
    }

    #[test]
    fn shared_units_and_decades() {
        check(
            "doses of 20 and 40 mg",
            &["20|quantity 0.00002 kg", "40 mg|quantity 0.00004 kg"],
        );
        check(
            "between 20 and 40 mg",
            &["20|number 20", "40 mg|quantity 0.00004 kg"],
        );
        check("the 1980s boom", &["1980s|number 1980"]);
        check("it took 40s", &["40s|duration 40 second"]);
        check(
            "waited twenty and five minutes",
            &["twenty and five minutes|duration 25 minute"],
        );
    }

    #[test]
    fn pounds_are_money_or_weight_by_context() {
        check(
            "he lost 30 pounds on the diet",
            &["30 pounds|quantity 13.607771 kg"],
        );
        check("a ten-pound sack", &["ten-pound|quantity 4.535924 kg"]);
        check("she spent 30 pounds on it", &["30 pounds|money 30 GBP?"]);
        check(
            "40 million pounds",
            &["40 million pounds|money 40000000 GBP?"],
        );
    }

    #[test]
    fn fractions_of_a_unit_of_time() {
        check(
            "waited two and a quarter of an hour",
            &["two and a quarter of an hour|duration 2.25 hour"],
        );
        check(
            "three quarters of an hour",
            &["three quarters of an hour|duration 0.75 hour"],
        );
    }

    #[test]
    fn money_codes_and_articles() {
        check("we try one more", &["one|number 1"]);
        check("costs a dollar.", &["a dollar|money 1 USD?"]);
        check("a dollar store", &[]);
        check("a 15-cent fee", &["15-cent|money 0.15"]);
        check("sales of 40 MEUR", &["40 MEUR|money 40000000 EUR"]);
        check(
            "it costs 12 dollars 30.",
            &["12 dollars 30|money 12.3 USD?"],
        );
        check("aud$ 20", &["aud$ 20|money 20 AUD"]);
    }

    #[test]
    fn duration_forms() {
        check("a four-day state visit", &["four-day|duration 4 day"]);
        check("the 90-minute summit", &["90-minute|duration 90 minute"]);
        check("2 min read", &["2 min|duration 2 minute"]);
        check(
            "an hour and a half",
            &["an hour and a half|duration 1.5 hour"],
        );
        check(
            "2 years, 3 months",
            &["2 years, 3 months|duration 27 month"],
        );
        check("half an hour", &["half an hour|duration 0.5 hour"]);
    }
}
