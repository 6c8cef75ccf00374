//! One pass over a document finds every keyword of every rule.
//!
//! Keywords made of plain words (ASCII letters and digits, one space or
//! ASCII marks between words: almost all of them) go into a [`WordTable`],
//! looked up once per word of the document; any other keyword goes into one
//! Aho–Corasick automaton. Either way a document is scanned once however
//! many rules there are; binders then look occurrences up by keyword id.
//! Evaluation scans only the sentences binding reads
//! ([`KeywordIndex::scan_parts`]).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::check::model::{Keyword, RuleSet};
use crate::source::Span;

/// Identifies a distinct keyword of a rule set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeywordId(pub usize);

/// The automaton for every keyword of a rule set.
#[derive(Debug)]
pub struct KeywordIndex {
    /// The keywords made of plain words.
    words: WordTable,
    /// The other keywords, and per pattern of the automaton its keyword.
    automaton: Option<(AhoCorasick, Vec<KeywordId>)>,
    /// Per keyword: whether it ends in `*` (any word ending allowed).
    open_ended: Vec<bool>,
    /// Lowercased keyword texts (with `*` stripped), by id.
    texts: Vec<String>,
    /// Keywords as written in the rules, to their ids: binders look ids up
    /// for every mention, and a thousand rules must not pay a normalisation
    /// and a linear search each time.
    by_text: HashMap<String, KeywordId>,
    /// The same, keyed by the address of each [`Keyword`] of the rule set
    /// the index was built from, with its text to confirm the hit: hashing
    /// an address is several times cheaper than hashing the text, and binding
    /// asks for ids millions of times in a large run.
    by_address: HashMap<usize, (KeywordId, Box<str>), BuildHasherDefault<MultiplyHasher>>,
}

/// A hasher for addresses, short words and keys that are hashes already:
/// one multiply per word or byte (Fibonacci hashing). SipHash costs more
/// than the look-ups it serves. For one integer per key only: a second
/// `write_u64` or `write_usize` replaces the first (a compound key would
/// hash as its last part).
#[derive(Default)]
pub(crate) struct MultiplyHasher(u64);

impl Hasher for MultiplyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(26);
    }
}

/// Where each keyword occurs in one document: spans per [`KeywordId`], sorted.
///
/// One array for all keywords rather than a `Vec` each: with hundreds of
/// keywords, allocating and freeing them cost more than finding the hits.
/// The keywords that occur are listed too: a document holds a few dozen
/// hits, and summing counts over every keyword of the rule set, then
/// walking them all for the ones present, cost more than the hits.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeywordHits {
    /// Every occurrence, grouped by keyword id, sorted within a group.
    spans: Vec<Span>,
    /// Per keyword id: its group in `spans` (empty when it does not occur).
    groups: Vec<(u32, u32)>,
    /// The keywords that occur, by id.
    present: Vec<KeywordId>,
}

impl KeywordHits {
    /// [`KeywordHits::regroup`] into new hits.
    #[cfg(test)]
    fn grouped(mut found: Vec<(KeywordId, Span)>, keywords: usize) -> KeywordHits {
        let mut hits = KeywordHits::default();
        hits.regroup(&mut found, keywords);
        hits
    }

    /// Groups `(id, span)` pairs by id, each group sorted, without repeats
    /// (the automaton reports an occurrence by where it ends, and may report
    /// it twice); `keywords` is the number of ids. Fills these hits' lists,
    /// so that one can serve document after document; `found` is left
    /// sorted.
    fn regroup(&mut self, found: &mut Vec<(KeywordId, Span)>, keywords: usize) {
        found.sort_unstable();
        found.dedup();
        if self.groups.len() == keywords {
            // Only the groups of the keywords present before are not empty:
            // emptying those costs less than filling the whole list again.
            for id in &self.present {
                self.groups[id.0] = (0, 0);
            }
        } else {
            self.groups.clear();
            self.groups.resize(keywords, (0, 0));
        }
        self.present.clear();
        self.spans.clear();
        self.spans.reserve(found.len());
        for (i, &(id, span)) in found.iter().enumerate() {
            if self.present.last() != Some(&id) {
                self.present.push(id);
                self.groups[id.0].0 = i as u32;
            }
            self.groups[id.0].1 = i as u32 + 1;
            self.spans.push(span);
        }
    }

    /// The occurrences of a keyword.
    pub fn of(&self, id: KeywordId) -> &[Span] {
        match self.groups.get(id.0) {
            Some(&(start, end)) => &self.spans[start as usize..end as usize],
            None => &[],
        }
    }

