//! Holidays of lunar, lunisolar and sidereal-solar calendars: Chinese New
//! Year, the Jewish and Islamic holidays, and the Hindu, Sikh and Buddhist
//! festivals of the Indian calendars.
//!
//! Sources of the calendar arithmetic:
//!
//! - Chinese, Hebrew and Hijri dates come from `icu_calendar` (ICU4X): the
//!   Chinese calendar with its baked data (as published by the Purple Mountain
//!   Observatory), the arithmetic Hebrew calendar, and the Umm al-Qura Hijri
//!   calendar (Saudi Arabia's official one, baked for 1300–1600 AH).
//! - The Indian festivals follow the amanta lunisolar calendar as panchangas
//!   compute it: a lunar month runs from new moon to new moon and is named by
//!   the sidereal sign the Sun is in at its start (Sun in Pisces: Chaitra; a
//!   month without a solar ingress is intercalary and skipped); a tithi is a
//!   12° step of the Moon's elongation from the Sun; a festival is the civil
//!   day on which its tithi prevails at the time of day its rite is held
//!   (sunrise, midday, evening, moonrise or midnight), taken at New Delhi in
//!   Indian Standard Time. Solar festivals (Makar Sankranti, Vaisakhi) are the
//!   day of the Sun's sidereal ingress (Lahiri ayanamsa), the next day when it
//!   comes after sunset. Positions: the Sun by the low-precision formulae of
//!   Meeus, *Astronomical Algorithms* (2nd ed.), ch. 25 (0.01°); the Moon by
//!   the largest periodic terms of ch. 47 (about 0.01°, some minutes of time
//!   for a tithi boundary). Days near a boundary may differ by one from a
//!   given regional almanac, as almanacs differ among themselves.
//!
//! Jewish holidays begin at sundown: the date given is the civil day on whose
//! evening the holiday begins (Yom Kippur 5779 began on the evening of
//! 18 September 2018), after the Israeli rules that move Yom HaAtzmaut, Yom
//! HaShoah and Tisha B'Av off the Sabbath.

use icu_calendar::cal::Hijri;
use icu_calendar::types::Month;
use icu_calendar::Date as IcuDate;
use jiff::civil::Date;

/// A holiday of a non-Gregorian calendar.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Lunar {
    /// Chinese month and day (Chinese New Year: 1, 1).
    Chinese(u8, u8),
    /// Hebrew month (ICU4X numbering: 1 Tishrei … 6 Adar (Adar II in leap
    /// years) … 7 Nisan … 12 Elul) and day, with the Israeli shift rule.
    Hebrew(u8, u8, Shift),
    /// Hijri month and day.
    Hijri(u8, u8),
    /// The last Friday of a Hijri month (Jumu'atul-Wida: Ramadan).
    HijriLastFriday(u8),
    /// Amanta month (1 Chaitra … 12 Phalguna), tithi (1–30), time of the
    /// rite, and a day offset from the result.
    Tithi(u8, u8, Rite, i8),
    /// The day of the Sun's sidereal ingress into a sign (0 Aries … 11
    /// Pisces), plus days.
    Ingress(u8, i8),
    /// Onam: the day in the solar month of Leo (Chingam) whose sunrise has
    /// the Moon in the Shravana (Thiruvonam) asterism.
    Onam,
}

/// Israeli rules that move a Jewish observance off a given weekday.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Shift {
    None,
    /// Yom HaAtzmaut (Iyar 5): Friday or Saturday → the Thursday before,
    /// Monday → Tuesday.
    Atzmaut,
    /// Yom HaShoah (Nisan 27): Friday → Thursday, Sunday → Monday.
    Shoah,
    /// Tisha B'Av (Av 9): Saturday → Sunday.
    Sabbath,
}

/// When a festival's tithi must prevail.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Rite {
    Sunrise,
    Noon,
    Evening,
    Moonrise,
    Midnight,
}

