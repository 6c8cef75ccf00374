//! `factlint check` as a stream: each document read, extracted, evaluated
//! and rendered on a worker thread, written in input order as soon as it and
//! every earlier document are done, then dropped.
//!
//! What a run keeps per document after writing it: its name and counts (the
//! summary table lists every document) and, only when the rules hold `agree`
//! statements, the bound values of the rule files that have them plus the
//! words, lines and columns of those mentions ([`crate::excerpt`]). Never the
//! text. Agreement findings are rendered at the end; a graphical report
//! re-reads the few files they show, checking that each is still the file
//! that was checked.
//!
//! The bytes written are the same as rendering the whole run at once: per
//! document findings in document order, then agreements, then the summary;
//! the JSON report is written piece by piece in the shape
//! `serde_json::to_writer_pretty` gives it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::check::model::{RuleSet, Severity, Statement};
use crate::config::Config;
use crate::consistency::CheckFinding;
use crate::diagnostic::json::{self, JsonDocument};
use crate::diagnostic::summary::{self, Counts};
use crate::diagnostic::{self, is_finding, Run, Style};
use crate::document::Document;
use crate::eval::{DocumentResult, Evaluator, Outcome, Status};
use crate::grounding::Grounding;
use crate::load::{self, LoadError};
use crate::pipeline;
use crate::source::SourceFile;

use super::jsonl;
use super::progress::Progress;
use super::{ordered_map, Feed, BATCHING, BATCHING_LARGE_RESULTS};

/// How the report is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// miette diagnostics, then the summary table.
    Graphical,
    /// One JSON document (`docs/json.md`).
    Json,
    /// `path:line:col: severity: message` per finding.
    Short,
    /// One JSON line per document (`--jsonl`), see [`super::jsonl`].
    JsonLines,
}

/// Where the documents come from.
pub enum Input {
    /// Document files in report order, listed lazily (see
    /// [`load::document_files`]), with a problem for what cannot be listed;
    /// and how many there are, if known (for the progress bar).
    Files(FileList, Option<u64>),
    /// JSON lines (`{"id", "text", ...}`), e.g. stdin. Buffered here, so
    /// that the lines already read in can be handed out together.
    JsonLines(BufReader<Box<dyn Read + Send>>),
}

/// A lazy list of document files.
pub type FileList = Box<dyn Iterator<Item = Result<PathBuf, LoadError>> + Send>;

/// The settings of a run.
pub struct CheckOptions<'a> {
    /// The checked rules; `None` when they have errors: documents are then
    /// only read, so that their problems are reported too, and nothing is
    /// written on stdout.
    pub rules: Option<&'a RuleSet>,
    /// The project settings.
    pub config: &'a Config,
    /// The report format.
    pub format: OutputFormat,
    /// Colours of the graphical report (stdout).
    pub style: Style,
    /// Colours of diagnostics about the input (stderr).
    pub error_style: Style,
    /// Worker threads (1: everything on the caller's thread).
    pub threads: usize,
    /// Whether stderr is a terminal (a progress bar after one second).
    pub progress: bool,
    /// Whether to print the time spent per stage on stderr at the end.
    pub timings: bool,
    /// Whether the JSON reports leave out the assertions a document says
    /// nothing about (they are still counted), as the other formats do.
    pub stated_only: bool,
}

/// What a run found, for the exit status.
#[derive(Debug, Default)]
pub struct CheckSummary {
    /// Documents checked.
    pub documents: usize,
    /// Files listed (read or not) and listing problems: none means the
    /// paths hold no documents at all.
    pub listed: usize,
    /// Whether a path could not be listed (it does not exist, a folder is
    /// unreadable): a usage error, whatever `--exit-zero` says.
    pub list_failed: bool,
    /// Whether some input could not be used (an unreadable file, a malformed
    /// line, a file that changed during the run).
    pub failed: bool,
    /// Whether an error-severity assertion or agreement is contradicted.
    pub contradicted: bool,
    /// Counts of outcomes.
    pub counts: Counts,
    /// Why writing the report stopped early (a closed pipe included: the
    /// caller decides whether that is worth a message).
    pub write_error: Option<io::Error>,
}

