//! Typed values: what a number in a news article, or a literal in a rule, means.
//!
//! This module is pure: no IO, no text scanning. The extractor (`extract`) turns
//! words into [`Value`]s; the rule checker (`check`) turns rule literals into the
//! same [`Value`]s; the evaluator compares them as [`Interval`]s over one
//! canonical scale per kind (see [`Value::interval`]). Keeping both sides in one
//! representation is what lets "about $273 billion" meet `≈ $273B`.

pub mod currency;
pub mod date;
pub mod duration;
pub mod interval;
pub mod unit;

use std::fmt;

use serde::Serialize;

pub use currency::Currency;
pub use date::DateValue;
pub use duration::DurationUnit;
pub use interval::Interval;
pub use unit::{Dimension, Unit};

/// The kinds of value factlint extracts and rules talk about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A plain number: "14", "nine", "2.5 million".
    Number,
    /// A rank: "second", "3rd".
    Ordinal,
    /// A percentage: "12%", "12.5 per cent".
    Percent,
    /// An amount of money: "$273 billion", "₩1.2tn".
    Money,
    /// A physical quantity with a unit: "900 km".
    Quantity,
    /// A span of time: "four-day", "90 minutes".
    Duration,
    /// A calendar date of day, month or year precision.
    Date,
}

impl Kind {
    /// Every kind, in a stable order.
    pub const ALL: [Kind; 7] = [
        Kind::Number,
        Kind::Ordinal,
        Kind::Percent,
        Kind::Money,
        Kind::Quantity,
        Kind::Duration,
        Kind::Date,
    ];

    /// The lowercase name used in rule files and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Ordinal => "ordinal",
            Kind::Percent => "percent",
            Kind::Money => "money",
            Kind::Quantity => "quantity",
            Kind::Duration => "duration",
            Kind::Date => "date",
        }
    }

    /// The kind with this name, if any.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// A phrase for messages: "a date", "money".
    pub fn article_name(self) -> &'static str {
        match self {
            Kind::Number => "a number",
            Kind::Ordinal => "an ordinal",
            Kind::Percent => "a percentage",
            Kind::Money => "money",
            Kind::Quantity => "a quantity",
            Kind::Duration => "a duration",
            Kind::Date => "a date",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A hedge word that widens a stated value into a range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hedge {
    /// about, approximately, around, roughly, some, an estimated: near the value.
    About,
    /// over, more than, above, exceeding: strictly above.
    Over,
    /// at least, no fewer than: the value or above.
    AtLeast,
    /// nearly, almost, just under: a little below.
    Nearly,
    /// up to, as many as, at most, no more than: the value or below.
    UpTo,
    /// less than, under, fewer than, below: strictly below.
    LessThan,
}

impl Hedge {
    /// The snake_case name used in JSON and tables.
    pub fn name(self) -> &'static str {
        match self {
            Hedge::About => "about",
            Hedge::Over => "over",
            Hedge::AtLeast => "at_least",
            Hedge::Nearly => "nearly",
            Hedge::UpTo => "up_to",
            Hedge::LessThan => "less_than",
        }
    }
}

/// How wide the "about"/"nearly" hedges are, as a fraction of the value.
/// Set from `factlint.toml` (`[hedges]`); the defaults are deliberately modest.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct HedgeWidths {
    /// "about 900" covers 900 × (1 ± about).
    pub about: f64,
    /// "nearly 10" covers [10 × (1 − nearly), 10).
    pub nearly: f64,
}

impl Default for HedgeWidths {
    fn default() -> Self {
        HedgeWidths {
            about: 0.1,
            nearly: 0.1,
        }
    }
}

