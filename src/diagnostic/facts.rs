//! `factlint facts`: each document's mentions and the facts they bind to.

use std::fmt::Write as _;

use serde::Serialize;

use crate::check::model::RuleSet;
use crate::config::Config;
use crate::document::Document;
use crate::eval::DocumentResult;
use crate::extract::Mention;
use crate::pipeline::reference_date;

/// One document's mentions, as a table or JSON.
#[derive(Serialize)]
pub struct DocumentFacts {
    /// The document's path.
    pub path: String,
    /// The date relative dates resolved against.
    pub reference_date: Option<String>,
    /// Every mention, in order.
    pub mentions: Vec<MentionRow>,
}

/// One mention and what it binds to.
#[derive(Serialize)]
pub struct MentionRow {
    /// Its kind.
    pub kind: &'static str,
    /// The words.
    pub text: String,
    /// Byte offsets.
    pub start: usize,
    /// Byte offsets.
    pub end: usize,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// The normalised value.
    pub value: String,
    /// The hedge, if any.
    pub hedge: Option<&'static str>,
    /// The facts it is bound to (`file.rules: fact`).
    pub facts: Vec<String>,
}

impl DocumentFacts {
    /// Collects the rows for one document.
    pub fn new(
        doc: &Document,
        config: &Config,
        rules: &RuleSet,
        mentions: &[Mention],
        result: &DocumentResult,
    ) -> DocumentFacts {
        let rows = mentions
            .iter()
            .map(|m| {
                let lc = doc.source.line_col(m.span.start);
                let mut facts = Vec::new();
                for (fi, file) in rules.files.iter().enumerate() {
                    let Some(Some(bound)) = result.bindings.get(fi) else {
                        continue;
                    };
                    for (i, b) in bound.iter() {
                        if b.iter().any(|bm| bm.mention.span == m.span) {
                            facts.push(file.facts[i].name.clone());
                        }
                    }
                }
                MentionRow {
                    kind: m.value.kind().name(),
                    text: doc.source.slice(m.span).to_string(),
                    start: m.span.start,
                    end: m.span.end,
                    line: lc.line,
                    column: lc.column,
                    value: m.value.to_string(),
                    hedge: m.hedge.map(|h| h.name()),
                    facts,
                }
            })
            .collect();
        DocumentFacts {
            path: doc.source.name.clone(),
            reference_date: reference_date(doc, config).map(|d| d.to_string()),
            mentions: rows,
        }
    }

    /// A plain-text table.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} (relative dates from {})",
            self.path,
            self.reference_date
                .as_deref()
                .unwrap_or("nothing: set `published` or `reference_date`")
        );
        let text_w = self
            .mentions
            .iter()
            .map(|m| m.text.chars().count().min(40))
            .max()
            .unwrap_or(4)
            .max(4);
        let value_w = self
            .mentions
            .iter()
            .map(|m| m.value.chars().count())
            .max()
            .unwrap_or(5)
            .max(5);
        let _ = writeln!(
            out,
            "  {:<8}  {:<8}  {:<text_w$}  {:<value_w$}  {:<9}  facts",
            "at", "kind", "text", "value", "hedge"
        );
        for m in &self.mentions {
            let text: String = if m.text.chars().count() > 40 {
                m.text.chars().take(39).chain(['…']).collect()
            } else {
                m.text.replace('\n', " ")
            };
            let _ = writeln!(
                out,
                "  {:<8}  {:<8}  {:<text_w$}  {:<value_w$}  {:<9}  {}",
                format!("{}:{}", m.line, m.column),
                m.kind,
                text,
                m.value,
                m.hedge.unwrap_or("-"),
                m.facts.join(", ")
            );
        }
        out.push('\n');
        out
    }
}
