//! The one place that renders: miette diagnostics, JSON, short.
