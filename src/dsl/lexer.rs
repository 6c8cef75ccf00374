//! Rule text → tokens with byte spans (nom over `&str`).
//!
//! The lexer never fails. Characters it does not know become
//! [`TokenKind::Unknown`] tokens (the parser reports them where they stop a
//! statement); an unterminated string becomes a string token running to the
//! end of its line, plus an error, so the rest of the file is still lexed.
//! Comments (`#` to end of line) and whitespace (any Unicode white space,
//! NBSP included) separate tokens and are dropped; what the parser needs from
//! them is kept as two flags per token: [`Token::line_start`] (the token
//! starts a statement) and [`Token::glued`] (no space before it: `$273B`).

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char, satisfy};
use nom::combinator::{map, not, opt, peek, recognize, value};
use nom::sequence::preceded;
use nom::{IResult, Parser};

use super::ast::CmpOp;
use crate::source::Span;

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub enum TokenKind {
    /// A word: `fact`, `summit_date`, `km`, `°C`. Keywords are words too;
    /// the parser decides by position.
    Word,
    /// Digits with optional `,` thousands separators and a decimal part:
    /// `14`, `1,000`, `2.5`.
    Number(f64),
    /// `YYYY-MM` or `YYYY-MM-DD` (checked for validity later).
    Date,
    /// A double-quoted string, escapes resolved.
    Str(String),
    /// A currency symbol or prefix: `$`, `₩`, `€`, `US$`, `CN¥`.
    Currency,
    /// A comparison operator.
    Cmp(CmpOp),
    /// Something that looks like an operator but is not one: `=>`, `<>`, `!`.
    BadOp,
    /// `=` (derived facts).
    Assign,
    /// `+`
    Plus,
    /// `-` or `−`
    Minus,
    /// `*` or `×`
    Star,
    /// `/` or `÷`
    Slash,
    /// `±` or `+/-`
    PlusMinus,
    /// `%`
    Percent,
    /// `..`
    DotDot,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `:`
    Colon,
    /// `|`
    Pipe,
    /// `,`
    Comma,
    /// Any other character.
    Unknown,
}

/// One token.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Where it is.
    pub span: Span,
    /// The source text under `span`.
    pub text: String,
    /// The token is the first on its line and not indented: it starts a
    /// statement.
    pub line_start: bool,
    /// No white space or comment separates it from the previous token.
    pub glued: bool,
}

impl Token {
    /// Whether this is the word `w`.
    pub fn is_word(&self, w: &str) -> bool {
        self.kind == TokenKind::Word && self.text == w
    }
}

/// A problem the lexer found: an unterminated string or a bad escape.
#[derive(Clone, Debug, PartialEq)]
pub struct LexError {
    /// Where.
    pub span: Span,
    /// Which problem.
    pub kind: LexErrorKind,
}

/// The problems the lexer reports.
#[derive(Clone, Debug, PartialEq)]
pub enum LexErrorKind {
    /// `"abc` with no closing quote on its line. The span is the opening quote.
    UnterminatedString,
    /// `\n` or another escape that is not `\"` or `\\`.
    BadEscape,
}

type LResult<'a, O> = IResult<&'a str, O>;

/// Currency symbols that stand alone (`$`, `₩`) or end a prefix (`US$`).
const CURRENCY_SYMBOLS: &[char] = &[
    '$', '€', '£', '¥', '￥', '₩', '₹', '₽', '₫', '฿', '₪', '₺', '₦', '₱', '₴', '₿',
];

fn is_word_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '°'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '²' || c == '³'
}

/// A word, or a word glued to `$`/`¥` (a currency prefix such as `US$`).
fn word(i: &str) -> LResult<'_, TokenKind> {
    let (rest, _) = (satisfy(is_word_start), take_while(is_word_char)).parse(i)?;
    match opt(satisfy(|c| c == '$' || c == '¥')).parse(rest)? {
        (rest, Some(_)) => Ok((rest, TokenKind::Currency)),
        (rest, None) => Ok((rest, TokenKind::Word)),
    }
}

fn digits(i: &str) -> LResult<'_, &str> {
    take_while1(|c: char| c.is_ascii_digit()).parse(i)
}

/// `2026-01-05`, `2026-01`, and the malformed `2026-13-05`, `2026-1-5` (a
/// date token is four digits, `-`, one or two digits, optionally again).
fn date(i: &str) -> LResult<'_, TokenKind> {
    let two = || take_while_m_n(1, 2, |c: char| c.is_ascii_digit());
    value(
        TokenKind::Date,
        recognize((
            take_while_m_n(4, 4, |c: char| c.is_ascii_digit()),
            char('-'),
            two(),
            opt(preceded(char('-'), two())),
            not(satisfy(|c| c.is_ascii_digit())),
        )),
    )
    .parse(i)
}

