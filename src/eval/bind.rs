//! Binding: which mentions of a document are the value of which fact.
//!
//! A mention binds to a fact when its kind (and dimension) fits and its
//! context satisfies the fact's binder — see [`Binder`]. Binding records, for
//! each bound mention, the sentence and the keyword occurrences that made it
//! bind, so reports and `explain` can show why.

use serde::Serialize;

use crate::check::model::{Binder, Fact, FactSource, Keyword, PatternPart, Window};
use crate::extract::Mention;
use crate::quantity::{Dimension, Kind, Value};
use crate::source::Span;

use super::keywords::{KeywordHits, KeywordId, KeywordIndex};

/// A mention bound to a fact, with the context that bound it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BoundMention {
    /// The mention.
    pub mention: Mention,
    /// The sentence it is in.
    pub sentence: Span,
    /// The keyword occurrences that satisfied the binder.
    pub keywords: KeywordSpans,
}

/// The keyword occurrences that bound a mention, sorted: as a slice
/// (`Deref`), serialized as a list.
///
/// Up to two are kept inline (a binder seldom names more than one keyword
/// group and a counted noun): a `Vec` per bound mention was an allocation,
/// and a free, for every mention of every document that bound.
#[derive(Clone, Debug)]
pub enum KeywordSpans {
    /// At most two, in the first `len` of `spans`.
    Inline {
        /// The occurrences, then unused room.
        spans: [Span; 2],
        /// How many there are.
        len: u8,
    },
    /// More than two.
    Heap(Vec<Span>),
}

impl KeywordSpans {
    /// The occurrences `spans` (sorted), copied.
    pub fn from_slice(spans: &[Span]) -> KeywordSpans {
        match *spans {
            [] => KeywordSpans::Inline {
                spans: [Span::default(); 2],
                len: 0,
            },
            [a] => KeywordSpans::Inline {
                spans: [a, Span::default()],
                len: 1,
            },
            [a, b] => KeywordSpans::Inline {
                spans: [a, b],
                len: 2,
            },
            _ => KeywordSpans::Heap(spans.to_vec()),
        }
    }
}

impl std::ops::Deref for KeywordSpans {
    type Target = [Span];

    fn deref(&self) -> &[Span] {
        match self {
            KeywordSpans::Inline { spans, len } => &spans[..usize::from(*len)],
            KeywordSpans::Heap(spans) => spans,
        }
    }
}

impl PartialEq for KeywordSpans {
    /// Equal when they list the same occurrences, however they are kept.
    fn eq(&self, other: &KeywordSpans) -> bool {
        **self == **other
    }
}

impl Serialize for KeywordSpans {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

/// Why a mention of the right kind did not bind (for `explain`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Rejection {
    /// No keyword of a required group in the sentence or window.
    MissingKeyword {
        /// The group's keywords.
        group: Vec<String>,
    },
    /// An excluding keyword is present.
    Excluded {
        /// The keyword.
        keyword: String,
        /// Where it occurs.
        at: Span,
    },
    /// A count whose number is not followed by one of the counted nouns.
    NotCounting,
    /// The typed-capture pattern does not match around it.
    PatternMismatch,
    /// The quantity has another dimension than the fact.
    WrongDimension,
}

/// The text and the precomputed structure binders need.
pub struct BindContext<'a> {
    /// The whole file text.
    pub text: &'a str,
    /// Sentence spans, sorted.
    pub sentences: &'a [Span],
    /// Keyword occurrences.
    pub hits: &'a KeywordHits,
    /// The keyword automaton (for ids).
    pub index: &'a KeywordIndex,
}

impl BindContext<'_> {
    fn sentence_of(&self, span: Span) -> Span {
        sentence_of(self.sentences, span)
    }

    fn find(&self, id: Option<KeywordId>, range: Span) -> Option<Span> {
        id.and_then(|id| self.hits.any_within(id, range))
    }
}

/// The sentence of `sentences` (sorted) that `span` is in, stretched to
/// cover it; `span` itself when it is in none.
fn sentence_of(sentences: &[Span], span: Span) -> Span {
    let i = sentences.partition_point(|s| s.end <= span.start);
    stretched(sentences.get(i).copied(), span)
}

/// The sentence `first` (the first not ending before `span`) stretched to
/// cover `span`, if `span` starts in it; else `span`.
fn stretched(first: Option<Span>, span: Span) -> Span {
    first
        .filter(|s| s.start <= span.start)
        // A mention that runs past a sentence break ("28\n\nShr") still
        // lies inside its sentence: the window code slices up to its end.
        .map(|s| s.join(span))
        .unwrap_or(span)
}

/// Whether a mention's kind fits the fact.
pub fn kind_fits(fact: &Fact, m: &Mention) -> bool {
    m.value.kind() == bound_kind(fact)
}

