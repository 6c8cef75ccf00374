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
    if path.is_dir() {
        return Err(LoadError::IsDirectory {
            path: name,
            help: "pass a file path".into(),
        });
    }
    let bytes = fs::read(path).map_err(|e| match e.kind() {
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
/// itself if it is a file. Hidden entries (`.git`, `.cache`) are skipped.
pub fn walk(root: &Path, extensions: &[&str]) -> Result<Vec<PathBuf>, LoadError> {
    if !root.exists() {
        return Err(LoadError::NotFound {
            path: display(root),
            help: String::new(),
        });
    }
    if root.is_file() {
        return Ok(vec![root.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = fs::read_dir(&dir).map_err(|e| LoadError::Unreadable {
            path: display(&dir),
            message: e.to_string(),
        })?;
        for entry in entries.flatten() {
            let p = entry.path();
            if p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
            {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The document files named by `paths` (folders walked), each with its
/// problem if it could not be listed.
pub fn document_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match walk(p, DOCUMENT_EXTENSIONS) {
            Ok(found) => files.extend(found),
            Err(LoadError::NotFound { path, .. }) => errors.push(LoadError::NotFound {
                path,
                help: "pass a folder or files of articles; without paths, `factlint check` reads the `corpus` folder set in factlint.toml".into(),
            }),
            Err(e) => errors.push(e),
        }
    }
    (files, errors)
}

/// Reads and parses one document.
pub fn document(path: &Path) -> Result<Document, LoadError> {
    let source = read_text(path)?;
    Ok(Document::parse(source)?)
}