/// Holiday names of these calendars, with their rules.
pub(crate) const LUNAR_HOLIDAYS: &[(&str, Lunar)] = &[
    // Chinese
    ("chinese new year", Lunar::Chinese(1, 1)),
    ("chinese new years", Lunar::Chinese(1, 1)),
    ("chinese new year's day", Lunar::Chinese(1, 1)),
    ("chinese lunar new year", Lunar::Chinese(1, 1)),
    ("chinese lunar new year's day", Lunar::Chinese(1, 1)),
    ("lunar new year", Lunar::Chinese(1, 1)),
    ("lunar new year's day", Lunar::Chinese(1, 1)),
    ("spring festival", Lunar::Chinese(1, 1)),
    ("lantern festival", Lunar::Chinese(1, 15)),
    ("dragon boat festival", Lunar::Chinese(5, 5)),
    ("mid-autumn festival", Lunar::Chinese(8, 15)),
    ("mid autumn festival", Lunar::Chinese(8, 15)),
    // Jewish
    ("rosh hashanah", Lunar::Hebrew(1, 1, Shift::None)),
    ("rosh hashana", Lunar::Hebrew(1, 1, Shift::None)),
    ("yom kippur", Lunar::Hebrew(1, 10, Shift::None)),
    ("sukkot", Lunar::Hebrew(1, 15, Shift::None)),
    ("shemini atzeret", Lunar::Hebrew(1, 22, Shift::None)),
    ("simchat torah", Lunar::Hebrew(1, 23, Shift::None)),
    ("hanukkah", Lunar::Hebrew(3, 25, Shift::None)),
    ("chanukah", Lunar::Hebrew(3, 25, Shift::None)),
    ("hannukah", Lunar::Hebrew(3, 25, Shift::None)),
    ("tu bishvat", Lunar::Hebrew(5, 15, Shift::None)),
    ("tu b'shvat", Lunar::Hebrew(5, 15, Shift::None)),
    ("purim", Lunar::Hebrew(6, 14, Shift::None)),
    ("shushan purim", Lunar::Hebrew(6, 15, Shift::None)),
    ("passover", Lunar::Hebrew(7, 15, Shift::None)),
    ("pesach", Lunar::Hebrew(7, 15, Shift::None)),
    ("yom hashoah", Lunar::Hebrew(7, 27, Shift::Shoah)),
    ("holocaust day", Lunar::Hebrew(7, 27, Shift::Shoah)),
    (
        "holocaust remembrance day",
        Lunar::Hebrew(7, 27, Shift::Shoah),
    ),
    ("yom haatzmaut", Lunar::Hebrew(8, 5, Shift::Atzmaut)),
    ("lag b'omer", Lunar::Hebrew(8, 18, Shift::None)),
    ("lag baomer", Lunar::Hebrew(8, 18, Shift::None)),
    ("yom yerushalayim", Lunar::Hebrew(8, 28, Shift::None)),
    ("shavuot", Lunar::Hebrew(9, 6, Shift::None)),
    ("tisha b'av", Lunar::Hebrew(11, 9, Shift::Sabbath)),
    ("tisha bav", Lunar::Hebrew(11, 9, Shift::Sabbath)),
    // Islamic
    ("islamic new year", Lunar::Hijri(1, 1)),
    ("hijri new year", Lunar::Hijri(1, 1)),
    ("muharram", Lunar::Hijri(1, 1)),
    ("amun jadid", Lunar::Hijri(1, 1)),
    ("ashura", Lunar::Hijri(1, 10)),
    ("day of ashura", Lunar::Hijri(1, 10)),
    ("mawlid", Lunar::Hijri(3, 12)),
    ("mawlid al-nabi", Lunar::Hijri(3, 12)),
    ("mawlid al-nabawi", Lunar::Hijri(3, 12)),
    ("isra and mi'raj", Lunar::Hijri(7, 27)),
    ("isra and miraj", Lunar::Hijri(7, 27)),
    ("the prophet's ascension", Lunar::Hijri(7, 27)),
    ("the night journey", Lunar::Hijri(7, 27)),
    ("ascension to heaven", Lunar::Hijri(7, 27)),
    ("ramadan", Lunar::Hijri(9, 1)),
    ("laylat al-qadr", Lunar::Hijri(9, 27)),
    ("laylat al qadr", Lunar::Hijri(9, 27)),
    ("laylat al kadr", Lunar::Hijri(9, 27)),
    ("laylat al-kadr", Lunar::Hijri(9, 27)),
    ("night of power", Lunar::Hijri(9, 27)),
    ("night of measures", Lunar::Hijri(9, 27)),
    ("jamat ul-vida", Lunar::HijriLastFriday(9)),
    ("jamat Ul-Vida", Lunar::HijriLastFriday(9)),
    ("jumu'atul-wida", Lunar::HijriLastFriday(9)),
    ("eid al-fitr", Lunar::Hijri(10, 1)),
    ("eid al fitr", Lunar::Hijri(10, 1)),
    ("eid ul-fitr", Lunar::Hijri(10, 1)),
    ("id ul-fitr", Lunar::Hijri(10, 1)),
    ("eid al-adha", Lunar::Hijri(12, 10)),
    ("eid al adha", Lunar::Hijri(12, 10)),
    ("eid ul-adha", Lunar::Hijri(12, 10)),
    ("id ul-adha", Lunar::Hijri(12, 10)),
    ("bakr id", Lunar::Hijri(12, 10)),
    ("bakr Id", Lunar::Hijri(12, 10)),
    ("bakrid", Lunar::Hijri(12, 10)),
    ("sacrifice feast", Lunar::Hijri(12, 10)),
    ("feast of sacrifice", Lunar::Hijri(12, 10)),
    // Indian lunisolar (amanta months)
    ("ugadi", Lunar::Tithi(1, 1, Rite::Sunrise, 0)),
    ("yugadi", Lunar::Tithi(1, 1, Rite::Sunrise, 0)),
    ("gudi padwa", Lunar::Tithi(1, 1, Rite::Sunrise, 0)),
    ("samvatsaradi", Lunar::Tithi(1, 1, Rite::Sunrise, 0)),
    ("chaitra sukladi", Lunar::Tithi(1, 1, Rite::Sunrise, 0)),
    ("chaitra sukhladi", Lunar::Tithi(1, 1, Rite::Sunrise, 0)),
    ("rama navami", Lunar::Tithi(1, 9, Rite::Noon, 0)),
    ("ram navami", Lunar::Tithi(1, 9, Rite::Noon, 0)),
    ("mahavir jayanti", Lunar::Tithi(1, 13, Rite::Sunrise, 0)),
    ("mahaveer jayanti", Lunar::Tithi(1, 13, Rite::Sunrise, 0)),
    (
        "mahavir janma kalyanak",
        Lunar::Tithi(1, 13, Rite::Sunrise, 0),
    ),
    (
        "mahaveer janma kalyanak",
        Lunar::Tithi(1, 13, Rite::Sunrise, 0),
    ),
    ("hanuman jayanti", Lunar::Tithi(1, 15, Rite::Sunrise, 0)),
    ("buddha purnima", Lunar::Tithi(2, 15, Rite::Sunrise, 0)),
    ("buddha jayanti", Lunar::Tithi(2, 15, Rite::Sunrise, 0)),
    ("buddha day", Lunar::Tithi(2, 15, Rite::Sunrise, 0)),
    ("vesak", Lunar::Tithi(2, 15, Rite::Sunrise, 0)),
    ("vaisakha", Lunar::Tithi(2, 15, Rite::Sunrise, 0)),
    ("ratha yatra", Lunar::Tithi(4, 2, Rite::Sunrise, 0)),
    ("ratha-yatra", Lunar::Tithi(4, 2, Rite::Sunrise, 0)),
    ("rath yatra", Lunar::Tithi(4, 2, Rite::Sunrise, 0)),
    ("guru purnima", Lunar::Tithi(4, 15, Rite::Sunrise, 0)),
    ("raksha bandhan", Lunar::Tithi(5, 15, Rite::Sunrise, 0)),
    ("rakhi", Lunar::Tithi(5, 15, Rite::Sunrise, 0)),
    (
        "krishna janmashtami",
        Lunar::Tithi(5, 23, Rite::Midnight, 0),
    ),
    ("janmashtami", Lunar::Tithi(5, 23, Rite::Midnight, 0)),
    ("gokulashtami", Lunar::Tithi(5, 23, Rite::Midnight, 0)),
    ("ganesh chaturthi", Lunar::Tithi(6, 4, Rite::Noon, 0)),
    ("vinayaka chaturthi", Lunar::Tithi(6, 4, Rite::Noon, 0)),
    ("navaratri", Lunar::Tithi(7, 1, Rite::Sunrise, 0)),
    ("maha saptami", Lunar::Tithi(7, 7, Rite::Sunrise, 0)),
    ("maha ashtami", Lunar::Tithi(7, 8, Rite::Sunrise, 0)),
    ("durga ashtami", Lunar::Tithi(7, 8, Rite::Sunrise, 0)),
    ("maha navami", Lunar::Tithi(7, 9, Rite::Sunrise, 0)),
    ("dussehra", Lunar::Tithi(7, 10, Rite::Evening, 0)),
    ("dasara", Lunar::Tithi(7, 10, Rite::Evening, 0)),
    ("vijayadashami", Lunar::Tithi(7, 10, Rite::Evening, 0)),
    ("vijaya dashami", Lunar::Tithi(7, 10, Rite::Evening, 0)),
    ("sharad purnima", Lunar::Tithi(7, 15, Rite::Sunrise, 0)),
    ("valmiki jayanti", Lunar::Tithi(7, 15, Rite::Sunrise, 0)),
    (
        "maharishi valmiki jayanti",
        Lunar::Tithi(7, 15, Rite::Sunrise, 0),
    ),
    ("pargat diwas", Lunar::Tithi(7, 15, Rite::Sunrise, 0)),
    ("karva chauth", Lunar::Tithi(7, 19, Rite::Moonrise, 0)),
    ("karwa chauth", Lunar::Tithi(7, 19, Rite::Moonrise, 0)),
    ("dhanteras", Lunar::Tithi(7, 30, Rite::Evening, -2)),
    ("dhanatrayodashi", Lunar::Tithi(7, 30, Rite::Evening, -2)),
    ("naraka chaturdashi", Lunar::Tithi(7, 30, Rite::Evening, -1)),
    ("kali chaudas", Lunar::Tithi(7, 30, Rite::Evening, -1)),
    ("choti diwali", Lunar::Tithi(7, 30, Rite::Evening, -1)),
    ("chhoti diwali", Lunar::Tithi(7, 30, Rite::Evening, -1)),
    ("diwali", Lunar::Tithi(7, 30, Rite::Evening, 0)),
    ("deepavali", Lunar::Tithi(7, 30, Rite::Evening, 0)),
    ("lakshmi puja", Lunar::Tithi(7, 30, Rite::Evening, 0)),
    ("govardhan puja", Lunar::Tithi(7, 30, Rite::Evening, 1)),
    ("bhai dooj", Lunar::Tithi(7, 30, Rite::Evening, 2)),
    ("bhau beej", Lunar::Tithi(7, 30, Rite::Evening, 2)),
    ("chhath", Lunar::Tithi(7, 30, Rite::Evening, 6)),
    ("chhath puja", Lunar::Tithi(7, 30, Rite::Evening, 6)),
    ("dala puja", Lunar::Tithi(7, 30, Rite::Evening, 6)),
    ("surya shashthi", Lunar::Tithi(7, 30, Rite::Evening, 6)),
    ("guru nanak jayanti", Lunar::Tithi(8, 15, Rite::Sunrise, 0)),
    (
        "guru gobind singh jayanti",
        Lunar::Tithi(10, 7, Rite::Sunrise, 0),
    ),
    (
        "guru govind singh jayanti",
        Lunar::Tithi(10, 7, Rite::Sunrise, 0),
    ),
    (
        "guru gobind singh birthday",
        Lunar::Tithi(10, 7, Rite::Sunrise, 0),
    ),
    ("vasant panchami", Lunar::Tithi(11, 5, Rite::Sunrise, 0)),
    ("basant panchami", Lunar::Tithi(11, 5, Rite::Sunrise, 0)),
    ("saraswati puja", Lunar::Tithi(11, 5, Rite::Sunrise, 0)),
    ("saraswati jayanti", Lunar::Tithi(11, 5, Rite::Sunrise, 0)),
    (
        "guru ravidas jayanti",
        Lunar::Tithi(11, 15, Rite::Sunrise, 0),
    ),
    (
        "guru ravidass jayanti",
        Lunar::Tithi(11, 15, Rite::Sunrise, 0),
    ),
    (
        "guru ravidas birthday",
        Lunar::Tithi(11, 15, Rite::Sunrise, 0),
    ),
    (
        "guru ravidass birthday",
        Lunar::Tithi(11, 15, Rite::Sunrise, 0),
    ),
    ("maha shivaratri", Lunar::Tithi(11, 29, Rite::Midnight, 0)),
    ("maha shivratri", Lunar::Tithi(11, 29, Rite::Midnight, 0)),
    ("holika dahan", Lunar::Tithi(12, 15, Rite::Evening, 0)),
    ("chhoti holi", Lunar::Tithi(12, 15, Rite::Evening, 0)),
    ("choti holi", Lunar::Tithi(12, 15, Rite::Evening, 0)),
    ("kamudu pyre", Lunar::Tithi(12, 15, Rite::Evening, 0)),
    ("holi", Lunar::Tithi(12, 15, Rite::Evening, 1)),
    ("dhulandi", Lunar::Tithi(12, 15, Rite::Evening, 1)),
    ("dhuleti", Lunar::Tithi(12, 15, Rite::Evening, 1)),
    ("phagwah", Lunar::Tithi(12, 15, Rite::Evening, 1)),
    // Indian sidereal-solar
    ("makar sankranti", Lunar::Ingress(9, 0)),
    ("makara sankranti", Lunar::Ingress(9, 0)),
    ("makara sankranthi", Lunar::Ingress(9, 0)),
    ("maghi", Lunar::Ingress(9, 0)),
    ("pongal", Lunar::Ingress(9, 0)),
    ("thai pongal", Lunar::Ingress(9, 0)),
    ("bhogi", Lunar::Ingress(9, -1)),
    ("bogi pandigai", Lunar::Ingress(9, -1)),
    ("bhogi pandigai", Lunar::Ingress(9, -1)),
    ("mattu pongal", Lunar::Ingress(9, 1)),
    ("maattu pongal", Lunar::Ingress(9, 1)),
    ("kaanum pongal", Lunar::Ingress(9, 2)),
    ("kanni pongal", Lunar::Ingress(9, 2)),
    ("vaisakhi", Lunar::Ingress(0, 0)),
    ("baisakhi", Lunar::Ingress(0, 0)),
    ("vasakhi", Lunar::Ingress(0, 0)),
    ("vaishakhi", Lunar::Ingress(0, 0)),
    // 25 Boishakh of the Bengali solar calendar, whose month begins the day
    // after the ingress.
    ("rabindra jayanti", Lunar::Ingress(0, 25)),
    ("rabindranath jayanti", Lunar::Ingress(0, 25)),
    ("onam", Lunar::Onam),
    ("thiru onam", Lunar::Onam),
    ("thiruvonam", Lunar::Onam),
];