/// A typed value, as stated: the number as written with its unit, currency or
/// calendar precision.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Value {
    /// A plain number.
    Number {
        /// The value.
        value: f64,
    },
    /// A rank ("second" is 2).
    Ordinal {
        /// The rank.
        value: i64,
    },
    /// A percentage, in percent units (12.5 for "12.5%").
    Percent {
        /// The value in percent.
        value: f64,
        /// "percentage points" rather than "percent".
        points: bool,
    },
    /// Money, with its currency when the text names one unambiguously.
    Money {
        /// The amount in units of the currency.
        amount: f64,
        /// The currency; `None` when the text gives none.
        currency: Option<Currency>,
    },
    /// A physical quantity, converted to SI base units.
    Quantity {
        /// The amount in the SI unit of `dimension`.
        amount: f64,
        /// What it measures.
        dimension: Dimension,
        /// The unit as written, for display ("km").
        unit: &'static str,
        /// The amount in the unit as written.
        written: f64,
    },
    /// A span of time, in the unit the text used.
    Duration {
        /// The amount in `unit`s.
        amount: f64,
        /// The unit as stated.
        unit: DurationUnit,
    },
    /// A calendar date of day, month or year precision.
    Date {
        /// The date.
        date: DateValue,
    },
}

impl Value {
    /// The kind of this value.
    pub fn kind(&self) -> Kind {
        match self {
            Value::Number { .. } => Kind::Number,
            Value::Ordinal { .. } => Kind::Ordinal,
            Value::Percent { .. } => Kind::Percent,
            Value::Money { .. } => Kind::Money,
            Value::Quantity { .. } => Kind::Quantity,
            Value::Duration { .. } => Kind::Duration,
            Value::Date { .. } => Kind::Date,
        }
    }

    /// The value on its kind's canonical scale, as the interval of values it
    /// stands for before any hedge: a point for numbers and money, the days a
    /// date covers (day numbers since 1970-01-01, a month or year covering all
    /// its days), seconds for durations, SI units for quantities.
    pub fn interval(&self) -> Interval {
        match self {
            Value::Number { value } => Interval::point(*value),
            Value::Ordinal { value } => Interval::point(*value as f64),
            Value::Percent { value, .. } => Interval::point(*value),
            Value::Money { amount, .. } => Interval::point(*amount),
            Value::Quantity { amount, .. } => Interval::point(*amount),
            Value::Duration { amount, unit } => Interval::point(amount * unit.seconds()),
            Value::Date { date } => date.day_interval(),
        }
    }

    /// The value widened by a hedge word.
    pub fn hedged_interval(&self, hedge: Option<Hedge>, widths: HedgeWidths) -> Interval {
        self.interval().hedged_by(hedge, widths)
    }

    /// The scale a value is measured on, beyond its kind: the dimension of a
    /// quantity, the currency of money. Two values compare only on one scale.
    pub fn scale(&self) -> Scale {
        match self {
            Value::Quantity { dimension, .. } => Scale::Dimension(*dimension),
            Value::Money { currency, .. } => Scale::Currency(*currency),
            Value::Percent { points: true, .. } => Scale::PercentagePoints,
            _ => Scale::Plain,
        }
    }
}

/// The scale within a kind: values on different scales never compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scale {
    /// Numbers, ordinals, percent, durations and dates have one scale each.
    Plain,
    /// Percentage points, distinct from percent.
    PercentagePoints,
    /// A physical dimension.
    Dimension(Dimension),
    /// A currency (`None`: the text named none).
    Currency(Option<Currency>),
}

impl fmt::Display for Value {
    /// Formats a value as a person would write it: `2026-01-05`, `$273 billion`,
    /// `900 km`, `4 days`, `14`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The parts are written straight into `f` (no `String` per part):
        // values are printed for every candidate a document states.
        match self {
            Value::Number { value } => write!(f, "{}", Number(*value)),
            Value::Ordinal { value } => write!(f, "{value}{}", ordinal_suffix(*value)),
            Value::Percent { value, points } => {
                if *points {
                    write!(f, "{} percentage points", Number(*value))
                } else {
                    write!(f, "{}%", Number(*value))
                }
            }
            Value::Money { amount, currency } => {
                let (sym, code_after) = match currency {
                    Some(c) => c.display_parts(),
                    None => ("", None),
                };
                write!(f, "{sym}{}", Large(*amount))?;
                if let Some(code) = code_after {
                    write!(f, " {code}")?;
                }
                Ok(())
            }
            Value::Quantity { unit, written, .. } => {
                write!(f, "{} {unit}", Number(*written))
            }
            Value::Duration { amount, unit } => {
                write!(f, "{} {}", Number(*amount), unit.name_for(*amount))
            }
            Value::Date { date } => write!(f, "{date}"),
        }
    }
}

