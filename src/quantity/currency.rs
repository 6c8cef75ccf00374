//! Currencies: ISO 4217 codes, with the symbols and names news text uses.

use std::hash::{Hash, Hasher};

use serde::{Serialize, Serializer};

/// A currency, identified by its ISO 4217 code.
///
/// `assumed` marks a currency read from an ambiguous symbol (`$` is taken as
/// US dollars, `¥` as yen): equal to the unambiguous one for evaluation, but
/// reported as "no stated currency" in the extraction benchmark's normal form.
#[derive(Clone, Copy, Debug, Eq)]
pub struct Currency {
    /// The ISO 4217 code, e.g. `USD`.
    pub code: &'static str,
    /// Whether the code was inferred from an ambiguous symbol.
    pub assumed: bool,
}

impl PartialEq for Currency {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Hash for Currency {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.code.hash(state);
    }
}

impl PartialOrd for Currency {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Currency {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.code.cmp(other.code)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code)
    }
}

/// One row of the currency table.
struct CurrencyInfo {
    code: &'static str,
    /// Symbol shown before the amount when displaying.
    symbol: &'static str,
    /// Names and unambiguous symbols that denote it, lowercase.
    names: &'static [&'static str],
}

/// The currencies factlint knows. Kept as data rather than a crate because the
/// crates for ISO 4217 carry codes but not the words news text uses ("won",
/// "yuan", "greenbacks").
#[rustfmt::skip]
static CURRENCIES: &[CurrencyInfo] = &[
    CurrencyInfo {
        code: "USD",
        symbol: "$",
        names: &[
            "us$",
            "u.s.$",
            "us dollar",
            "us dollars",
            "u.s. dollar",
            "u.s. dollars",
            "american dollar",
            "american dollars",
        ],
    },
    CurrencyInfo {
        code: "EUR",
        symbol: "€",
        names: &["€", "euro", "euros", "eur"],
    },
    CurrencyInfo {
        code: "GBP",
        symbol: "£",
        names: &[
            "£",
            "pound sterling",
            "pounds sterling",
            "sterling",
            "british pound",
            "british pounds",
            "gbp",
        ],
    },
    CurrencyInfo {
        code: "JPY",
        symbol: "¥",
        names: &["yen", "jp¥", "japanese yen"],
    },
    CurrencyInfo {
        code: "CNY",
        symbol: "CN¥",
        names: &["yuan", "renminbi", "rmb", "cn¥", "chinese yuan"],
    },
    CurrencyInfo {
        code: "KRW",
        symbol: "₩",
        names: &["₩", "won", "korean won", "south korean won"],
    },
    CurrencyInfo {
        code: "INR",
        symbol: "₹",
        names: &[
            "₹",
            "rupee",
            "rupees",
            "indian rupee",
            "indian rupees",
            "rs",
            "rs.",
        ],
    },
    CurrencyInfo {
        code: "CAD",
        symbol: "C$",
        names: &["c$", "ca$", "canadian dollar", "canadian dollars"],
    },
    CurrencyInfo {
        code: "AUD",
        symbol: "A$",
        names: &["a$", "au$", "australian dollar", "australian dollars"],
    },
    CurrencyInfo {
        code: "HKD",
        symbol: "HK$",
        names: &["hk$", "hong kong dollar", "hong kong dollars"],
    },
    CurrencyInfo {
        code: "SGD",
        symbol: "S$",
        names: &["s$", "singapore dollar", "singapore dollars"],
    },
    CurrencyInfo {
        code: "NZD",
        symbol: "NZ$",
        names: &["nz$", "new zealand dollar", "new zealand dollars"],
    },
    CurrencyInfo {
        code: "CHF",
        symbol: "",
        names: &["swiss franc", "swiss francs", "franc", "francs"],
    },
    CurrencyInfo {
        code: "RUB",
        symbol: "₽",
        names: &["₽", "rouble", "roubles", "ruble", "rubles"],
    },
    CurrencyInfo {
        code: "BRL",
        symbol: "R$",
        names: &["r$", "real", "reais", "brazilian real"],
    },
    CurrencyInfo {
        code: "MXN",
        symbol: "",
        names: &["mexican peso", "mexican pesos"],
    },
    CurrencyInfo {
        code: "TWD",
        symbol: "NT$",
        names: &[
            "nt$",
            "new taiwan dollar",
            "new taiwan dollars",
            "taiwan dollar",
            "taiwan dollars",
        ],
    },
    CurrencyInfo {
        code: "VND",
        symbol: "₫",
        names: &["₫", "dong"],
    },
    CurrencyInfo {
        code: "CRC",
        symbol: "₡",
        names: &["₡", "costa rican colon", "costa rican colones"],
    },
    CurrencyInfo {
        code: "GEL",
        symbol: "₾",
        names: &["₾", "georgian lari"],
    },
    CurrencyInfo {
        code: "LAK",
        symbol: "₭",
        names: &["₭", "lao kip"],
    },
    CurrencyInfo {
        code: "THB",
        symbol: "฿",
        names: &["฿", "baht"],
    },
    CurrencyInfo {
        code: "ILS",
        symbol: "₪",
        names: &["₪", "shekel", "shekels", "new shekel", "new shekels"],
    },
    CurrencyInfo {
        code: "TRY",
        symbol: "₺",
        names: &["₺", "lira", "liras", "turkish lira"],
    },
    CurrencyInfo {
        code: "NGN",
        symbol: "₦",
        names: &["₦", "naira"],
    },
    CurrencyInfo {
        code: "PHP",
        symbol: "₱",
        names: &["₱", "philippine peso", "philippine pesos"],
    },
    CurrencyInfo {
        code: "UAH",
        symbol: "₴",
        names: &["₴", "hryvnia", "hryvnias"],
    },
    CurrencyInfo {
        code: "ZAR",
        symbol: "",
        names: &["rand", "rands"],
    },
    CurrencyInfo {
        code: "SEK",
        symbol: "",
        names: &["swedish krona", "swedish kronor"],
    },
    CurrencyInfo {
        code: "NOK",
        symbol: "",
        names: &["norwegian krone", "norwegian kroner"],
    },
    CurrencyInfo {
        code: "DKK",
        symbol: "",
        names: &["danish krone", "danish kroner"],
    },
    CurrencyInfo {
        code: "PLN",
        symbol: "",
        names: &["zloty", "zlotys"],
    },
    CurrencyInfo {
        code: "MYR",
        symbol: "RM",
        names: &["ringgit", "ringgits", "malaysian ringgit"],
    },
    CurrencyInfo {
        code: "QAR",
        symbol: "",
        names: &["qatari riyal", "qatari riyals"],
    },
    CurrencyInfo {
        code: "SAR",
        symbol: "",
        names: &["saudi riyal", "saudi riyals"],
    },
    CurrencyInfo {
        code: "AED",
        symbol: "",
        names: &["dirham", "dirhams", "uae dirham"],
    },
    CurrencyInfo {
        code: "KWD",
        symbol: "",
        names: &["kuwaiti dinar", "kuwaiti dinars"],
    },
    CurrencyInfo {
        code: "LBP",
        symbol: "",
        names: &["lebanese pound", "lebanese pounds"],
    },
    CurrencyInfo {
        code: "EGP",
        symbol: "",
        names: &["egyptian pound", "egyptian pounds"],
    },
    CurrencyInfo {
        code: "BGN",
        symbol: "",
        names: &["lev", "leva", "bulgarian lev"],
    },
    CurrencyInfo {
        code: "MNT",
        symbol: "₮",
        names: &["₮", "tugrik", "tugriks"],
    },
    CurrencyInfo {
        code: "IDR",
        symbol: "Rp",
        names: &["rupiah", "indonesian rupiah"],
    },
    CurrencyInfo {
        code: "PKR",
        symbol: "",
        names: &["pakistani rupee", "pakistani rupees"],
    },
    CurrencyInfo {
        code: "BTC",
        symbol: "₿",
        names: &["₿", "bitcoin", "bitcoins"],
    },
];