/// Time spent per stage, summed over the worker threads.
#[derive(Clone, Copy, Debug, Default)]
struct Timings {
    read: Duration,
    extract: Duration,
    eval: Duration,
    render: Duration,
}

impl Timings {
    fn add(&mut self, o: &Timings) {
        self.read += o.read;
        self.extract += o.extract;
        self.eval += o.eval;
        self.render += o.render;
    }
}

/// One unit of work: a file, a problem listing files, or a line of a
/// stream (numbered from 1).
enum Item {
    Path(PathBuf),
    Unlisted(LoadError),
    Line(usize, Vec<u8>),
}

/// What a worker hands back for one item.
struct Done {
    listed: bool,
    list_failed: bool,
    bytes: usize,
    stderr: String,
    stdout: String,
    failed: bool,
    doc: Option<Checked>,
    timings: Timings,
}

/// A document that was read (and checked, if the rules are valid).
struct Checked {
    name: String,
    counts: Counts,
    contradicted: bool,
    /// Its bound values and kept words, when the rules have `agree` or
    /// `ground`.
    kept: Option<(DocumentResult, SourceFile)>,
    /// The built-in checks' findings, and their report text: they are
    /// written after the agreements, so they wait until the end.
    checks: Vec<CheckFinding>,
    checks_text: String,
}

/// The read-only state every worker shares.
struct Worker<'a> {
    opts: &'a CheckOptions<'a>,
    evaluator: Option<Evaluator<'a>>,
    /// Per rule file: whether it holds an `agree` statement.
    agree_files: Vec<bool>,
    /// Whether any rule file holds a `ground` statement.
    has_ground: bool,
}

/// The time since `start`; zero when the run is not timed.
fn since(start: Option<Instant>) -> Duration {
    start.map_or(Duration::ZERO, |t| t.elapsed())
}

impl Worker<'_> {
    /// Now, when the run prints its timings (`--timings`); else `None`: the
    /// clock was read eight times per document for nothing.
    fn clock(&self) -> Option<Instant> {
        self.opts.timings.then(Instant::now)
    }

    /// Whether documents must be kept (bound values, digests, words) for
    /// cross-document statements.
    fn keeps(&self) -> bool {
        self.has_ground || self.agree_files.iter().any(|&a| a)
    }
}

/// Whether an outcome is one of a document that says nothing about its
/// rule: not stated, with no value found (`--stated-only` leaves it out).
fn states_nothing(o: &Outcome) -> bool {
    o.status == Status::NotStated && o.candidates.is_empty()
}

fn contradicts(o: &Outcome) -> bool {
    o.status == Status::Contradicted && o.severity == Severity::Error
}