    /// The keywords that occur, by id.
    pub fn present(&self) -> impl Iterator<Item = KeywordId> + '_ {
        self.present.iter().copied()
    }

    /// Whether the keyword occurs inside `range`.
    pub fn any_within(&self, id: KeywordId, range: Span) -> Option<Span> {
        let hits = self.of(id);
        let i = hits.partition_point(|s| s.start < range.start);
        hits.get(i).copied().filter(|s| s.end <= range.end)
    }
}

fn normalise(k: &str) -> (String, bool) {
    let open = k.ends_with('*');
    let t = k.trim_end_matches('*').trim();
    // Collapse inner whitespace: "memorandums  of understanding".
    let t = t
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    (t, open)
}

impl KeywordIndex {
    /// Builds the automaton for every keyword in `rules`.
    pub fn new(rules: &RuleSet) -> KeywordIndex {
        let mut texts: Vec<String> = Vec::new();
        let mut open_ended = Vec::new();
        let mut by_text = HashMap::new();
        let mut by_address = HashMap::default();
        let mut add = |k: &Keyword| {
            if let Some(&id) = by_text.get(&k.text) {
                by_address.insert(address(k), (id, k.text.as_str().into()));
                return;
            }
            let (t, open) = normalise(&k.text);
            if t.is_empty() {
                return;
            }
            let id = match texts
                .iter()
                .zip(&open_ended)
                .position(|(x, o)| *x == t && *o == open)
            {
                Some(i) => i,
                None => {
                    texts.push(t);
                    open_ended.push(open);
                    texts.len() - 1
                }
            };
            by_text.insert(k.text.clone(), KeywordId(id));
            by_address.insert(address(k), (KeywordId(id), k.text.as_str().into()));
        };
        for file in &rules.files {
            for fact in &file.facts {
                if let crate::check::model::FactSource::Binder(b) = &fact.source {
                    b.all_of.iter().flatten().for_each(&mut add);
                    b.without.iter().for_each(&mut add);
                    b.count_of.iter().for_each(&mut add);
                }
            }
        }
        KeywordIndex::build(texts, open_ended, by_text, by_address, true)
    }

    /// The index over distinct keywords; `plain_words` puts those made of
    /// plain words in the [`WordTable`] (tests turn it off to compare).
    fn build(
        texts: Vec<String>,
        open_ended: Vec<bool>,
        by_text: HashMap<String, KeywordId>,
        by_address: HashMap<usize, (KeywordId, Box<str>), BuildHasherDefault<MultiplyHasher>>,
        plain_words: bool,
    ) -> KeywordIndex {
        let mut words = WordTable::default();
        let mut others = Vec::new();
        for (id, (t, &open)) in texts.iter().zip(&open_ended).enumerate() {
            if !(plain_words && words.add(KeywordId(id), t, open)) {
                others.push(KeywordId(id));
            }
        }
        let automaton = (!others.is_empty()).then(|| {
            let ac = AhoCorasickBuilder::new()
                // A DFA scans several times faster than the default NFA; the
                // keywords of even a thousand rules make a small one.
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(others.iter().map(|id| &texts[id.0]))
                .expect("keyword automaton fits in memory");
            (ac, others)
        });
        KeywordIndex {
            words,
            automaton,
            open_ended,
            texts,
            by_text,
            by_address,
        }
    }

    /// The id of a keyword as written in a rule.
    pub fn id(&self, k: &Keyword) -> Option<KeywordId> {
        if let Some((id, text)) = self.by_address.get(&address(k)) {
            if **text == *k.text {
                return Some(*id);
            }
        }
        if let Some(&id) = self.by_text.get(&k.text) {
            return Some(id);
        }
        let (t, open) = normalise(&k.text);
        self.texts
            .iter()
            .zip(&self.open_ended)
            .position(|(x, o)| *x == t && *o == open)
            .map(KeywordId)
    }

    /// Number of distinct keywords.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// Whether there are no keywords.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// Every whole-word occurrence of every keyword in `text[range]`.
    ///
    /// A keyword matches whole words case-insensitively; inner spaces match
    /// any run of one space (documents are not re-flowed); a keyword written
    /// with a trailing `*` matches any word ending (`missile*`).
    pub fn scan(&self, text: &str, range: Span) -> KeywordHits {
        self.scan_parts(text, range, &[range])
    }

    /// The occurrences [`KeywordIndex::scan`] finds in `text[range]` that
    /// start inside one of `parts` (sorted, disjoint, within `range`), and
    /// no others: each as long as the whole-range scan has it (a phrase or a
    /// word ending may run past its part, up to `range.end`).
    ///
    /// Binding reads keywords only in the sentences of mentions; a scan of
    /// just those skips the words of every other sentence.
    pub fn scan_parts(&self, text: &str, range: Span, parts: &[Span]) -> KeywordHits {
        let mut hits = KeywordHits::default();
        // Room for a news article's hits, so that the list seldom grows.
        let mut found = Vec::with_capacity(32);
        self.scan_parts_into(text, range, parts, &mut found, &mut hits);
        hits
    }

