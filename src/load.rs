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
    READ_BUFFER.with_borrow_mut(|buffer| {
        let read = match read_into(path, buffer) {
            Ok(bytes) => source_from_bytes(name, bytes),
            Err(e) => Err(read_error(path, name, e)),
        };
        // One huge file must not pin its size in memory for the whole run.
        if buffer.len() > KEPT_BUFFER {
            *buffer = Vec::new();
        }
        read
    })
}

/// The largest read buffer a thread keeps between files.
const KEPT_BUFFER: usize = 1 << 20;

thread_local! {
    /// Each thread reads its files into one growing buffer: the text is
    /// copied once into the document's shared string anyway, so a fresh
    /// allocation per file would only add an allocation and a free.
    static READ_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// What a failed read of `path` means to the user.
fn read_error(path: &Path, name: String, e: std::io::Error) -> LoadError {
    // No `is_dir` check before reading: a stat per file is a tenth of the
    // time of a run over many small files. Reading a folder fails instead.
    match e.kind() {
        std::io::ErrorKind::IsADirectory => LoadError::IsDirectory {
            path: name,
            help: "pass a file path".into(),
        },
        _ if path.is_dir() => LoadError::IsDirectory {
            path: name,
            help: "pass a file path".into(),
        },
        std::io::ErrorKind::NotFound => LoadError::NotFound {
            path: name,
            help: "check the path".into(),
        },
        _ => LoadError::Unreadable {
            path: name,
            message: e.to_string(),
        },
    }
}

/// Reads the whole file into `buffer` (kept zero-filled to its length, so
/// no unsafe code is needed) and returns the bytes read.
///
/// Written by hand rather than with `fs::read` or `File::read_to_end`: both
/// ask the file's size first (a `statx` and an `lseek` per file), which over
/// tens of thousands of small news files costs more than the reads.
fn read_into<'b>(path: &Path, buffer: &'b mut Vec<u8>) -> std::io::Result<&'b [u8]> {
    use std::io::Read;
    const GROWTH: usize = 64 * 1024;
    let mut file = fs::File::open(path)?;
    let mut filled = 0;
    loop {
        if filled == buffer.len() {
            buffer.resize(buffer.len() + GROWTH.max(buffer.len()), 0);
        }
        match file.read(&mut buffer[filled..]) {
            Ok(0) => return Ok(&buffer[..filled]),
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Checks bytes for NULs and UTF-8 and wraps them as a source file (the
/// text is copied once, into the file's shared string).
pub fn source_from_bytes(name: String, bytes: &[u8]) -> Result<SourceFile, LoadError> {
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(LoadError::Binary { path: name, offset });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(e) => {
            let offset = e.valid_up_to();
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

/// The most memory this process has held resident so far, in bytes: the
/// kernel's high-water mark (`VmHWM` in `/proc/self/status`); `None` where
/// the system does not say (it is read on Linux only).
pub fn peak_memory() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
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
    let (entries, errors) = list_folder(&root);
    let canonical = fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
    Box::new(SortedWalk {
        extensions,
        stack: vec![Folder {
            path: root,
            canonical,
            entries,
        }],
        errors: errors.into(),
    })
}

/// A folder being walked: its entries not yet visited, sorted so that the
/// next one is last.
struct Folder {
    path: PathBuf,
    /// To stop at a link back to a folder being walked.
    canonical: PathBuf,
    entries: Listing,
}

/// The entries of one folder in walk order, front-coded: each name is kept
/// as the number of leading bytes it shares with the name before it and the
/// bytes after those. Sorted article names share most of their bytes
/// ("0001234.txt", "0001235.txt"), so a flat folder of 200,000 articles is
/// held in about 1.8 MB for the whole walk (names and 8-byte entries side by
/// side took 3.8 MB, a path or a boxed name per entry more than twice that,
/// and was most of the memory of a large run).
#[derive(Default)]
struct Listing {
    /// Per entry: the shared length (one byte, at most 255), whether it is a
    /// folder (one byte), the length of the rest (two bytes, little-endian),
    /// then the rest of the name.
    packed: Vec<u8>,
    /// Where the next entry starts in `packed`.
    next: usize,
    /// The name last returned, which the next one starts from.
    name: Vec<u8>,
}

/// Bytes before each entry's own name bytes in [`Listing::packed`].
const HEAD: usize = 4;

impl Listing {
    /// Packs `entries` (names in `names`), already in walk order.
    fn packed(names: &[u8], entries: &[Gathered]) -> Listing {
        let mut prev: &[u8] = &[];
        let mut size = 0;
        for &e in entries {
            let name = name_in(names, e);
            size += HEAD + name.len() - shared_prefix(prev, name);
            prev = name;
        }
        let mut packed = Vec::with_capacity(size);
        prev = &[];
        for &e in entries {
            let name = name_in(names, e);
            debug_assert!(prev < name, "a listing packs names in increasing order");
            let shared = shared_prefix(prev, name);
            let rest = &name[shared..];
            packed.push(shared as u8);
            packed.push(u8::from(e.dir));
            // A name is at most `u16::MAX` bytes long (longer ones are not listed).
            packed.extend_from_slice(&(rest.len() as u16).to_le_bytes());
            packed.extend_from_slice(rest);
            prev = name;
        }
        Listing {
            packed,
            next: 0,
            name: Vec::new(),
        }
    }

    /// The next entry: its name and whether it is a folder.
    fn pop(&mut self) -> Option<(&std::ffi::OsStr, bool)> {
        let head = self.packed.get(self.next..self.next + HEAD)?;
        let (shared, dir) = (usize::from(head[0]), head[1] != 0);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let start = self.next + HEAD;
        self.name.truncate(shared);
        self.name
            .extend_from_slice(&self.packed[start..start + len]);
        self.next = start + len;
        name_from_bytes(&self.name).map(|n| (n, dir))
    }
}

/// How many leading bytes `b` shares with `a`, at most 255 (one byte of
/// [`Listing::packed`]).
fn shared_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter()
        .zip(b)
        .take(usize::from(u8::MAX))
        .take_while(|(x, y)| x == y)
        .count()
}

/// One entry of a folder as it is listed, before `list_folder` sorts them
/// and [`Listing::packed`] packs them, in 8 bytes.
#[derive(Clone, Copy)]
struct Gathered {
    /// Where its name starts in the buffer of names.
    start: u32,
    /// The name's length in bytes (file names are at most 255 on common
    /// systems; a longer one is reported, not listed).
    len: u16,
    /// Whether it is a folder.
    dir: bool,
}

// The size the comment above promises.
const _: () = assert!(std::mem::size_of::<Gathered>() == 8);

fn name_in(names: &[u8], e: Gathered) -> &[u8] {
    &names[e.start as usize..e.start as usize + usize::from(e.len)]
}

/// The bytes of a file name: on Unix any name; elsewhere a Unicode one.
#[cfg(unix)]
fn name_bytes(name: &std::ffi::OsStr) -> Option<&[u8]> {
    Some(std::os::unix::ffi::OsStrExt::as_bytes(name))
}

#[cfg(not(unix))]
fn name_bytes(name: &std::ffi::OsStr) -> Option<&[u8]> {
    name.to_str().map(str::as_bytes)
}

#[cfg(unix)]
fn name_from_bytes(b: &[u8]) -> Option<&std::ffi::OsStr> {
    Some(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(b))
}

#[cfg(not(unix))]
fn name_from_bytes(b: &[u8]) -> Option<&std::ffi::OsStr> {
    std::str::from_utf8(b).ok().map(std::ffi::OsStr::new)
}

/// A depth-first walk that lists one folder at a time and keeps only the
/// names of its entries: `ignore`'s own sorted walk keeps a full entry (path,
/// metadata) for every file of a folder, tens of megabytes for a flat folder
/// of 200,000 articles.
struct SortedWalk {
    extensions: Vec<String>,
    stack: Vec<Folder>,
    errors: std::collections::VecDeque<LoadError>,
}

impl Iterator for SortedWalk {
    type Item = Result<PathBuf, LoadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(e) = self.errors.pop_front() {
                return Some(Err(e));
            }
            let folder = self.stack.last_mut()?;
            let Some((name, is_dir)) = folder.entries.pop() else {
                self.stack.pop();
                continue;
            };
            // Most entries of an archive are files: their extension is
            // read from the name, and only a document's path is built.
            if !is_dir {
                let wanted = Path::new(name)
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| self.extensions.iter().any(|x| x == e));
                if wanted {
                    return Some(Ok(folder.path.join(name)));
                }
                continue;
            }
            let path = folder.path.join(name);
            let canonical = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if self.stack.iter().any(|f| f.canonical == canonical) {
                continue;
            }
            let (entries, errors) = list_folder(&path);
            self.errors.extend(errors);
            self.stack.push(Folder {
                path,
                canonical,
                entries,
            });
        }
    }
}