/// The kind of mention a fact binds: a number for a `count of` fact, else
/// its type's kind.
fn bound_kind(fact: &Fact) -> Kind {
    if fact.is_count {
        Kind::Number
    } else {
        fact.ty.kind
    }
}

/// Tries to bind `m` to `fact`; `Err` says why it did not.
pub fn bind(
    fact: &Fact,
    binder: &Binder,
    m: &Mention,
    cx: &BindContext<'_>,
) -> Result<BoundMention, Rejection> {
    let sentence = cx.sentence_of(m.span);
    let need = Needs::of(binder, cx.index);
    try_bind(fact, binder, &need, m, sentence, None, cx, &mut Vec::new()).map_err(|r| match r {
        Reason::MissingKeyword(g) => Rejection::MissingKeyword {
            group: binder.all_of[g].iter().map(|k| k.text.clone()).collect(),
        },
        Reason::Excluded(k, at) => Rejection::Excluded {
            keyword: binder.without[k].text.clone(),
            at,
        },
        Reason::NotCounting => Rejection::NotCounting,
        Reason::PatternMismatch => Rejection::PatternMismatch,
        Reason::WrongDimension => Rejection::WrongDimension,
    })
}

/// Why a mention did not bind, without the words (binding a document only
/// needs to know that it did not; [`bind`] spells the reason out).
enum Reason {
    /// The index of the group in `all_of`.
    MissingKeyword(usize),
    /// The index of the keyword in `without`, and where it occurs.
    Excluded(usize, Span),
    NotCounting,
    PatternMismatch,
    WrongDimension,
}

/// [`bind`] without spelling out the reason; `sentence` is the mention's
/// ([`BindContext::sentence_of`]). `first_hit`, when given, is the hit of
/// the first keyword group in `sentence` as [`BindContext::find`] finds it
/// (the caller's cursor found it already); `found` is room to work in.
#[allow(clippy::too_many_arguments)] // one private function, called from three places
fn try_bind(
    fact: &Fact,
    binder: &Binder,
    need: &Needs,
    m: &Mention,
    sentence: Span,
    first_hit: Option<Span>,
    cx: &BindContext<'_>,
    found: &mut Vec<Span>,
) -> Result<BoundMention, Reason> {
    if let (Some(dim), Value::Quantity { dimension, .. }) = (fact.ty.dimension, &m.value) {
        if dim != *dimension {
            return Err(Reason::WrongDimension);
        }
    }
    let window = match binder.window {
        Window::Sentence => sentence,
        Window::Words(n) => words_around(cx.text, sentence, m.span, n),
    };
    // The occurrences are gathered in `found` and copied out only when the
    // mention binds (inline, for up to two).
    found.clear();
    for (g, group) in need.all_of.iter().enumerate() {
        let hit = match first_hit {
            // A sentence window is the range the cursor searched.
            Some(at) if g == 0 && matches!(binder.window, Window::Sentence) => Some(at),
            _ => group.iter().find_map(|&id| cx.find(id, window)),
        };
        match hit {
            Some(at) => found.push(at),
            None => return Err(Reason::MissingKeyword(g)),
        }
    }
    for (i, &id) in need.without.iter().enumerate() {
        if let Some(at) = cx.find(id, window) {
            return Err(Reason::Excluded(i, at));
        }
    }
    if fact.is_count {
        let noun = need
            .count_of
            .iter()
            .find_map(|&id| counted_noun(cx, id?, m.span, sentence));
        match noun {
            Some(at) => found.push(at),
            None => return Err(Reason::NotCounting),
        }
    }
    if let Some(p) = &binder.pattern {
        if !pattern_matches(&p.parts, cx.text, sentence, m.span) {
            return Err(Reason::PatternMismatch);
        }
    }
    found.sort();
    Ok(BoundMention {
        mention: m.clone(),
        sentence,
        keywords: KeywordSpans::from_slice(found),
    })
}

/// The counted noun right after a number: "14 memorandums", "15 cooperation
/// agreements" (up to two plain words between), never across punctuation.
fn counted_noun(cx: &BindContext<'_>, id: KeywordId, number: Span, sentence: Span) -> Option<Span> {
    let hits = cx.hits.of(id);
    let i = hits.partition_point(|s| s.start < number.end);
    let at = *hits.get(i)?;
    if at.end > sentence.end {
        return None;
    }
    let between = &cx.text[number.end..at.start];
    let plain = between
        .chars()
        .all(|c| c.is_alphabetic() || c == '-' || c.is_whitespace());
    (plain && between.split_whitespace().count() <= 2).then_some(at)
}

