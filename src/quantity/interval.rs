//! Intervals on a kind's canonical scale.
//!
//! Every stated value is an interval: "14" is the point 14, "over 200" is
//! (200, ∞), "June 2025" is the thirty days of June. Evaluation then asks two
//! questions of the stated interval S and the expected set E: is S inside E
//! (supported) and do they meet at all (if not, contradicted).

use serde::Serialize;

use super::{Hedge, HedgeWidths};

/// An interval of reals with open or closed ends; infinite ends are open.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Interval {
    /// Lower end (may be −∞).
    pub lo: f64,
    /// Upper end (may be +∞).
    pub hi: f64,
    /// Whether `lo` itself is excluded.
    pub lo_open: bool,
    /// Whether `hi` itself is excluded.
    pub hi_open: bool,
}

/// Relative slack for float comparisons, so 0.1 + 0.2 equals 0.3 and
/// 273e9 equals 273 × 10⁹ computed another way.
const EPS: f64 = 1e-9;

fn le(a: f64, b: f64) -> bool {
    // Infinite ends compare exactly: slack scaled by ∞ would make ∞ ≤ 150.
    if a.is_infinite() || b.is_infinite() {
        return a <= b;
    }
    a <= b + EPS * a.abs().max(b.abs()).max(1.0)
}

fn lt(a: f64, b: f64) -> bool {
    if a.is_infinite() || b.is_infinite() {
        return a < b;
    }
    a < b - EPS * a.abs().max(b.abs()).max(1.0)
}

impl Interval {
    /// The closed interval `[lo, hi]`.
    pub fn closed(lo: f64, hi: f64) -> Self {
        Interval {
            lo,
            hi,
            lo_open: false,
            hi_open: false,
        }
    }

    /// The single value `v`.
    pub fn point(v: f64) -> Self {
        Interval::closed(v, v)
    }

    /// Everything strictly above `v`.
    pub fn above(v: f64) -> Self {
        Interval {
            lo: v,
            hi: f64::INFINITY,
            lo_open: true,
            hi_open: true,
        }
    }

    /// Everything at or above `v`.
    pub fn at_least(v: f64) -> Self {
        Interval {
            lo: v,
            hi: f64::INFINITY,
            lo_open: false,
            hi_open: true,
        }
    }

    /// Everything strictly below `v`.
    pub fn below(v: f64) -> Self {
        Interval {
            lo: f64::NEG_INFINITY,
            hi: v,
            lo_open: true,
            hi_open: true,
        }
    }

    /// Everything at or below `v`.
    pub fn at_most(v: f64) -> Self {
        Interval {
            lo: f64::NEG_INFINITY,
            hi: v,
            lo_open: true,
            hi_open: false,
        }
    }

    /// Whether this is a single point.
    pub fn is_point(&self) -> bool {
        !self.lo_open && !self.hi_open && (self.hi - self.lo).abs() <= EPS * self.lo.abs().max(1.0)
    }

    /// The middle of a bounded interval, or the finite end of a half-line.
    pub fn center(&self) -> f64 {
        match (self.lo.is_finite(), self.hi.is_finite()) {
            (true, true) => (self.lo + self.hi) / 2.0,
            (true, false) => self.lo,
            (false, true) => self.hi,
            (false, false) => 0.0,
        }
    }

    /// Whether `v` lies in the interval.
    pub fn contains(&self, v: f64) -> bool {
        let above_lo = if self.lo_open {
            lt(self.lo, v)
        } else {
            le(self.lo, v)
        };
        let below_hi = if self.hi_open {
            lt(v, self.hi)
        } else {
            le(v, self.hi)
        };
        above_lo && below_hi
    }

    /// Whether every value of `self` lies in `other`.
    pub fn is_subset_of(&self, other: &Interval) -> bool {
        let lo_ok = if other.lo_open && !self.lo_open {
            lt(other.lo, self.lo)
        } else {
            le(other.lo, self.lo)
        };
        let hi_ok = if other.hi_open && !self.hi_open {
            lt(self.hi, other.hi)
        } else {
            le(self.hi, other.hi)
        };
        lo_ok && hi_ok
    }

