//! The lexicon: every English word the extractor's grammars care about, looked
//! up once per word by the tokenizer.
//!
//! An entry says what a word can be: a cardinal ("nine", "hundred"), an
//! ordinal ("ninth"), a fraction denominator ("thirds"), a month, a weekday, a
//! unit of time. Words that only occur inside longer phrases (unit names,
//! currency names, holiday names) get a bare entry so phrase matching can
//! compare keys instead of re-lowercasing text. The table is built once, on
//! first use, and never changes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::quantity::DurationUnit;

/// The place of a number word in the grammar of English numerals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lvl {
    /// zero … nine.
    Unit,
    /// ten … nineteen.
    Teen,
    /// twenty … ninety.
    Tens,
    /// "twentyfive": tens and unit written as one word.
    TensUnit,
    /// hundred.
    Hundred,
    /// thousand, million, lakh, …
    Scale,
}

/// How the scan gates a start word on the words after it (see
/// `super::lead_followed`): most start words are tried at once, these only
/// where what follows can go on their reading. Kept in the entry so the
/// scan tells them apart without comparing the word with each list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Lead {
    /// Tried at once.
    #[default]
    None,
    /// "a", "an": only before a mark or a word of the lexicon.
    Article,
    /// "the": only before the dates `may_follow_the` lists.
    The,
    /// "this": only before the dates `may_follow_this` lists.
    This,
    /// "last": only before the dates `may_follow_last` lists.
    Last,
    /// "in", "within": only before an amount of time.
    In,
    /// "per": only as the percent grammar's word ("per cent").
    Per,
    /// "may": only where a date is read at it.
    May,
    /// "next", "past" and the like: only before the dates
    /// `may_follow_modifier` lists.
    Modifier,
    /// The vague amounts ("all", "several"): only before a unit of time.
    Vague,
}

/// What a word can mean.
#[derive(Debug, Default)]
pub(crate) struct Lex {
    /// The lowercase word.
    pub key: &'static str,
    /// As a cardinal: value and grammatical level.
    pub card: Option<(f64, Lvl)>,
    /// As an ordinal: value and grammatical level.
    pub ord: Option<(f64, Lvl)>,
    /// As a fraction denominator ("third", "quarters"): the denominator.
    pub denom: Option<f64>,
    /// Month number from 1.
    pub month: u8,
    /// Weekday from 1 (Monday) to 7; plural forms ("fridays") set `wday_plural`.
    pub wday: u8,
    /// "fridays".
    pub wday_plural: bool,
    /// A unit of time.
    pub dur: Option<DurationUnit>,
    /// Whether a value can start at this word. Most entries are context
    /// words ("of", "said", "per") that grammars look at after a value's
    /// first word; the scan does not try a grammar at them.
    pub starts: bool,
    /// Whether the word leads a currency name ([`super::measure::start_words`]):
    /// a word that leads only holiday names ("christmas") need not be
    /// looked up in the currency table.
    pub leads_money: bool,
    /// Whether the word leads a holiday name, or follows "the" in one
    /// ([`super::date::start_words`]): a word that leads only currency
    /// names (the "s" of "'s", "U.S.") need not be looked up in the
    /// holiday table.
    pub leads_holiday: bool,
    /// Whether the word starts a value only by leading a currency or holiday
    /// name or as a unit of time ("U.S.", "world", the "s" of "'s", "week"):
    /// it is no start word of its own, and the scan tries the grammars at it
    /// only where a name matches or, for a unit of time, where it leads a
    /// year ("year 1986").
    pub narrow: bool,
    /// Whether a hedge ("about", "more than", "at least") can start here.
    pub hedge: bool,
    /// Whether the scan must look at the word: it [`starts`](Lex::starts)
    /// a value or a [`hedge`](Lex::hedge), or is one of the
    /// [`super::token::RAW_START_WORDS`] read by their raw text. Kept as
    /// one flag so the tokenizer sets [`super::token::Tok::scan`] with a
    /// single load.
    pub scan: bool,
    /// The gate the scan puts on the word as a start word ([`Lead`]).
    pub lead: Lead,
}

impl Lex {
    /// Whether the word leads a currency or holiday name ("U.S.", "new").
    #[inline(always)]
    pub fn leads_name(&self) -> bool {
        self.leads_money || self.leads_holiday
    }
}