    /// [`KeywordIndex::scan_parts`] into `hits`, with `found` as room to
    /// work in: both can serve document after document.
    pub fn scan_parts_into(
        &self,
        text: &str,
        range: Span,
        parts: &[Span],
        found: &mut Vec<(KeywordId, Span)>,
        hits: &mut KeywordHits,
    ) {
        found.clear();
        debug_assert!(parts.windows(2).all(|w| w[0].end <= w[1].start));
        debug_assert!(parts
            .iter()
            .all(|p| range.start <= p.start && p.end <= range.end));
        if !self.words.is_empty() {
            for &part in parts {
                self.words.scan(text, part, range, found);
            }
        }
        let Some((ac, ids)) = &self.automaton else {
            return hits.regroup(found, self.texts.len());
        };
        let bytes = text.as_bytes();
        for &part in parts {
            // An occurrence starting in the part ends within the longest
            // pattern of its end; the automaton need not look further.
            let until = (part.end + ac.max_pattern_len()).min(range.end);
            let input = aho_corasick::Input::new(&bytes[..range.end]).span(part.start..until);
            for m in ac.find_overlapping_iter(input) {
                let (s, e) = (m.start(), m.end());
                let id = ids[m.pattern().as_usize()].0;
                if s < part.end
                    && starts_word(text, s)
                    && (self.open_ended[id] || ends_word(text, e))
                {
                    let mut end = e;
                    if self.open_ended[id] {
                        end += text[e..range.end]
                            .find(|c: char| !c.is_alphanumeric())
                            .unwrap_or(range.end - e);
                    }
                    found.push((KeywordId(id), Span::new(s, end)));
                }
            }
        }
        hits.regroup(found, self.texts.len());
    }
}

/// The keywords made of plain words — ASCII letters and digits, one space
/// or ASCII marks between words — found by looking each word of a document
/// up, rather than by running a byte automaton: the automaton over hundreds
/// of keywords takes a table look-up per byte that often misses the cache,
/// while a word costs one probe of a small table.
///
/// A word of the text is a run of alphanumeric characters, as for the
/// automaton's whole-word check, so both find the same occurrences.
#[derive(Debug, Default)]
struct WordTable {
    /// The keywords by their first word (matched whole): each with the
    /// words that must follow and whether its last word may go on.
    by_first: WordMap<Vec<Phrase>>,
    /// The one-word keywords with a trailing `*`, by their word.
    by_prefix: WordMap<Vec<KeywordId>>,
    /// Per lowercased first byte: bit `n` set when a one-word keyword with a
    /// trailing `*` has `n` bytes (it matches the words it begins).
    prefix_lengths: Vec<u64>,
}

/// A keyword of more than one word, or of one matched whole.
#[derive(Debug)]
struct Phrase {
    id: KeywordId,
    /// The words after the first.
    rest: Vec<LaterWord>,
    /// Whether the last word may go on (`*`).
    open: bool,
}

/// A word of a phrase after its first.
#[derive(Debug)]
struct LaterWord {
    /// What comes before it: one space, or marks as in "e-mail" and
    /// "company's".
    marks: Box<[u8]>,
    /// The word, lowercased.
    word: Box<[u8]>,
}

/// Words of up to this many bytes fit the length masks.
const MAX_WORD: usize = 63;

impl WordTable {
    fn is_empty(&self) -> bool {
        self.by_first.entries.is_empty() && self.by_prefix.entries.is_empty()
    }