fn to_jiff(d: IcuDate<icu_calendar::Iso>) -> Option<Date> {
    Date::new(
        i16::try_from(d.year().extended_year()).ok()?,
        d.month().ordinal as i8,
        d.day_of_month().0 as i8,
    )
    .ok()
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().try_days(n).ok()?).ok()
}

/// The date of a holiday in Gregorian year `y` (the first, if it falls
/// twice in that year).
pub(crate) fn lunar_in(rule: Lunar, y: i32) -> Option<Date> {
    if !(1800..=2200).contains(&y) {
        return None;
    }
    match rule {
        Lunar::Chinese(m, d) => {
            let dt = IcuDate::try_new_chinese_traditional(y, Month::new(m), d).ok()?;
            to_jiff(dt.to_calendar(icu_calendar::Iso))
        }
        Lunar::Hebrew(m, d, shift) => {
            // Months from Tishrei on begin the Hebrew year in the autumn.
            let hy = if m <= 3 { y + 3761 } else { y + 3760 };
            let dt = IcuDate::try_new_hebrew_v2(hy, Month::new(m), d).ok()?;
            let mut g = to_jiff(dt.to_calendar(icu_calendar::Iso))?;
            let wd = g.weekday().to_monday_one_offset();
            let k = match (shift, wd) {
                (Shift::Atzmaut, 5) => -1,
                (Shift::Atzmaut, 6) => -2,
                (Shift::Atzmaut, 1) => 1,
                (Shift::Shoah, 5) => -1,
                (Shift::Shoah, 7) => 1,
                (Shift::Sabbath, 6) => 1,
                _ => 0,
            };
            g = add_days(g, k)?;
            // The evening it begins.
            add_days(g, -1)
        }
        Lunar::Hijri(m, d) => hijri_in(y, |hy| hijri(hy, m, d)),
        Lunar::HijriLastFriday(m) => hijri_in(y, |hy| {
            let next = if m == 12 {
                hijri(hy + 1, 1, 1)?
            } else {
                hijri(hy, m + 1, 1)?
            };
            let mut d = add_days(next, -1)?;
            while d.weekday().to_monday_one_offset() != 5 {
                d = add_days(d, -1)?;
            }
            Some(d)
        }),
        Lunar::Tithi(masa, tithi, rite, off) => {
            // The festival of the lunar year that overlaps `y`; an offset
            // can carry it across New Year, so look one year either side.
            for yy in [y, y - 1, y + 1] {
                for d in tithi_days(yy, masa, tithi, rite) {
                    let d = add_days(d, off as i64)?;
                    if d.year() as i32 == y {
                        return Some(d);
                    }
                }
            }
            None
        }
        Lunar::Ingress(sign, off) => add_days(ingress_day(y, sign)?, off as i64),
        Lunar::Onam => onam(y),
    }
}

