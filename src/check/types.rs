//! The type rules of the rule language: which arithmetic and comparisons make
//! sense, and how types are named in messages.
//!
//! | left        | op      | right       | result            |
//! |-------------|---------|-------------|-------------------|
//! | number      | + - * / | number      | number            |
//! | date        | -       | date        | duration          |
//! | date        | + -     | duration    | date              |
//! | duration    | + -     | duration    | duration          |
//! | quantity D  | + -     | quantity D  | quantity D        |
//! | money C     | + -     | money C     | money C           |
//! | percent     | + -     | percent     | percent           |
//! | ordinal     | + -     | number      | ordinal           |
//! | X (no date) | * /     | number      | X                 |
//! | X (no date) | /       | X           | number            |
//!
//! Two types compare when they have one kind and one scale: a quantity of an
//! unknown dimension (a `quantity` fact) or money of an unknown currency (a
//! `money` fact) compares with any dimension or currency.

use crate::check::model::{ArithOp, Type};
use crate::quantity::{Currency, Dimension, Kind};

/// Why two types do not combine.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeClash {
    /// Different kinds, or an operator the kinds do not support.
    Kinds,
    /// Quantities of two dimensions.
    Dimensions(Dimension, Dimension),
    /// Money in two currencies.
    Currencies(Currency, Currency),
}

fn merge_dimension(
    a: Option<Dimension>,
    b: Option<Dimension>,
) -> Result<Option<Dimension>, TypeClash> {
    match (a, b) {
        (Some(x), Some(y)) if x != y => Err(TypeClash::Dimensions(x, y)),
        _ => Ok(a.or(b)),
    }
}

fn merge_currency(a: Option<Currency>, b: Option<Currency>) -> Result<Option<Currency>, TypeClash> {
    match (a, b) {
        (Some(x), Some(y)) if x != y => Err(TypeClash::Currencies(x, y)),
        _ => Ok(a.or(b)),
    }
}

/// The type of `l` and `r` if they are comparable (one kind, one scale).
pub fn unify(l: Type, r: Type) -> Result<Type, TypeClash> {
    if l.kind != r.kind {
        return Err(TypeClash::Kinds);
    }
    Ok(Type {
        kind: l.kind,
        dimension: merge_dimension(l.dimension, r.dimension)?,
        currency: merge_currency(l.currency, r.currency)?,
    })
}

/// The type of `l op r`.
pub fn arithmetic(op: ArithOp, l: Type, r: Type) -> Result<Type, TypeClash> {
    use Kind::*;
    match op {
        ArithOp::Add | ArithOp::Sub => match (l.kind, r.kind) {
            (Date, Date) if op == ArithOp::Sub => Ok(Type::of(Duration)),
            (Date, Duration) => Ok(Type::of(Date)),
            (Duration, Date) if op == ArithOp::Add => Ok(Type::of(Date)),
            (Ordinal, Number) => Ok(Type::of(Ordinal)),
            (Date, Date) => Err(TypeClash::Kinds),
            _ => unify(l, r),
        },
        ArithOp::Mul => match (l.kind, r.kind) {
            (Date, _) | (_, Date) => Err(TypeClash::Kinds),
            (_, Number) => Ok(l),
            (Number, _) => Ok(r),
            _ => Err(TypeClash::Kinds),
        },
        ArithOp::Div => match (l.kind, r.kind) {
            (Date, _) | (_, Date) => Err(TypeClash::Kinds),
            (_, Number) => Ok(l),
            _ => unify(l, r).map(|_| Type::of(Number)),
        },
    }
}

/// The type in a message: "a date", "money in KRW", "a length".
pub fn describe(ty: Type, is_count: bool) -> String {
    if is_count {
        return "a count".into();
    }
    match (ty.kind, ty.dimension, ty.currency) {
        (Kind::Quantity, Some(d), _) => format!("{} {}", article(d.name()), d.name()),
        (Kind::Money, _, Some(c)) => format!("money in {}", c.code),
        (k, _, _) => k.article_name().into(),
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// A literal of this type, for help lines: `2026-01-05`, `$273B`, `900 km`.
pub fn example(ty: Type) -> String {
    match ty.kind {
        Kind::Number => "14".into(),
        Kind::Ordinal => "2nd".into(),
        Kind::Percent => "2.5%".into(),
        Kind::Money => match ty.currency {
            Some(c) if c == Currency::USD => "$273B".into(),
            Some(c) => format!("273 billion {}", c.code),
            None => "$273B".into(),
        },
        Kind::Quantity => match ty.dimension {
            Some(Dimension::Length) | None => "900 km".into(),
            Some(Dimension::Mass) => "2.5 kg".into(),
            Some(Dimension::Temperature) => "20 °C".into(),
            Some(d) => format!("10 {}", d.si_unit()),
        },
        Kind::Duration => "4 days".into(),
        Kind::Date => "2026-01-05".into(),
    }
}

/// The operator as a verb: "add", "subtract".
pub fn verb(op: ArithOp) -> &'static str {
    match op {
        ArithOp::Add => "add",
        ArithOp::Sub => "subtract",
        ArithOp::Mul => "multiply",
        ArithOp::Div => "divide",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(c: Option<Currency>) -> Type {
        Type {
            kind: Kind::Money,
            dimension: None,
            currency: c,
        }
    }

    #[test]
    fn arithmetic_follows_the_table() {
        let t = Type::of;
        assert_eq!(
            arithmetic(ArithOp::Sub, t(Kind::Date), t(Kind::Date)),
            Ok(t(Kind::Duration))
        );
        assert_eq!(
            arithmetic(ArithOp::Add, t(Kind::Date), t(Kind::Duration)),
            Ok(t(Kind::Date))
        );
        assert_eq!(
            arithmetic(ArithOp::Add, t(Kind::Date), t(Kind::Date)),
            Err(TypeClash::Kinds)
        );
        assert_eq!(
            arithmetic(ArithOp::Mul, t(Kind::Duration), t(Kind::Number)),
            Ok(t(Kind::Duration))
        );
        assert_eq!(
            arithmetic(
                ArithOp::Add,
                money(Some(Currency::KRW)),
                money(Some(Currency::USD))
            ),
            Err(TypeClash::Currencies(Currency::KRW, Currency::USD))
        );
        assert_eq!(
            arithmetic(ArithOp::Div, money(None), money(Some(Currency::USD))),
            Ok(t(Kind::Number))
        );
        assert_eq!(describe(money(Some(Currency::KRW)), false), "money in KRW");
    }
}
