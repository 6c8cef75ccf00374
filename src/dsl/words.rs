//! The words of literals: scale suffixes and words, keywords, and what a word
//! after a number means (a unit, a duration, a currency, percent).
//!
//! The tables themselves live in `quantity`; this module only decides which
//! table a word of a rule file is looked up in, so that the parser (which
//! must know how many words a unit takes: `nautical miles`) and the checker
//! (which turns them into [`Value`]s) agree.

use crate::quantity::{Currency, DurationUnit, Unit, Value};

/// Words that end an expression: a unit phrase never includes them and a fact
/// may not be named after them.
pub const RESERVED: &[&str] = &[
    "fact", "assert", "agree", "scope", "as", "in", "of", "near", "without", "within", "matching",
    "and",
];

/// Whether `w` is a reserved word.
pub fn is_reserved(w: &str) -> bool {
    RESERVED.contains(&w)
}

/// A scale written right after a number with no space: `273B`, `5m`, `1.2tn`.
pub fn scale_suffix(s: &str) -> Option<f64> {
    Some(match s {
        "k" | "K" => 1e3,
        "m" | "M" | "mn" => 1e6,
        "b" | "B" | "bn" => 1e9,
        "t" | "T" | "tn" => 1e12,
        _ => return None,
    })
}

/// A scale written as a separate word: `273 billion`, `1.2 tn`.
pub fn scale_word(s: &str) -> Option<f64> {
    Some(match s {
        "thousand" => 1e3,
        "million" | "mn" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => return None,
    })
}

/// Whether `s` is an ordinal suffix (`2nd`).
pub fn is_ordinal_suffix(s: &str) -> bool {
    matches!(s, "st" | "nd" | "rd" | "th")
}

/// The value `amount` followed by the unit phrase `phrase` stands for:
/// a duration (`4 days`), a quantity (`900 km`, converted to SI), money
/// (`273 billion USD`, `1.2 trillion won`) or a percentage (`5 percent`,
/// `2 percentage points`). Durations are tried first, then units, then
/// currencies, so `min` is minutes and `mi` is miles.
pub fn unit_value(amount: f64, phrase: &str) -> Option<Value> {
    match phrase {
        "percent" | "per cent" | "pct" => {
            return Some(Value::Percent {
                value: amount,
                points: false,
            })
        }
        "percentage point" | "percentage points" => {
            return Some(Value::Percent {
                value: amount,
                points: true,
            })
        }
        _ => {}
    }
    if let Some(unit) = DurationUnit::parse(phrase) {
        return Some(Value::Duration { amount, unit });
    }
    if let Some(unit) = Unit::lookup(phrase) {
        return Some(Value::Quantity {
            amount: unit.to_si(amount),
            dimension: unit.dimension,
            unit: unit.symbol,
            written: amount,
        });
    }
    currency_word(phrase).map(|currency| Value::Money {
        amount,
        currency: Some(currency),
    })
}

/// The currency a word after an amount names: `USD`, `won`, `euros`.
pub fn currency_word(w: &str) -> Option<Currency> {
    Currency::from_name(w).or_else(|| {
        let upper = w.len() == 3 && w.bytes().all(|b| b.is_ascii_uppercase());
        upper.then(|| Currency::from_code(w)).flatten()
    })
}

/// Whether `w` looks like an ISO currency code (three capitals): an unknown
/// one is reported as an unknown currency rather than an unknown unit.
pub fn looks_like_currency_code(w: &str) -> bool {
    w.chars().count() == 3 && w.chars().all(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::Dimension;

    #[test]
    fn unit_words_resolve_to_values() {
        assert_eq!(
            unit_value(4.0, "days"),
            Some(Value::Duration {
                amount: 4.0,
                unit: DurationUnit::Day
            })
        );
        assert!(matches!(
            unit_value(900.0, "km"),
            Some(Value::Quantity { dimension: Dimension::Length, amount, .. }) if amount == 900e3
        ));
        assert!(matches!(
            unit_value(2.0, "nautical miles"),
            Some(Value::Quantity {
                dimension: Dimension::Length,
                ..
            })
        ));
        assert_eq!(
            unit_value(1.0, "won"),
            Some(Value::Money {
                amount: 1.0,
                currency: Some(Currency::KRW)
            })
        );
        assert_eq!(
            unit_value(1.0, "USD"),
            Some(Value::Money {
                amount: 1.0,
                currency: Some(Currency::USD)
            })
        );
        assert_eq!(unit_value(1.0, "kms"), None);
        assert!(looks_like_currency_code("USX"));
    }
}