impl Currency {
    /// US dollar.
    pub const USD: Currency = Currency {
        code: "USD",
        assumed: false,
    };
    /// South Korean won.
    pub const KRW: Currency = Currency {
        code: "KRW",
        assumed: false,
    };
    /// Chinese yuan.
    pub const CNY: Currency = Currency {
        code: "CNY",
        assumed: false,
    };

    /// The currency with this ISO code (any case), if known.
    pub fn from_code(code: &str) -> Option<Currency> {
        CURRENCIES
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(code))
            .map(|c| Currency {
                code: c.code,
                assumed: false,
            })
    }

    /// The currency a name or symbol denotes ("won", "US$", "€", "usd").
    /// The bare `$` and `¥` are ambiguous and give an `assumed` currency.
    pub fn from_name(name: &str) -> Option<Currency> {
        match name {
            "$" => {
                return Some(Currency {
                    code: "USD",
                    assumed: true,
                })
            }
            "¥" | "￥" => {
                return Some(Currency {
                    code: "JPY",
                    assumed: true,
                })
            }
            _ => {}
        }
        let lower = name.to_lowercase();
        CURRENCIES
            .iter()
            .find(|c| c.names.contains(&lower.as_str()))
            .map(|c| Currency {
                code: c.code,
                assumed: false,
            })
            .or_else(|| Currency::from_code(name).filter(|_| name.len() == 3))
    }

    /// Every known ISO code, for suggestions.
    pub fn codes() -> impl Iterator<Item = &'static str> {
        CURRENCIES.iter().map(|c| c.code)
    }

    /// How to show an amount: a symbol before it, or a code after it.
    pub fn display_parts(&self) -> (&'static str, Option<&'static str>) {
        let info = CURRENCIES.iter().find(|c| c.code == self.code);
        match info {
            Some(c) if !c.symbol.is_empty() => (c.symbol, None),
            _ => ("", Some(self.code)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_symbols_and_codes_resolve() {
        assert_eq!(Currency::from_name("won"), Some(Currency::KRW));
        assert_eq!(Currency::from_name("US$"), Some(Currency::USD));
        assert!(Currency::from_name("$").unwrap().assumed);
        assert_eq!(Currency::from_name("cny"), Some(Currency::CNY));
        assert_eq!(Currency::from_name("XYZ"), None);
    }
}
