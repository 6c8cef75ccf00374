//! Reading files: documents from folders and paths, rule files, the config.
//!
//! The only module besides `main.rs` that touches the file system. Every
//! failure is a [`LoadError`] naming the file (and the position, where there
//! is one); a bad file never stops the others from loading.

use std::fs;
use std::path::{Path, PathBuf};

use crate::document::{Document, DocumentError};
use crate::source::SourceFile;

/// Extensions of documents found by walking a folder.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// Why a file could not be used.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum LoadError {
    /// The path does not exist.
    #[error("`{path}` does not exist")]
    #[diagnostic(code(factlint::io::not_found), help("{help}"))]
    NotFound {
        /// The path.
        path: String,
        /// What to do.
        help: String,
    },
    /// The file could not be read.
    #[error("cannot read `{path}`: {message}")]
    #[diagnostic(code(factlint::io::unreadable), help("check the file's permissions"))]
    Unreadable {
        /// The path.
        path: String,
        /// The OS error.
        message: String,
    },
    /// The file is not UTF-8.
    #[error("`{path}` is not UTF-8 text: invalid byte 0x{byte:02X} at line {line}, column {column} (byte {offset})")]
    #[diagnostic(
        code(factlint::io::not_utf8),
        help("convert the file to UTF-8, e.g. `iconv -f windows-1252 -t utf-8 FILE`")
    )]
    NotUtf8 {
        /// The path.
        path: String,
        /// The first invalid byte.
        byte: u8,
        /// Its offset.
        offset: usize,
        /// Its line, from 1.
        line: usize,
        /// Its column (characters before it on the line, plus 1).
        column: usize,
    },
    /// The file holds NUL bytes: a binary, not a text.
    #[error("`{path}` is a binary file, not a text (NUL byte at offset {offset})")]
    #[diagnostic(
        code(factlint::io::binary),
        help("only text documents can be checked; remove the file from the corpus or pass text files only")
    )]
    Binary {
        /// The path.
        path: String,
        /// Where the first NUL byte is.
        offset: usize,
    },
    /// A path that must be a file is a folder.
    #[error("`{path}` is a folder, but a file is expected here")]
    #[diagnostic(code(factlint::io::is_a_directory), help("{help}"))]
    IsDirectory {
        /// The path.
        path: String,
        /// What to do.
        help: String,
    },
    /// A folder holds nothing to work on.
    #[error("no {what} found in `{path}`")]
    #[diagnostic(code(factlint::io::empty), help("{help}"))]
    Empty {
        /// The path(s).
        path: String,
        /// "documents" or "rule files".
        what: &'static str,
        /// What to do.
        help: String,
    },
    /// The document's front matter is malformed.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Document(#[from] Box<DocumentError>),
}

/// Reads a file as UTF-8 text, refusing binaries.
pub fn read_text(path: &Path) -> Result<SourceFile, LoadError> {
    let name = display(path);
    // No `is_dir` check first: a stat per file is a tenth of the time of a
    // run over many small files. Reading a folder fails with its own error.
    let bytes = fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::IsADirectory => LoadError::IsDirectory {
            path: name.clone(),
            help: "pass a file path".into(),
        },
        _ if path.is_dir() => LoadError::IsDirectory {
            path: name.clone(),
            help: "pass a file path".into(),
        },
        std::io::ErrorKind::NotFound => LoadError::NotFound {
            path: name.clone(),
            help: "check the path".into(),
        },
        _ => LoadError::Unreadable {
            path: name.clone(),
            message: e.to_string(),
        },
    })?;
    source_from_bytes(name, bytes)
}

/// Checks bytes for NULs and UTF-8 and wraps them as a source file.
pub fn source_from_bytes(name: String, bytes: Vec<u8>) -> Result<SourceFile, LoadError> {
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(LoadError::Binary { path: name, offset });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            Err(LoadError::NotUtf8 {
                path: name,
                byte: bytes[offset],
                offset,
                line,
                column,
            })
        }
    }
}