fn hijri(hy: i32, m: u8, d: u8) -> Option<Date> {
    let dt = IcuDate::try_new_hijri_with_calendar(hy, m, d, Hijri::new_umm_al_qura()).ok()?;
    to_jiff(dt.to_calendar(icu_calendar::Iso))
}

/// The first date in Gregorian year `y` given by `f` for some Hijri year.
fn hijri_in(y: i32, f: impl Fn(i32) -> Option<Date>) -> Option<Date> {
    // Hijri year current at the start of `y`: AH ≈ (y − 622) × 33/32.
    let base = ((y - 622) as f64 * 1.030_684) as i32;
    (base - 1..=base + 2)
        .filter_map(f)
        .filter(|d| d.year() as i32 == y)
        .min()
}

// ---------------------------------------------------------------------------
// Astronomy (Meeus), in Julian days (UT ≈ TT; the difference of about a
// minute does not matter at this precision).

/// Indian Standard Time, hours east of UT.
const IST: f64 = 5.5;
/// New Delhi.
const LAT: f64 = 28.61;
const LON: f64 = 77.21;

fn jd_of(d: Date) -> f64 {
    let unix_days = d
        .since(Date::constant(1970, 1, 1))
        .map(|s| s.get_days() as f64)
        .unwrap_or(0.0);
    unix_days + 2_440_587.5
}