/// `14`, `1,000`, `2.5` (a `,` must be followed by exactly three digits).
fn number(i: &str) -> LResult<'_, TokenKind> {
    let three = (
        char(','),
        take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
        not(satisfy(|c| c.is_ascii_digit())),
    );
    let (rest, text) =
        recognize((digits, nom::multi::many0(three), opt((char('.'), digits)))).parse(i)?;
    let v: f64 = text.replace(',', "").parse().unwrap_or(f64::NAN);
    Ok((rest, TokenKind::Number(v)))
}

/// Runs of `= ! < > ~`, and the Unicode comparison signs.
fn operator(i: &str) -> LResult<'_, TokenKind> {
    let unicode = alt((
        value(TokenKind::Cmp(CmpOp::Approx), char('≈')),
        value(TokenKind::Cmp(CmpOp::Ne), char('≠')),
        value(TokenKind::Cmp(CmpOp::Le), char('≤')),
        value(TokenKind::Cmp(CmpOp::Ge), char('≥')),
    ));
    let run = map(take_while1(|c| "=!<>~".contains(c)), |s: &str| match s {
        "==" => TokenKind::Cmp(CmpOp::Eq),
        "!=" => TokenKind::Cmp(CmpOp::Ne),
        "<" => TokenKind::Cmp(CmpOp::Lt),
        "<=" => TokenKind::Cmp(CmpOp::Le),
        ">" => TokenKind::Cmp(CmpOp::Gt),
        ">=" => TokenKind::Cmp(CmpOp::Ge),
        "~=" => TokenKind::Cmp(CmpOp::Approx),
        "=" => TokenKind::Assign,
        _ => TokenKind::BadOp,
    });
    alt((unicode, run)).parse(i)
}

fn punctuation(i: &str) -> LResult<'_, TokenKind> {
    alt((
        value(TokenKind::PlusMinus, alt((tag("±"), tag("+/-")))),
        value(TokenKind::Plus, char('+')),
        value(TokenKind::Minus, alt((char('-'), char('−')))),
        value(TokenKind::Star, alt((char('*'), char('×')))),
        value(TokenKind::Slash, alt((char('/'), char('÷')))),
        value(TokenKind::Percent, char('%')),
        value(TokenKind::DotDot, alt((tag(".."), tag("…")))),
        value(TokenKind::LParen, char('(')),
        value(TokenKind::RParen, char(')')),
        value(TokenKind::Colon, char(':')),
        value(TokenKind::Pipe, char('|')),
        value(TokenKind::Comma, char(',')),
        value(
            TokenKind::Currency,
            satisfy(|c| CURRENCY_SYMBOLS.contains(&c)),
        ),
    ))
    .parse(i)
}

/// A problem inside a string: byte range relative to the opening quote.
type StringProblem = (usize, usize, LexErrorKind);

/// A string from its opening quote: the unescaped contents, the rest of the
/// input, and any errors (unterminated, bad escapes at byte offsets relative
/// to `i`). The string stops at the closing quote or before the newline.
fn string(i: &str) -> Option<(String, &str, Vec<StringProblem>)> {
    let (body, _) = peek(char::<&str, nom::error::Error<&str>>('"'))
        .parse(i)
        .ok()?;
    let body = &body[1..];
    let mut out = String::new();
    let mut errors = Vec::new();
    let mut chars = body.char_indices();
    while let Some((k, c)) = chars.next() {
        match c {
            '"' => return Some((out, &body[k + 1..], errors)),
            '\n' => {
                errors.push((0, 1, LexErrorKind::UnterminatedString));
                return Some((out, &body[k..], errors));
            }
            '\\' => match chars.next() {
                Some((_, e @ ('"' | '\\'))) => out.push(e),
                Some((_, '\n')) | None => {
                    errors.push((0, 1, LexErrorKind::UnterminatedString));
                    return Some((out, &body[k..], errors));
                }
                Some((j, e)) => {
                    errors.push((1 + k, 1 + j + e.len_utf8(), LexErrorKind::BadEscape));
                    out.push(e);
                }
            },
            c => out.push(c),
        }
    }
    errors.push((0, 1, LexErrorKind::UnterminatedString));
    Some((out, "", errors))
}