    /// Adds a normalised keyword if it is made of plain words: ASCII
    /// letters and digits, with one space or ASCII marks between words
    /// ("oil prices", "e-mail", "company's"; not "u.s.", which ends in a
    /// mark). Marks and spaces match as themselves, as in the automaton.
    fn add(&mut self, id: KeywordId, text: &str, open: bool) -> bool {
        let bytes = text.as_bytes();
        let word_byte = |b: &u8| b.is_ascii_digit() || b.is_ascii_lowercase();
        // Alternating runs: word, marks, word, … ending in a word.
        let mut words: Vec<(&[u8], &[u8])> = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            let marks = bytes[at..].iter().take_while(|b| !word_byte(b)).count();
            let len = bytes[at + marks..]
                .iter()
                .take_while(|b| word_byte(b))
                .count();
            let (before, word) = (&bytes[at..at + marks], &bytes[at + marks..at + marks + len]);
            let plain_marks = before.iter().all(|b| b.is_ascii_graphic() || *b == b' ');
            if word.is_empty() || word.len() > MAX_WORD || !plain_marks {
                return false;
            }
            words.push((before, word));
            at += marks + len;
        }
        let Some(&(first_marks, first)) = words.first() else {
            return false;
        };
        if !first_marks.is_empty() {
            return false;
        }
        if open && words.len() == 1 {
            if self.prefix_lengths.is_empty() {
                self.prefix_lengths = vec![0; 128];
            }
            self.prefix_lengths[usize::from(first[0])] |= 1 << first.len();
            self.by_prefix.entry(first).push(id);
        } else {
            self.by_first.entry(first).push(Phrase {
                id,
                rest: words[1..]
                    .iter()
                    .map(|&(marks, word)| LaterWord {
                        marks: marks.into(),
                        word: word.into(),
                    })
                    .collect(),
                open,
            });
        }
        true
    }

    /// Adds every occurrence in `text[range]` that starts in `part` (within
    /// `range`) to `found`, in text order.
    fn scan(&self, text: &str, part: Span, range: Span, found: &mut Vec<(KeywordId, Span)>) {
        // A word cut by the range's ends is cut by the automaton too: it
        // checks the characters just outside. A word cut by the part's start
        // does not start a word of the range; one running on past its end
        // is read whole, as a scan of the whole range reads it.
        let starts_ok = starts_word(text, part.start);
        let ends_ok = ends_word(text, range.end);
        let words_end = part.end
            + if !starts_word(text, part.end) && !ends_word(text, part.end) {
                text[part.end..range.end]
                    .find(|c: char| !c.is_alphanumeric())
                    .unwrap_or(range.end - part.end)
            } else {
                0
            };
        // A word cut by the part's start is stepped over here, once, rather
        // than asked about at every word of the loop.
        let from = if starts_ok {
            part.start
        } else {
            part.start
                + text[part.start..words_end]
                    .find(|c: char| !c.is_alphanumeric())
                    .unwrap_or(words_end - part.start)
        };
        let words = Span::new(from, words_end);
        // A loop of its own when no keyword has a `*` (most rule sets), so
        // that its words are not asked about prefixes.
        if self.prefix_lengths.is_empty() {
            self.scan_words::<false>(text, words, range, ends_ok, found);
        } else {
            self.scan_words::<true>(text, words, range, ends_ok, found);
        }
    }

    /// The word loop of [`WordTable::scan`] over `words`, also looking for
    /// the keywords with a `*` when `PREFIXES`.
    #[inline(always)]
    fn scan_words<const PREFIXES: bool>(
        &self,
        text: &str,
        words: Span,
        range: Span,
        ends_ok: bool,
        found: &mut Vec<(KeywordId, Span)>,
    ) {
        let bytes = text.as_bytes();
        // Kept small so that it is inlined into the word loop: what is done
        // for a word that begins a keyword is out of line.
        for_each_word(
            text,
            words,
            #[inline(always)]
            |s, e| {
                if let Some(phrases) = self.by_first.get(bytes, s, e) {
                    add_phrases(text, range, s, e, phrases, ends_ok, found);
                }
                if PREFIXES {
                    self.add_prefixes(bytes, s, e, found);
                }
            },
        );
    }

    /// The one-word keywords with a `*` that `bytes[s..e]` begins with.
    #[inline(never)]
    fn add_prefixes(&self, bytes: &[u8], s: usize, e: usize, found: &mut Vec<(KeywordId, Span)>) {
        if !bytes[s].is_ascii() {
            return;
        }
        let first = usize::from(bytes[s].to_ascii_lowercase());
        // Bits 1..=n: the prefixes this word may have.
        let upto = 1u64
            .checked_shl((e - s) as u32)
            .map_or(u64::MAX, |bit| bit | (bit - 1));
        let mut prefixes = self.prefix_lengths[first] & upto & !1;
        while prefixes != 0 {
            let len = prefixes.trailing_zeros() as usize;
            prefixes &= prefixes - 1;
            for id in self.by_prefix.get(bytes, s, s + len).into_iter().flatten() {
                found.push((*id, Span::new(s, e)));
            }
        }
    }
}

/// The keywords of `phrases` (those whose first word is `text[s..e]`) that
/// occur there.
#[inline(never)]
fn add_phrases(
    text: &str,
    range: Span,
    s: usize,
    e: usize,
    phrases: &[Phrase],
    ends_ok: bool,
    found: &mut Vec<(KeywordId, Span)>,
) {
    for p in phrases {
        if let Some(end) = phrase_end(text, e, range.end, p) {
            if end < range.end || ends_ok || p.open {
                found.push((p.id, Span::new(s, end)));
            }
        }
    }
}

