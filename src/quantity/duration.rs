//! Units of time for durations.

use serde::Serialize;

/// A unit a duration is stated in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    /// 1 s.
    Second,
    /// 60 s.
    Minute,
    /// 3,600 s.
    Hour,
    /// 86,400 s.
    Day,
    /// 7 days.
    Week,
    /// 14 days.
    Fortnight,
    /// A calendar month, taken as 30 days when compared with shorter units.
    Month,
    /// Three months.
    Quarter,
    /// A calendar year, taken as 365 days when compared with shorter units.
    Year,
    /// Ten years.
    Decade,
    /// A hundred years.
    Century,
}

impl DurationUnit {
    /// Every unit, shortest first.
    pub const ALL: [DurationUnit; 11] = [
        DurationUnit::Second,
        DurationUnit::Minute,
        DurationUnit::Hour,
        DurationUnit::Day,
        DurationUnit::Week,
        DurationUnit::Fortnight,
        DurationUnit::Month,
        DurationUnit::Quarter,
        DurationUnit::Year,
        DurationUnit::Decade,
        DurationUnit::Century,
    ];

    /// Seconds in one unit. Calendar units use the mean Gregorian year
    /// (365.2425 days) so that "1 year" equals "12 months" and "4 quarters".
    pub fn seconds(self) -> f64 {
        const DAY: f64 = 86_400.0;
        const YEAR: f64 = 365.2425 * DAY;
        match self {
            DurationUnit::Second => 1.0,
            DurationUnit::Minute => 60.0,
            DurationUnit::Hour => 3_600.0,
            DurationUnit::Day => DAY,
            DurationUnit::Week => 7.0 * DAY,
            DurationUnit::Fortnight => 14.0 * DAY,
            DurationUnit::Month => YEAR / 12.0,
            DurationUnit::Quarter => YEAR / 4.0,
            DurationUnit::Year => YEAR,
            DurationUnit::Decade => 10.0 * YEAR,
            DurationUnit::Century => 100.0 * YEAR,
        }
    }

    /// Months in one unit, for calendar units (month and longer).
    pub fn months(self) -> Option<f64> {
        match self {
            DurationUnit::Month => Some(1.0),
            DurationUnit::Quarter => Some(3.0),
            DurationUnit::Year => Some(12.0),
            DurationUnit::Decade => Some(120.0),
            DurationUnit::Century => Some(1200.0),
            _ => None,
        }
    }

    /// The singular name, as the benchmark's normal form spells it.
    pub fn name(self) -> &'static str {
        match self {
            DurationUnit::Second => "second",
            DurationUnit::Minute => "minute",
            DurationUnit::Hour => "hour",
            DurationUnit::Day => "day",
            DurationUnit::Week => "week",
            DurationUnit::Fortnight => "fortnight",
            DurationUnit::Month => "month",
            DurationUnit::Quarter => "quarter",
            DurationUnit::Year => "year",
            DurationUnit::Decade => "decade",
            DurationUnit::Century => "century",
        }
    }

    /// The name for `amount` units: "1 day", "4 days", "2 centuries".
    pub fn name_for(self, amount: f64) -> String {
        if amount == 1.0 {
            self.name().to_string()
        } else if self == DurationUnit::Century {
            "centuries".to_string()
        } else {
            format!("{}s", self.name())
        }
    }

    /// Parses a unit word or abbreviation: "days", "d", "min", "hrs", "yr".
    pub fn parse(word: &str) -> Option<DurationUnit> {
        let w = word.to_ascii_lowercase();
        Some(match w.as_str() {
            "s" | "sec" | "secs" | "second" | "seconds" => DurationUnit::Second,
            "min" | "mins" | "minute" | "minutes" => DurationUnit::Minute,
            "h" | "hr" | "hrs" | "hour" | "hours" => DurationUnit::Hour,
            "d" | "day" | "days" => DurationUnit::Day,
            "wk" | "wks" | "week" | "weeks" => DurationUnit::Week,
            "fortnight" | "fortnights" => DurationUnit::Fortnight,
            "mo" | "mos" | "month" | "months" => DurationUnit::Month,
            "quarter" | "quarters" => DurationUnit::Quarter,
            "y" | "yr" | "yrs" | "year" | "years" => DurationUnit::Year,
            "decade" | "decades" => DurationUnit::Decade,
            "century" | "centuries" => DurationUnit::Century,
            _ => return None,
        })
    }
}
