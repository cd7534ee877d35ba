//! The workspace on disk: finding its `.flux` files and naming documents.
//!
//! This is the server's only file I/O; the analysis never touches the disk.

use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::Uri;

/// More files than this in the workspace folders are left out (and the user told), so that
/// opening a home directory by mistake does not read the whole disk.
pub const MAX_FILES: usize = 20_000;

/// Larger files are left out of the workspace scan; opening one in the editor still works.
const MAX_FILE_BYTES: u64 = 16 << 20;

/// The name the analysis knows a document by: the path for `file:` URIs, so that a document
/// open in the editor and the same file found on disk are one file, and the URI otherwise
/// (unsaved buffers, remote schemes).
pub fn file_name(uri: &Uri) -> String {
    match file_path(uri) {
        Some(path) => path.display().to_string(),
        None => uri.as_str().to_owned(),
    }
}

/// The URI of a file named by [`file_name`].
pub fn uri_of(name: &str) -> Option<Uri> {
    let path = Path::new(name);
    if path.is_absolute() { Uri::from_file_path(path) } else { name.parse().ok() }
}

pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

pub fn is_flux(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "flux")
}

/// What a scan of the workspace folders found.
#[derive(Default)]
pub struct Scan {
    pub files: Vec<(PathBuf, String)>,
    /// Files or directories that could not be read, and why.
    pub problems: Vec<String>,
    /// Whether [`MAX_FILES`] was reached.
    pub truncated: bool,
}

/// Every `.flux` file below `roots`, read. Hidden directories, `node_modules` and `target`
/// are skipped and symbolic links to directories are not followed (no cycles).
pub fn scan(roots: &[PathBuf]) -> Scan {
    let mut scan = Scan::default();
    let mut pending: Vec<PathBuf> = roots.to_vec();
    while let Some(dir) = pending.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                scan.problems.push(format!("{}: {e}", dir.display()));
                continue;
            }
        };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else { continue };
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if kind.is_dir() {
                if !name.starts_with('.') && name != "node_modules" && name != "target" {
                    pending.push(path);
                }
            } else if is_flux(&path) {
                if scan.files.len() >= MAX_FILES {
                    scan.truncated = true;
                    return scan;
                }
                match read(&path) {
                    Ok(text) => scan.files.push((path, text)),
                    Err(problem) => scan.problems.push(problem),
                }
            }
        }
    }
    scan
}

/// A file's text, or why it cannot be had.
pub fn read(path: &Path) -> Result<String, String> {
    let size = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?.len();
    if size > MAX_FILE_BYTES {
        return Err(format!("{}: skipped, larger than {} MiB", path.display(), MAX_FILE_BYTES >> 20));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut text = String::from_utf8(bytes)
        .map_err(|e| format!("{}: not UTF-8 text (byte {})", path.display(), e.utf8_error().valid_up_to()))?;
    // Editors leave a byte-order mark out of the text they open, so a file read from disk
    // does too: positions on its first line then mean the same in both.
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_flux_files_and_skips_hidden_and_vendored_directories() {
        let root = std::env::temp_dir().join(format!("flux-lsp-scan-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for dir in ["a/b", ".git", "node_modules/x", "target"] {
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
        for file in
            ["top.flux", "a/b/deep.flux", "a/notes.txt", ".git/x.flux", "node_modules/x/y.flux", "target/t.flux"]
        {
            std::fs::write(root.join(file), "x = 1\n").unwrap();
        }
        std::fs::write(root.join("a/bad.flux"), b"x = \"\xff\"\n").unwrap();
        let scan = scan(std::slice::from_ref(&root));
        let mut found: Vec<String> =
            scan.files.iter().map(|(p, _)| p.strip_prefix(&root).unwrap().display().to_string()).collect();
        found.sort();
        assert_eq!(found, ["a/b/deep.flux", "top.flux"]);
        assert_eq!(scan.problems.len(), 1);
        assert!(scan.problems[0].contains("bad.flux: not UTF-8 text (byte 5)"), "{:?}", scan.problems);
        assert!(!scan.truncated);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn file_uris_are_named_by_path_and_others_by_uri() {
        let uri: Uri = "file:///tmp/caf%C3%A9/q.flux".parse().unwrap();
        assert_eq!(file_name(&uri), "/tmp/café/q.flux");
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(file_name(&untitled), "untitled:Untitled-1");
        assert_eq!(uri_of(&file_name(&uri)).unwrap(), uri);
        assert_eq!(uri_of(&file_name(&untitled)).unwrap(), untitled);
    }
}