/// The most bytes of names [`list_folder`] sets aside before listing a
/// folder (more come as they are needed).
const MAX_LISTING_GUESS: u64 = 64 << 20;

/// The entries of one folder that no ignore rule excludes (hidden ones,
/// `.gitignore`, `.ignore`, in this folder or any above it), as names and
/// whether each is a folder, in walk order (sorted by name); and
/// the problems met.
fn list_folder(dir: &Path) -> (Listing, Vec<LoadError>) {
    let walker = ignore::WalkBuilder::new(dir)
        .max_depth(Some(1))
        .hidden(true)
        .ignore(true)
        .git_ignore(true)
        .git_exclude(false)
        .git_global(false)
        .require_git(false)
        .parents(true)
        // `fs::metadata` follows links; so did the walk before it used `ignore`.
        .follow_links(true)
        .build();
    // The buffers are sized from the folder's own size, so that a huge
    // folder is held once rather than grown by doubling (old and new copies
    // both live). On the common file systems (ext4, XFS, btrfs, tmpfs) a
    // folder's size is at least the bytes of its names and 16 per entry;
    // where it is less, the buffers grow. A generous guess costs address
    // space, not memory: pages never written are never made resident. (A
    // first listing pass that counted the names cost a tenth of a second
    // per 200,000 files, before any document could start.)
    let size = fs::metadata(dir)
        .map_or(0, |m| m.len())
        .min(MAX_LISTING_GUESS) as usize;
    let mut names = Vec::with_capacity(size);
    let mut entries = Vec::with_capacity(size / 16);
    let mut errors = Vec::new();
    for entry in walker {
        match entry {
            Ok(e) if e.depth() == 0 => {}
            Ok(e) => {
                let Some(t) = e.file_type() else { continue };
                if !(t.is_dir() || t.is_file()) {
                    continue;
                }
                let start = names.len();
                match name_bytes(e.file_name()) {
                    Some(b)
                        if start + b.len() <= u32::MAX as usize
                            && b.len() <= usize::from(u16::MAX) =>
                    {
                        names.extend_from_slice(b);
                        entries.push(Gathered {
                            start: start as u32,
                            len: b.len() as u16,
                            dir: t.is_dir(),
                        });
                    }
                    Some(b) if b.len() > usize::from(u16::MAX) => {
                        errors.push(LoadError::Unreadable {
                            path: display(e.path()),
                            message: "its name is longer than 65,535 bytes; rename it".into(),
                        })
                    }
                    Some(_) => errors.push(LoadError::Unreadable {
                        path: display(e.path()),
                        message: "the folder holds more than 4 GB of file names; split it".into(),
                    }),
                    None => errors.push(LoadError::Unreadable {
                        path: display(e.path()),
                        message: "its name is not Unicode, which this system cannot list".into(),
                    }),
                }
            }
            // A malformed ignore file is a warning in ripgrep; here it must
            // not lose the documents: the entries it would have filtered
            // still come through.
            Err(ignore::Error::Partial(_)) => {}
            Err(e) => {
                let path = io_error_path(&e).unwrap_or_else(|| dir.to_path_buf());
                errors.push(LoadError::Unreadable {
                    path: display(&path),
                    message: io_error_message(&e),
                });
            }
        }
    }
    entries.sort_unstable_by(|&a, &b| name_in(&names, a).cmp(name_in(&names, b)));
    (Listing::packed(&names, &entries), errors)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A front-coded listing gives back every name and folder flag in
    /// order, including names that share nothing, share all of a shorter
    /// name, share part of a character ("é", "è"), share more than the 255
    /// bytes one entry can say, or are not UTF-8; and it is smaller than
    /// the names alone when they share prefixes.
    #[test]
    fn listing_gives_back_what_it_packed() {
        let long = "x".repeat(300).into_bytes();
        let with = |tail: &[u8]| [long.as_slice(), tail].concat();
        let mut named: Vec<(Vec<u8>, bool)> = vec![
            (b"0000001.txt".to_vec(), false),
            (b"0000002.txt".to_vec(), false),
            (b"0000002.txt.bak".to_vec(), false),
            (b"0000010".to_vec(), true),
            (b"0000011.txt".to_vec(), false),
            (b"a".to_vec(), false),
            (with(b"1.txt"), false),
            (with(b"2.txt"), true),
            ("é1.txt".into(), false),
            ("è1.txt".into(), false),
        ];
        if cfg!(unix) {
            named.push((b"z\xff\xfe.txt".to_vec(), false));
        }
        named.sort();
        let mut names = Vec::new();
        let mut entries = Vec::new();
        for (n, dir) in &named {
            entries.push(Gathered {
                start: names.len() as u32,
                len: n.len() as u16,
                dir: *dir,
            });
            names.extend_from_slice(n);
        }
        let mut listing = Listing::packed(&names, &entries);
        assert!(
            listing.packed.len() < names.len(),
            "front coding saved nothing"
        );
        let mut back = Vec::new();
        while let Some((n, dir)) = listing.pop() {
            back.push((n.to_os_string(), dir));
        }
        let expected: Vec<(std::ffi::OsString, bool)> = named
            .iter()
            .filter_map(|(n, dir)| name_from_bytes(n).map(|n| (n.to_os_string(), *dir)))
            .collect();
        assert_eq!(back, expected);
        assert_eq!(Listing::packed(&[], &[]).pop(), None);
    }

    /// Files larger than the buffer's growth step, of exactly its size, and
    /// empty, read back whole, one after another on the same buffer.
    #[test]
    fn files_of_any_size_read_whole_on_one_buffer() {
        let dir = tempfile::tempdir().unwrap();
        let sizes = [3 * 64 * 1024 + 7, 0, 64 * 1024, 5, 2 * KEPT_BUFFER];
        for (i, size) in sizes.into_iter().enumerate() {
            let text: String = "näh ".chars().cycle().take(size).collect();
            let path = dir.path().join(format!("{i}.txt"));
            fs::write(&path, &text).unwrap();
            let file = read_text(&path).unwrap();
            assert_eq!(&*file.text, text.as_str(), "file of {size} characters");
        }
        // The last file was larger than a thread keeps: the buffer was let go.
        assert_eq!(READ_BUFFER.with_borrow(Vec::len), 0);
    }
}
