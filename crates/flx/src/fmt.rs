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
  --no-ignore   Also search what .gitignore and .ignore files exclude, and `target`
                and `node_modules` directories
  -h, --help    Show this help

A file with a syntax error is not formatted: the error is reported and the file is left
as it is (the other files are still formatted).
Before anything is written, the result is checked against the input: the same comments
in the same order, the same code. A file that fails the check is left as it is and
reported (that is a bug in flx). A byte-order mark at the start of a file is kept.
Exit status: 0 when every file is (or now is) formatted; 1 with --check or --diff when a
file would change, or when a file has a syntax error; 2 on bad usage, unreadable input,
a directory that holds no .flux file, or a file the check refused.";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Write,
    Check,
    Diff,
}

pub fn run(parser: &mut lexopt::Parser) -> Result<Outcome, UsageError> {
    use lexopt::prelude::*;
    let mut mode = Mode::Write;
    let mut respect_ignore_files = true;
    let mut paths = Vec::new();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("check") => mode = Mode::Check,
            Long("diff") => mode = Mode::Diff,
            Long("no-ignore") => respect_ignore_files = false,
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
    let collected = files::collect(&paths, respect_ignore_files, files::Manifests::No);
    for error in &collected.unreadable {
        eprintln!("flx: {error}");
    }
    let mut unreadable = collected.unreadable.len();
    let mut write_failed = false;
    let (mut read, mut changed, mut declined, mut refused) = (0, 0, 0, 0);
    let stdout = std::io::stdout();
    for input in &collected.inputs {
        let source = match files::read(input) {
            Ok(source) => source,
            Err(message) => {
                eprintln!("flx: {message}");
                unreadable += 1;
                continue;
            }
        };
        read += 1;
        let text = source.text;
        let name = input.display();
        let formatted = match flux_fmt::format(&text) {
            Ok(formatted) => formatted,
            Err(e) => {
                eprintln!("flx: {}", declined_message(&name, &text, &e));
                match e.reason {
                    flux_fmt::Reason::SyntaxError => declined += 1,
                    flux_fmt::Reason::WouldLose => refused += 1,
                }
                continue;
            }
        };
        let differs = formatted != text;
        changed += usize::from(differs);
        let bom = if source.bom { files::BOM.to_string() } else { String::new() };
        match (mode, input) {
            (Mode::Write, Input::Stdin) => {
                let _ = stdout.lock().write_all(format!("{bom}{formatted}").as_bytes());
            }
            (Mode::Write, Input::File(path)) if differs => {
                if let Err(e) = std::fs::write(path, format!("{bom}{formatted}")) {
                    eprintln!("flx: cannot write `{name}`: {e}");
                    write_failed = true;
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
    let nothing_found = files::report_empty(&collected);
    // Formatting standard input alone prints only the formatted text.
    let only_stdin = collected.inputs.iter().all(|i| matches!(i, Input::Stdin)) && unreadable == 0;
    if mode != Mode::Write || !only_stdin {
        let files = files::count(read, "file");
        let mut summary = match mode {
            Mode::Write => format!("formatted {files}: {changed} changed"),
            _ => format!("checked {files}: {changed} would change"),
        };
        match declined {
            0 => {}
            1 => summary.push_str(", 1 left as it is (syntax error)"),
            n => summary.push_str(&format!(", {n} left as they are (syntax errors)")),
        }
        if refused > 0 {
            summary.push_str(&format!(", {refused} refused by the safety net"));
        }
        summary.push_str(&files::unread_tail(unreadable));
        eprintln!("{summary}");
    }
    Ok(if unreadable > 0 || write_failed || nothing_found || refused > 0 {
        Outcome::Failed
    } else if declined > 0 || (mode != Mode::Write && changed > 0) {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

/// `a.flux:4:1: not formatted, syntax error: ...`, or the safety net's refusal.
fn declined_message(name: &str, text: &str, declined: &flux_fmt::Declined) -> String {
    let at = flux_ide::LineIndex::new(text).line_col(declined.range.start, flux_ide::ColumnEncoding::Utf32);
    let (line, column, message) = (at.line + 1, at.col + 1, &declined.message);
    match declined.reason {
        flux_fmt::Reason::SyntaxError => format!("{name}:{line}:{column}: not formatted, syntax error: {message}"),
        flux_fmt::Reason::WouldLose => format!(
            "{name}:{line}:{column}: not formatted: {message}; the file is left as it is. This is a bug in \
             flx's formatter: please report it"
        ),
    }
}

#[cfg(test)]
mod tests {
    use flux_fmt::{Declined, Reason};
    use flux_ide::TextRange;

    #[test]
    fn a_refusal_names_the_place_and_says_nothing_was_written() {
        let text = "x = 1\ny = [int // elems\n]\n";
        let declined = Declined {
            reason: Reason::WouldLose,
            message: "formatting would lose the comment `// elems`".to_owned(),
            range: TextRange::new(14, 22),
        };
        assert_eq!(
            super::declined_message("a.flux", text, &declined),
            "a.flux:2:9: not formatted: formatting would lose the comment `// elems`; the file is left as it \
             is. This is a bug in flx's formatter: please report it"
        );
    }
}