/// The span of up to `n` words on each side of `m`, within the sentence.
fn words_around(text: &str, sentence: Span, m: Span, n: usize) -> Span {
    let before = &text[sentence.start..m.start];
    let mut start = m.start;
    let mut count = 0;
    for (i, _) in before.char_indices().rev() {
        let abs = sentence.start + i;
        let c = text[abs..].chars().next().unwrap_or(' ');
        let prev_ws = i == 0
            || text[..abs]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace);
        if !c.is_whitespace() && prev_ws {
            count += 1;
            if count > n {
                break;
            }
            start = abs;
        }
    }
    let after = &text[m.end..sentence.end];
    let mut end = m.end;
    count = 0;
    let mut in_word = false;
    for (i, c) in after.char_indices() {
        if c.is_whitespace() {
            if in_word {
                count += 1;
                if count >= n {
                    break;
                }
            }
            in_word = false;
        } else {
            in_word = true;
            end = m.end + i + c.len_utf8();
        }
    }
    Span::new(start.min(m.start), end.max(m.end))
}

/// Words of `s`, lowercased, with surrounding punctuation trimmed.
fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether a typed-capture pattern matches with `m` as its capture.
fn pattern_matches(parts: &[PatternPart], text: &str, sentence: Span, m: Span) -> bool {
    let Some(cap) = parts
        .iter()
        .position(|p| matches!(p, PatternPart::Capture(_)))
    else {
        return false;
    };
    let expand = |ps: &[PatternPart]| -> Vec<Option<(String, usize)>> {
        // Some((word, 0)) a literal word; None… a skip of up to n words, encoded as ("", n).
        ps.iter()
            .flat_map(|p| match p {
                PatternPart::Text(t) => words(t)
                    .into_iter()
                    .map(|w| Some((w, 0)))
                    .collect::<Vec<_>>(),
                PatternPart::Skip(n) => vec![Some((String::new(), *n))],
                PatternPart::Capture(_) => vec![None],
            })
            .collect()
    };
    let mut before: Vec<_> = expand(&parts[..cap]).into_iter().flatten().collect();
    before.reverse();
    let after: Vec<_> = expand(&parts[cap + 1..]).into_iter().flatten().collect();
    let mut text_before = words(&text[sentence.start..m.start]);
    text_before.reverse();
    let text_after = words(&text[m.end..sentence.end]);
    seq_matches(&before, &text_before) && seq_matches(&after, &text_after)
}

/// Whether the pattern (literal words and skips) matches a prefix of `text`.
fn seq_matches(pattern: &[(String, usize)], text: &[String]) -> bool {
    match pattern.split_first() {
        None => true,
        Some(((w, 0), rest)) => {
            text.first().is_some_and(|t| t == w) && seq_matches(rest, &text[1..])
        }
        Some(((_, n), rest)) => (0..=(*n).min(text.len())).any(|k| seq_matches(rest, &text[k..])),
    }
}

/// The mentions bound to the facts of one rule file in one document: only
/// the facts that bound something are listed.
///
/// With hundreds of rules a document binds a handful of facts; a list with
/// an (empty) entry per fact cost more to build and drop than the binding
/// itself.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FileBindings {
    /// (fact index, its mentions), by fact index; never an empty list.
    bound: Vec<(usize, Vec<BoundMention>)>,
}

impl FileBindings {
    /// The mentions bound to fact `fact` (its index in the file).
    pub fn of(&self, fact: usize) -> &[BoundMention] {
        match self.bound.binary_search_by_key(&fact, |(f, _)| *f) {
            Ok(i) => &self.bound[i].1,
            Err(_) => &[],
        }
    }

    /// Whether no fact bound anything.
    pub fn is_empty(&self) -> bool {
        self.bound.is_empty()
    }

    /// The facts that bound something, by index, with their mentions.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &[BoundMention])> + '_ {
        self.bound.iter().map(|(f, ms)| (*f, ms.as_slice()))
    }
}

/// Every mention that binds to each fact of a file.
pub fn bind_all(
    facts: &[Fact],
    mentions: &[Mention],
    cx: &BindContext<'_>,
) -> Vec<Vec<BoundMention>> {
    facts
        .iter()
        .map(|fact| match &fact.source {
            // With hundreds of rules most facts' keywords are absent from a
            // given document: skip those without looking at its mentions.
            FactSource::Binder(b) if !keywords_present(b, cx) => Vec::new(),
            FactSource::Binder(b) => {
                let need = Needs::of(b, cx.index);
                let mut found = Vec::new();
                mentions
                    .iter()
                    .filter(|m| kind_fits(fact, m))
                    .filter_map(|m| {
                        let sentence = cx.sentence_of(m.span);
                        try_bind(fact, b, &need, m, sentence, None, cx, &mut found).ok()
                    })
                    .collect()
            }
            FactSource::Derived(_) => Vec::new(),
        })
        .collect()
}

