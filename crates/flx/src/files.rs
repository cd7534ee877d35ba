//! Finding and reading the Flux files a command works on.

use std::ffi::OsString;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Where a command reads Flux source from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    /// The name used in messages.
    pub fn display(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Stdin => "<stdin>".to_owned(),
        }
    }
}

/// What the command-line paths stand for.
#[derive(Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    /// YAML and JSON files that may hold Flux (InfluxDB templates, Grafana dashboards), and
    /// whether each was named (rather than found in a directory).
    pub manifests: Vec<(PathBuf, bool)>,
    /// Paths that could not be read, with why.
    pub unreadable: Vec<String>,
    /// Directories in which no `.flux` file (nor manifest, when searched for) was found.
    pub empty: Vec<String>,
    /// Whether directories were searched for manifests too.
    pub manifests_searched: bool,
}

/// Which YAML and JSON files a command takes as manifests holding Flux.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Manifests {
    /// None: every file named is Flux.
    No,
    /// Those named on the command line.
    Named,
    /// Those named, and those found in the directories searched.
    Searched,
}

/// Whether `path` names a YAML or JSON file.
pub fn is_manifest(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "yml" || e == "yaml" || e == "json")
}

/// Directories never searched: build output and installed packages, whatever the ignore
/// files say (the language server skips them too).
const NOT_SOURCE: [&str; 2] = ["target", "node_modules"];

/// Expands command-line paths: files as given, directories into the `.flux` files below them
/// (sorted; hidden files and directories, `target` and `node_modules` skipped, and what
/// `.gitignore` and `.ignore` files exclude unless `respect_ignore_files` is false), `-` into
/// standard input. A path that cannot be read is reported and the rest still collected.
pub fn collect(args: &[OsString], respect_ignore_files: bool, manifests: Manifests) -> Collected {
    let mut collected = Collected { manifests_searched: manifests == Manifests::Searched, ..Collected::default() };
    for arg in args {
        if arg == "-" {
            collected.inputs.push(Input::Stdin);
            continue;
        }
        let path = PathBuf::from(arg);
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                let searched = manifests == Manifests::Searched;
                let found = walk(&path, respect_ignore_files, searched, &mut collected.unreadable);
                if found.is_empty() {
                    collected.empty.push(path.display().to_string());
                }
                for file in found {
                    if is_manifest(&file) {
                        collected.manifests.push((file, false));
                    } else {
                        collected.inputs.push(Input::File(file));
                    }
                }
            }
            Ok(_) if manifests != Manifests::No && is_manifest(&path) => collected.manifests.push((path, true)),
            Ok(_) => collected.inputs.push(Input::File(path)),
            Err(e) => collected.unreadable.push(format!("cannot read `{}`: {}", path.display(), io_reason(&e))),
        }
    }
    collected
}

fn walk(dir: &Path, respect_ignore_files: bool, manifests: bool, unreadable: &mut Vec<String>) -> Vec<PathBuf> {
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(respect_ignore_files)
        .git_global(respect_ignore_files)
        .git_exclude(respect_ignore_files)
        .ignore(respect_ignore_files)
        .parents(respect_ignore_files)
        // A `.gitignore` counts outside a Git checkout too: a copied project behaves the same.
        .require_git(false)
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !(respect_ignore_files && is_dir && entry.depth() > 0 && NOT_SOURCE.iter().any(|n| entry.file_name() == *n))
        })
        .build();
    let mut found = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let wanted = path.extension().is_some_and(|e| e == "flux") || (manifests && is_manifest(path));
                if entry.file_type().is_some_and(|t| t.is_file()) && wanted {
                    found.push(path.to_path_buf());
                }
            }
            Err(e) => unreadable.push(format!("cannot read below `{}`: {e}", dir.display())),
        }
    }
    found.sort();
    found
}

/// An input's text.
pub struct Source {
    /// The text after the byte-order mark, if there is one: the mark tells the encoding and
    /// editors hide it, so line and column numbers count from after it.
    pub text: String,
    /// Whether the input started with a byte-order mark, which a rewrite keeps.
    pub bom: bool,
}

/// Reads an input as UTF-8 text.
pub fn read(input: &Input) -> Result<Source, String> {
    let mut bytes = Vec::new();
    let result = match input {
        Input::File(path) => fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)),
        Input::Stdin => std::io::stdin().read_to_end(&mut bytes),
    };
    result.map_err(|e| format!("cannot read `{}`: {}", input.display(), io_reason(&e)))?;
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..]).chars().count() + 1;
        format!("`{}` is not UTF-8 text: invalid byte at {line}:{column}", input.display())
    })?;
    let bom = text.starts_with(BOM);
    if bom {
        text.drain(..BOM.len_utf8());
    }
    Ok(Source { text, bom })
}

/// The UTF-8 byte-order mark.
pub const BOM: char = '\u{feff}';

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::IsADirectory => "it is a directory".to_owned(),
        _ => e.to_string(),
    }
}

/// `1 file`, `2 files`.
pub fn count(n: usize, word: &str) -> String {
    if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") }
}

/// What a summary line adds about inputs not looked at: `; 1 file could not be read`.
pub fn unread_tail(unreadable: usize) -> String {
    match unreadable {
        0 => String::new(),
        1 => "; 1 file could not be read".to_owned(),
        n => format!("; {n} files could not be read"),
    }
}

/// Prints `no .flux files found in DIR` for each empty directory; whether there was one.
pub fn report_empty(collected: &Collected) -> bool {
    let what = if collected.manifests_searched { ".flux files or manifests" } else { ".flux files" };
    for dir in &collected.empty {
        eprintln!("flx: no {what} found in {dir}");
    }
    !collected.empty.is_empty()
}
