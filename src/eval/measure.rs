//! Values on their kind's canonical scale, and the arithmetic between them.
//!
//! A [`Measure`] is what the evaluator compares: an interval on the kind's
//! canonical scale (days for dates, seconds for durations, SI for quantities)
//! plus what it needs to print it back and to keep year arithmetic exact.

use std::fmt;

use crate::check::model::ArithOp;
use crate::quantity::date::{from_day_number, Precision};
use crate::quantity::{
    DateValue, Dimension, DurationUnit, Hedge, HedgeWidths, Interval, Kind, Large, Number, Scale,
    Value,
};

/// A value ready for comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Measure {
    /// Its kind.
    pub kind: Kind,
    /// Its scale within the kind (dimension, currency).
    pub scale: Scale,
    /// Every value it may stand for, hedges included.
    pub stated: Interval,
    /// The value as written, before any "about"/"around" hedge.
    pub nominal: Interval,
    /// Whether an "about" hedge makes it approximate: the nominal value
    /// decides support, the stated range decides contradiction.
    pub approximate: bool,
    /// A year-precision date, kept so `2026 - 2019` is exactly 7 years.
    pub year: Option<i16>,
    /// The value as stated, when it is one (not computed).
    pub value: Option<Value>,
}

impl Measure {
    /// A stated value with an optional hedge.
    pub fn of(value: &Value, hedge: Option<Hedge>, widths: HedgeWidths) -> Measure {
        // The interval is worked out once, for both (a date's takes
        // calendar arithmetic).
        let nominal = value.interval();
        let stated = nominal.hedged_by(hedge, widths);
        let year = match value {
            Value::Date { date } if date.precision() == Precision::Year => Some(date.year_number()),
            _ => None,
        };
        Measure {
            kind: value.kind(),
            scale: value.scale(),
            stated,
            nominal: if hedge.is_some_and(|h| h != Hedge::About) {
                stated
            } else {
                nominal
            },
            approximate: hedge == Some(Hedge::About),
            year,
            value: Some(value.clone()),
        }
    }

    fn computed(
        kind: Kind,
        scale: Scale,
        stated: Interval,
        nominal: Interval,
        approximate: bool,
    ) -> Measure {
        Measure {
            kind,
            scale,
            stated,
            nominal,
            approximate,
            year: None,
            value: None,
        }
    }

    /// `self OP other`, or `None` when the kinds do not combine (the checker
    /// rules that out before evaluation).
    pub fn combine(&self, op: ArithOp, other: &Measure) -> Option<Measure> {
        use ArithOp::*;
        let approx = self.approximate || other.approximate;
        match (self.kind, op, other.kind) {
            (Kind::Date, Sub, Kind::Date) => {
                if let (Some(a), Some(b)) = (self.year, other.year) {
                    // Two years: the calendar difference a reader means by
                    // "2026 − 2019", not the 6-to-8-year span of their days.
                    let secs = f64::from(a - b) * DurationUnit::Year.seconds();
                    let i = Interval::point(secs);
                    return Some(Measure::computed(
                        Kind::Duration,
                        Scale::Plain,
                        i,
                        i,
                        approx,
                    ));
                }
                let day = 86_400.0;
                Some(Measure::computed(
                    Kind::Duration,
                    Scale::Plain,
                    self.stated.sub(&other.stated).scale(day),
                    self.nominal.sub(&other.nominal).scale(day),
                    approx,
                ))
            }
            (Kind::Date, Add | Sub, Kind::Duration) => {
                let days = |i: &Interval| i.scale(1.0 / 86_400.0);
                let f = |a: &Interval, b: &Interval| {
                    if op == Add {
                        a.add(&days(b))
                    } else {
                        a.sub(&days(b))
                    }
                };
                Some(Measure::computed(
                    Kind::Date,
                    Scale::Plain,
                    f(&self.stated, &other.stated),
                    f(&self.nominal, &other.nominal),
                    approx,
                ))
            }
            (Kind::Duration, Add, Kind::Date) => other.combine(Add, self),
            // "the 3rd + 1" is the 4th: an ordinal moves by a number.
            (a, Add | Sub, b)
                if (a == b && self.scale == other.scale)
                    || (a == Kind::Ordinal && b == Kind::Number) =>
            {
                let f = |x: &Interval, y: &Interval| if op == Add { x.add(y) } else { x.sub(y) };
                Some(Measure::computed(
                    a,
                    self.scale,
                    f(&self.stated, &other.stated),
                    f(&self.nominal, &other.nominal),
                    approx,
                ))
            }
            (_, Mul | Div, Kind::Number) => {
                let k = other.nominal.center();
                if op == Div && k == 0.0 {
                    return None;
                }
                let k = if op == Mul { k } else { 1.0 / k };
                Some(Measure::computed(
                    self.kind,
                    self.scale,
                    scale_signed(&self.stated, k),
                    scale_signed(&self.nominal, k),
                    approx,
                ))
            }
            (Kind::Number, Mul, _) => other.combine(Mul, self),
            (a, Div, b) if a == b && self.scale == other.scale => {
                let k = other.nominal.center();
                if k == 0.0 {
                    return None;
                }
                Some(Measure::computed(
                    Kind::Number,
                    Scale::Plain,
                    self.stated.scale(1.0 / k),
                    self.nominal.scale(1.0 / k),
                    approx,
                ))
            }
            _ => None,
        }
    }
}