/// The keyword ids a binder needs present in a document, looked up once per
/// rule set rather than once per document (with hundreds of rules the
/// look-ups cost more than the check itself).
#[derive(Debug)]
pub struct Needs {
    all_of: Vec<Vec<Option<KeywordId>>>,
    without: Vec<Option<KeywordId>>,
    count_of: Vec<Option<KeywordId>>,
    /// Whether [`Needs::met`] holds whenever the fact is a candidate of
    /// [`FactsByKeyword`]: it needs at most one group of keywords (counted
    /// nouns count as one), and that group made it a candidate.
    met_by_candidacy: bool,
}

impl Needs {
    /// The ids `b` needs.
    pub fn of(b: &Binder, index: &KeywordIndex) -> Needs {
        Needs {
            met_by_candidacy: b.all_of.len() + usize::from(!b.count_of.is_empty()) <= 1,
            all_of: b
                .all_of
                .iter()
                .map(|g| g.iter().map(|k| index.id(k)).collect())
                .collect(),
            without: b.without.iter().map(|k| index.id(k)).collect(),
            count_of: b.count_of.iter().map(|k| index.id(k)).collect(),
        }
    }

    /// The same answer as [`keywords_present`], from the ids.
    fn met(&self, hits: &KeywordHits) -> bool {
        let occurs = |id: &Option<KeywordId>| id.is_some_and(|id| !hits.of(id).is_empty());
        self.all_of.iter().all(|group| group.iter().any(occurs))
            && (self.count_of.is_empty() || self.count_of.iter().any(occurs))
    }
}

/// Per file, per fact of `rules`: the [`Needs`] of its binder (`None` for a
/// derived fact).
pub fn needs_of(
    rules: &crate::check::model::RuleSet,
    index: &KeywordIndex,
) -> Vec<Vec<Option<Needs>>> {
    rules
        .files
        .iter()
        .map(|f| {
            f.facts
                .iter()
                .map(|x| match &x.source {
                    FactSource::Binder(b) => Some(Needs::of(b, index)),
                    FactSource::Derived(_) => None,
                })
                .collect()
        })
        .collect()
}

/// Spans of text to scan for keywords closer than this many bytes are
/// scanned as one, with the text between.
const KEYWORD_SPAN_GAP: usize = 16;

/// What binding needs of a document's mentions, worked out once per
/// document rather than once per fact that may bind: the sentence of each,
/// and which are of each kind.
#[derive(Default)]
pub struct MentionIndex {
    /// Per mention: the sentence it is in, as `BindContext::sentence_of`.
    sentences: Vec<Span>,
    /// The mentions' indices grouped by [`Kind`], in order within a kind.
    by_kind: Vec<usize>,
    /// Per kind (as `usize`): where its group starts in `by_kind`; then
    /// `by_kind.len()`.
    kind_starts: [usize; Kind::ALL.len() + 1],
}

impl MentionIndex {
    /// Indexes `mentions` of a document with these `sentences` (sorted),
    /// in this index's lists, so that one index can serve document after
    /// document.
    pub fn refill(&mut self, mentions: &[Mention], sentences: &[Span]) {
        // A kind is a `match` on the value: cheaper to ask twice than to
        // keep in a list.
        let kind = |m: &Mention| m.value.kind() as usize;
        let mut kind_starts = [0; Kind::ALL.len() + 1];
        for m in mentions {
            kind_starts[kind(m) + 1] += 1;
        }
        for k in 0..Kind::ALL.len() {
            kind_starts[k + 1] += kind_starts[k];
        }
        let mut next = kind_starts;
        let by_kind = &mut self.by_kind;
        by_kind.clear();
        by_kind.resize(mentions.len(), 0);
        for (i, m) in mentions.iter().enumerate() {
            let k = kind(m);
            by_kind[next[k]] = i;
            next[k] += 1;
        }
        // Mentions come in text order: the first sentence not ending before
        // a mention is found by moving on from the previous mention's, not
        // by a binary search each (as `sentence_of`, which a mention before
        // the previous one falls back to).
        let mut at = 0;
        let mut last_start = 0;
        self.sentences.clear();
        self.sentences.extend(mentions.iter().map(|m| {
            let start = m.span.start;
            if start < last_start {
                return sentence_of(sentences, m.span);
            }
            last_start = start;
            while sentences.get(at).is_some_and(|s| s.end <= start) {
                at += 1;
            }
            stretched(sentences.get(at).copied(), m.span)
        }));
        self.kind_starts = kind_starts;
    }

