//! `flx check`: report the problems in Flux files.

use std::ffi::OsString;

use crate::files;
use crate::output::{self, Diagnostic};
use crate::{Color, Outcome, UsageError};

pub const HELP: &str = "\
Report the problems in Flux files.

Usage: flx check [options] <path>...

Arguments:
  <path>...             Files, or directories searched for `*.flux` files; `-` reads
                        standard input

Options:
  --format <format>     human (default): messages with source snippets
                        json: an array of {file, severity, code, message, start, end},
                        lines and columns 1-based, columns counted in characters
  --color <when>        auto (default), always or never
  -h, --help            Show this help

Exit status: 0 when there are no errors (warnings allowed), 1 when there are errors,
2 on bad usage or when a file cannot be read.";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Human,
    Json,
}

pub fn run(parser: &mut lexopt::Parser) -> Result<Outcome, UsageError> {
    use lexopt::prelude::*;
    let mut format = Format::Human;
    let mut color = Color::auto();
    let mut paths: Vec<OsString> = Vec::new();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("format") => {
                format = match parser.value()?.string()?.as_str() {
                    "human" => Format::Human,
                    "json" => Format::Json,
                    other => {
                        return Err(UsageError(format!(
                            "invalid value `{other}` for --format: expected human or json"
                        )));
                    }
                }
            }
            Long("color") => color = Color::parse(&parser.value()?.string()?).map_err(UsageError)?,
            Long("help") | Short('h') => {
                println!("{HELP}");
                return Ok(Outcome::Clean);
            }
            Value(path) => paths.push(path),
            other => return Err(other.unexpected().into()),
        }
    }
    if paths.is_empty() {
        return Err(UsageError("`flx check` needs at least one file or directory".to_owned()));
    }

    let (inputs, mut failures) = files::collect(&paths);
    let mut json = Vec::new();
    let (mut errors, mut warnings, mut files_with_problems) = (0, 0, 0);
    for input in &inputs {
        let text = match files::read(input) {
            Ok(text) => text,
            Err(message) => {
                failures.push(message);
                continue;
            }
        };
        let path = input.display();
        let diagnostics = check_text(&text);
        if !diagnostics.is_empty() {
            files_with_problems += 1;
        }
        for d in &diagnostics {
            match d.severity {
                flux_syntax::Severity::Error => errors += 1,
                flux_syntax::Severity::Warning => warnings += 1,
            }
        }
        match format {
            Format::Human => print!("{}", output::human(&path, &text, &diagnostics, color)),
            Format::Json => output::json_entries(&path, &text, &diagnostics, &mut json),
        }
    }
    if format == Format::Json {
        println!("[{}]", json.join(","));
    }
    for failure in &failures {
        eprintln!("flx: {failure}");
    }
    if format == Format::Human {
        eprintln!(
            "{}",
            summary(inputs.len() - failures.len().min(inputs.len()), errors, warnings, files_with_problems)
        );
    }
    Ok(if !failures.is_empty() {
        Outcome::Failed
    } else if errors > 0 {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

fn check_text(text: &str) -> Vec<Diagnostic> {
    let parse = flux_syntax::parse(text);
    parse.errors.iter().map(Diagnostic::from).collect()
}

fn summary(checked: usize, errors: usize, warnings: usize, files_with_problems: usize) -> String {
    let plural = |n: usize, word: &str| if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") };
    if errors == 0 && warnings == 0 {
        return format!("checked {}: no problems found", plural(checked, "file"));
    }
    let mut counts = Vec::new();
    if errors > 0 {
        counts.push(plural(errors, "error"));
    }
    if warnings > 0 {
        counts.push(plural(warnings, "warning"));
    }
    format!("checked {}: {} in {}", plural(checked, "file"), counts.join(" and "), plural(files_with_problems, "file"))
}