impl Worker<'_> {
    /// Checks one item. A bug that panics on some input costs that document,
    /// not the run: at archive scale one odd file must not lose the others.
    fn run(&self, item: Item) -> Done {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.run_one(&item))) {
            Ok(done) => done,
            Err(_) => {
                // Named only on a panic: formatting the path of every
                // document just in case cost more than reading its name.
                let what = match &item {
                    Item::Path(p) => format!("`{}`", load::display(p)),
                    Item::Unlisted(_) => "the list of files".to_string(),
                    Item::Line(n, _) => format!("line {n}"),
                };
                let stderr = format!(
                    "error: internal error while checking {what} \
                     (a bug: please report it with the document)\n"
                );
                Done {
                    listed: true,
                    list_failed: false,
                    bytes: 0,
                    stderr,
                    stdout: String::new(),
                    failed: true,
                    doc: None,
                    timings: Timings::default(),
                }
            }
        }
    }

    fn run_one(&self, item: &Item) -> Done {
        let mut done = Done {
            listed: !matches!(item, Item::Line(..)),
            list_failed: false,
            bytes: 0,
            stderr: String::new(),
            stdout: String::new(),
            failed: false,
            doc: None,
            timings: Timings::default(),
        };
        let t = self.clock();
        let doc = match item {
            Item::Unlisted(e) => {
                let handler = diagnostic::handler(self.opts.error_style);
                done.stderr = diagnostic::render_diagnostic(&handler, e);
                done.list_failed = true;
                return done;
            }
            Item::Path(p) => load::document(p).map_err(|e| {
                let handler = diagnostic::handler(self.opts.error_style);
                done.stderr = diagnostic::render_diagnostic(&handler, &e);
            }),
            Item::Line(n, bytes) => {
                done.bytes = bytes.len();
                jsonl::document(*n, bytes).map_err(|e| {
                    done.stdout = json_line(&e);
                })
            }
        };
        done.timings.read = since(t);
        let Ok(doc) = doc else {
            done.failed = true;
            return done;
        };
        done.bytes = done.bytes.max(doc.source.text.len());
        let Some(ev) = &self.evaluator else {
            done.doc = Some(Checked {
                name: doc.source.name.clone(),
                counts: Counts::default(),
                contradicted: false,
                kept: None,
                checks: Vec::new(),
                checks_text: String::new(),
            });
            return done;
        };
        let t = self.clock();
        let mentions = pipeline::mentions(&doc, self.opts.config);
        done.timings.extract = since(t);
        let t = self.clock();
        let mut result = ev.evaluate_document(0, &doc, &mentions);
        done.timings.eval = since(t);
        let t = self.clock();
        let checks = std::mem::take(&mut result.checks);
        let mut counts = Counts::of(&result.outcomes);
        counts.not_stated += result.unstated;
        done.stdout = self.render(&doc, &result.outcomes, &checks, counts);
        let checks_text = self.render_checks(&doc, &checks);
        let contradicted = result.outcomes.iter().any(contradicts);
        let kept = self.keeps().then(|| {
            result.outcomes = Vec::new();
            for (fi, b) in result.bindings.iter_mut().enumerate() {
                if !self.agree_files.get(fi).copied().unwrap_or(false) {
                    *b = None;
                }
            }
            let bound = result
                .bindings
                .iter()
                .flatten()
                .flat_map(|file| file.iter().flat_map(|(_, bound)| bound))
                .map(|b| b.mention.span);
            let digested = result
                .grounding
                .iter()
                .flat_map(|d| d.items.iter().map(|i| i.mention.span));
            let source = doc.source.retain(bound.chain(digested));
            (result, source)
        });
        done.timings.render = since(t);
        done.doc = Some(Checked {
            name: doc.source.name.clone(),
            counts,
            contradicted,
            kept,
            checks,
            checks_text,
        });
        done
    }

    /// The report text of one document's built-in check findings, written
    /// at the end in the place the whole-run report gives them.
    fn render_checks(&self, doc: &Document, checks: &[CheckFinding]) -> String {
        if checks.is_empty() {
            return String::new();
        }
        let Some(run) = self.document_view(doc, &[], checks) else {
            return String::new();
        };
        match self.opts.format {
            OutputFormat::Graphical => diagnostic::graphical(&run, &[], self.opts.style),
            OutputFormat::Short => diagnostic::short(&run, &[]),
            OutputFormat::Json => {
                let parts: Vec<String> = json::report(&run)
                    .checks
                    .iter()
                    .map(|c| format!("    {}", pretty_nested(c, "    ")))
                    .collect();
                parts.join(",\n")
            }
            // In the document's own line.
            OutputFormat::JsonLines => String::new(),
        }
    }

    /// The report text of one document's outcomes (and, for `--jsonl`, its
    /// built-in check findings and `counts`, the counts of its outcomes
    /// with those left out).
    fn render(
        &self,
        doc: &Document,
        outcomes: &[Outcome],
        checks: &[CheckFinding],
        counts: Counts,
    ) -> String {
        let Some(run) = self.document_view(doc, outcomes, &[]) else {
            return String::new();
        };
        match self.opts.format {
            OutputFormat::Graphical => diagnostic::graphical(&run, outcomes, self.opts.style),
            OutputFormat::Short => diagnostic::short(&run, outcomes),
            OutputFormat::Json => json_fragments(&run, outcomes),
            OutputFormat::JsonLines => {
                let report = json::report(&Run { checks, ..run });
                let line = jsonl::DocumentLine {
                    id: doc.name(),
                    outcomes: report.outcomes,
                    summary: counts,
                    checks: report.checks,
                };
                json_line(&line)
            }
        }
    }

    /// What the renderers see of one document: its outcomes and built-in
    /// check findings; `None` when the rules have errors (nothing is
    /// rendered then).
    fn document_view<'r>(
        &'r self,
        doc: &'r Document,
        outcomes: &'r [Outcome],
        checks: &'r [CheckFinding],
    ) -> Option<Run<'r>> {
        let run = view(
            self.opts.rules?,
            std::slice::from_ref(&doc.source),
            outcomes,
        );
        Some(Run { checks, ..run })
    }
}

