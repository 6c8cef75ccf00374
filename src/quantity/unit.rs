//! Physical units and dimensions, converted to SI base units.

use std::fmt;

use serde::{Serialize, Serializer};

/// What a quantity measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    /// Metres.
    Length,
    /// Square metres.
    Area,
    /// Cubic metres.
    Volume,
    /// Kilograms.
    Mass,
    /// Metres per second.
    Speed,
    /// Kelvin.
    Temperature,
    /// Joules.
    Energy,
    /// Watts.
    Power,
    /// Hertz.
    Frequency,
    /// Bits.
    Information,
    /// Radians.
    Angle,
    /// Grays (absorbed radiation dose).
    Dose,
    /// Pascals.
    Pressure,
}

impl Dimension {
    /// Every dimension.
    pub const ALL: [Dimension; 13] = [
        Dimension::Length,
        Dimension::Area,
        Dimension::Volume,
        Dimension::Mass,
        Dimension::Speed,
        Dimension::Temperature,
        Dimension::Energy,
        Dimension::Power,
        Dimension::Frequency,
        Dimension::Information,
        Dimension::Angle,
        Dimension::Dose,
        Dimension::Pressure,
    ];

    /// The lowercase name used in rule files and JSON ("length").
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Length => "length",
            Dimension::Area => "area",
            Dimension::Volume => "volume",
            Dimension::Mass => "mass",
            Dimension::Speed => "speed",
            Dimension::Temperature => "temperature",
            Dimension::Energy => "energy",
            Dimension::Power => "power",
            Dimension::Frequency => "frequency",
            Dimension::Information => "information",
            Dimension::Angle => "angle",
            Dimension::Dose => "dose",
            Dimension::Pressure => "pressure",
        }
    }

    /// The dimension with this name.
    pub fn from_name(name: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.name() == name)
    }

    /// The SI unit symbol, as the extraction benchmark writes it.
    pub fn si_unit(self) -> &'static str {
        match self {
            Dimension::Length => "m",
            Dimension::Area => "m2",
            Dimension::Volume => "m3",
            Dimension::Mass => "kg",
            Dimension::Speed => "m/s",
            Dimension::Temperature => "K",
            Dimension::Energy => "J",
            Dimension::Power => "W",
            Dimension::Frequency => "Hz",
            Dimension::Information => "bit",
            Dimension::Angle => "rad",
            Dimension::Dose => "Gy",
            Dimension::Pressure => "Pa",
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Dimension {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// A unit: `amount_in_si = amount × factor + offset`.
#[derive(Debug, PartialEq)]
pub struct Unit {
    /// The symbol used for display ("km").
    pub symbol: &'static str,
    /// Every spelling that denotes it; matched case-sensitively first, then
    /// case-insensitively for spellings longer than two characters.
    pub spellings: &'static [&'static str],
    /// What it measures.
    pub dimension: Dimension,
    /// Multiplier to the SI unit.
    pub factor: f64,
    /// Offset to the SI unit (temperatures only).
    pub offset: f64,
}

impl Unit {
    /// The amount in SI units.
    pub fn to_si(&self, amount: f64) -> f64 {
        amount * self.factor + self.offset
    }

    /// The unit spelled `s`, if any.
    pub fn lookup(s: &str) -> Option<&'static Unit> {
        UNITS.iter().find(|u| u.spellings.contains(&s)).or_else(|| {
            if s.chars().count() <= 2 {
                return None;
            }
            let lower = s.to_lowercase();
            UNITS.iter().find(|u| {
                u.spellings
                    .iter()
                    .any(|sp| sp.chars().count() > 2 && sp.to_lowercase() == lower)
            })
        })
    }

    /// The known spelling closest to `s`, for "did you mean" hints.
    pub fn suggest(s: &str) -> Option<&'static str> {
        let lower = s.to_lowercase();
        UNITS
            .iter()
            .flat_map(|u| u.spellings.iter().copied())
            .map(|sp| (strsim::damerau_levenshtein(&lower, &sp.to_lowercase()), sp))
            .filter(|(d, sp)| *d <= 2 && *d < sp.len().max(2))
            .min_by_key(|(d, _)| *d)
            .map(|(_, sp)| sp)
    }

    /// Every known unit.
    pub fn all() -> &'static [Unit] {
        UNITS
    }
}

macro_rules! unit {
    ($sym:expr, $dim:ident, $factor:expr, [$($sp:expr),* $(,)?]) => {
        Unit { symbol: $sym, spellings: &[$sym, $($sp),*], dimension: Dimension::$dim, factor: $factor, offset: 0.0 }
    };
}