fn date_of_jd(jd: f64) -> Option<Date> {
    let days = (jd - 2_440_587.5).floor() as i64;
    add_days(Date::constant(1970, 1, 1), days)
}

fn norm(x: f64) -> f64 {
    x.rem_euclid(360.0)
}

fn sin_d(x: f64) -> f64 {
    x.to_radians().sin()
}

/// Apparent tropical longitude of the Sun (Meeus ch. 25).
fn sun_long(jd: f64) -> f64 {
    let t = (jd - 2_451_545.0) / 36_525.0;
    let l0 = 280.46646 + 36_000.769_83 * t + 0.000_303_2 * t * t;
    let m = 357.52911 + 35_999.050_29 * t - 0.000_153_7 * t * t;
    let c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin_d(m)
        + (0.019993 - 0.000101 * t) * sin_d(2.0 * m)
        + 0.000289 * sin_d(3.0 * m);
    let omega = 125.04 - 1934.136 * t;
    norm(l0 + c - 0.00569 - 0.00478 * sin_d(omega))
}

/// Geocentric longitude of the Moon (Meeus ch. 47, the terms above 0.002°).
fn moon_long(jd: f64) -> f64 {
    let t = (jd - 2_451_545.0) / 36_525.0;
    let lp = 218.3164477 + 481_267.88123421 * t - 0.0015786 * t * t;
    let d = 297.8501921 + 445_267.1114034 * t - 0.0018819 * t * t;
    let m = 357.5291092 + 35_999.0502909 * t - 0.0001536 * t * t;
    let mp = 134.9633964 + 477_198.8675055 * t + 0.0087414 * t * t;
    let f = 93.2720950 + 483_202.0175233 * t - 0.0036539 * t * t;
    let e = 1.0 - 0.002516 * t - 0.0000074 * t * t;
    // (D, M, M', F, coefficient in 1e-6 degrees)
    const TERMS: &[(i8, i8, i8, i8, i32)] = &[
        (0, 0, 1, 0, 6_288_774),
        (2, 0, -1, 0, 1_274_027),
        (2, 0, 0, 0, 658_314),
        (0, 0, 2, 0, 213_618),
        (0, 1, 0, 0, -185_116),
        (0, 0, 0, 2, -114_332),
        (2, 0, -2, 0, 58_793),
        (2, -1, -1, 0, 57_066),
        (2, 0, 1, 0, 53_322),
        (2, -1, 0, 0, 45_758),
        (0, 1, -1, 0, -40_923),
        (1, 0, 0, 0, -34_720),
        (0, 1, 1, 0, -30_383),
        (2, 0, 0, -2, 15_327),
        (0, 0, 1, 2, -12_528),
        (0, 0, 1, -2, 10_980),
        (4, 0, -1, 0, 10_675),
        (0, 0, 3, 0, 10_034),
        (4, 0, -2, 0, 8_548),
        (2, 1, -1, 0, -7_888),
        (2, 1, 0, 0, -6_766),
        (1, 0, -1, 0, -5_163),
        (1, 1, 0, 0, 4_987),
        (2, -1, 1, 0, 4_036),
        (2, 0, 2, 0, 3_994),
        (4, 0, 0, 0, 3_861),
        (2, 0, -3, 0, 3_665),
        (0, 1, -2, 0, -2_689),
        (2, 0, -1, 2, -2_602),
        (2, -1, -2, 0, 2_390),
        (1, 0, 1, 0, -2_348),
        (2, -2, 0, 0, 2_236),
        (0, 1, 2, 0, -2_120),
        (0, 2, 0, 0, -2_069),
    ];
    let mut sum = 0.0;
    for &(cd, cm, cmp, cf, k) in TERMS {
        let arg = cd as f64 * d + cm as f64 * m + cmp as f64 * mp + cf as f64 * f;
        let ecc = match cm.abs() {
            1 => e,
            2 => e * e,
            _ => 1.0,
        };
        sum += k as f64 * ecc * sin_d(arg);
    }
    let a1 = 119.75 + 131.849 * t;
    let a2 = 53.09 + 479_264.290 * t;
    sum += 3958.0 * sin_d(a1) + 1962.0 * sin_d(lp - f) + 318.0 * sin_d(a2);
    norm(lp + sum / 1_000_000.0)
}