const UNITS: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];
const TEENS: [&str; 10] = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const UNIT_ORD: [&str; 10] = [
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
];
const TEEN_ORD: [&str; 10] = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const TENS_ORD: [&str; 8] = [
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];
const SCALES: [(&str, f64); 31] = [
    ("thousands", 1e3),
    ("millions", 1e6),
    ("billions", 1e9),
    ("trillions", 1e12),
    ("bn", 1e9),
    ("bln", 1e9),
    ("mn", 1e6),
    ("mln", 1e6),
    ("mil", 1e6),
    ("tn", 1e12),
    ("tln", 1e12),
    ("lkh", 1e5),
    ("lkhs", 1e5),
    ("cr", 1e7),
    ("kr", 1e7),
    ("krore", 1e7),
    ("krores", 1e7),
    ("lakhs", 1e5),
    ("kotis", 1e7),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("lakh", 1e5),
    ("lakhs", 1e5),
    ("lac", 1e5),
    ("lacs", 1e5),
    ("crore", 1e7),
    ("crores", 1e7),
    ("koti", 1e7),
    ("quadrillion", 1e15),
];
const MONTHS: [(&str, u8); 24] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];
const WEEKDAYS: [(&str, u8); 17] = [
    ("monday", 1),
    ("tuesday", 2),
    ("wednesday", 3),
    ("thursday", 4),
    ("friday", 5),
    ("saturday", 6),
    ("sunday", 7),
    ("mon", 1),
    ("tue", 2),
    ("tues", 2),
    ("wed", 3),
    ("thu", 4),
    ("thur", 4),
    ("thurs", 4),
    ("fri", 5),
    ("sat", 6),
    ("sun", 7),
];

/// Words used by the grammars as literals: prepositions, hedges, relative
/// date words, money and unit words. Listed so the tokenizer gives them keys.
const PLAIN: &[&str] = &[
    // Counting nouns: "a pair", "a gross", "a baker's dozen", "a square dozen".
    "pair",
    "gross",
    "baker",
    "square",
    "a",
    "an",
    "and",
    "the",
    "of",
    "in",
    "on",
    "at",
    "by",
    "to",
    "for",
    "from",
    "since",
    "until",
    "till",
    "during",
    "before",
    "after",
    "between",
    "this",
    "next",
    "last",
    "past",
    "previous",
    "coming",
    "upcoming",
    "following",
    "current",
    "ago",
    "hence",
    "later",
    "earlier",
    "now",
    "today",
    "tomorrow",
    "tomorrows",
    "tmrw",
    "yesterday",
    "tonight",
    "week",
    "weeks",
    "weekend",
    "month",
    "months",
    "year",
    "years",
    "yr",
    "yrs",
    "day",
    "days",
    // The later words of hedges ("more than", "at least"); their first
    // words come from `HEDGE_WORDS`.
    "than",
    "least",
    "many",
    "much",
    "most",
    "half",
    "halves",
    "quarter",
    "quarters",
    "dozen",
    "dozens",
    "firsts",
    "seconds",
    "dz",
    "dzs",
    "doz",
    "dozs",
    "out",
    "which",
    "that",
    "what",
    "whichever",
    "couple",
    "few",
    "several",
    "minus",
    "negative",
    "plus",
    "percent",
    "percents",
    "percentage",
    "pct",
    "per",
    "cent",
    "points",
    "point",
    "am",
    "pm",
    "oclock",
    "o",
    "clock",
    "ish",
    "st",
    "nd",
    "rd",
    "th",
    "d",
    "ad",
    "bc",
    "calendar",
    "cy",
    "fiscal",
    "fy",
    "will",
    "ll",
    "shall",
    "going",
    "was",
    "were",
    "had",
    "did",
    "has",
    "have",
    "is",
    "are",
    "be",
    "been",
    "not",
    "never",
    "first",
    "only",
    "another",
    "whole",
    "full",
    "all",
    "extra",
    "additional",
    "ides",
    "closest",
    "hundred",
    "k",
    "m",
    "b",
    "t",
    "mn",
    "bn",
    "tn",
    "mln",
    "bln",
    "mil",
    "e",
    "x",
    "exactly",
    "precisely",
    "said",
    "met",
    "held",
    "took",
    "made",
    "came",
    "went",
    "began",
    "begun",
    "gave",
    "saw",
    "left",
    "won",
    "lost",
    "became",
    "spoke",
    "told",
    "led",
    "paid",
    "rose",
    "fell",
    "hit",
    "kept",
    "got",
    "brought",
    "sent",
    "wrote",
    "ran",
    "signed",
    "announced",
    "plans",
    "plan",
    "expected",
    "scheduled",
    "due",
    "back",
    "later",
    "within",
    "ending",
    "ended",
    "end",
    "beginning",
    "start",
    "mid",
    "early",
    "late",
    "night",
    "nights",
    "morning",
    "evening",
    "afternoon",
    "otd",
    "gross",
    "baker",
    "s",
    "square",
    "cubic",
    "squared",
    "cubed",
    "degree",
    "degrees",
    "sq",
    "cu",
    "per",
    "hour",
    "hours",
    "second",
    "seconds",
    "minute",
    "minutes",
    "times",
    "page",
    "pages",
    "version",
    "v",
    "ver",
    "no",
    "number",
    "room",
    "route",
    "highway",
    "chapter",
    "section",
    "article",
    "phone",
    "tel",
    "fax",
    "call",
    "ext",
    "top",
    "times",
    "aged",
    "age",
    "i",
    "we",
    "you",
    "they",
    "he",
    "she",
    "it",
];