/// `path` as the user would write it, without a leading `./`.
pub fn display(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

/// Every file under `root` with one of `extensions`, sorted by path; `root`
/// itself if it is a file. The first problem met stops the listing.
pub fn walk(root: &Path, extensions: &[&str]) -> Result<Vec<PathBuf>, LoadError> {
    files_under(
        root.to_path_buf(),
        extensions.iter().map(|e| e.to_string()).collect(),
    )
    .collect()
}

/// Every file under `root` with one of `extensions`, lazily, sorted by path;
/// `root` itself if it is a file; a problem for each part that cannot be
/// listed, and the listing goes on.
///
/// Folders are walked as ripgrep walks them (the `ignore` crate): hidden
/// entries (`.git`, `.cache`) are skipped, and so is whatever a `.gitignore`
/// or `.ignore` file on the way excludes (inside a git repository or not).
/// Each folder's entries are visited sorted by name, depth first, which is
/// the same order as sorting the whole list by path components, so the order
/// never depends on the file system. Nothing is collected: an archive of a
/// million files is listed as it is checked.
pub fn files_under(
    root: PathBuf,
    extensions: Vec<String>,
) -> Box<dyn Iterator<Item = Result<PathBuf, LoadError>> + Send> {
    if !root.exists() {
        return Box::new(std::iter::once(Err(LoadError::NotFound {
            path: display(&root),
            help: String::new(),
        })));
    }
    if root.is_file() {
        return Box::new(std::iter::once(Ok(root)));
    }
    let walker = ignore::WalkBuilder::new(&root)
        .hidden(true)
        .ignore(true)
        .git_ignore(true)
        .git_exclude(false)
        .git_global(false)
        .require_git(false)
        .parents(true)
        // `fs::metadata` follows links; so did the walk before it used `ignore`.
        .follow_links(true)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    Box::new(walker.filter_map(move |entry| {
        let entry = match entry {
            Ok(e) => e,
            // A malformed ignore file is a warning in ripgrep; here it must
            // not lose the documents: the entries it would have filtered
            // still come through.
            Err(ignore::Error::Partial(_)) => return None,
            Err(e) => {
                let path = io_error_path(&e).unwrap_or_else(|| root.clone());
                return Some(Err(LoadError::Unreadable {
                    path: display(&path),
                    message: io_error_message(&e),
                }));
            }
        };
        if entry.depth() == 0 || !entry.file_type().is_some_and(|t| t.is_file()) {
            return None;
        }
        let p = entry.into_path();
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.iter().any(|x| x == e))
            .then_some(Ok(p))
    }))
}

/// The path an `ignore` error is about, if it names one.
fn io_error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            io_error_path(err)
        }
        _ => None,
    }
}

/// The OS message of an `ignore` error, without the path it already names.
fn io_error_message(e: &ignore::Error) -> String {
    match e {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => io_error_message(err),
        ignore::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    }
}

/// The document files named by `paths` (folders walked), each with its
/// problem if it could not be listed.
pub fn document_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for f in document_files(paths.to_vec()) {
        match f {
            Ok(f) => files.push(f),
            Err(e) => errors.push(e),
        }
    }
    (files, errors)
}

/// The document files named by `paths`, lazily and in order (see
/// [`files_under`]), with a problem for each path that cannot be listed.
pub fn document_files(
    paths: Vec<PathBuf>,
) -> impl Iterator<Item = Result<PathBuf, LoadError>> + Send {
    paths.into_iter().flat_map(|p| {
        let extensions = DOCUMENT_EXTENSIONS.iter().map(|e| e.to_string()).collect();
        files_under(p, extensions).map(|r| match r {
            Err(LoadError::NotFound { path, .. }) => Err(LoadError::NotFound {
                path,
                help: "pass a folder or files of articles; without paths, `factlint check` reads the `corpus` folder set in factlint.toml".into(),
            }),
            other => other,
        })
    })
}

/// Reads and parses one document.
pub fn document(path: &Path) -> Result<Document, LoadError> {
    let source = read_text(path)?;
    Ok(Document::parse(source)?)
}