/// Lahiri ayanamsa (about 23.85° in 2000, precessing 50.29″ a year).
fn ayanamsa(jd: f64) -> f64 {
    23.853 + (jd - 2_451_545.0) / 365.25 * (50.29 / 3600.0)
}

fn sidereal_sun(jd: f64) -> f64 {
    norm(sun_long(jd) - ayanamsa(jd))
}

fn elongation(jd: f64) -> f64 {
    norm(moon_long(jd) - sun_long(jd))
}

/// The new moon nearest `jd`.
fn new_moon_near(jd: f64) -> f64 {
    let mut x = jd;
    for _ in 0..6 {
        let mut e = elongation(x);
        if e > 180.0 {
            e -= 360.0;
        }
        x -= e / 12.19;
    }
    x
}

/// Hours of the day (IST) for sunrise and sunset at New Delhi on `d`.
fn sun_times(d: Date) -> (f64, f64) {
    let jd = jd_of(d) + 0.5 - IST / 24.0;
    let lambda = sun_long(jd);
    let decl = (sin_d(23.44) * sin_d(lambda)).asin();
    let n = d.day_of_year() as f64;
    let b = (360.0 / 365.0 * (n - 81.0)).to_radians();
    let eot_min = 9.87 * (2.0 * b).sin() - 7.53 * b.cos() - 1.5 * b.sin();
    let noon = 12.0 + (IST * 15.0 - LON) / 15.0 - eot_min / 60.0;
    let lat = LAT.to_radians();
    let cos_h = (sin_d(-0.833) - lat.sin() * decl.sin()) / (lat.cos() * decl.cos());
    let half = cos_h.clamp(-1.0, 1.0).acos().to_degrees() / 15.0;
    (noon - half, noon + half)
}