/// What the renderers see: `outcomes` of `documents`, with no grounding
/// verdicts or built-in check findings (a caller adds those with
/// `Run { groundings, ..run }`).
fn view<'r>(rules: &'r RuleSet, documents: &'r [SourceFile], outcomes: &'r [Outcome]) -> Run<'r> {
    Run {
        rules,
        documents,
        outcomes,
        groundings: &[],
        checks: &[],
    }
}

/// A value as one JSON line.
fn json_line(v: &impl serde::Serialize) -> String {
    // Serializing plain data structs into a String cannot fail.
    let mut s = serde_json::to_string(v).unwrap_or_default();
    s.push('\n');
    s
}

/// `v` pretty-printed, with every line but the first indented by `pad`: the
/// text `to_writer_pretty` writes for it nested that deep.
fn pretty_nested(v: &impl serde::Serialize, pad: &str) -> String {
    let s = serde_json::to_string_pretty(v).unwrap_or_default();
    let mut out = String::with_capacity(s.len() + 64);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(pad);
        }
        out.push_str(line);
    }
    out
}

/// The outcomes as elements of the report's `outcomes` array, separated by
/// `,\n` (each line indented as in the whole report).
fn json_fragments(run: &Run<'_>, outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    for (i, o) in outcomes.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str("    ");
        out.push_str(&pretty_nested(&json::outcome(run, o), "    "));
    }
    out
}

/// The consumer's side: writes in order, keeps what the end needs.
struct Collector<'a> {
    opts: &'a CheckOptions<'a>,
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
    progress: Progress,
    /// Names and counts of the documents, for the formats that end with a
    /// table of them (graphical, JSON); `None` for the others.
    rows: Option<Rows>,
    /// Per document: its kept words (rules with `agree` only, else empty).
    kept: Vec<SourceFile>,
    /// The bound values of the documents, for `agree` and `ground`.
    results: Vec<DocumentResult>,
    /// Built-in check findings and their report text, for the end.
    checks: Vec<CheckFinding>,
    checks_text: String,
    summary: CheckSummary,
    timings: Timings,
    /// JSON: whether the report's opening and an outcome have been written.
    json_open: bool,
    json_any: bool,
    error: Option<io::Error>,
}

/// The document names and counts of a run, packed: a run over a million
/// files keeps tens of bytes per file, not a `String` and a struct each.
#[derive(Default)]
struct Rows {
    names: String,
    ends: Vec<usize>,
    counts: Vec<[u32; 4]>,
}

impl Rows {
    fn push(&mut self, name: &str, c: Counts) {
        self.names.push_str(name);
        self.ends.push(self.names.len());
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        self.counts.push([
            n(c.supported),
            n(c.contradicted),
            n(c.not_stated),
            n(c.ambiguous),
        ]);
    }