    /// Whether the two intervals share at least one value.
    pub fn intersects(&self, other: &Interval) -> bool {
        let (a, b) = if self.lo <= other.lo {
            (self, other)
        } else {
            (other, self)
        };
        // b starts inside or at the end of a.
        if a.hi.is_infinite() && a.hi > 0.0 {
            return true;
        }
        if a.hi_open || b.lo_open {
            lt(b.lo, a.hi)
        } else {
            le(b.lo, a.hi)
        }
    }

    /// The interval widened by `tol` on both sides.
    pub fn widened(&self, tol: f64) -> Interval {
        Interval {
            lo: self.lo - tol,
            hi: self.hi + tol,
            ..*self
        }
    }

    /// The interval a hedge word, if any, makes of this (point) value.
    pub fn hedged_by(&self, hedge: Option<Hedge>, widths: HedgeWidths) -> Interval {
        match hedge {
            None => *self,
            Some(h) => self.hedged(h, widths),
        }
    }

    /// The interval a hedge word makes of this (point) value.
    pub fn hedged(&self, hedge: Hedge, widths: HedgeWidths) -> Interval {
        let (lo, hi) = (self.lo, self.hi);
        match hedge {
            Hedge::About => {
                let w = widths.about * lo.abs().max(hi.abs());
                Interval::closed(lo - w, hi + w)
            }
            Hedge::Over => Interval::above(hi),
            Hedge::AtLeast => Interval::at_least(lo),
            Hedge::LessThan => Interval::below(lo),
            Hedge::UpTo => Interval::at_most(hi),
            Hedge::Nearly => Interval {
                lo: lo - widths.nearly * lo.abs(),
                hi,
                lo_open: false,
                hi_open: true,
            },
        }
    }

    /// Interval sum: every `a + b` with `a` in `self`, `b` in `other`.
    pub fn add(&self, other: &Interval) -> Interval {
        Interval {
            lo: self.lo + other.lo,
            hi: self.hi + other.hi,
            lo_open: self.lo_open || other.lo_open,
            hi_open: self.hi_open || other.hi_open,
        }
    }

    /// Interval difference: every `a − b` with `a` in `self`, `b` in `other`.
    pub fn sub(&self, other: &Interval) -> Interval {
        Interval {
            lo: self.lo - other.hi,
            hi: self.hi - other.lo,
            lo_open: self.lo_open || other.hi_open,
            hi_open: self.hi_open || other.lo_open,
        }
    }

    /// The interval scaled by a positive factor.
    pub fn scale(&self, k: f64) -> Interval {
        Interval {
            lo: self.lo * k,
            hi: self.hi * k,
            ..*self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_200_is_inside_above_150_and_apart_from_below_150() {
        let over_200 = Interval::point(200.0).hedged(Hedge::Over, HedgeWidths::default());
        assert!(over_200.is_subset_of(&Interval::above(150.0)));
        assert!(!over_200.intersects(&Interval::below(150.0)));
        assert!(!over_200.contains(200.0));
    }

    #[test]
    fn half_lines_pointing_apart_never_nest() {
        assert!(!Interval::above(200.0).is_subset_of(&Interval::below(150.0)));
        assert!(!Interval::below(150.0).is_subset_of(&Interval::above(200.0)));
        assert!(Interval::above(200.0).is_subset_of(&Interval::above(150.0)));
    }

    #[test]
    fn open_and_closed_ends_meet_only_when_both_closed() {
        assert!(Interval::at_most(5.0).intersects(&Interval::at_least(5.0)));
        assert!(!Interval::below(5.0).intersects(&Interval::at_least(5.0)));
        assert!(Interval::point(5.0).is_subset_of(&Interval::closed(5.0, 6.0)));
        assert!(!Interval::point(5.0).is_subset_of(&Interval::above(5.0)));
    }

    #[test]
    fn float_noise_does_not_break_equality() {
        assert!(Interval::point(0.1 + 0.2).is_subset_of(&Interval::point(0.3)));
        assert!(Interval::point(273.0 * 1e9).is_subset_of(&Interval::point(2.73e11)));
    }

    #[test]
    fn subtraction_spans_all_differences() {
        let d = Interval::closed(10.0, 12.0).sub(&Interval::closed(1.0, 2.0));
        assert_eq!((d.lo, d.hi), (8.0, 11.0));
    }
}