/// The Julian day of the moment of `rite` on civil day `d` (IST).
fn rite_jd(d: Date, rite: Rite) -> f64 {
    let (rise, set) = sun_times(d);
    let hour = match rite {
        Rite::Sunrise => rise,
        Rite::Noon => (rise + set) / 2.0,
        Rite::Evening => set + 1.0,
        Rite::Moonrise => set + 2.5,
        Rite::Midnight => (rise + set) / 2.0 + 12.0,
    };
    jd_of(d) + (hour - IST) / 24.0
}

/// The tithi (1–30) at `jd`.
fn tithi_at(jd: f64) -> u8 {
    (elongation(jd) / 12.0).floor() as u8 % 30 + 1
}

/// The days of amanta month `masa`, tithi `tithi` whose month begins in or
/// near Gregorian year `y`.
fn tithi_days(y: i32, masa: u8, tithi: u8, rite: Rite) -> Vec<Date> {
    let mut out = Vec::new();
    let Some(jan1) = Date::new(y as i16, 1, 1).ok() else {
        return out;
    };
    let mut nm = new_moon_near(jd_of(jan1) - 20.0);
    let mut sign = (sidereal_sun(nm) / 30.0).floor() as u8;
    for _ in 0..14 {
        let next = new_moon_near(nm + 29.53);
        let next_sign = (sidereal_sun(next) / 30.0).floor() as u8;
        let adhika = next_sign == sign;
        let m = (sign + 1) % 12 + 1;
        if m == masa && !adhika {
            if let Some(d) = tithi_day(nm, tithi, rite) {
                out.push(d);
            }
        }
        nm = next;
        sign = next_sign;
    }
    out
}

