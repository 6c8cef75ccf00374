//! `factlint.toml`: the project's settings.
//!
//! ```toml
//! reference_date = 2026-01-07   # resolves "January 6", "Tuesday" in documents without `published`
//! rules = "rules"               # where `factlint check` finds rule files by default
//! corpus = "corpus"             # and documents
//!
//! [tolerance]
//! approx = "5%"                 # what `≈` allows when an assertion gives no `±`
//!
//! [hedges]
//! about = 0.10                  # "about 900" covers 900 ± 10%
//! nearly = 0.10                 # "nearly 10" covers [9, 10)
//!
//! [checks]                      # built-in consistency checks, all on by default
//! weekday = true                # "Tuesday, January 5, 2026": the weekday fits the date
//! first_since = true            # "the first since 2019" and "the first in seven years" agree
//! date_range = true             # "a four-day visit from January 4 to 7"
//! percentage = true             # "9 of the 14 MOUs (64%)"
//! ```

use std::path::PathBuf;

use jiff::civil::Date;
use serde::Deserialize;

use crate::consistency::BuiltinCheck;
use crate::quantity::HedgeWidths;
use crate::source::{SourceFile, Span};

/// The settings of a factlint project.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The date year-less and relative dates resolve against when a document
    /// has no `published` date.
    pub reference_date: Option<Date>,
    /// The default rules folder.
    pub rules: PathBuf,
    /// The default corpus folder.
    pub corpus: PathBuf,
    /// Relative tolerance for `≈` without `±` (0.05 is 5%).
    pub approx_tolerance: f64,
    /// How wide hedge words make a value.
    pub hedges: HedgeWidths,
    /// The built-in checks switched off (`[checks] weekday = false`).
    pub disabled_checks: Vec<BuiltinCheck>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            reference_date: None,
            rules: PathBuf::from("rules"),
            corpus: PathBuf::from("corpus"),
            approx_tolerance: 0.05,
            hedges: HedgeWidths::default(),
            disabled_checks: Vec::new(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    reference_date: Option<toml::value::Datetime>,
    rules: Option<PathBuf>,
    corpus: Option<PathBuf>,
    #[serde(default)]
    tolerance: RawTolerance,
    #[serde(default)]
    hedges: RawHedges,
    #[serde(default)]
    checks: RawChecks,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawChecks {
    weekday: Option<bool>,
    first_since: Option<bool>,
    date_range: Option<bool>,
    percentage: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTolerance {
    approx: Option<toml::Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawHedges {
    about: Option<toml::Spanned<f64>>,
    nearly: Option<toml::Spanned<f64>>,
}

/// A problem in `factlint.toml`.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("invalid `{path}`: {message}")]
#[diagnostic(
    code(factlint::config),
    help("see the README for the keys factlint.toml takes: reference_date, rules, corpus, [tolerance] approx, [hedges] about and nearly, [checks] weekday, first_since, date_range and percentage")
)]
pub struct ConfigError {
    /// The file's path.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// The file.
    #[source_code]
    pub file: SourceFile,
    /// Where.
    #[label("here")]
    pub span: Span,
}

impl Config {
    /// Parses the text of a `factlint.toml`.
    pub fn parse(file: &SourceFile) -> Result<Config, Box<ConfigError>> {
        let err = |span: Span, message: String| -> Box<ConfigError> {
            Box::new(ConfigError {
                path: file.name.clone(),
                message,
                file: file.clone(),
                span,
            })
        };
        let raw: RawConfig = toml::from_str(&file.text).map_err(|e| {
            err(
                e.span().map(Span::from).unwrap_or_default(),
                e.message().trim().to_string(),
            )
        })?;
        let mut config = Config::default();
        if let Some(dt) = raw.reference_date {
            let d = dt.date.filter(|_| dt.time.is_none()).ok_or_else(|| {
                err(
                    Span::default(),
                    "`reference_date` must be a date such as 2026-01-05".into(),
                )
            })?;
            config.reference_date = Some(
                Date::new(d.year as i16, d.month as i8, d.day as i8)
                    .map_err(|e| err(Span::default(), format!("`reference_date`: {e}")))?,
            );
        }
        if let Some(r) = raw.rules {
            config.rules = r;
        }
        if let Some(c) = raw.corpus {
            config.corpus = c;
        }
        if let Some(t) = raw.tolerance.approx {
            let span = Span::from(t.span());
            config.approx_tolerance = parse_percent(t.get_ref()).ok_or_else(|| {
                err(
                    span,
                    format!(
                        "tolerance `{}` is not a percentage such as \"5%\"",
                        t.get_ref()
                    ),
                )
            })?;
        }
        for (field, target) in [
            (raw.hedges.about, &mut config.hedges.about),
            (raw.hedges.nearly, &mut config.hedges.nearly),
        ] {
            if let Some(v) = field {
                let span = Span::from(v.span());
                let x = *v.get_ref();
                if !(0.0..1.0).contains(&x) {
                    return Err(err(
                        span,
                        format!("hedge width {x} must be a fraction between 0 and 1"),
                    ));
                }
                *target = x;
            }
        }
        for (check, on) in [
            (BuiltinCheck::Weekday, raw.checks.weekday),
            (BuiltinCheck::FirstSince, raw.checks.first_since),
            (BuiltinCheck::DateRange, raw.checks.date_range),
            (BuiltinCheck::Percentage, raw.checks.percentage),
        ] {
            if on == Some(false) {
                config.disabled_checks.push(check);
            }
        }
        Ok(config)
    }

    /// Whether a built-in check is on (it is unless `[checks]` turns it off).
    pub fn check_enabled(&self, check: BuiltinCheck) -> bool {
        !self.disabled_checks.contains(&check)
    }
}

/// "5%" → 0.05.
fn parse_percent(s: &str) -> Option<f64> {
    let v: f64 = s.trim().strip_suffix('%')?.trim().parse().ok()?;
    (v >= 0.0 && v.is_finite()).then_some(v / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Box<ConfigError>> {
        Config::parse(&SourceFile::new("factlint.toml", text))
    }

    #[test]
    fn settings_are_read() {
        let c = parse(
            "reference_date = 2026-01-07\n[tolerance]\napprox = \"2%\"\n[hedges]\nabout = 0.2\n",
        )
        .unwrap();
        assert_eq!(c.reference_date, Some(jiff::civil::date(2026, 1, 7)));
        assert!((c.approx_tolerance - 0.02).abs() < 1e-12);
        assert_eq!(c.hedges.about, 0.2);
        assert_eq!(parse("").unwrap(), Config::default());
        let c = parse("[checks]\nweekday = false\npercentage = true\n").unwrap();
        assert!(!c.check_enabled(BuiltinCheck::Weekday));
        assert!(c.check_enabled(BuiltinCheck::Percentage));
        assert!(parse("[checks]\nweekdays = false\n").is_err());
    }

    #[test]
    fn mistakes_point_at_the_key() {
        let e = parse("[tolerance]\napprox = \"five\"\n").unwrap_err();
        assert_eq!(&e.file.text[e.span.start..e.span.end], "\"five\"");
        let e = parse("refrence_date = 2026-01-01\n").unwrap_err();
        assert!(e.message.contains("unknown field"), "{}", e.message);
        assert_eq!(e.span.start, 0);
    }
}
