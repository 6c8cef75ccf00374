//! Grounding (placeholder).
