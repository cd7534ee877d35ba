//! `flux-lsp`, the Flux language server.
//!
//! The only crate that knows the Language Server Protocol: it keeps the open documents, turns
//! LSP positions into byte offsets and back (`position`), and answers requests from
//! `flux_ide::Analysis` snapshots on worker threads. See ARCHITECTURE.md.

mod config;
mod convert;
mod diagnostics;
mod disk;
mod live;
mod position;
mod run;
mod schema;
mod server;
mod state;
mod tokens;
mod transport;
mod workspace;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::LspService;

/// Handlers in flight at once. Above tower-lsp-server's default of 4, so that slow requests
/// never hold back the document changes queued behind them.
const CONCURRENCY: usize = 32;

/// Serves one client over the given streams until it exits.
pub async fn serve<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let (service, socket) = LspService::build(server::Server::new)
        .custom_method("window/workDoneProgress/cancel", server::Server::progress_cancel)
        .finish();
    transport::serve(input, output, service, socket, CONCURRENCY).await;
}

/// Serves a client over standard input and output; returns when the client exits.
pub fn run_stdio() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // The analysis recurses over syntax trees; give it room beyond the 2 MiB default.
        .thread_stack_size(16 << 20)
        // Requests are CPU-bound and cancelled by edits; beyond two threads more workers only
        // add allocator arenas (peak RSS 98 -> 87 MiB in docs/benchmarks.md).
        .max_blocking_threads(2)
        .build()?;
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    Ok(())
}
