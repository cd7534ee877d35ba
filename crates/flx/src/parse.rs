//! `flx parse`: print the syntax tree of a file.

use flux_ide::Diagnostic;

use crate::files::{self, Input};
use crate::output;
use crate::{Color, Outcome, UsageError};

pub const HELP: &str = "\
Print the syntax tree of a Flux file.

Usage: flx parse [options] <file>

Arguments:
  <file>        A Flux file; `-` reads standard input

Options:
  --json        Print the tree as JSON in the shape libflux and InfluxDB's
                /api/v2/query/ast produce (columns counted in bytes, as there)
  --compact     With --json, print on one line
  -h, --help    Show this help

Syntax errors are reported on standard error; the tree is printed in any case.
Exit status: 0 without syntax errors, 1 with syntax errors, 2 on bad usage or when
the file cannot be read.";

pub fn run(parser: &mut lexopt::Parser) -> Result<Outcome, UsageError> {
    use lexopt::prelude::*;
    let mut json = false;
    let mut compact = false;
    let mut input = None;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("json") => json = true,
            Long("compact") => compact = true,
            Long("help") | Short('h') => {
                println!("{HELP}");
                return Ok(Outcome::Clean);
            }
            Value(path) if input.is_none() => {
                input = Some(if path == "-" { Input::Stdin } else { Input::File(path.into()) });
            }
            other => return Err(other.unexpected().into()),
        }
    }
    let Some(input) = input else {
        return Err(UsageError("`flx parse` needs a file".to_owned()));
    };
    if compact && !json {
        return Err(UsageError("--compact needs --json (it prints the JSON tree on one line)".to_owned()));
    }
    let text = match files::read(&input) {
        Ok(source) => source.text,
        Err(message) => {
            eprintln!("flx: {message}");
            return Ok(Outcome::Failed);
        }
    };
    let parse = flux_syntax::parse(&text);
    let path = input.display();
    if json {
        let name = match &input {
            Input::File(_) => path.as_str(),
            Input::Stdin => "",
        };
        let options = flux_syntax::json::JsonOptions { file_name: name, pretty: !compact, code_only: false };
        let out = flux_syntax::json::to_json(&parse.file, &text, &parse.errors, options);
        print!("{out}");
        if compact {
            println!();
        }
    } else {
        print!("{}", flux_syntax::debug_tree(&parse.file, &text));
    }
    let diagnostics: Vec<Diagnostic> = parse.errors.iter().map(Diagnostic::from).collect();
    let color = if Color::auto() == Color::Always && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        Color::Always
    } else {
        Color::Never
    };
    let index = flux_ide::LineIndex::new(&text);
    eprint!("{}", output::human(&path, &text, &index, &diagnostics, color));
    Ok(if parse.has_errors() { Outcome::Problems } else { Outcome::Clean })
}