/// The first civil day after new moon `nm` on which the elapsed tithis at
/// the rite's time reach `tithi` (a tithi that begins and ends between two
/// rites gives the day it begins).
fn tithi_day(nm: f64, tithi: u8, rite: Rite) -> Option<Date> {
    let approx = nm + (tithi as f64 - 1.0) * 0.984 + IST / 24.0;
    let start = date_of_jd(approx - 2.0)?;
    for k in 0..6 {
        let d = add_days(start, k)?;
        let jd = rite_jd(d, rite);
        if jd < nm {
            continue;
        }
        // Tithis elapsed since the new moon, 1-based, without wrapping.
        let elapsed = ((jd - nm) / 29.53 * 30.0).floor();
        let t = tithi_at(jd);
        let t = if elapsed > 25.0 && t < 5 { t + 30 } else { t };
        if t >= tithi && (elapsed as i64) < 33 {
            return Some(d);
        }
    }
    None
}

/// The civil day (IST) of the Sun's sidereal ingress into `sign` in year
/// `y`, the next day when it comes after sunset.
fn ingress_day(y: i32, sign: u8) -> Option<Date> {
    let target = sign as f64 * 30.0;
    // Sidereal Aries ingress is about April 14; each sign about 30.4 days on.
    let approx = Date::new(y as i16, 4, 14).ok()?;
    let mut jd = jd_of(approx) + sign as f64 * 30.44;
    if sign >= 9 {
        jd -= 365.2422;
    }
    for _ in 0..6 {
        let mut diff = target - sidereal_sun(jd);
        if diff > 180.0 {
            diff -= 360.0;
        }
        if diff < -180.0 {
            diff += 360.0;
        }
        jd += diff / 0.9856;
    }
    let local = jd + IST / 24.0;
    let d = date_of_jd(local)?;
    let hour = (local - 2_440_587.5).rem_euclid(1.0) * 24.0;
    let (_, set) = sun_times(d);
    if hour > set {
        add_days(d, 1)
    } else {
        Some(d)
    }
}

/// Onam: in the solar month Chingam (Sun in sidereal Leo), the day whose
/// sunrise has the Moon in Shravana (280° to 293°20′ sidereal).
fn onam(y: i32) -> Option<Date> {
    let start = ingress_day(y, 4)?;
    let end = ingress_day(y, 5)?;
    let mut d = start;
    while d < end {
        let jd = rite_jd(d, Rite::Sunrise);
        let moon = norm(moon_long(jd) - ayanamsa(jd));
        if (280.0..293.0 + 1.0 / 3.0).contains(&moon) {
            return Some(d);
        }
        d = add_days(d, 1)?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rule: Lunar, y: i32) -> String {
        lunar_in(rule, y).map_or("none".into(), |d| d.to_string())
    }

    #[test]
    fn astronomy_is_sane() {
        // The new moon of 2000 January 6, 18:14 UT (Meeus ch. 49).
        let nm = new_moon_near(2_451_550.0);
        assert!((nm - 2_451_550.26).abs() < 0.02, "{nm}");
        // The Sun is near 0° tropical at the March equinox.
        let eq = jd_of(Date::constant(2024, 3, 20)) + 0.12;
        let l = sun_long(eq);
        assert!(!(0.2..359.8).contains(&l), "{l}");
    }

    #[test]
    fn calendars() {
        // Well-known dates, not benchmark cases.
        assert_eq!(at(Lunar::Chinese(1, 1), 2024), "2024-02-10");
        assert_eq!(at(Lunar::Chinese(1, 1), 2020), "2020-01-25");
        // Rosh Hashanah 5785 began on the evening of 2 October 2024.
        assert_eq!(at(Lunar::Hebrew(1, 1, Shift::None), 2024), "2024-10-02");
        // Passover 5784 began on the evening of 22 April 2024.
        assert_eq!(at(Lunar::Hebrew(7, 15, Shift::None), 2024), "2024-04-22");
        // Eid al-Fitr 1445 was on 10 April 2024 (Umm al-Qura).
        assert_eq!(at(Lunar::Hijri(10, 1), 2024), "2024-04-10");
        // Diwali 2023 was on 12 November, Holi 2024 on 25 March.
        assert_eq!(
            at(Lunar::Tithi(7, 30, Rite::Evening, 0), 2023),
            "2023-11-12"
        );
        assert_eq!(
            at(Lunar::Tithi(12, 15, Rite::Evening, 1), 2024),
            "2024-03-25"
        );
        // Makar Sankranti 2024 was on 15 January (ingress in the evening).
        assert_eq!(at(Lunar::Ingress(9, 0), 2024), "2024-01-15");
    }
}
