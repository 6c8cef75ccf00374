//! `factlint.toml`.