/// A hasher for short words (the FxHash mix, 8 bytes at a time): looking a
/// word up is done once per word of every document, and SipHash cost more
/// than the rest of the tokenizer. The keys are fixed English words, not
/// attacker-chosen, so a keyed hash buys nothing here.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    #[inline]
    fn mix(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.mix(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.mix(u64::from(n));
    }
    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }
    #[inline]
    fn write_u128(&mut self, n: u128) {
        self.mix(n as u64);
        self.mix((n >> 64) as u64);
    }
}

/// A map keyed by words, hashed with [`WordHasher`].
pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// Keyed by bytes: for non-ASCII words and words longer than [`PACK_LEN`].
static TABLE: OnceLock<WordMap<&'static [u8], &'static Lex>> = OnceLock::new();

/// Words up to this many bytes are looked up by [`pack`]ed key.
const PACK_LEN: usize = 16;

/// The entry for a lowercase word.
pub(crate) fn lookup(word: &str) -> Option<&'static Lex> {
    TABLE.get_or_init(build).get(word.as_bytes()).copied()
}

/// What the tokenizer looks ASCII words up in, built once from [`TABLE`].
pub(crate) struct AsciiIndex {
    /// A bit per (length, first letter, last letter) that some key made only
    /// of ASCII lowercase letters has, so most words of a text are known to
    /// be absent without hashing them. Letters count by their low five bits
    /// (1 to 26 for either case), so the index is shifts, not products.
    filter: Box<[u64; FILTER_WORDS]>,
    /// The entries whose keys are 1 to [`PACK_LEN`] bytes, keyed by the
    /// [`pack`]ed word: comparing one `u128` is cheaper than hashing a byte
    /// slice and calling `memcmp` on it.
    packed: PackedMap,
}