    /// The text binding reads keywords in: the mentions' sentences, sorted
    /// and merged where they touch or nearly (scanning a few words between
    /// costs less than starting another span; hits there are hits of the
    /// document too, which binding may see).
    ///
    /// Every window a binder looks for a keyword in (and the stretch a
    /// counted noun is looked for in) lies within its mention's sentence,
    /// and [`KeywordHits`] answers "the first occurrence at or after a
    /// point" — so hits starting in these spans give every binding the
    /// answer all hits of the document give: one starting outside them
    /// starts after the end of the window asked about.
    ///
    /// Only the sentences of mentions some fact can bind count (`bindable`
    /// admits them, and `mentions` are the indexed ones): a binder tries
    /// others only to turn them away for their kind or dimension.
    ///
    /// Written into `spans` (cleared first), so that one list can serve
    /// document after document.
    pub fn keyword_spans_into(
        &self,
        mentions: &[Mention],
        bindable: &Bindable,
        spans: &mut Vec<Span>,
    ) {
        spans.clear();
        for (&sentence, m) in self.sentences.iter().zip(mentions) {
            if bindable.admits(m) {
                spans.push(sentence);
            }
        }
        // In text order already, unless mentions are not.
        if !spans.is_sorted_by_key(|s| s.start) {
            spans.sort_unstable_by_key(|s| s.start);
        }
        spans.dedup_by(|next, run| {
            if next.start <= run.end + KEYWORD_SPAN_GAP {
                run.end = run.end.max(next.end);
                true
            } else {
                false
            }
        });
    }

    /// The mentions of a kind, in order.
    fn of_kind(&self, kind: Kind) -> &[usize] {
        let k = kind as usize;
        &self.by_kind[self.kind_starts[k]..self.kind_starts[k + 1]]
    }
}

/// The mentions some binder fact of a rule set may bind, as far as their
/// kind and dimension tell ([`kind_fits`] and the dimension check of
/// binding): an ordinal, or a mass where the rules ask only for lengths,
/// binds to nothing.
#[derive(Debug)]
pub struct Bindable {
    /// By kind (as `usize`): whether a fact takes mentions of it.
    kinds: [bool; Kind::ALL.len()],
    /// The dimensions quantity facts take; `None`: any (a quantity fact of
    /// no dimension).
    dimensions: Option<Vec<Dimension>>,
}

impl Bindable {
    /// What the binder facts of `rules` take.
    pub fn of(rules: &crate::check::model::RuleSet) -> Bindable {
        let mut kinds = [false; Kind::ALL.len()];
        let mut dimensions = Some(Vec::new());
        for fact in rules.files.iter().flat_map(|f| &f.facts) {
            if !matches!(fact.source, FactSource::Binder(_)) {
                continue;
            }
            let kind = bound_kind(fact);
            kinds[kind as usize] = true;
            if kind == Kind::Quantity {
                match (fact.ty.dimension, &mut dimensions) {
                    (Some(d), Some(ds)) => ds.push(d),
                    (None, _) => dimensions = None,
                    (Some(_), None) => {}
                }
            }
        }
        Bindable { kinds, dimensions }
    }

    /// Whether some fact may bind `m`.
    pub fn admits(&self, m: &Mention) -> bool {
        match (&m.value, &self.dimensions) {
            (Value::Quantity { dimension, .. }, Some(ds)) => ds.contains(dimension),
            (value, _) => self.kinds[value.kind() as usize],
        }
    }
}