/// Lowercase ASCII words to values, probed with a word of the text as it
/// stands (any case) without copying it.
///
/// Hand-written rather than a `HashMap`: hashing and comparing a word as
/// bytes took most of the time of a scan; here the key is the word's first
/// eight bytes read as one number, lowercased with one `or` (for the bytes
/// of a word, letters and digits, `| 0x20` is `to_ascii_lowercase`).
#[derive(Debug)]
struct WordMap<V> {
    /// One bit per value of a word's hash's top 16 bits, set when a word of
    /// the map has it: most words of a text are not in the map, and are
    /// turned away by this 8 KB table without a probe's unpredictable
    /// branches.
    filter: Vec<u64>,
    /// Open addressing with linear probing: the key, the word's length and
    /// one more than the index of its entry (0: empty).
    slots: Vec<(u64, u32, u32)>,
    entries: Vec<(Box<[u8]>, V)>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            filter: Vec::new(),
            slots: Vec::new(),
            entries: Vec::new(),
        }
    }
}

impl<V: Default> WordMap<V> {
    /// The value of a lowercase word, added if new.
    fn entry(&mut self, word: &[u8]) -> &mut V {
        let i = match self.find(word, 0, word.len()) {
            Some(i) => i,
            None => {
                self.entries.push((word.into(), V::default()));
                if self.slots.len() < self.entries.len() * 4 {
                    self.rehash((self.entries.len() * 8).next_power_of_two());
                } else {
                    self.place(self.entries.len() - 1);
                }
                self.entries.len() - 1
            }
        };
        &mut self.entries[i].1
    }

    fn rehash(&mut self, size: usize) {
        self.slots = vec![(0, 0, 0); size];
        self.filter = vec![0; 1 << 10];
        for i in 0..self.entries.len() {
            self.place(i);
        }
    }

    fn place(&mut self, i: usize) {
        let word = &self.entries[i].0;
        let key = word_key(word, 0, word.len());
        let mask = self.slots.len() - 1;
        let h = word_hash(key, word.len());
        self.filter[(h >> 54) as usize] |= 1 << ((h >> 48) & 63);
        let mut slot = (h >> (64 - self.slots.len().trailing_zeros())) as usize;
        while self.slots[slot].2 != 0 {
            slot = (slot + 1) & mask;
        }
        self.slots[slot] = (key, word.len() as u32, i as u32 + 1);
    }
}

impl<V> WordMap<V> {
    /// The value of the word `bytes[s..e]`, compared case-insensitively.
    #[inline(always)]
    fn get(&self, bytes: &[u8], s: usize, e: usize) -> Option<&V> {
        self.find(bytes, s, e).map(|i| &self.entries[i].1)
    }

