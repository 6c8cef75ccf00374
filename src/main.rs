//! The `factlint` command line: arguments, file IO, the choice of renderer
//! and exit codes. Everything else lives in the library.
//!
//! Exit status: 0 nothing contradicted, 1 something contradicted (an
//! error-severity assertion or agreement), 2 the input is invalid (rule
//! errors, unreadable documents, an empty corpus).

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use factlint::check::model::RuleSet;
use factlint::config::Config;
use factlint::diagnostic::{self, Style};
use factlint::document::Document;
use factlint::eval::Evaluator;
use factlint::load::{self, LoadError};
use factlint::pipeline;
use factlint::source::SourceFile;
use factlint::stream::{self, CheckOptions, Input, OutputFormat};

#[derive(Parser)]
#[command(
    name = "factlint",
    version,
    about = "A declarative, rules-based fact checker for news text"
)]
struct Cli {
    /// The project settings (default: ./factlint.toml if it exists).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// When to colour output.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    color: Color,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check documents against rule files and report what they support or contradict.
    Check(CheckArgs),
    /// Show each document's mentions and the facts they bind to.
    Facts {
        /// Documents or folders of documents (default: the corpus folder).
        paths: Vec<PathBuf>,
        /// Rule files or folders (default: the rules folder; bindings are shown if any load).
        #[arg(short, long = "rules", value_name = "PATH")]
        rules: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = FactsFormat::Table)]
        format: FactsFormat,
    },
    /// Show, for one fact, every candidate mention, the binder clause that
    /// accepted or rejected it, and which value won.
    Explain {
        /// The fact's name.
        fact: String,
        /// Documents or folders of documents (default: the corpus folder).
        paths: Vec<PathBuf>,
        /// Rule files or folders (default: the rules folder).
        #[arg(short, long = "rules", value_name = "PATH")]
        rules: Vec<PathBuf>,
    },
    /// Extract mentions from JSON lines on stdin (the benchmark's format).
    Extract {
        /// Read `{"id","text","ref_date"}` lines, write `{"id","mentions"}` lines.
        #[arg(long, required = true)]
        jsonl: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Rich diagnostics and a summary.
    Graphical,
    /// One JSON document.
    Json,
    /// `path:line:col: severity: message`, one finding a line.
    Short,
}