/// Splits `src` into tokens. Never fails; see the module docs.
pub fn lex(src: &str) -> (Vec<Token>, Vec<LexError>) {
    let mut tokens = Vec::new();
    let mut errors = Vec::new();
    let mut rest = src;
    let mut glued = false;
    while let Some(c) = rest.chars().next() {
        let start = src.len() - rest.len();
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
            glued = false;
            continue;
        }
        if c == '#' {
            rest = rest.find('\n').map_or("", |n| &rest[n..]);
            glued = false;
            continue;
        }
        let line_start = start == 0 || src.as_bytes()[start - 1] == b'\n';
        let (next, kind) = if c == '"' {
            match string(rest) {
                Some((value, next, errs)) => {
                    for (a, b, kind) in errs {
                        errors.push(LexError {
                            span: Span::new(start + a, start + b),
                            kind,
                        });
                    }
                    (next, TokenKind::Str(value))
                }
                None => (&rest[1..], TokenKind::Unknown),
            }
        } else {
            let parsed = alt((date, number, word, operator, punctuation)).parse(rest);
            match parsed {
                Ok((next, kind)) => (next, kind),
                Err(_) => (&rest[c.len_utf8()..], TokenKind::Unknown),
            }
        };
        let end = src.len() - next.len();
        tokens.push(Token {
            kind,
            span: Span::new(start, end),
            text: src[start..end].to_string(),
            line_start,
            glued,
        });
        glued = true;
        rest = next;
    }
    (tokens, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(TokenKind, &str)> {
        let (toks, errs) = lex(src);
        assert!(errs.is_empty(), "{errs:?}");
        toks.iter()
            .map(|t| (t.kind.clone(), &src[t.span.start..t.span.end]))
            .collect()
    }

    #[test]
    fn numbers_dates_and_arithmetic() {
        use TokenKind::*;
        assert_eq!(
            kinds("2026-01-05 2026-01 1,000 2.5 2026 - x 60..2"),
            vec![
                (Date, "2026-01-05"),
                (Date, "2026-01"),
                (Number(1000.0), "1,000"),
                (Number(2.5), "2.5"),
                (Number(2026.0), "2026"),
                (Minus, "-"),
                (Word, "x"),
                (Number(60.0), "60"),
                (DotDot, ".."),
                (Number(2.0), "2"),
            ]
        );
    }

    #[test]
    fn money_and_units() {
        use TokenKind::*;
        assert_eq!(
            kinds("US$273bn ₩1.2tn 20 °C ±5% +/- 3"),
            vec![
                (Currency, "US$"),
                (Number(273.0), "273"),
                (Word, "bn"),
                (Currency, "₩"),
                (Number(1.2), "1.2"),
                (Word, "tn"),
                (Number(20.0), "20"),
                (Word, "°C"),
                (PlusMinus, "±"),
                (Number(5.0), "5"),
                (Percent, "%"),
                (PlusMinus, "+/-"),
                (Number(3.0), "3"),
            ]
        );
    }

    #[test]
    fn operators_good_and_bad() {
        use CmpOp::*;
        use TokenKind::*;
        assert_eq!(
            kinds("== != ≠ <= ≤ ≈ ~= = => <>"),
            vec![
                (Cmp(Eq), "=="),
                (Cmp(Ne), "!="),
                (Cmp(Ne), "≠"),
                (Cmp(Le), "<="),
                (Cmp(Le), "≤"),
                (Cmp(Approx), "≈"),
                (Cmp(Approx), "~="),
                (Assign, "="),
                (BadOp, "=>"),
                (BadOp, "<>"),
            ]
        );
    }

    #[test]
    fn strings_comments_and_flags() {
        let (toks, errs) = lex("fact a: x # c \"q\n  \"a\\\"b\" \u{a0}c\nassert");
        assert!(errs.is_empty());
        assert_eq!(toks[4].kind, TokenKind::Str("a\"b".into()));
        assert!(toks[0].line_start && !toks[4].line_start && toks[6].line_start);
        assert!(toks[2].glued && !toks[3].glued);
        assert_eq!(toks[5].text, "c");
    }

    #[test]
    fn unterminated_string_stops_at_end_of_line() {
        let (toks, errs) = lex("assert a == 1 \"oops\nagree a");
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].kind, LexErrorKind::UnterminatedString);
        assert_eq!(errs[0].span, Span::new(14, 15));
        assert!(toks.last().is_some_and(|t| t.is_word("a") && !t.line_start));
        assert!(toks.iter().any(|t| t.is_word("agree") && t.line_start));
    }
}
