//! Calendar dates of day, month or year precision, on top of `jiff`.

use std::fmt;

use jiff::civil::Date;
use serde::{Serialize, Serializer};

use super::Interval;

/// How much of a date the text states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// "2019".
    Year,
    /// "June 2025".
    Month,
    /// "January 5, 2026".
    Day,
}

/// A date as stated: a day, a month or a year. Always a valid calendar date
/// (constructors check), so `2026-02-30` cannot exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateValue {
    year: i16,
    month: Option<i8>,
    day: Option<i8>,
}

impl DateValue {
    /// A whole year.
    pub fn year(year: i16) -> Option<Self> {
        Date::new(year, 1, 1).ok()?;
        Some(DateValue {
            year,
            month: None,
            day: None,
        })
    }

    /// A month of a year (`month` from 1).
    pub fn month(year: i16, month: i8) -> Option<Self> {
        Date::new(year, month, 1).ok()?;
        Some(DateValue {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A day; `None` when the day does not exist (`2026-02-30`).
    pub fn day(year: i16, month: i8, day: i8) -> Option<Self> {
        Date::new(year, month, day).ok()?;
        Some(DateValue {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// A day from a `jiff` date.
    pub fn from_civil(d: Date) -> Self {
        DateValue {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Self> {
        let mut parts = s.split('-');
        let y = parts.next()?;
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i16 = y.parse().ok()?;
        let num = |p: &str| -> Option<i8> {
            if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().ok()
            } else {
                None
            }
        };
        match (parts.next(), parts.next(), parts.next()) {
            (None, _, _) => DateValue::year(year),
            (Some(m), None, _) => DateValue::month(year, num(m)?),
            (Some(m), Some(d), None) => DateValue::day(year, num(m)?, num(d)?),
            _ => None,
        }
    }

    /// How precise the date is.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (_, Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The year.
    pub fn year_number(&self) -> i16 {
        self.year
    }

    /// The month, from 1, if stated.
    pub fn month_number(&self) -> Option<i8> {
        self.month
    }

    /// The day of the month, if stated.
    pub fn day_number(&self) -> Option<i8> {
        self.day
    }

    /// The first day the date covers.
    pub fn first_day(&self) -> Date {
        Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .expect("DateValue is always valid")
    }

    /// The last day the date covers.
    pub fn last_day(&self) -> Date {
        match (self.month, self.day) {
            (Some(m), Some(d)) => Date::new(self.year, m, d).expect("valid"),
            (Some(m), None) => Date::new(self.year, m, 1).expect("valid").last_of_month(),
            _ => Date::new(self.year, 12, 31).expect("valid"),
        }
    }

    /// The days covered, as day numbers counted from 1970-01-01.
    pub fn day_interval(&self) -> Interval {
        Interval::closed(day_number(self.first_day()), day_number(self.last_day()))
    }

    /// The day, if this is a day-precision date.
    pub fn as_civil(&self) -> Option<Date> {
        self.day.map(|_| self.first_day())
    }
}

/// Days from 1970-01-01 to `d`.
pub fn day_number(d: Date) -> f64 {
    let epoch = Date::new(1970, 1, 1).expect("valid");
    (d - epoch).get_days() as f64
}

/// The date `n` days after 1970-01-01.
pub fn from_day_number(n: i64) -> Option<Date> {
    let epoch = Date::new(1970, 1, 1).expect("valid");
    epoch.checked_add(jiff::Span::new().days(n)).ok()
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_forms_parse_with_their_precision() {
        assert_eq!(
            DateValue::parse_iso("2026-01-05").unwrap().precision(),
            Precision::Day
        );
        assert_eq!(
            DateValue::parse_iso("2026-01").unwrap().to_string(),
            "2026-01"
        );
        assert_eq!(
            DateValue::parse_iso("2019").unwrap().precision(),
            Precision::Year
        );
        assert!(DateValue::parse_iso("2026-02-30").is_none());
        assert!(DateValue::parse_iso("2026-1-5").is_none());
    }

    #[test]
    fn a_year_covers_every_day_of_it() {
        let y = DateValue::year(2026).unwrap().day_interval();
        let d = DateValue::day(2026, 1, 5).unwrap().day_interval();
        assert!(d.is_subset_of(&y));
        assert_eq!(y.hi - y.lo, 364.0);
    }
}
