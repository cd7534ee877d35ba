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

/// Expands command-line paths: files as given, directories into the `.flux` files below them
/// (sorted, hidden directories skipped), `-` into standard input. Paths that do not exist are
/// returned as errors, and the rest is still collected.
pub fn collect(args: &[OsString]) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = PathBuf::from(arg);
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                let mut found = Vec::new();
                if let Err(e) = walk(&path, &mut found) {
                    errors.push(e);
                }
                found.sort();
                inputs.extend(found.into_iter().map(Input::File));
            }
            Ok(_) => inputs.push(Input::File(path)),
            Err(e) => errors.push(format!("cannot read `{}`: {}", path.display(), io_reason(&e))),
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries =
        fs::read_dir(dir).map_err(|e| format!("cannot read directory `{}`: {}", dir.display(), io_reason(&e)))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read directory `{}`: {}", dir.display(), io_reason(&e)))?;
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let file_type =
            entry.file_type().map_err(|e| format!("cannot read `{}`: {}", path.display(), io_reason(&e)))?;
        if file_type.is_dir() {
            if !hidden {
                walk(&path, out)?;
            }
        } else if path.extension().is_some_and(|ext| ext == "flux") {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads an input as UTF-8 text.
pub fn read(input: &Input) -> Result<String, String> {
    let mut bytes = Vec::new();
    let result = match input {
        Input::File(path) => fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)),
        Input::Stdin => std::io::stdin().read_to_end(&mut bytes),
    };
    result.map_err(|e| format!("cannot read `{}`: {}", input.display(), io_reason(&e)))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..]).chars().count() + 1;
        format!("`{}` is not UTF-8 text: invalid byte at {line}:{column}", input.display())
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}