fn scale_signed(i: &Interval, k: f64) -> Interval {
    if k >= 0.0 {
        i.scale(k)
    } else {
        Interval {
            lo: i.hi * k,
            hi: i.lo * k,
            lo_open: i.hi_open,
            hi_open: i.lo_open,
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(v) = &self.value {
            return fmt::Display::fmt(v, f);
        }
        let i = &self.stated;
        let one = |x: f64| Point {
            kind: self.kind,
            scale: self.scale,
            x,
        };
        if i.is_point() {
            write!(f, "{}", one(i.lo))
        } else if i.hi.is_infinite() {
            write!(f, "{} {}", if i.lo_open { ">" } else { "≥" }, one(i.lo))
        } else if i.lo.is_infinite() {
            write!(f, "{} {}", if i.hi_open { "<" } else { "≤" }, one(i.hi))
        } else {
            write!(f, "{}..{}", one(i.lo), one(i.hi))
        }
    }
}

/// One end of a computed measure's interval, displayed as its kind reads:
/// written into the formatter through the [`Number`] and [`Large`]
/// adapters, without a `String` per end.
struct Point {
    kind: Kind,
    scale: Scale,
    x: f64,
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.x;
        match self.kind {
            Kind::Date => match from_day_number(x.round() as i64) {
                Some(d) => write!(f, "{}", DateValue::from_civil(d)),
                None => write!(f, "{}", Number(x)),
            },
            Kind::Duration => write!(f, "{}", DurationText(x)),
            Kind::Money => write!(f, "{}", Large(x)),
            Kind::Percent => write!(f, "{}%", Number(x)),
            Kind::Quantity => match self.scale {
                // Computed quantities are in SI units; a distance reads
                // better in kilometres.
                Scale::Dimension(Dimension::Length) if x.abs() >= 1000.0 => {
                    write!(f, "{} km", Number((x / 1000.0 * 1e3).round() / 1e3))
                }
                Scale::Dimension(d) => write!(f, "{} {}", Number(x), d.si_unit()),
                _ => write!(f, "{}", Number(x)),
            },
            _ => write!(f, "{}", Number(x)),
        }
    }
}

/// Seconds displayed in the largest unit that divides them evenly ("7
/// years", "4 days"), written straight into the formatter.
struct DurationText(f64);

impl fmt::Display for DurationText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seconds = self.0;
        for unit in DurationUnit::ALL.iter().rev() {
            let n = seconds / unit.seconds();
            if n.abs() >= 1.0
                && (n - n.round()).abs() < 1e-6
                && !matches!(
                    unit,
                    DurationUnit::Fortnight
                        | DurationUnit::Quarter
                        | DurationUnit::Decade
                        | DurationUnit::Century
                )
            {
                return write!(f, "{} {}", Number(n.round()), unit.name_for(n.round()));
            }
        }
        let days = seconds / 86_400.0;
        if days.abs() >= 1.0 {
            write!(f, "{} days", Number((days * 100.0).round() / 100.0))
        } else {
            write!(f, "{} seconds", Number(seconds))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Measure {
        Measure::of(
            &Value::Date {
                date: DateValue::parse_iso(s).unwrap(),
            },
            None,
            HedgeWidths::default(),
        )
    }

    #[test]
    fn an_ordinal_moves_by_a_number() {
        let w = HedgeWidths::default();
        let second = Measure::of(&Value::Ordinal { value: 2 }, None, w);
        let one = Measure::of(&Value::Number { value: 1.0 }, None, w);
        let third = second.combine(ArithOp::Add, &one).unwrap();
        assert_eq!((third.kind, third.stated.lo), (Kind::Ordinal, 3.0));
    }

    #[test]
    fn year_minus_year_is_whole_years() {
        let d = date("2026").combine(ArithOp::Sub, &date("2019")).unwrap();
        assert_eq!(d.kind, Kind::Duration);
        assert_eq!(d.to_string(), "7 years");
    }

    #[test]
    fn day_minus_day_is_days() {
        let d = date("2026-01-07")
            .combine(ArithOp::Sub, &date("2026-01-04"))
            .unwrap();
        assert_eq!(d.to_string(), "3 days");
    }

    #[test]
    fn date_plus_duration_is_a_date() {
        let four_days = Measure::of(
            &Value::Duration {
                amount: 4.0,
                unit: DurationUnit::Day,
            },
            None,
            HedgeWidths::default(),
        );
        let d = date("2026-01-04")
            .combine(ArithOp::Add, &four_days)
            .unwrap();
        assert_eq!(d.to_string(), "2026-01-08");
    }
}
