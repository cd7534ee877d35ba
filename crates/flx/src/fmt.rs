//! `flx fmt`: format Flux files as `flux fmt` does.

use std::io::Write;

use crate::files::{self, Input};
use crate::{Outcome, UsageError};

pub const HELP: &str = "\
Format Flux files in the canonical style (the output of `flux fmt`).

Usage: flx fmt [options] <path>...

Arguments:
  <path>...     Files, or directories (every .flux file below them); `-` reads
                standard input and writes the result to standard output

Options:
  --check       Change nothing; list the files that are not formatted
  --diff        Change nothing; print what formatting would change, as a unified diff
  -h, --help    Show this help

A file with a syntax error is not formatted: the error is reported and the file is left
as it is (the other files are still formatted).
Exit status: 0 when every file is (or now is) formatted; 1 with --check or --diff when a
file would change, or when a file has a syntax error; 2 on bad usage or unreadable input.";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Write,
    Check,
    Diff,
}

pub fn run(parser: &mut lexopt::Parser) -> Result<Outcome, UsageError> {
    use lexopt::prelude::*;
    let mut mode = Mode::Write;
    let mut paths = Vec::new();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("check") => mode = Mode::Check,
            Long("diff") => mode = Mode::Diff,
            Long("help") | Short('h') => {
                println!("{HELP}");
                return Ok(Outcome::Clean);
            }
            Value(path) => paths.push(path),
            other => return Err(other.unexpected().into()),
        }
    }
    if paths.is_empty() {
        return Err(UsageError("`flx fmt` needs a file or directory (`-` for standard input)".to_owned()));
    }
    let (inputs, errors) = files::collect(&paths);
    let mut failed = !errors.is_empty();
    for error in errors {
        eprintln!("flx: {error}");
    }
    let mut changed = 0;
    let mut declined = 0;
    let stdout = std::io::stdout();
    for input in &inputs {
        let text = match files::read(input) {
            Ok(text) => text,
            Err(message) => {
                eprintln!("flx: {message}");
                failed = true;
                continue;
            }
        };
        let name = input.display();
        let formatted = match flux_fmt::format(&text) {
            Ok(formatted) => formatted,
            Err(e) => {
                let at = flux_ide::LineIndex::new(&text).line_col(e.range.start, flux_ide::ColumnEncoding::Utf32);
                eprintln!("flx: {name}:{}:{}: not formatted, syntax error: {}", at.line + 1, at.col + 1, e.message);
                declined += 1;
                continue;
            }
        };
        let differs = formatted != text;
        changed += usize::from(differs);
        match (mode, input) {
            (Mode::Write, Input::Stdin) => {
                let _ = stdout.lock().write_all(formatted.as_bytes());
            }
            (Mode::Write, Input::File(path)) if differs => {
                if let Err(e) = std::fs::write(path, &formatted) {
                    eprintln!("flx: cannot write `{name}`: {e}");
                    failed = true;
                }
            }
            (Mode::Write, Input::File(_)) => {}
            (Mode::Check, _) if differs => println!("{name}: not formatted"),
            (Mode::Diff, _) if differs => {
                let diff = similar::TextDiff::from_lines(&text, &formatted);
                let unified = diff.unified_diff().context_radius(3).header(&name, &name).to_string();
                let _ = stdout.lock().write_all(unified.as_bytes());
            }
            (Mode::Check | Mode::Diff, _) => {}
        }
    }
    let total = inputs.len();
    if mode != Mode::Write || inputs.iter().any(|i| matches!(i, Input::File(_))) {
        let plural = if total == 1 { "" } else { "s" };
        let mut summary = match mode {
            Mode::Write => format!("formatted {total} file{plural}: {changed} changed"),
            _ => format!("checked {total} file{plural}: {changed} would change"),
        };
        if declined > 0 {
            summary.push_str(&format!(", {declined} left as they are (syntax errors)"));
        }
        eprintln!("{summary}");
    }
    Ok(if failed {
        Outcome::Failed
    } else if declined > 0 || (mode != Mode::Write && changed > 0) {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}
