//! `flx`, the Flux toolchain's command line.
//!
//! Exit status: 0 when nothing is wrong, 1 when the checked code has errors, 2 when the
//! command itself cannot do its job (bad usage, unreadable files).

// The command line is the one place that talks to the terminal.
#![allow(clippy::print_stderr)]

mod check;
mod connections;
mod files;
mod fmt;
mod github;
mod manifest;
mod output;
mod parse;
mod rules;
mod run;
mod sarif;
mod serve;
mod test;
mod write;

use std::io::IsTerminal;
use std::process::ExitCode;

const USAGE: &str = "\
flx: the Flux language toolchain

Usage: flx <command> [options]

Commands:
  check [options] <path>...   Report problems in Flux files and directories
  fmt [options] <path>...     Format Flux files (as `flux fmt` does)
  parse [--json] <file>       Print the syntax tree of a Flux file
  run [options] <file>        Run a Flux script on the embedded engine
  test [options] <path>...    Run the test cases of Flux test files
  write --bucket <b> <file>   Write line protocol or annotated CSV to a local bucket
  buckets [create|delete]     List, create and delete local buckets
  serve [options]             Serve InfluxDB's v2 HTTP API over the local buckets
  connections [test <name>]   List the configured databases, or test one
  lsp                         Run the language server on standard input and output
  help [command]              Show help for a command
  version                     Show the version

Run `flx help <command>` for the options of a command.";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    Always,
    Never,
}

impl Color {
    /// Colour for a terminal unless `NO_COLOR` is set (https://no-color.org).
    fn auto() -> Color {
        let wanted = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        if wanted { Color::Always } else { Color::Never }
    }

    fn parse(value: &str) -> Result<Color, String> {
        match value {
            "always" => Ok(Color::Always),
            "never" => Ok(Color::Never),
            "auto" => Ok(Color::auto()),
            other => Err(format!("invalid value `{other}` for --color: expected auto, always or never")),
        }
    }
}

/// How a command ended.
pub enum Outcome {
    /// Nothing wrong.
    Clean,
    /// The checked code has problems.
    Problems,
    /// The command could not do its job; the message was printed.
    Failed,
    /// Ctrl-C stopped the command.
    Interrupted,
}

/// A usage error, reported with a hint to `--help`.
pub struct UsageError(pub String);

impl From<lexopt::Error> for UsageError {
    fn from(e: lexopt::Error) -> Self {
        UsageError(e.to_string())
    }
}

fn main() -> ExitCode {
    let mut parser = lexopt::Parser::from_env();
    let result = run(&mut parser);
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::from(1),
        Ok(Outcome::Failed) => ExitCode::from(2),
        Ok(Outcome::Interrupted) => ExitCode::from(130),
        Err(UsageError(message)) => {
            eprintln!("flx: {message}\nRun `flx help` for usage.");
            ExitCode::from(2)
        }
    }
}

const VERSION_HELP: &str = "\
Print the version of flx.

Usage: flx version   (or flx --version, flx -V)";

const HELP_HELP: &str = "\
Show the list of commands, or the help of one.

Usage: flx help [command]";

const LSP_HELP: &str = "\
Run the Flux language server, speaking the Language Server Protocol over standard input
and output; the same server as the `flux-lsp` executable. Editors start it themselves: see
docs/configuration.md.

Usage: flx lsp [--stdio]";

fn lsp(parser: &mut lexopt::Parser) -> Result<Outcome, UsageError> {
    use lexopt::prelude::*;
    while let Some(arg) = parser.next()? {
        match arg {
            // What vscode-languageclient passes for the stdio transport.
            Long("stdio") => {}
            Long("help") | Short('h') => {
                println!("{LSP_HELP}");
                return Ok(Outcome::Clean);
            }
            other => return Err(other.unexpected().into()),
        }
    }
    match flux_lsp::run_stdio() {
        Ok(()) => Ok(Outcome::Clean),
        Err(e) => {
            eprintln!("flx lsp: {e}");
            Ok(Outcome::Failed)
        }
    }
}

fn run(parser: &mut lexopt::Parser) -> Result<Outcome, UsageError> {
    use lexopt::prelude::*;
    let Some(arg) = parser.next()? else {
        println!("{USAGE}");
        return Err(UsageError("no command given".to_owned()));
    };
    let command = match arg {
        Value(v) => v.string()?,
        Long("help") | Short('h') => {
            println!("{USAGE}");
            return Ok(Outcome::Clean);
        }
        Long("version") | Short('V') => "version".to_owned(),
        other => return Err(other.unexpected().into()),
    };
    match command.as_str() {
        "check" => check::run(parser),
        "fmt" => fmt::run(parser),
        "parse" => parse::run(parser),
        "run" => run::run(parser),
        "test" => test::run(parser),
        "write" => write::write(parser),
        "buckets" => write::buckets(parser),
        "serve" => serve::serve(parser),
        "connections" => connections::run(parser),
        "lsp" => lsp(parser),
        "version" => {
            println!("flx {}", env!("CARGO_PKG_VERSION"));
            Ok(Outcome::Clean)
        }
        "help" => {
            let topic = parser.value().ok().map(|v| v.string()).transpose()?;
            match topic.as_deref() {
                None => println!("{USAGE}"),
                Some("check") => println!("{}", check::HELP),
                Some("fmt") => println!("{}", fmt::HELP),
                Some("parse") => println!("{}", parse::HELP),
                Some("run") => println!("{}", run::HELP),
                Some("test") => println!("{}", test::HELP),
                Some("write") => println!("{}", write::WRITE_HELP),
                Some("buckets") => println!("{}", write::BUCKETS_HELP),
                Some("serve") => println!("{}", serve::HELP),
                Some("connections") => println!("{}", connections::HELP),
                Some("lsp") => println!("{LSP_HELP}"),
                Some("version") => println!("{VERSION_HELP}"),
                Some("help") => println!("{HELP_HELP}"),
                Some(other) => return Err(UsageError(format!("no help for unknown command `{other}`"))),
            }
            Ok(Outcome::Clean)
        }
        other => Err(UsageError(format!("unknown command `{other}`"))),
    }
}
