//! The `flux-lsp` executable: the language server over standard input and output, under the
//! name that nvim-lspconfig's and mason's `flux_lsp` entries start.

// The command line is the one place that talks to the terminal.
#![allow(clippy::print_stderr)]

use std::process::ExitCode;

const USAGE: &str = "\
flux-lsp: the Flux language server (flx)

Usage: flux-lsp [--stdio]

Speaks the Language Server Protocol over standard input and output. Configure it from the
editor (see docs/configuration.md).

Options:
  --stdio        Use standard input and output (the default and only transport)
  -h, --help     Show this help
  -V, --version  Show the version";

fn main() -> ExitCode {
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--stdio" => {}
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "-V" | "--version" => {
                println!("flux-lsp {}", env!("CARGO_PKG_VERSION"));
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("flux-lsp: unknown argument `{other}`\n\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    match flux_lsp::run_stdio() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("flux-lsp: {e}");
            ExitCode::FAILURE
        }
    }
}