    fn add(&mut self, row: usize, s: Status) {
        if let Some(c) = self.counts.get_mut(row) {
            let i = match s {
                Status::Supported => 0,
                Status::Contradicted => 1,
                Status::NotStated => 2,
                Status::Ambiguous => 3,
            };
            c[i] = c[i].saturating_add(1);
        }
    }

    fn iter(&self) -> impl Iterator<Item = (&str, Counts)> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .zip(&self.counts)
            .map(|((a, &b), c)| {
                (
                    &self.names[a..b],
                    Counts {
                        supported: c[0] as usize,
                        contradicted: c[1] as usize,
                        not_stated: c[2] as usize,
                        ambiguous: c[3] as usize,
                    },
                )
            })
    }
}

impl Collector<'_> {
    fn emit(&mut self, done: Done) -> bool {
        self.progress.inc(done.bytes);
        self.summary.listed += usize::from(done.listed);
        self.summary.list_failed |= done.list_failed;
        self.timings.add(&done.timings);
        self.summary.failed |= done.failed;
        if !done.stderr.is_empty() {
            let err = &mut *self.err;
            let _ = self
                .progress
                .suspend(|| err.write_all(done.stderr.as_bytes()));
        }
        let mut stdout = done.stdout;
        if let Some(mut c) = done.doc {
            if self.opts.format == OutputFormat::Json && self.opts.rules.is_some() {
                stdout = self.json_piece(stdout);
            }
            if let Some((mut r, source)) = c.kept.take() {
                r.document = self.summary.documents;
                if let Some(d) = &mut r.grounding {
                    d.document = r.document;
                }
                self.results.push(r);
                self.kept.push(source);
            }
            self.summary.documents += 1;
            self.summary.contradicted |= c.contradicted || !c.checks.is_empty();
            if !c.checks_text.is_empty() {
                if self.opts.format == OutputFormat::Json && !self.checks_text.is_empty() {
                    self.checks_text.push_str(",\n");
                }
                self.checks_text.push_str(&c.checks_text);
            }
            self.checks.extend(c.checks);
            add_counts(&mut self.summary.counts, &c.counts);
            if let Some(rows) = &mut self.rows {
                rows.push(&c.name, c.counts);
            }
        }
        if stdout.is_empty() {
            return true;
        }
        let written = self
            .out
            .write_all(stdout.as_bytes())
            .and_then(|_| self.out.flush());
        self.keep_going(written)
    }

    /// Wraps a document's JSON outcomes with the report's opening (before
    /// the first document) and the separator from earlier outcomes.
    fn json_piece(&mut self, fragments: String) -> String {
        let mut s = String::new();
        if !self.json_open {
            self.json_open = true;
            s.push_str("{\n  \"outcomes\": [");
        }
        if !fragments.is_empty() {
            s.push_str(if self.json_any { ",\n" } else { "\n" });
            self.json_any = true;
            s.push_str(&fragments);
        }
        s
    }

    /// Records a write error; a closed pipe ends the run quietly.
    fn keep_going(&mut self, r: io::Result<()>) -> bool {
        match r {
            Ok(()) => true,
            Err(e) => {
                self.error = Some(e);
                false
            }
        }
    }

    fn write(&mut self, s: &str) -> bool {
        let r = self.out.write_all(s.as_bytes());
        self.keep_going(r)
    }

    /// Agreements, the summary and the closing of the report.
    fn finish(&mut self, worker: &Worker<'_>) {
        self.progress.finish();
        let (Some(rules), Some(ev)) = (self.opts.rules, &worker.evaluator) else {
            return;
        };
        if self.summary.documents == 0 && self.opts.format != OutputFormat::JsonLines {
            // Nothing was checked: the errors said why; no empty report.
            return;
        }
        let has_agree = worker.agree_files.iter().any(|&a| a);
        let results = std::mem::take(&mut self.results);
        let agreements = if has_agree {
            ev.agreements(&results)
        } else {
            Vec::new()
        };
        let groundings = if worker.has_ground {
            ev.groundings(&results)
        } else {
            Vec::new()
        };
        drop(results);
        self.summary.contradicted |= diagnostic::reasoning_failed(&groundings, &[]);
        for o in &agreements {
            if let Some(rows) = &mut self.rows {
                rows.add(o.document, o.status);
            }
            self.summary.counts.add(o.status);
            self.summary.contradicted |= contradicts(o);
        }
        let mut agreements = agreements;
        if self.opts.stated_only {
            // Counted above, as the documents' own unstated outcomes are.
            agreements.retain(|o| !states_nothing(o));
        }
        // The documents as the agreement renderers see them: what was kept.
        // With `agree`, every document checked kept its words, in order.
        let mut sources = std::mem::take(&mut self.kept);
        let total = self.summary.counts;
        match self.opts.format {
            OutputFormat::Graphical => {
                self.graphical_agreements(rules, &mut sources, &agreements);
                let checks = std::mem::take(&mut self.checks_text);
                self.write(&checks);
                let text = self.graphical_groundings(rules, &mut sources, &groundings);
                self.write(&text);
                let rows: Vec<(&str, Counts)> = self.rows.iter().flat_map(Rows::iter).collect();
                let table = summary::render_rows(&rows, total);
                self.write(&table);
                let reasoning = summary::render_reasoning(&groundings, &self.checks);
                self.write(&reasoning);
            }
            OutputFormat::Short => {
                let run = view(rules, &sources, &agreements);
                let text = diagnostic::short(&run, &agreements);
                self.write(&text);
                let checks = std::mem::take(&mut self.checks_text);
                self.write(&checks);
                let run = Run {
                    groundings: &groundings,
                    ..run
                };
                let text = diagnostic::short(&run, &[]);
                self.write(&text);
            }
            OutputFormat::Json => {
                let run = view(rules, &sources, &agreements);
                let fragments = json_fragments(&run, &agreements);
                let mut s = self.json_piece(fragments);
                s.push_str(if self.json_any { "\n  ]" } else { "]" });
                let documents: Vec<JsonDocument> = self
                    .rows
                    .iter()
                    .flat_map(Rows::iter)
                    .map(|(path, counts)| JsonDocument {
                        path: path.to_string(),
                        counts,
                    })
                    .collect();
                let run = Run {
                    groundings: &groundings,
                    ..run
                };
                let reasoning = json::report(&run);
                let _ = write!(
                    s,
                    ",\n  \"summary\": {},\n  \"documents\": {},\n  \"groundings\": {},\n  \"grounding_summary\": {},\n  \"checks\": ",
                    pretty_nested(&total, "  "),
                    pretty_nested(&documents, "  "),
                    pretty_nested(&reasoning.groundings, "  "),
                    pretty_nested(&reasoning.grounding_summary, "  "),
                );
                if self.checks_text.is_empty() {
                    s.push_str("[]");
                } else {
                    s.push_str("[\n");
                    s.push_str(&self.checks_text);
                    s.push_str("\n  ]");
                }
                s.push_str("\n}\n");
                self.write(&s);
            }
            OutputFormat::JsonLines => {
                if has_agree || worker.has_ground {
                    let report = json::report(&Run {
                        groundings: &groundings,
                        ..view(rules, &sources, &agreements)
                    });
                    let line = jsonl::AgreementsLine {
                        agreements: report.outcomes,
                        groundings: report.groundings,
                        summary: total,
                    };
                    self.write(&json_line(&line));
                }
            }
        }
        let r = self.out.flush();
        self.keep_going(r);
    }

    /// Renders each agreement finding with the files it shows re-read: the
    /// kept words give positions, but an excerpt needs the lines around them.
    fn graphical_agreements(
        &mut self,
        rules: &RuleSet,
        sources: &mut [SourceFile],
        agreements: &[Outcome],
    ) {
        let mut cache: HashMap<usize, SourceFile> = HashMap::new();
        for o in agreements.iter().filter(|o| is_finding(o)) {
            let shown: Vec<usize> = std::iter::once(o.document)
                .chain(o.others.iter().map(|d| d.document))
                .collect();
            if cache.len() > 256 {
                cache.clear();
            }
            let mut swapped = Vec::new();
            for &d in &shown {
                if d >= sources.len() || swapped.iter().any(|(i, _)| *i == d) {
                    continue;
                }
                let full = match cache.get(&d) {
                    Some(f) => Some(f.clone()),
                    None => self.reread(&sources[d]),
                };
                if let Some(full) = full {
                    cache.insert(d, full.clone());
                    swapped.push((d, std::mem::replace(&mut sources[d], full)));
                }
            }
            let text = {
                let run = view(rules, sources, agreements);
                diagnostic::graphical(&run, std::slice::from_ref(o), self.opts.style)
            };
            for (d, kept) in swapped {
                sources[d] = kept;
            }
            if !self.write(&text) {
                return;
            }
        }
    }

    /// Contradicted groundings as diagnostics, then the grounding listing,
    /// with the files the diagnostics show re-read.
    fn graphical_groundings(
        &mut self,
        rules: &RuleSet,
        sources: &mut [SourceFile],
        groundings: &[Grounding],
    ) -> String {
        if groundings.is_empty() {
            return String::new();
        }
        let mut shown: Vec<usize> = groundings
            .iter()
            .filter(|g| diagnostic::is_grounding_finding(g))
            .flat_map(|g| {
                std::iter::once(g.document)
                    .chain(g.support.iter().map(|s| s.document))
                    .chain(g.conflict.iter().map(|s| s.document))
            })
            .collect();
        shown.sort_unstable();
        shown.dedup();
        let mut swapped = Vec::new();
        for d in shown {
            if d >= sources.len() {
                continue;
            }
            if let Some(full) = self.reread(&sources[d]) {
                swapped.push((d, std::mem::replace(&mut sources[d], full)));
            }
        }
        let text = {
            let run = Run {
                groundings,
                ..view(rules, sources, &[])
            };
            diagnostic::graphical(&run, &[], self.opts.style)
        };
        for (d, kept) in swapped {
            sources[d] = kept;
        }
        text
    }

    /// The whole file behind a kept source, if it is still what was checked.
    fn reread(&mut self, kept: &SourceFile) -> Option<SourceFile> {
        let retained = kept.retained()?;
        let full = load::read_text(std::path::Path::new(&kept.name)).ok();
        match full {
            Some(f) if retained.matches(&f) => Some(f),
            _ => {
                self.summary.failed = true;
                let msg = format!(
                    "error: `{}` changed or vanished while it was being checked; its words are not shown\n",
                    kept.name
                );
                let _ = self.err.write_all(msg.as_bytes());
                None
            }
        }
    }

    fn print_timings(&mut self, wall: Duration) {
        let t = self.timings;
        let cpu = (t.read + t.extract + t.eval + t.render)
            .as_secs_f64()
            .max(1e-9);
        let mb = self.progress_bytes() as f64 / 1e6;
        let mut s = format!(
            "{} documents, {mb:.1} MB in {:.2} s ({:.1} MB/s) on {} thread(s)\n",
            self.summary.documents,
            wall.as_secs_f64(),
            mb / wall.as_secs_f64().max(1e-9),
            self.opts.threads.max(1)
        );
        for (stage, d) in [
            ("read", t.read),
            ("extract", t.extract),
            ("bind+eval", t.eval),
            ("render", t.render),
        ] {
            let _ = writeln!(
                s,
                "  {stage:<10} {:>8.3} s  {:>5.1}%  {:>8.1} MB/s per thread",
                d.as_secs_f64(),
                100.0 * d.as_secs_f64() / cpu,
                mb / d.as_secs_f64().max(1e-9)
            );
        }
        if let Some(peak) = load::peak_memory() {
            let _ = writeln!(s, "  peak memory {:.1} MB", peak as f64 / 1e6);
        }
        let _ = self.err.write_all(s.as_bytes());
    }

    fn progress_bytes(&self) -> u64 {
        self.progress.bytes()
    }
}