/// A number displayed as [`format_number`] has it, written into the
/// formatter without an intermediate `String`. Like `write_str`, it ignores
/// width and precision flags.
#[derive(Clone, Copy, Debug)]
pub struct Number(pub f64);

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        if v.is_infinite() {
            return f.write_str(if v > 0.0 { "∞" } else { "-∞" });
        }
        if v.fract() == 0.0 && v.abs() < 1e15 {
            return write!(f, "{}", v as i64);
        }
        let mut buf = StackText::default();
        match fmt::Write::write_fmt(&mut buf, format_args!("{v:.6}")) {
            Ok(()) => f.write_str(buf.as_str().trim_end_matches('0').trim_end_matches('.')),
            // Longer than any f64 printed with six decimals: never, but a
            // `String` would do.
            Err(_) => {
                let s = format!("{v:.6}");
                f.write_str(s.trim_end_matches('0').trim_end_matches('.'))
            }
        }
    }
}

/// A fixed buffer on the stack that `{:.6}` of a number is written into, to
/// trim its trailing zeros without allocating. Hand-written: no crate in the
/// dependency tree offers it directly, and it is a dozen lines.
struct StackText {
    /// Room for the longest f64 with six decimals (309 digits, sign, point).
    bytes: [u8; 328],
    len: usize,
}

impl Default for StackText {
    fn default() -> StackText {
        StackText {
            bytes: [0; 328],
            len: 0,
        }
    }
}

impl StackText {
    fn as_str(&self) -> &str {
        // Only whole `&str`s are ever copied in, so this never fails.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let room = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        room.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// A large amount displayed with a scale word (273e9 → "273 billion"),
/// written straight into the formatter.
#[derive(Clone, Copy, Debug)]
pub struct Large(pub f64);

impl fmt::Display for Large {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SCALES: [(f64, &str); 4] = [
            (1e12, "trillion"),
            (1e9, "billion"),
            (1e6, "million"),
            (1e3, "thousand"),
        ];
        let v = self.0;
        for (scale, word) in SCALES {
            if v.abs() >= scale && v.abs() >= 1e6 {
                return write!(f, "{} {word}", Number(round_sig(v / scale)));
            }
        }
        write!(f, "{}", Number(v))
    }
}

/// Formats a number without a trailing `.0` and with at most six decimals.
pub fn format_number(v: f64) -> String {
    Number(v).to_string()
}

fn round_sig(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn ordinal_suffix(n: i64) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_display_as_written() {
        let money = Value::Money {
            amount: 273e9,
            currency: Some(Currency::USD),
        };
        assert_eq!(money.to_string(), "$273 billion");
        assert_eq!(Value::Ordinal { value: 2 }.to_string(), "2nd");
        assert_eq!(Value::Ordinal { value: 13 }.to_string(), "13th");
        assert_eq!(
            Value::Duration {
                amount: 4.0,
                unit: DurationUnit::Day
            }
            .to_string(),
            "4 days"
        );
        assert_eq!(format_number(2.5), "2.5");
    }

    /// `Number` writes what formatting to a `String` and trimming wrote,
    /// also at the edges (the longest f64, NaN, negative zero).
    #[test]
    fn numbers_print_as_the_trimmed_string_did() {
        fn trimmed(v: f64) -> String {
            if v.is_infinite() {
                return if v > 0.0 { "∞".into() } else { "-∞".into() };
            }
            if v.fract() == 0.0 && v.abs() < 1e15 {
                return format!("{}", v as i64);
            }
            let s = format!("{v:.6}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        for v in [
            0.0,
            -0.0,
            2.5,
            0.1 + 0.2,
            -1e-7,
            1234.5678901,
            1e15,
            1e20,
            -1e300,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert_eq!(format_number(v), trimmed(v), "{v:e}");
        }
    }
}