#[derive(Clone, Copy, ValueEnum)]
enum FactsFormat {
    /// A table per document.
    Table,
    /// One JSON document.
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    /// Colour each stream that is a terminal, unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Exit status 2: the input cannot be trusted.
const INVALID: u8 = 2;

fn main() -> ExitCode {
    return_freed_memory_at_once();
    let cli = Cli::parse();
    // The report goes to stdout, diagnostics about the input to stderr: each
    // is coloured only if its own stream is a terminal.
    let no_color = std::env::var_os("NO_COLOR").is_some();
    let style_for = |is_terminal: bool| match cli.color {
        Color::Always => Style::Color,
        Color::Never => Style::Plain,
        Color::Auto if is_terminal && !no_color => Style::Color,
        Color::Auto => Style::Plain,
    };
    let style = style_for(io::stdout().is_terminal());
    let error_style = style_for(io::stderr().is_terminal());
    let mut ui = Ui {
        handler: diagnostic::handler(error_style),
        style,
        error_style,
        failed: false,
    };
    let code = match cli.command {
        Command::Extract { .. } => {
            let stdin = io::stdin();
            let stdout = io::stdout();
            match factlint::extract::jsonl::run(stdin.lock(), stdout.lock()) {
                Ok(_) => 0,
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
                Err(e) => {
                    eprintln!("error: {e}");
                    INVALID
                }
            }
        }
        Command::Check(args) => check(&mut ui, cli.config.as_deref(), args),
        Command::Facts {
            paths,
            rules,
            format,
        } => facts(&mut ui, cli.config.as_deref(), paths, rules, format),
        Command::Explain { fact, paths, rules } => {
            explain(&mut ui, cli.config.as_deref(), &fact, paths, rules)
        }
    };
    ExitCode::from(code)
}

/// Where diagnostics about the input go (stderr), and whether any was an error.
struct Ui {
    handler: miette::GraphicalReportHandler,
    style: Style,
    /// The style of diagnostics on stderr.
    error_style: Style,
    failed: bool,
}

impl Ui {
    fn error(&mut self, d: &dyn miette::Diagnostic) {
        self.failed = true;
        eprint!("{}", diagnostic::render_diagnostic(&self.handler, d));
    }
}

fn load_config(ui: &mut Ui, path: Option<&Path>) -> Option<Config> {
    let (path, required) = match path {
        Some(p) => (p.to_path_buf(), true),
        None => (PathBuf::from("factlint.toml"), false),
    };
    if !required && !path.exists() {
        return Some(Config::default());
    }
    let source = match load::read_text(&path) {
        Ok(s) => s,
        Err(e) => {
            ui.error(&e);
            return None;
        }
    };
    match Config::parse(&source) {
        Ok(c) => Some(c),
        Err(e) => {
            ui.error(e.as_ref());
            None
        }
    }
}

fn load_rules(ui: &mut Ui, config: &Config, paths: Vec<PathBuf>) -> Option<RuleSet> {
    let paths = if paths.is_empty() {
        vec![config.rules.clone()]
    } else {
        paths
    };
    let mut set = RuleSet::default();
    let mut ok = true;
    for p in &paths {
        let files = match load::walk(p, &["rules"]) {
            Ok(f) => f,
            Err(LoadError::NotFound { path, .. }) => {
                ui.error(&LoadError::NotFound {
                    path,
                    help: "create the folder and put `.rules` files in it, or pass `--rules PATH`"
                        .into(),
                });
                ok = false;
                continue;
            }
            Err(e) => {
                ui.error(&e);
                ok = false;
                continue;
            }
        };
        if files.is_empty() {
            ui.error(&LoadError::Empty {
                path: load::display(p),
                what: "rule files",
                help: "write a `.rules` file there (see docs/language.md), or pass `--rules PATH`"
                    .into(),
            });
            ok = false;
        }
        for f in files {
            let source = match load::read_text(&f) {
                Ok(s) => s,
                Err(e) => {
                    ui.error(&e);
                    ok = false;
                    continue;
                }
            };
            match factlint::check::check_rule_file(source) {
                Ok(file) => set.files.push(file),
                Err(errors) => {
                    ui.error(&errors);
                    ok = false;
                }
            }
        }
    }
    ok.then_some(set)
}

/// Loads every document; reports the ones that fail and keeps the rest.
fn load_documents(ui: &mut Ui, config: &Config, paths: Vec<PathBuf>) -> Vec<Document> {
    let mut docs = Vec::new();
    for f in &document_files(ui, config, paths) {
        match load::document(f) {
            Ok(d) => docs.push(d),
            Err(e) => ui.error(&e),
        }
    }
    docs
}

/// The arguments of `factlint check`.
#[derive(clap::Args)]
struct CheckArgs {
    /// Documents or folders of documents (default: the corpus folder of factlint.toml).
    paths: Vec<PathBuf>,
    /// Rule files or folders of them (default: the rules folder of factlint.toml).
    #[arg(short, long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Graphical)]
    format: Format,
    /// Read documents as JSON lines on stdin (`{"id", "text", "published", …}`) and
    /// write one JSON line of outcomes per document (see docs/performance.md).
    #[arg(long, conflicts_with_all = ["paths", "format"])]
    jsonl: bool,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// Exit with 0 even when something is contradicted or a document cannot be read
    /// (each is still reported); 2 then means only that the rules or settings are invalid.
    #[arg(long)]
    exit_zero: bool,
    /// Print the documents, megabytes, time spent per stage and (on Linux) peak
    /// memory on stderr at the end.
    #[arg(long)]
    timings: bool,
    /// JSON and JSON lines: leave out the assertions a document says nothing about
    /// (`not_stated` with no values found); they are still counted in the summaries.
    #[arg(long)]
    stated_only: bool,
}

/// The document files named by `paths` (or the configured corpus), with the
/// problems of the ones that cannot be listed reported.
fn document_files(ui: &mut Ui, config: &Config, paths: Vec<PathBuf>) -> Vec<PathBuf> {
    let paths = if paths.is_empty() {
        vec![config.corpus.clone()]
    } else {
        paths
    };
    let (files, errors) = load::document_paths(&paths);
    for e in &errors {
        ui.error(e);
    }
    if files.is_empty() && errors.is_empty() {
        ui.error(&no_documents(&paths));
    }
    files
}

/// The paths hold no document at all.
fn no_documents(paths: &[PathBuf]) -> LoadError {
    LoadError::Empty {
        path: paths
            .iter()
            .map(|p| load::display(p))
            .collect::<Vec<_>>()
            .join("`, `"),
        what: "documents",
        help: "put articles there as .txt or .md files, or pass paths to documents".into(),
    }
}

fn check(ui: &mut Ui, config: Option<&Path>, args: CheckArgs) -> u8 {
    let Some(config) = load_config(ui, config) else {
        return INVALID;
    };
    let rule_set = load_rules(ui, &config, args.rules);
    let progress = io::stderr().is_terminal();
    let paths = if args.paths.is_empty() {
        vec![config.corpus.clone()]
    } else {
        args.paths
    };
    let input = if args.jsonl {
        if rule_set.is_none() {
            return INVALID;
        }
        Input::JsonLines(io::BufReader::with_capacity(1 << 16, Box::new(io::stdin())))
    } else {
        // Listed lazily as the run goes: an archive's paths are not held.
        // A second, cheap listing counts them for the progress bar only.
        let total = progress.then(|| {
            load::document_files(paths.clone())
                .filter(Result::is_ok)
                .count() as u64
        });
        Input::Files(Box::new(load::document_files(paths.clone())), total)
    };
    let format = match (args.jsonl, args.format) {
        (true, _) => OutputFormat::JsonLines,
        (false, Format::Graphical) => OutputFormat::Graphical,
        (false, Format::Json) => OutputFormat::Json,
        (false, Format::Short) => OutputFormat::Short,
    };
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let opts = CheckOptions {
        rules: rule_set.as_ref(),
        config: &config,
        format,
        style: ui.style,
        error_style: ui.error_style,
        threads: threads.max(1),
        progress,
        timings: args.timings,
        stated_only: args.stated_only,
    };
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let run = stream::check(&opts, input, &mut out, &mut io::stderr());
    if let Some(e) = &run.write_error {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the report: {e}");
            return INVALID;
        }
    }
    if !args.jsonl && run.listed == 0 {
        ui.error(&no_documents(&paths));
    }
    if ui.failed || rule_set.is_none() || run.list_failed || (run.failed && !args.exit_zero) {
        INVALID
    } else if run.contradicted && !args.exit_zero {
        1
    } else {
        0
    }
}

