//! One pass over a document finds every keyword of every rule.
//!
//! All keywords of a rule set (`near`, `without`, `of`) go into one
//! Aho–Corasick automaton, so a document is scanned once however many rules
//! there are; binders then look occurrences up by keyword id.

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
    automaton: Option<AhoCorasick>,
    /// Per pattern: whether the keyword ends in `*` (any word ending allowed).
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
    by_address: HashMap<usize, (KeywordId, Box<str>), BuildHasherDefault<AddressHasher>>,
}

/// A hasher for addresses: one multiply (Fibonacci hashing).
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(26);
    }
}

/// Where each keyword occurs in one document: spans per [`KeywordId`], sorted.
#[derive(Clone, Debug, Default)]
pub struct KeywordHits {
    hits: Vec<Vec<Span>>,
}

impl KeywordHits {
    /// The occurrences of a keyword.
    pub fn of(&self, id: KeywordId) -> &[Span] {
        self.hits.get(id.0).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The keywords that occur.
    pub fn present(&self) -> impl Iterator<Item = KeywordId> + '_ {
        self.hits
            .iter()
            .enumerate()
            .filter(|(_, h)| !h.is_empty())
            .map(|(i, _)| KeywordId(i))
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
        let automaton = (!texts.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                // A DFA scans several times faster than the default NFA; the
                // keywords of even a thousand rules make a small one.
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&texts)
                .expect("keyword automaton fits in memory")
        });
        KeywordIndex {
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
        let mut hits = vec![Vec::new(); self.texts.len()];
        let Some(ac) = &self.automaton else {
            return KeywordHits { hits };
        };
        let bytes = text.as_bytes();
        let input = aho_corasick::Input::new(&bytes[..range.end]).span(range.start..range.end);
        for m in ac.find_overlapping_iter(input) {
            let (s, e) = (m.start(), m.end());
            let id = m.pattern().as_usize();
            if starts_word(text, s) && (self.open_ended[id] || ends_word(text, e)) {
                let mut end = e;
                if self.open_ended[id] {
                    end += text[e..range.end]
                        .find(|c: char| !c.is_alphanumeric())
                        .unwrap_or(range.end - e);
                }
                hits[id].push(Span::new(s, end));
            }
        }
        for h in &mut hits {
            h.sort();
            h.dedup();
        }
        KeywordHits { hits }
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
