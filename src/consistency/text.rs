//! Words of a sentence with their spans, and the small word lists the
//! built-in checks and grounding share.

use crate::source::Span;

/// The words of `text[range]` with their byte spans: runs of letters and
/// digits, with inner apostrophes and hyphens kept ("Lee's", "four-day").
pub fn words(text: &str, range: Span) -> Vec<(Span, &str)> {
    let mut out = Vec::new();
    let s = &text[range.start..range.end];
    let mut start: Option<usize> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner = (c == '\'' || c == '’' || c == '-')
            && start.is_some()
            && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            out.push((Span::new(range.start + st, range.start + i), &s[st..i]));
        }
    }
    if let Some(st) = start {
        out.push((Span::new(range.start + st, range.end), &s[st..]));
    }
    out
}

/// The last `n` of [`words`] of `text[range]`, last first, found from the
/// end: the words before a mention, where the sentence before it may be
/// long.
///
/// Which characters belong to words is decided by the neighbours alone (an
/// apostrophe or hyphen between two letters or digits), so scanning from
/// either end finds the same words.
pub fn last_words(text: &str, range: Span, n: usize) -> Vec<&str> {
    let s = &text[range.start..range.end];
    let inner = |c: char| c == '\'' || c == '’' || c == '-';
    let mut out = Vec::new();
    if n == 0 {
        return out;
    }
    // The word being read, by its end; the character after the current one.
    let mut end: Option<usize> = None;
    let mut after: Option<char> = None;
    let mut chars = s.char_indices().rev().peekable();
    while let Some((i, c)) = chars.next() {
        let before = chars.peek().map(|&(_, b)| b);
        let in_word = c.is_alphanumeric()
            || (inner(c)
                && before.is_some_and(char::is_alphanumeric)
                && after.is_some_and(char::is_alphanumeric));
        if in_word {
            end.get_or_insert(i + c.len_utf8());
        } else if let Some(e) = end.take() {
            out.push(&s[i + c.len_utf8()..e]);
            if out.len() == n {
                return out;
            }
        }
        after = Some(c);
    }
    if let Some(e) = end {
        if out.len() < n {
            out.push(&s[..e]);
        }
    }
    out
}

/// The weekday a word names (0 Monday … 6 Sunday): full names, capitalised,
/// as news text writes them. Abbreviations count only with a full stop
/// ("Tue."), which the caller checks: "Sat" and "Sun" are words too.
pub fn weekday(word: &str, abbreviation_ok: bool) -> Option<i8> {
    const SHORT: [&[&str]; 7] = [
        &["Mon"],
        &["Tue", "Tues"],
        &["Wed"],
        &["Thu", "Thur", "Thurs"],
        &["Fri"],
        &["Sat"],
        &["Sun"],
    ];
    if let Some(i) = WEEKDAYS.iter().position(|w| *w == word) {
        return Some(i as i8);
    }
    if abbreviation_ok {
        if let Some(i) = SHORT.iter().position(|ws| ws.contains(&word)) {
            return Some(i as i8);
        }
    }
    None
}

/// The weekdays' English names, Monday first.
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The English name of a weekday (0 Monday).
pub fn weekday_name(i: i8) -> &'static str {
    WEEKDAYS[i.clamp(0, 6) as usize]
}

/// The sentence containing `span`, if any.
pub fn sentence_of(sentences: &[Span], span: Span) -> Option<Span> {
    let i = sentences.partition_point(|s| s.end <= span.start);
    sentences.get(i).copied().filter(|s| s.start <= span.start)
}

/// Words that carry no content: articles, pronouns, auxiliaries,
/// prepositions, conjunctions and a few news fillers. Grounding compares
/// sentences by the words left after removing these; the list is short on
/// purpose — a long one starts removing words that tell events apart
/// ("visit", "since"), and the sentences compared are about one story anyway.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "more",
    "most",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "said",
    "same",
    "says",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "amid",
    "amidst",
    "within",
    "s",
    "per",
    "cent",
    "percent",
    "according",
    "including",
    "since",
];

/// A word's content form, or `None` for a stopword or a number: lowercase,
/// apostrophe-s and a plural `s` stripped ("talks" → "talk", "Lee's" → "lee").
/// Stripping a final `s` is crude ("news" → "new") but symmetric: both sides
/// of a comparison are cut the same way, and that is all matching needs.
pub fn content_word(word: &str) -> Option<String> {
    if word.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut w = word.to_lowercase().replace('’', "'");
    if let Some(stem) = w.strip_suffix("'s") {
        w = stem.to_string();
    }
    if STOPWORDS.contains(&w.as_str()) {
        return None;
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w.pop();
    }
    (w.chars().count() > 1).then_some(w)
}