/// The settings, the checked rules and the documents of a whole-run
/// command; `None` when the settings or a rule file are invalid (already
/// reported). Every document problem is reported too, and the rest kept.
fn load_all(
    ui: &mut Ui,
    config: Option<&Path>,
    rules: Vec<PathBuf>,
    paths: Vec<PathBuf>,
) -> Option<(Config, RuleSet, Vec<Document>)> {
    let config = load_config(ui, config)?;
    let rule_set = load_rules(ui, &config, rules);
    let docs = load_documents(ui, &config, paths);
    Some((config, rule_set?, docs))
}

fn facts(
    ui: &mut Ui,
    config: Option<&Path>,
    paths: Vec<PathBuf>,
    rules: Vec<PathBuf>,
    format: FactsFormat,
) -> u8 {
    let Some((config, rule_set, docs)) = load_all(ui, config, rules, paths) else {
        return INVALID;
    };
    if docs.is_empty() {
        return INVALID;
    }
    let evaluator = Evaluator::new(&rule_set, &config);
    let mut report = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let (mentions, result) = pipeline::check_document(&evaluator, &config, i, d);
        report.push(factlint::diagnostic::facts::DocumentFacts::new(
            d, &config, &rule_set, &mentions, &result,
        ));
    }
    let mut out = io::stdout().lock();
    let written = match format {
        FactsFormat::Table => report.iter().try_for_each(|r| write!(out, "{}", r.table())),
        FactsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "documents": report }))
                .map_err(io::Error::from)
                .and_then(|_| writeln!(out))
        }
    };
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write the report: {e}");
            INVALID
        }
        _ if ui.failed => INVALID,
        _ => 0,
    }
}