/// [`bind_all`] with each binder fact's [`Needs`] worked out beforehand
/// (`None` for derived facts), for the facts listed in `candidates` (by
/// index in `facts`, in order, as [`FactsByKeyword`] lists them: a fact
/// whose candidacy meets its needs is not asked again); the others bind
/// nothing. `index` is `mentions`'; `room` is room to work in, kept for the
/// document's other files.
pub fn bind_all_needing<'c>(
    facts: &[Fact],
    needs: &[Option<Needs>],
    candidates: impl Iterator<Item = usize>,
    mentions: &[Mention],
    index: &MentionIndex,
    cx: &BindContext<'c>,
    room: &mut BindRoom<'c>,
) -> FileBindings {
    let BindRoom {
        first_group,
        counted,
        keywords,
        bound_here,
    } = room;
    // Most facts are not candidates: only the candidates are read (facts
    // are large, and reading hundreds of them per document cost more than
    // binding the few candidates).
    let mut bound = FileBindings::default();
    for i in candidates {
        let (fact, need) = (&facts[i], &needs[i]);
        let FactSource::Binder(b) = &fact.source else {
            continue;
        };
        let own;
        let n = match need {
            // The group that made the fact a candidate is all it needs.
            Some(n) if n.met_by_candidacy => {
                debug_assert!(
                    n.met(cx.hits),
                    "candidate {i} needs more than its first group"
                );
                n
            }
            Some(n) if !n.met(cx.hits) => continue,
            Some(n) => n,
            None => {
                own = Needs::of(b, cx.index);
                &own
            }
        };
        // The mentions `kind_fits` accepts.
        let kind = bound_kind(fact);
        // A mention binds only with a keyword of the first group in its
        // window, which lies in its sentence: most mentions fail that, and
        // are turned away here without the rest of `try_bind`.
        let group = n.all_of.first();
        if let Some(g) = group {
            // No keyword of the group occurs in a sentence read: no mention
            // binds.
            if !first_group.start(g, cx.hits) {
                continue;
            }
        }
        // A count binds only with a counted noun after its number in its
        // sentence: most numbers have none, and are turned away here.
        if fact.is_count && !counted.start(&n.count_of, cx.hits) {
            continue;
        }
        // A plain loop: this runs for every mention of the kind of every
        // candidate fact, and as an iterator chain its closure was not
        // inlined.
        bound_here.clear();
        for &m in index.of_kind(kind) {
            let sentence = index.sentences[m];
            let first_hit = match group {
                Some(_) => match first_group.first_within(sentence) {
                    Some(at) => Some(at),
                    None => continue,
                },
                None => None,
            };
            // `counted_noun` looks at the first hit of each counted noun
            // starting at or after the number's end, and takes it only
            // when it ends within the sentence.
            if fact.is_count
                && counted
                    .first_within(Span::new(mentions[m].span.end, sentence.end))
                    .is_none()
            {
                continue;
            }
            if let Ok(bm) = try_bind(fact, b, n, &mentions[m], sentence, first_hit, cx, keywords) {
                bound_here.push(bm);
            }
        }
        // Candidates are visited by fact index, so the list stays sorted.
        // Copied out in one allocation of the size needed, rather than
        // grown push by push.
        if !bound_here.is_empty() {
            bound.bound.push((i, bound_here.to_vec()));
        }
    }
    bound
}

/// Room [`bind_all_needing`] works in, kept across the files of a document
/// so that its lists are allocated once.
#[derive(Default)]
pub struct BindRoom<'h> {
    /// The cursors over the first keyword group of the fact being bound.
    first_group: FirstGroupHits<'h>,
    /// The cursors over the counted nouns of the count being bound.
    counted: FirstGroupHits<'h>,
    /// The keyword occurrences of the mention being bound.
    keywords: Vec<Span>,
    /// The mentions bound to the fact being bound (see
    /// [`BindRoom::with_bound`]).
    bound_here: Vec<BoundMention>,
}

impl<'h> BindRoom<'h> {
    /// Room whose list of bound mentions is `bound` (cleared before use):
    /// a list a thread keeps from one document to the next.
    pub fn with_bound(bound: Vec<BoundMention>) -> BindRoom<'h> {
        BindRoom {
            bound_here: bound,
            ..BindRoom::default()
        }
    }

    /// The list of bound mentions, to keep for the next document.
    pub fn into_bound(self) -> Vec<BoundMention> {
        self.bound_here
    }
}

/// The hits of one fact's first keyword group, read with a cursor per
/// keyword: answers [`BindContext::find`] for "any of the group" over a
/// run of ranges that mostly move forward.
///
/// The mentions of a kind come in text order, so their sentences do too: a
/// cursor that only moves forward replaces a binary search per mention and
/// keyword (nine in ten mentions are turned away here, so this test ran
/// for every mention of the kind of every candidate fact). A range that
/// starts before the previous one restarts the cursors, so the answer never
/// depends on the order.
///
/// One serves every file of a document, so that its list is allocated once.
#[derive(Default)]
pub struct FirstGroupHits<'h> {
    /// Per keyword of the group: its hits, and the first that does not
    /// start before the last range asked about.
    cursors: Vec<(&'h [Span], usize)>,
    /// Where the last range asked about starts.
    last_start: usize,
}

impl<'h> FirstGroupHits<'h> {
    /// Starts over with the keywords of `group`; false when none occurs.
    ///
    /// Only the keywords that occur get a cursor: a keyword with no hit
    /// answers no range, and most of a group's keywords are absent from a
    /// given document.
    fn start(&mut self, group: &[Option<KeywordId>], hits: &'h KeywordHits) -> bool {
        self.cursors.clear();
        self.cursors.extend(
            group
                .iter()
                .flatten()
                .map(|&id| (hits.of(id), 0))
                .filter(|(of, _)| !of.is_empty()),
        );
        self.last_start = 0;
        !self.cursors.is_empty()
    }