    /// Inlined (always: the compiler would not) up to the filter, which
    /// turns most words away; the probe behind it is not.
    #[inline(always)]
    fn find(&self, bytes: &[u8], s: usize, e: usize) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let key = word_key(bytes, s, e);
        let h = word_hash(key, e - s);
        if self.filter[(h >> 54) as usize] & (1 << ((h >> 48) & 63)) == 0 {
            return None;
        }
        self.probe(bytes, s, e, key, h)
    }

    #[inline(never)]
    fn probe(&self, bytes: &[u8], s: usize, e: usize, key: u64, h: u64) -> Option<usize> {
        let len = e - s;
        let mask = self.slots.len() - 1;
        let mut slot = (h >> (64 - self.slots.len().trailing_zeros())) as usize;
        loop {
            let (k, l, i) = self.slots[slot];
            if i == 0 {
                return None;
            }
            if k == key && l as usize == len {
                let i = i as usize - 1;
                // Keys hold eight bytes; a longer word compares the rest.
                if len <= 8 || self.entries[i].0[8..].eq_ignore_ascii_case(&bytes[s + 8..e]) {
                    return Some(i);
                }
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// The first (up to) eight bytes of `bytes[s..e]`, little-endian, with
/// `0x20` set in each: the lowercase form for letters and digits.
#[inline]
fn word_key(bytes: &[u8], s: usize, e: usize) -> u64 {
    let n = (e - s).min(8);
    let raw = match bytes.get(s..s + 8) {
        Some(eight) => {
            let mut b = [0u8; 8];
            b.copy_from_slice(eight);
            u64::from_le_bytes(b)
        }
        None => {
            let mut b = [0u8; 8];
            b[..n].copy_from_slice(&bytes[s..s + n]);
            u64::from_le_bytes(b)
        }
    };
    let keep = u64::MAX >> (64 - 8 * n);
    (raw | 0x2020_2020_2020_2020) & keep
}

/// The hash of a word's key and length (Fibonacci hashing: the top bits
/// are the well-mixed ones).
fn word_hash(key: u64, len: usize) -> u64 {
    (key ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Bit `i` set when `block[i]` (of up to 64 bytes) is a letter or a digit;
/// `None` when the block is not all ASCII.
///
/// Eight bytes at a time, in the bytes of a `u64` (SWAR): each byte is
/// range-checked by one addition that sets its top bit, and the eight top
/// bits are gathered by one multiplication. For bytes below 0x80 no
/// addition carries into the next byte; whether all are below is gathered
/// on the way, rather than in a pass of its own. A table look-up per byte
/// took a third of a scan.
fn ascii_word_mask(block: &[u8]) -> Option<u64> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    // Top bit of each byte set when the byte is at least `lo`.
    let at_least = |x: u64, lo: u8| x.wrapping_add(ONES * u64::from(0x80 - lo));
    let mut mask = 0u64;
    // Every byte's top bit, or-ed together.
    let mut high = 0u64;
    let mut chunks = block.chunks_exact(8);
    for (c, chunk) in chunks.by_ref().enumerate() {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let x = u64::from_le_bytes(eight);
        high |= x;
        let lower = x | (ONES * 0x20);
        let letter = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
        let digit = at_least(x, b'0') & !at_least(x, b'9' + 1);
        let tops = (letter | digit) & TOPS;
        // Byte i's top bit to bit 56 + i: the multiplier's terms land on
        // distinct bits, so nothing carries.
        let bits = ((tops >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8;
        mask |= u64::from(bits) << (8 * c);
    }
    let done = block.len() - chunks.remainder().len();
    for (i, &b) in chunks.remainder().iter().enumerate() {
        high |= u64::from(b);
        mask |= u64::from(b.is_ascii_alphanumeric()) << (done + i);
    }
    (high & TOPS == 0).then_some(mask)
}

/// Calls `f(start, end)` for every run of alphanumeric characters in
/// `text[range]`, in order.
///
/// Hand-written rather than a loop over characters: such a loop takes a
/// mispredicted branch at both ends of every word. This one marks the word
/// bytes of 64 bytes at a time in a mask, without branching, and finds the
/// words' ends in it with bit operations.
fn for_each_word(text: &str, range: Span, mut f: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    // The start of a word still running at the end of the previous block.
    let mut pending: Option<usize> = None;
    let mut at = range.start;
    while at < range.end {
        let mut end = (at + 64).min(range.end);
        // Blocks end between characters, so a character's bytes share a mask.
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let block = &bytes[at..end];
        // The arithmetic of `ascii_word_mask` holds for ASCII only.
        let ascii = ascii_word_mask(block);
        let mut mask = ascii.unwrap_or(0);
        if ascii.is_none() {
            for (i, &b) in block.iter().enumerate() {
                mask |= u64::from(BYTE_CLASS[usize::from(b)] & ASCII_WORD) << i;
            }
            for (i, c) in text[at..end].char_indices() {
                if !c.is_ascii() && c.is_alphanumeric() {
                    mask |= ((1u64 << c.len_utf8()) - 1) << i;
                }
            }
        }
        let len = end - at;
        if mask & 1 == 0 {
            if let Some(s) = pending.take() {
                f(s, at);
            }
        }
        let carry = u64::from(pending.is_some());
        let mut starts = mask & !((mask << 1) | carry);
        // The last byte of every word; one touching the block's end may go on.
        let mut ends = mask & !(mask >> 1) & !(1u64 << (len - 1));
        while ends != 0 {
            let e = ends.trailing_zeros() as usize;
            ends &= ends - 1;
            let s = pending.take().unwrap_or_else(|| {
                let s = starts.trailing_zeros() as usize;
                starts &= starts - 1;
                at + s
            });
            f(s, at + e + 1);
        }
        if mask >> (len - 1) & 1 == 1 {
            pending = pending.or(Some(at + starts.trailing_zeros() as usize));
        }
        at = end;
    }
    if let Some(s) = pending {
        f(s, range.end);
    }
}

/// Where a phrase whose first word ends at `e` ends, if its other words
/// follow, each right after its marks (exactly one space, or the same marks).
fn phrase_end(text: &str, mut e: usize, limit: usize, p: &Phrase) -> Option<usize> {
    let bytes = text.as_bytes();
    for (i, LaterWord { marks, word: w }) in p.rest.iter().enumerate() {
        let at = e + marks.len();
        if !bytes[e..].starts_with(marks) || at >= limit {
            return None;
        }
        let (s, next) = next_word(text, at, limit)?;
        if s != at {
            return None;
        }
        let word = &bytes[s..next];
        let last_open = p.open && i + 1 == p.rest.len();
        let fits = if last_open {
            word.len() >= w.len() && word[..w.len()].eq_ignore_ascii_case(w)
        } else {
            word.eq_ignore_ascii_case(w)
        };
        if !fits {
            return None;
        }
        e = next;
    }
    Some(e)
}

/// How [`next_word`] sees a byte: ASCII outside words, ASCII in words, or
/// part of a non-ASCII character (decoded to decide).
const ASCII_OTHER: u8 = 0;
const ASCII_WORD: u8 = 1;
const NON_ASCII: u8 = 2;

/// [`ASCII_OTHER`], [`ASCII_WORD`] or [`NON_ASCII`] by byte: one load per
/// byte, where `u8::is_ascii_alphanumeric` takes three comparisons.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [ASCII_OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c >= 0x80 {
            t[b] = NON_ASCII;
        } else if c.is_ascii_alphanumeric() {
            t[b] = ASCII_WORD;
        }
        b += 1;
    }
    t
};

/// The next run of alphanumeric characters in `text[at..limit]`, as byte
/// offsets. ASCII bytes are classified without decoding.
fn next_word(text: &str, mut at: usize, limit: usize) -> Option<(usize, usize)> {
    let bytes = &text.as_bytes()[..limit];
    // The length of the non-ASCII character at `i` if it is alphanumeric.
    let alphanumeric_at = |i: usize| {
        text[i..]
            .chars()
            .next()
            .filter(|c| c.is_alphanumeric())
            .map(char::len_utf8)
    };
    let start = loop {
        at += bytes
            .get(at..)?
            .iter()
            .position(|&b| BYTE_CLASS[usize::from(b)] != ASCII_OTHER)?;
        if BYTE_CLASS[usize::from(bytes[at])] == ASCII_WORD {
            break at;
        }
        match alphanumeric_at(at) {
            Some(_) => break at,
            None => at += text[at..].chars().next().map_or(1, char::len_utf8),
        }
    };
    loop {
        at += bytes[at..]
            .iter()
            .position(|&b| BYTE_CLASS[usize::from(b)] != ASCII_WORD)
            .unwrap_or(limit - at);
        if at >= limit || BYTE_CLASS[usize::from(bytes[at])] == ASCII_OTHER {
            return Some((start, at));
        }
        match alphanumeric_at(at) {
            Some(len) => at += len,
            None => return Some((start, at)),
        }
    }
}

/// Where a keyword lives: the key of [`KeywordIndex::id`]'s fast path.
fn address(k: &Keyword) -> usize {
    std::ptr::from_ref(k) as usize
}

fn starts_word(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn ends_word(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index over `keywords` (as written in rules), with or without the
    /// word table.
    fn index(keywords: &[&str], plain_words: bool) -> KeywordIndex {
        let mut texts = Vec::new();
        let mut open_ended = Vec::new();
        for k in keywords {
            let (t, open) = normalise(k);
            texts.push(t);
            open_ended.push(open);
        }
        KeywordIndex::build(
            texts,
            open_ended,
            HashMap::new(),
            HashMap::default(),
            plain_words,
        )
    }

    #[test]
    fn word_masks_mark_letters_and_digits() {
        let all: Vec<u8> = (0u8..0x80).collect();
        for block in all.chunks(64).chain(all.windows(13).step_by(5)) {
            let want = block.iter().enumerate().fold(0u64, |m, (i, b)| {
                m | u64::from(b.is_ascii_alphanumeric()) << i
            });
            assert_eq!(ascii_word_mask(block), Some(want), "{block:?}");
        }
        // A byte of 0x80 or more anywhere, in a chunk of eight or after.
        for len in [1, 8, 13, 64] {
            for at in 0..len {
                let mut block = vec![b'a'; len];
                block[at] = 0x80 | at as u8;
                assert_eq!(ascii_word_mask(&block), None, "{block:?}");
            }
        }
    }

    #[test]
    fn the_word_table_finds_what_the_automaton_finds() {
        let keywords = [
            "oil",
            "Oil prices",
            "oil price*",
            "prices",
            "price*",
            "pri*",
            "a",
            "a a",
            "a a a",
            "5g",
            "km",
            "u.s.",
            "e-mail",
            "café",
            "x*",
            "prices rose",
            "x's",
            "oil-price*",
            "a-a",
            "a, a",
        ];
        // With the keywords ending in `*` and without them: the word table
        // walks the words in a loop of its own when none has a `*`.
        let no_star: Vec<&str> = keywords.into_iter().filter(|k| !k.ends_with('*')).collect();
        for (keywords, least) in [(&keywords[..], 50_000), (&no_star[..], 20_000)] {
            finds_what_the_automaton_finds(keywords, least);
        }
    }

    /// Random texts full of `keywords`: the word table and the automaton
    /// find the same hits, and at least `least` of them in all.
    fn finds_what_the_automaton_finds(keywords: &[&str], least: usize) {
        let plain = index(keywords, true);
        let automaton = index(keywords, false);
        // "u.s." (ending in a mark) and "café" (not ASCII) stay in the
        // automaton.
        assert!(plain.automaton.as_ref().unwrap().1.len() == 2);
        const PIECES: &[&str] = &[
            "oil", "Oil", "OIL", "prices", "price", "pri", "rose", " ", " ", "  ", "\n", ".", ",",
            "-", "a", "A", "5g", "5G", "km", "u.s.", "U.S.", "e-mail", "café", "é", "한", "\u{a0}",
            "—", "x", "X", "s", "oils", "'",
        ];
        let found = std::cell::Cell::new(0);
        let strategy = crate::source::arbitrary::text_and_range(PIECES, 59);
        crate::source::arbitrary::runner(20_000)
            .run(&strategy, |(text, some)| {
                for range in [Span::new(0, text.len()), some] {
                    let got = plain.scan(&text, range);
                    let want = automaton.scan(&text, range);
                    proptest::prop_assert_eq!(&got, &want, "{:?}", range);
                    found.set(found.get() + got.spans.len());
                }
                Ok(())
            })
            .unwrap();
        // The texts are made to be full of keywords: a scan that found
        // nothing would pass the comparison above and prove nothing.
        let found = found.get();
        assert!(found > least, "{found}");
    }

    #[test]
    fn a_scan_of_parts_finds_the_whole_scans_hits_starting_in_them() {
        use proptest::prelude::*;
        let keywords = [
            "oil",
            "Oil prices",
            "oil price*",
            "price*",
            "a a",
            "5g",
            "u.s.",
            "e-mail",
            "café",
            "x*",
            "prices rose",
        ];
        const PIECES: &[&str] = &[
            "oil", "Oil", "prices", "price", "rose", " ", "  ", "\n", ".", ",", "-", "a", "A",
            "5g", "u.s.", "U.S.", "e-mail", "café", "é", "한", "x", "X", "s", "oils",
        ];
        // Also without the keywords ending in `*`: the word table walks the
        // words in a loop of its own when none has a `*`.
        let no_star: Vec<&str> = keywords.into_iter().filter(|k| !k.ends_with('*')).collect();
        // With the least number of hits each must find (fewer keywords,
        // fewer hits).
        for (keywords, plain_words, least) in [
            (&keywords[..], true, 1_500),
            (&keywords[..], false, 1_500),
            (&no_star[..], true, 400),
        ] {
            let index = index(keywords, plain_words);
            let found = std::cell::Cell::new(0);
            // Hits and room kept from case to case, as evaluation keeps
            // them from document to document: a scan into them must find
            // what a fresh scan finds.
            let reused = std::cell::RefCell::new((Vec::new(), KeywordHits::default()));
            // A range of a text, and sorted, disjoint parts of it: cut at
            // character boundaries, so often inside words and phrases.
            let strategy = crate::source::arbitrary::text_and_range(PIECES, 59).prop_flat_map(
                |(text, range)| {
                    let bounds: Vec<usize> = (range.start..=range.end)
                        .filter(|&i| text.is_char_boundary(i))
                        .collect();
                    let cuts = prop::collection::vec(prop::sample::select(bounds), 0..12);
                    (Just(text), Just(range), cuts)
                },
            );
            crate::source::arbitrary::runner(10_000)
                .run(&strategy, |(text, range, mut cuts)| {
                    cuts.sort_unstable();
                    let parts: Vec<Span> = cuts
                        .chunks_exact(2)
                        .map(|c| Span::new(c[0], c[1]))
                        .collect();
                    let whole = index.scan(&text, range);
                    let got = index.scan_parts(&text, range, &parts);
                    let mut want = Vec::new();
                    for id in 0..index.len() {
                        for &s in whole.of(KeywordId(id)) {
                            if parts.iter().any(|p| p.start <= s.start && s.start < p.end) {
                                want.push((KeywordId(id), s));
                            }
                        }
                    }
                    let want = KeywordHits::grouped(want, index.len());
                    prop_assert_eq!(&got, &want, "{:?} {:?}", range, parts);
                    let (room, hits) = &mut *reused.borrow_mut();
                    index.scan_parts_into(&text, range, &parts, room, hits);
                    prop_assert_eq!(&*hits, &want, "reused: {:?} {:?}", range, parts);
                    found.set(found.get() + got.spans.len());
                    Ok(())
                })
                .unwrap();
            // Parts that never held a hit would prove nothing.
            let found = found.get();
            assert!(found > least, "{found}");
        }
    }
}