fn explain(
    ui: &mut Ui,
    config: Option<&Path>,
    fact: &str,
    paths: Vec<PathBuf>,
    rules: Vec<PathBuf>,
) -> u8 {
    let Some((config, rule_set, docs)) = load_all(ui, config, rules, paths) else {
        return INVALID;
    };
    let defined: Vec<(usize, factlint::check::model::FactId)> = rule_set
        .files
        .iter()
        .enumerate()
        .filter_map(|(fi, f)| {
            f.facts
                .iter()
                .position(|x| x.name == fact)
                .map(|i| (fi, factlint::check::model::FactId(i)))
        })
        .collect();
    if defined.is_empty() {
        let names = rule_set
            .files
            .iter()
            .flat_map(|f| f.facts.iter().map(|x| x.name.as_str()));
        let help = match factlint::check::suggest(fact, names) {
            Some(n) => format!("did you mean `{n}`?"),
            None => "name a fact defined in the rule files (see `factlint facts`)".to_string(),
        };
        eprintln!("error: no rule file defines the fact `{fact}`\n  help: {help}");
        return INVALID;
    }
    if docs.is_empty() {
        return INVALID;
    }
    let evaluator = Evaluator::new(&rule_set, &config);
    let sources: Vec<SourceFile> = docs.iter().map(|d| d.source.clone()).collect();
    let mut per_file: Vec<Vec<factlint::eval::explain::Explanation>> =
        vec![Vec::new(); defined.len()];
    for (i, d) in docs.iter().enumerate() {
        let (mentions, result) = pipeline::check_document(&evaluator, &config, i, d);
        for (k, &(fi, id)) in defined.iter().enumerate() {
            per_file[k].push(evaluator.explain(fi, id, d, &mentions, &result));
        }
    }
    let mut out = io::stdout().lock();
    let text: String = per_file
        .iter()
        .map(|e| diagnostic::explain::render(&rule_set, &sources, e))
        .collect::<Vec<_>>()
        .join("\n");
    match write!(out, "{text}") {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write the report: {e}");
            INVALID
        }
        _ if ui.failed => INVALID,
        _ => 0,
    }
}

// Checking allocates many small values per (rule, document) pair; glibc's
// allocator spent a fifth of a 1,000-rule run in malloc and free, mimalloc
// far less (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `purge_delay` option: `mi_option_purge_delay` in mimalloc 2's
/// `mi_option_e` (between `eager_commit_delay`, 14, and `use_numa_nodes`,
/// 16, which `libmimalloc-sys` names; it does not name this one).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back to the system at once rather than after 10 ms:
/// with the default, the worker threads of a 300 MB run held about 15 MB
/// more than a 10 MB run, at no gain in speed (docs/performance.md).
fn return_freed_memory_at_once() {
    // SAFETY: sets an option of the allocator, as `MIMALLOC_PURGE_DELAY=0` in
    // the environment would; mimalloc reads options atomically, and no other
    // thread exists yet.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
}