    /// The hit of the first keyword of the group (in group order) that
    /// lies within `range`: the first hit starting at or after its start
    /// ends inside it, as [`KeywordHits::any_within`] has it.
    fn first_within(&mut self, range: Span) -> Option<Span> {
        if range.start < self.last_start {
            for (_, at) in &mut self.cursors {
                *at = 0;
            }
        }
        self.last_start = range.start;
        self.cursors.iter_mut().find_map(|(hits, at)| {
            while hits.get(*at).is_some_and(|h| h.start < range.start) {
                *at += 1;
            }
            hits.get(*at).copied().filter(|h| h.end <= range.end)
        })
    }
}

/// The facts of a rule set indexed by keyword, so that a document's facts
/// that can bind are found from the keywords it contains: with hundreds of
/// rules, most facts have none of their keywords in a given document, and
/// asking each of them cost more than binding the few that do.
#[derive(Debug)]
pub struct FactsByKeyword {
    /// Per keyword id: the facts (flat index) whose first keyword group (or
    /// counted nouns, for a count with no group) names it.
    by_keyword: Vec<Vec<usize>>,
    /// Facts a document may bind whatever its keywords: binders with no
    /// keyword, and derived facts (which bind nothing themselves).
    always: Vec<usize>,
}

impl FactsByKeyword {
    /// Indexes the facts of every file, in order (a fact's flat index is its
    /// index in its file plus the facts of the files before).
    pub fn new(needs: &[Vec<Option<Needs>>], keywords: usize) -> FactsByKeyword {
        let mut by_keyword = vec![Vec::new(); keywords];
        let mut always = Vec::new();
        for (flat, need) in needs.iter().flatten().enumerate() {
            let first = need.as_ref().and_then(|n| {
                n.all_of
                    .first()
                    .or((!n.count_of.is_empty()).then_some(&n.count_of))
            });
            match first {
                // A keyword missing from the index never occurs: the fact
                // needs another of its group, or cannot bind.
                Some(group) => group
                    .iter()
                    .flatten()
                    .for_each(|id| by_keyword[id.0].push(flat)),
                None => always.push(flat),
            }
        }
        FactsByKeyword { by_keyword, always }
    }

    /// [`FactsByKeyword::candidates_into`] into a new list, for tests.
    #[cfg(test)]
    pub fn candidates(&self, hits: &KeywordHits) -> Vec<usize> {
        let mut c = Vec::new();
        self.candidates_into(hits, &mut c);
        c
    }

    /// Writes into `c` (cleared first) the facts (flat indices, in order) a
    /// keyword of whose first group occurs in the document, or that need
    /// none.
    ///
    /// A list rather than a flag per fact: a document makes a few facts of
    /// hundreds candidates, and binding walked every flag.
    pub fn candidates_into(&self, hits: &KeywordHits, c: &mut Vec<usize>) {
        c.clear();
        let of_present = hits.present().map(|id| self.by_keyword[id.0].len());
        c.reserve(self.always.len() + of_present.sum::<usize>());
        c.extend_from_slice(&self.always);
        for id in hits.present() {
            c.extend_from_slice(&self.by_keyword[id.0]);
        }
        c.sort_unstable();
        c.dedup();
    }
}