/// A fixed set of [`pack`]ed words and their entries: open addressing with
/// linear probing in a table at most a quarter full, so a lookup is one
/// multiply and, nearly always, one or two `u128` compares. Two thirds of
/// the words of a text pass the [`AsciiIndex`] filter and come here; the
/// general-purpose `HashMap` (tag bytes, group probes) cost twice as many
/// instructions per lookup, and no crate offers a map for a fixed key set
/// this cheaply without a build step.
///
/// The table has a fixed number of slots ([`PACKED_SLOTS`]): with the size
/// a constant, slot numbers are known to be in bounds and the shift is an
/// immediate, which spares every lookup two bounds checks and two loads.
struct PackedMap {
    /// The packed words, 0 for an empty slot (no word packs to 0).
    keys: Box<[u128; PACKED_SLOTS]>,
    /// The entry of the word in the same slot.
    vals: Box<[Option<&'static Lex>; PACKED_SLOTS]>,
}

/// The slots of [`PackedMap`]: a power of two at least four times the
/// number of words of up to [`PACK_LEN`] bytes in the lexicon (some 1,300),
/// checked when the map is built. 128 KiB of keys, as the table sized from
/// the lexicon had.
const PACKED_SLOTS: usize = 8192;
const _: () = assert!(PACKED_SLOTS.is_power_of_two());

impl PackedMap {
    fn new(entries: impl ExactSizeIterator<Item = (u128, &'static Lex)>) -> PackedMap {
        assert!(
            entries.len() * 4 <= PACKED_SLOTS,
            "the lexicon outgrew PACKED_SLOTS: {} words",
            entries.len()
        );
        let mut map = PackedMap {
            keys: Box::new([0; PACKED_SLOTS]),
            vals: Box::new([None; PACKED_SLOTS]),
        };
        for (key, lex) in entries {
            assert_ne!(key, 0, "an empty word in the lexicon");
            let mut i = Self::slot(key);
            while map.keys[i] != 0 && map.keys[i] != key {
                i = (i + 1) & (PACKED_SLOTS - 1);
            }
            map.keys[i] = key;
            map.vals[i] = Some(lex);
        }
        map
    }

    /// The first slot `key` may be in: the top bits of a multiplicative
    /// hash of both halves.
    #[inline(always)]
    fn slot(key: u128) -> usize {
        let h = (key as u64 ^ ((key >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        (h >> (64 - PACKED_SLOTS.trailing_zeros())) as usize
    }

    #[inline(always)]
    fn get(&self, key: u128) -> Option<&'static Lex> {
        let mut i = Self::slot(key);
        loop {
            let k = self.keys[i];
            if k == key {
                return self.vals[i];
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & (PACKED_SLOTS - 1);
        }
    }
}

/// Words this long or longer are never in the filter.
const FILTER_LEN: usize = 32;
const FILTER_WORDS: usize = FILTER_LEN * 32 * 32 / 64;

fn filter_index(len: usize, first: u8, last: u8) -> usize {
    (len << 10) | (usize::from(first & 31) << 5) | usize::from(last & 31)
}

static ASCII: OnceLock<AsciiIndex> = OnceLock::new();

/// The index the tokenizer looks words up in ([`AsciiIndex::lookup`]),
/// fetched once per text rather than at every word.
pub(crate) fn ascii_index() -> &'static AsciiIndex {
    ASCII.get_or_init(|| {
        let table = TABLE.get_or_init(build);
        let mut filter = Box::new([0u64; FILTER_WORDS]);
        for k in table.keys() {
            let b: &[u8] = k;
            if !b.is_empty() && b.len() < FILTER_LEN && b.iter().all(u8::is_ascii_lowercase) {
                let i = filter_index(b.len(), b[0], b[b.len() - 1]);
                filter[i / 64] |= 1 << (i % 64);
            }
        }
        let packed: Vec<(u128, &'static Lex)> = table
            .iter()
            .filter(|(k, _)| !k.is_empty() && k.len() <= PACK_LEN)
            .map(|(k, v)| (pack(k), *v))
            .collect();
        let packed = PackedMap::new(packed.into_iter());
        AsciiIndex { filter, packed }
    })
}

/// The mask of the first `len` bytes of a [`pack`]ed word, by `len`: a
/// load costs less than the variable 128-bit shift that computes it.
const KEEP: [u128; PACK_LEN + 1] = {
    let mut keep = [0u128; PACK_LEN + 1];
    let mut len = 1;
    while len <= PACK_LEN {
        keep[len] = u128::MAX >> (8 * (PACK_LEN - len));
        len += 1;
    }
    keep
};

/// A word of at most [`PACK_LEN`] ASCII letters as one number: its bytes,
/// little-endian, zero past the end.
fn pack(word: &[u8]) -> u128 {
    let mut b = [0u8; PACK_LEN];
    b[..word.len()].copy_from_slice(word);
    u128::from_le_bytes(b)
}

/// The entry for an ASCII word lowercased: for the rare long words.
fn lookup_lowered(word: &[u8]) -> Option<&'static Lex> {
    TABLE
        .get_or_init(build)
        .get(word.to_ascii_lowercase().as_slice())
        .copied()
}

impl AsciiIndex {
    /// The entry for the word `text[start..end]`, made of ASCII letters of
    /// any case: the same answer as [`lookup`] of the word lowercased.
    /// Inlined into the tokenizer, which calls it at every word.
    #[inline(always)]
    pub(crate) fn lookup(&self, text: &[u8], start: usize, end: usize) -> Option<&'static Lex> {
        let len = end - start;
        debug_assert!(len > 0 && text[start..end].iter().all(u8::is_ascii_alphabetic));
        if len >= FILTER_LEN {
            return lookup_lowered(&text[start..end]);
        }
        let i = filter_index(len, text[start], text[end - 1]);
        if self.filter[i / 64] & (1 << (i % 64)) == 0 {
            return None;
        }
        if len > PACK_LEN {
            return lookup_lowered(&text[start..end]);
        }
        // Sixteen bytes loaded at once where the text has them, else copied.
        let raw = match text.get(start..start + PACK_LEN) {
            Some(b) => u128::from_le_bytes(b.try_into().unwrap_or_default()),
            None => pack(&text[start..end]),
        };
        // Setting bit 5 lowercases an ASCII letter (and leaves lowercase alone).
        let lower = (raw | 0x2020_2020_2020_2020_2020_2020_2020_2020) & KEEP[len];
        self.packed.get(lower)
    }
}

fn build() -> WordMap<&'static [u8], &'static Lex> {
    let mut m: HashMap<String, Lex> = HashMap::new();
    fn entry<'m>(m: &'m mut HashMap<String, Lex>, k: &str) -> &'m mut Lex {
        m.entry(k.to_string()).or_default()
    }
    for (i, w) in UNITS.iter().enumerate() {
        entry(&mut m, w).card = Some((i as f64, Lvl::Unit));
        entry(&mut m, UNIT_ORD[i]).ord = Some((i as f64, Lvl::Unit));
    }
    for (i, w) in TEENS.iter().enumerate() {
        entry(&mut m, w).card = Some((10.0 + i as f64, Lvl::Teen));
        entry(&mut m, TEEN_ORD[i]).ord = Some((10.0 + i as f64, Lvl::Teen));
    }
    for (i, w) in TENS.iter().enumerate() {
        let v = 20.0 + 10.0 * i as f64;
        entry(&mut m, w).card = Some((v, Lvl::Tens));
        entry(&mut m, TENS_ORD[i]).ord = Some((v, Lvl::Tens));
        // "twentyfive", "thirtyfirst": run-together compounds.
        for u in 1..10 {
            entry(&mut m, &format!("{w}{}", UNITS[u])).card = Some((v + u as f64, Lvl::TensUnit));
            entry(&mut m, &format!("{w}{}", UNIT_ORD[u])).ord = Some((v + u as f64, Lvl::TensUnit));
        }
    }
    // Common misspellings and variants.
    entry(&mut m, "nineth").ord = Some((9.0, Lvl::Unit));
    entry(&mut m, "fourty").card = Some((40.0, Lvl::Tens));
    entry(&mut m, "nought").card = Some((0.0, Lvl::Unit));
    entry(&mut m, "nil").card = Some((0.0, Lvl::Unit));
    entry(&mut m, "naught").card = Some((0.0, Lvl::Unit));
    entry(&mut m, "hundred").card = Some((100.0, Lvl::Hundred));
    entry(&mut m, "hundredth").ord = Some((100.0, Lvl::Hundred));
    for (w, v) in SCALES {
        entry(&mut m, w).card = Some((v, Lvl::Scale));
        if !w.ends_with('s') && w.len() > 3 {
            entry(&mut m, &format!("{w}th")).ord = Some((v, Lvl::Scale));
        }
    }
    // Fraction denominators: "half", "thirds", "quarter", "fifths", …
    entry(&mut m, "half").denom = Some(2.0);
    entry(&mut m, "halves").denom = Some(2.0);
    entry(&mut m, "quarter").denom = Some(4.0);
    entry(&mut m, "quarters").denom = Some(4.0);
    for (i, w) in UNIT_ORD.iter().enumerate().skip(3) {
        entry(&mut m, w).denom = Some(i as f64);
        entry(&mut m, &format!("{w}s")).denom = Some(i as f64);
    }
    for (i, w) in TEEN_ORD.iter().enumerate() {
        entry(&mut m, w).denom = Some(10.0 + i as f64);
        entry(&mut m, &format!("{w}s")).denom = Some(10.0 + i as f64);
    }
    for (i, w) in TENS_ORD.iter().enumerate() {
        entry(&mut m, w).denom = Some(20.0 + 10.0 * i as f64);
        entry(&mut m, &format!("{w}s")).denom = Some(20.0 + 10.0 * i as f64);
    }
    for w in ["hundredth", "hundredths"] {
        entry(&mut m, w).denom = Some(100.0);
    }
    for w in ["thousandth", "thousandths"] {
        entry(&mut m, w).denom = Some(1000.0);
    }
    for w in ["millionth", "millionths"] {
        entry(&mut m, w).denom = Some(1e6);
    }
    for w in ["billionth", "billionths"] {
        entry(&mut m, w).denom = Some(1e9);
    }
    for w in ["trillionth", "trillionths"] {
        entry(&mut m, w).denom = Some(1e12);
    }
    for (w, n) in MONTHS {
        entry(&mut m, w).month = n;
    }
    for (w, n) in WEEKDAYS {
        entry(&mut m, w).wday = n;
        if w.len() > 4 {
            let e = entry(&mut m, &format!("{w}s"));
            e.wday = n;
            e.wday_plural = true;
        }
    }
    for w in [
        "s",
        "sec",
        "secs",
        "second",
        "seconds",
        "min",
        "mins",
        "minute",
        "minutes",
        "h",
        "hr",
        "hrs",
        "hour",
        "hours",
        "d",
        "day",
        "days",
        "wk",
        "wks",
        "week",
        "weeks",
        "fortnight",
        "fortnights",
        "mo",
        "mos",
        "month",
        "months",
        "quarter",
        "quarters",
        "y",
        "yr",
        "yrs",
        "year",
        "years",
        "decade",
        "decades",
        "century",
        "centuries",
    ] {
        entry(&mut m, w).dur = DurationUnit::parse(w);
    }
    for w in ["night", "nights"] {
        entry(&mut m, w).dur = Some(DurationUnit::Day);
    }
    for w in PLAIN {
        entry(&mut m, w);
    }
    for w in super::measure::phrase_words()
        .into_iter()
        .chain(super::date::phrase_words())
    {
        entry(&mut m, &w);
    }
    for w in super::START_WORDS {
        entry(&mut m, w).starts = true;
    }
    for w in super::measure::start_words() {
        let e = entry(&mut m, &w);
        e.leads_money = true;
    }
    for w in super::date::start_words() {
        let e = entry(&mut m, &w);
        e.leads_holiday = true;
    }
    for w in super::HEDGE_WORDS {
        entry(&mut m, w).hedge = true;
    }
    for &(w, lead) in super::LEADS {
        entry(&mut m, w).lead = lead;
    }
    for w in super::token::RAW_START_WORDS {
        entry(&mut m, w).scan = true;
    }
    for v in m.values_mut() {
        let numeric =
            v.card.is_some() || v.ord.is_some() || v.denom.is_some() || v.month > 0 || v.wday > 0;
        let unit = v.dur.is_some();
        v.narrow = !v.starts && !numeric && (v.leads_name() || unit);
        v.starts |= numeric || v.leads_name() || unit;
        v.scan |= v.starts || v.hedge;
    }
    m.into_iter()
        .map(|(k, mut v)| {
            let key: &'static str = Box::leak(k.into_boxed_str());
            v.key = key;
            let v: &'static Lex = Box::leak(Box::new(v));
            (key.as_bytes(), v)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_have_their_readings() {
        assert_eq!(lookup("nine").unwrap().card, Some((9.0, Lvl::Unit)));
        assert_eq!(
            lookup("thirtyfirst").unwrap().ord,
            Some((31.0, Lvl::TensUnit))
        );
        assert_eq!(lookup("third").unwrap().denom, Some(3.0));
        assert_eq!(lookup("sept").unwrap().month, 9);
        assert!(lookup("fridays").unwrap().wday_plural);
        assert!(lookup("kilometers").is_some());
        assert!(lookup("xyzzy").is_none());
    }

    #[test]
    fn lead_words_have_their_gate() {
        for &(w, lead) in super::super::LEADS {
            let l = lookup(w).unwrap();
            assert!(l.starts && l.lead == lead, "{w}");
        }
        for w in ["one", "january", "years", "dollars", "about"] {
            assert_eq!(lookup(w).unwrap().lead, Lead::None, "{w}");
        }
    }

    #[test]
    fn narrow_start_words() {
        for w in ["us", "u", "new", "american", "world", "s", "week", "year"] {
            let l = lookup(w).unwrap();
            assert!(l.starts && l.narrow, "{w}");
        }
        for w in ["the", "a", "in", "one", "may", "last", "second", "quarter"] {
            let l = lookup(w).unwrap();
            assert!(l.starts && !l.narrow, "{w}");
        }
        // A word that leads several names ("us$", "us dollars") leads one.
        assert!(lookup("us").unwrap().leads_name());
    }
}