/// The unit table. Written out by hand: the unit crates (uom, dimensioned)
/// model units as types at compile time and have no table of English spellings.
#[rustfmt::skip]
static UNITS: &[Unit] = &[
    unit!("m", Length, 1.0, ["metre", "metres", "meter", "meters"]),
    unit!("km", Length, 1e3, ["kilometre", "kilometres", "kilometer", "kilometers"]),
    unit!("pm", Length, 1e-12, ["picometre", "picometres", "picometer", "picometers"]),
    unit!("am", Length, 1e-18, ["attometre", "attometres", "attometer", "attometers"]),
    unit!("nm", Length, 1e-9, ["nanometre", "nanometres", "nanometer", "nanometers"]),
    unit!("µm", Length, 1e-6, ["μm", "micrometre", "micrometres", "micrometer", "micrometers", "micron", "microns"]),
    unit!("cm", Length, 1e-2, ["centimetre", "centimetres", "centimeter", "centimeters"]),
    unit!("dm", Length, 0.1, ["decimetre", "decimetres", "decimeter", "decimeters"]),
    unit!("mm", Length, 1e-3, ["millimetre", "millimetres", "millimeter", "millimeters"]),
    unit!("mi", Length, 1609.344, ["mile", "miles"]),
    unit!("nmi", Length, 1852.0, ["nautical mile", "nautical miles"]),
    unit!("ft", Length, 0.3048, ["foot", "feet"]),
    unit!("in", Length, 0.0254, ["inch", "inches"]),
    unit!("yd", Length, 0.9144, ["yds", "yard", "yards"]),
    unit!("m2", Area, 1.0, ["m²", "sq m", "square metre", "square metres", "square meter", "square meters"]),
    unit!("km2", Area, 1e6, ["km²", "km^2", "sq km", "square kilometre", "square kilometres", "square kilometer", "square kilometers"]),
    unit!("ha", Area, 1e4, ["hectare", "hectares"]),
    unit!("acre", Area, 4046.8564224, ["acres"]),
    unit!("sq ft", Area, 0.09290304, ["ft²", "square foot", "square feet"]),
    unit!("sq mi", Area, 2_589_988.110336, ["mi²", "square mile", "square miles"]),
    unit!("km3", Volume, 1e9, ["km³", "km^3", "cubic kilometre", "cubic kilometres", "cubic kilometer", "cubic kilometers"]),
    unit!("ft3", Volume, 0.028316846592, ["ft³", "cu ft", "cubic foot", "cubic feet"]),
    unit!("m3", Volume, 1.0, ["m³", "cubic metre", "cubic metres", "cubic meter", "cubic meters"]),
    unit!("l", Volume, 1e-3, ["L", "litre", "litres", "liter", "liters"]),
    unit!("cl", Volume, 1e-5, ["cL", "centilitre", "centilitres", "centiliter", "centiliters"]),
    unit!("hl", Volume, 0.1, ["hL", "hectolitre", "hectolitres", "hectoliter", "hectoliters"]),
    unit!("cup", Volume, 0.0002365882365, ["cups"]),
    unit!("tbsp", Volume, 0.00001478676478125, ["tablespoon", "tablespoons"]),
    unit!("tsp", Volume, 0.00000492892159375, ["teaspoon", "teaspoons"]),
    unit!("ml", Volume, 1e-6, ["mL", "mls", "millilitre", "millilitres", "milliliter", "milliliters"]),
    unit!("gal", Volume, 0.003785411784, ["gals", "gallon", "gallons"]),
    unit!("bbl", Volume, 0.158987294928, ["barrel", "barrels"]),
    unit!("kg", Mass, 1.0, ["kgs", "k.g.", "kilogram", "kilograms", "kilogramme", "kilogrammes", "kilo", "kilos"]),
    unit!("g", Mass, 1e-3, ["gs", "gram", "grams", "gramme", "grammes"]),
    unit!("mg", Mass, 1e-6, ["milligram", "milligrams", "milligramme", "milligrammes"]),
    unit!("µg", Mass, 1e-9, ["μg", "mcg", "microgram", "micrograms", "microgramme", "microgrammes"]),
    unit!("t", Mass, 1e3, ["tonne", "tonnes", "metric ton", "metric tons"]),
    unit!("lb", Mass, 0.45359237, ["lbs", "pound", "pounds"]),
    unit!("oz", Mass, 0.028349523125, ["ounce", "ounces"]),
    unit!("km/h", Speed, 1.0 / 3.6, ["kph", "kmh", "kmph", "km/hr", "kilometres per hour", "kilometers per hour", "kilometres an hour", "kilometers an hour"]),
    unit!("mph", Speed, 0.44704, ["miles per hour", "miles an hour", "mile an hour"]),
    unit!("m/s", Speed, 1.0, ["metres per second", "meters per second"]),
    unit!("kn", Speed, 1852.0 / 3600.0, ["knot", "knots"]),
    Unit { symbol: "°C", spellings: &["°C", "C", "° C", "° celsius", "° Celsius", "degrees C", "degree C", "celsius", "centigrade", "degrees centigrade", "degrees celsius", "degree celsius"], dimension: Dimension::Temperature, factor: 1.0, offset: 273.15 },
    Unit { symbol: "°F", spellings: &["°F", "F", "° F", "° fahrenheit", "° Fahrenheit", "degrees F", "degree F", "fahrenheit", "degrees fahrenheit", "degree fahrenheit"], dimension: Dimension::Temperature, factor: 5.0 / 9.0, offset: 273.15 - 32.0 * 5.0 / 9.0 },
    unit!("K", Temperature, 1.0, ["kelvin", "kelvins"]),
    unit!("J", Energy, 1.0, ["joule", "joules"]),
    unit!("Wh", Energy, 3600.0, ["watt-hour", "watt-hours", "watt hour", "watt hours"]),
    unit!("MWh", Energy, 3.6e9, ["megawatt-hour", "megawatt-hours", "megawatt hour", "megawatt hours"]),
    unit!("GWh", Energy, 3.6e12, ["gigawatt-hour", "gigawatt-hours", "gigawatt hour", "gigawatt hours"]),
    unit!("kJ", Energy, 1e3, ["kilojoule", "kilojoules"]),
    unit!("MJ", Energy, 1e6, ["megajoule", "megajoules"]),
    unit!("eV", Energy, 1.602176634e-19, ["electronvolt", "electronvolts", "electron volt", "electron volts"]),
    unit!("BTU", Energy, 1055.05585262, ["Btu", "btu", "British thermal unit", "British thermal units"]),
    unit!("kWh", Energy, 3.6e6, ["kilowatt-hour", "kilowatt-hours", "kilowatt hour", "kilowatt hours"]),
    unit!("cal", Energy, 4.184, ["calorie", "calories"]),
    unit!("kcal", Energy, 4184.0, ["kilocalorie", "kilocalories"]),
    unit!("W", Power, 1.0, ["watt", "watts"]),
    unit!("kW", Power, 1e3, ["kilowatt", "kilowatts"]),
    unit!("MW", Power, 1e6, ["megawatt", "megawatts"]),
    unit!("GW", Power, 1e9, ["gigawatt", "gigawatts"]),
    unit!("Hz", Frequency, 1.0, ["hertz"]),
    unit!("kHz", Frequency, 1e3, ["kilohertz"]),
    unit!("MHz", Frequency, 1e6, ["megahertz"]),
    unit!("GHz", Frequency, 1e9, ["gigahertz"]),
    unit!("bit", Information, 1.0, ["bits"]),
    unit!("B", Information, 8.0, ["byte", "bytes"]),
    unit!("Mb", Information, 1e6, ["mb", "Mbit", "megabit", "megabits"]),
    unit!("Gb", Information, 1e9, ["Gbit", "gigabit", "gigabits"]),
    unit!("KB", Information, 8e3, ["kB", "kilobyte", "kilobytes"]),
    unit!("MB", Information, 8e6, ["megabyte", "megabytes"]),
    unit!("GB", Information, 8e9, ["gigabyte", "gigabytes"]),
    unit!("TB", Information, 8e12, ["terabyte", "terabytes"]),
    unit!("KiB", Information, 8192.0, ["kibibyte", "kibibytes"]),
    unit!("MiB", Information, 8388608.0, ["mebibyte", "mebibytes"]),
    unit!("GiB", Information, 8589934592.0, ["gibibyte", "gibibytes"]),
    unit!("rad", Angle, 1.0, ["radian", "radians"]),
    unit!("°", Angle, std::f64::consts::PI / 180.0, ["deg", "degree", "degrees"]),
    unit!("arcmin", Angle, std::f64::consts::PI / 10_800.0, ["arcmins", "arcminute", "arcminutes", "arc minute", "arc minutes"]),
    unit!("arcsec", Angle, std::f64::consts::PI / 648_000.0, ["arcsecs", "arcsecond", "arcseconds", "arc second", "arc seconds"]),
    unit!("Gy", Dose, 1.0, ["gray", "grays"]),
    unit!("mGy", Dose, 1e-3, ["milligray", "milligrays"]),
    unit!("Pa", Pressure, 1.0, ["pascal", "pascals"]),
    unit!("bar", Pressure, 1e5, ["bars"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_convert_to_si() {
        let km = Unit::lookup("kilometers").unwrap();
        assert_eq!(km.to_si(900.0), 900_000.0);
        let c = Unit::lookup("°C").unwrap();
        assert!((c.to_si(0.0) - 273.15).abs() < 1e-9);
        assert_eq!(Unit::lookup("Kilometres").unwrap().symbol, "km");
        assert!(Unit::lookup("parsecs").is_none());
    }

    #[test]
    fn near_misses_get_a_suggestion() {
        assert_eq!(Unit::suggest("kmz"), Some("km"));
        assert_eq!(Unit::suggest("kilogrms"), Some("kilograms"));
    }
}