fn add_counts(total: &mut Counts, c: &Counts) {
    total.supported += c.supported;
    total.contradicted += c.contradicted;
    total.not_stated += c.not_stated;
    total.ambiguous += c.ambiguous;
}

/// Checks every input and writes the report to `out` (errors to `err`).
///
/// Returns what the exit status needs. A write error on `out` stops the run
/// and is returned in [`CheckSummary::write_error`].
pub fn check(
    opts: &CheckOptions<'_>,
    input: Input,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CheckSummary {
    let started = Instant::now();
    let evaluator = opts.rules.map(|r| {
        let mut ev = Evaluator::new(r, opts.config);
        // Only the JSON reports list outcomes that are not stated, and only
        // when not asked to leave them out.
        if opts.stated_only || matches!(opts.format, OutputFormat::Graphical | OutputFormat::Short)
        {
            ev.elide_unstated();
        }
        ev
    });
    let agree_files = opts
        .rules
        .map(|r| {
            r.files
                .iter()
                .map(|f| {
                    f.statements
                        .iter()
                        .any(|s| matches!(s, Statement::Agree(_)))
                })
                .collect()
        })
        .unwrap_or_default();
    let has_ground = opts
        .rules
        .is_some_and(|r| r.files.iter().any(|f| !f.groundings.is_empty()));
    let worker = Worker {
        opts,
        evaluator,
        agree_files,
        has_ground,
    };
    let total = match &input {
        Input::Files(_, total) => *total,
        Input::JsonLines(_) => None,
    };
    let rows =
        matches!(opts.format, OutputFormat::Graphical | OutputFormat::Json).then(Rows::default);
    let mut collector = Collector {
        opts,
        out,
        err,
        progress: Progress::new(total, opts.progress),
        rows,
        kept: Vec::new(),
        results: Vec::new(),
        checks: Vec::new(),
        checks_text: String::new(),
        summary: CheckSummary::default(),
        timings: Timings::default(),
        json_open: false,
        json_any: false,
        error: None,
    };
    let read_error: std::sync::Mutex<Option<io::Error>> = std::sync::Mutex::new(None);
    let produce = |feed: &mut dyn Feed<Item>| match input {
        Input::Files(files, _) => {
            for f in files {
                let item = match f {
                    Ok(p) => Item::Path(p),
                    Err(e) => Item::Unlisted(e),
                };
                if !feed.push(item) {
                    break;
                }
            }
        }
        Input::JsonLines(mut reader) => {
            let mut number = 0;
            loop {
                // The lines already read in go out together; before waiting
                // for more, what is gathered goes to the workers, since the
                // writer may wait for its answers before it writes again.
                if memchr::memchr(b'\n', reader.buffer()).is_none() && !feed.flush() {
                    break;
                }
                let mut line = Vec::new();
                match reader.read_until(b'\n', &mut line) {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(e) => {
                        if let Ok(mut slot) = read_error.lock() {
                            *slot = Some(e);
                        }
                        break;
                    }
                }
                number += 1;
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                if !feed.push(Item::Line(number, line)) {
                    break;
                }
            }
        }
    };
    let every_outcome =
        !opts.stated_only && matches!(opts.format, OutputFormat::Json | OutputFormat::JsonLines);
    ordered_map(
        opts.threads,
        if every_outcome {
            BATCHING_LARGE_RESULTS
        } else {
            BATCHING
        },
        produce,
        |item| worker.run(item),
        |done| collector.emit(done),
    );
    if collector.error.is_none() {
        collector.finish(&worker);
    }
    if let Ok(Some(e)) = read_error.into_inner() {
        let msg = format!("error: cannot read the input: {e}\n");
        let _ = collector.err.write_all(msg.as_bytes());
        collector.summary.failed = true;
    }
    if opts.timings {
        collector.print_timings(started.elapsed());
    }
    collector.summary.write_error = collector.error.take();
    collector.summary
}