/// Whether the document holds a keyword of every group the binder needs
/// (and a counted noun, for a count). When it does not, no mention binds.
fn keywords_present(b: &Binder, cx: &BindContext<'_>) -> bool {
    let occurs = |k: &Keyword| cx.index.id(k).is_some_and(|id| !cx.hits.of(id).is_empty());
    b.all_of.iter().all(|group| group.iter().any(occurs))
        && (b.count_of.is_empty() || b.count_of.iter().any(occurs))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inline or on the heap, the occurrences read, compare and serialize
    /// as the list they were made from.
    #[test]
    fn keyword_spans_read_as_the_list_they_hold() {
        let all: Vec<Span> = (0..4).map(|i| Span::new(i * 10, i * 10 + 3)).collect();
        for n in 0..=all.len() {
            let list = &all[..n];
            let spans = KeywordSpans::from_slice(list);
            assert_eq!(&*spans, list);
            assert_eq!(spans, KeywordSpans::Heap(list.to_vec()));
            assert_eq!(
                serde_json::to_string(&spans).unwrap(),
                serde_json::to_string(&list.to_vec()).unwrap()
            );
        }
    }

    #[test]
    fn patterns_match_words_around_the_capture() {
        let text = "Lee arrived in Beijing on January 4, 2026, for talks.";
        let m = Span::new(26, 41);
        let parts = vec![
            PatternPart::Text("arrived in".into()),
            PatternPart::Skip(3),
            PatternPart::Text("on".into()),
            PatternPart::Capture(Kind::Date),
        ];
        assert!(pattern_matches(&parts, text, Span::new(0, text.len()), m));
        let wrong = vec![
            PatternPart::Text("left".into()),
            PatternPart::Capture(Kind::Date),
        ];
        assert!(!pattern_matches(&wrong, text, Span::new(0, text.len()), m));
    }

    #[test]
    fn facts_are_candidates_when_a_keyword_of_their_first_group_occurs() {
        use crate::check::model::RuleSet;
        let rules = "fact a: number near \"trade\" | \"exports\"\n\
                     fact b: number near \"oil\" and \"prices\"\n\
                     fact c: count of \"ships\"\n\
                     fact d: number\n\
                     fact e: number near \"wheat\"\n";
        let file = crate::check::check_rule_file(crate::source::SourceFile::new("t.rules", rules))
            .unwrap();
        let rules = RuleSet { files: vec![file] };
        let index = KeywordIndex::new(&rules);
        let needs = needs_of(&rules, &index);
        let by_keyword = FactsByKeyword::new(&needs, index.len());
        let candidates = |text: &str| {
            let hits = index.scan(text, Span::new(0, text.len()));
            by_keyword.candidates(&hits)
        };
        // a: either word; b: its first group ("oil") is enough to be a
        // candidate (binding then needs "prices" too); c: the counted noun;
        // d: no keyword, always; e: absent.
        assert_eq!(
            candidates("Exports of oil rose; 3 ships sailed."),
            [0, 1, 2, 3]
        );
        assert_eq!(candidates("Prices fell."), [3]);
    }

    /// The evaluator binds what the general path binds: every mention of
    /// every fact tried with [`bind_all`] over all the hits and sentences
    /// of the text. Its gates (candidates, the first group's cursors, the
    /// counted nouns' cursors, needs met by candidacy, the sentences and
    /// keywords read) must turn away only mentions that cannot bind.
    #[test]
    fn evaluation_binds_what_every_fact_and_mention_tried_binds() {
        use crate::check::model::RuleSet;
        use crate::config::Config;
        use crate::document::{sentences, Document};
        use crate::source::SourceFile;
        let rules = "fact a: number near \"oil\" | \"gas\"\n\
                     fact b: count of \"ships\" | \"boats\"\n\
                     fact c: number near \"oil\" and \"prices\"\n\
                     fact d: count of \"ships\" near \"navy\" without \"gas\"\n\
                     fact e: percent near \"rose\" within 2 words\n\
                     fact f: number near \"boats\" | \"absent\" without \"prices\"\n\
                     fact g: money near \"oil*\"\n\
                     fact h: count of \"absent\" | \"navy\"\n\
                     fact i: number\n\
                     fact j = a + b\n";
        let file = crate::check::check_rule_file(SourceFile::new("t.rules", rules)).unwrap();
        let rules = RuleSet { files: vec![file] };
        let config = Config::default();
        let ev = super::super::Evaluator::new(&rules, &config);
        let index = KeywordIndex::new(&rules);
        const PIECES: &[&str] = &[
            "oil", "Oil", "oils", "gas", "prices", "ships", "boats", "navy", "rose", "absent",
            "the", "big", " ", " ", " ", " ", "\n", ". ", ", ", "3", "14", "40%", "$5", " million",
            "2,000", "Mr. ", "-",
        ];
        let strategy = crate::source::arbitrary::text_and_range(PIECES, 40);
        let bound = std::cell::Cell::new(0);
        crate::source::arbitrary::runner(4_000)
            .run(&strategy, |(text, _)| {
                let doc = Document::parse(SourceFile::new("d.txt", text.as_str())).unwrap();
                let (mentions, result) = crate::pipeline::check_document(&ev, &config, 0, &doc);
                let all = Span::new(0, text.len());
                let sentences = sentences(&text, all);
                let hits = index.scan(&text, all);
                let cx = BindContext {
                    text: &text,
                    sentences: &sentences,
                    hits: &hits,
                    index: &index,
                };
                let want = bind_all(&rules.files[0].facts, &mentions, &cx);
                let got = result.bindings[0].as_ref().unwrap();
                for (f, want) in want.iter().enumerate() {
                    proptest::prop_assert_eq!(got.of(f), want.as_slice(), "fact {}", f);
                    bound.set(bound.get() + want.len());
                }
                Ok(())
            })
            .unwrap();
        // Texts full of keywords and numbers: a test where nothing bound
        // would pass and prove nothing.
        let bound = bound.get();
        assert!(bound > 5_000, "{bound}");
    }

    #[test]
    fn word_windows_count_words() {
        let text = "a b c 90 d e f";
        let w = words_around(text, Span::new(0, text.len()), Span::new(6, 8), 2);
        assert_eq!(&text[w.start..w.end], "b c 90 d e");
    }
}
