//! Diagnostics for the client: pulled (`textDocument/diagnostic`) by clients that offer it,
//! pushed (`textDocument/publishDiagnostics`) to the others.
//!
//! A report is named by a hash of its content in LSP terms (codes, messages, line and column
//! positions), computed without building the LSP values: most keystrokes change no
//! diagnostic (a typed character moves byte offsets, not the lines and columns of the
//! diagnostics on other lines), and a report the client already holds is answered
//! `unchanged` (pull) or not sent again (push), so the cost of an unchanged report is the
//! hash, not the JSON of thousands of diagnostics.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use flux_ide::{Analysis, Cancellable, ColumnEncoding, FileId, LineIndex, TextRange};
use rustc_hash::FxHasher;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{Diagnostic, DiagnosticSeverity, MessageType, Uri};

use crate::convert;
use crate::position;
use crate::server::{Shared, internal_error};

/// Diagnostics of files on disk are computed this many at a time, so that an edit to an open
/// document is not queued behind the whole workspace.
const DIAGNOSTICS_BATCH: usize = 32;

/// A file's diagnostics as the client will see them.
pub struct Report {
    /// Names the content: equal ids, equal reports.
    pub result_id: String,
    /// The diagnostics, unless the client already holds a report with this id.
    pub items: Option<Vec<Diagnostic>>,
}

/// The file's report; `held` is the id of the report the client has, if any.
pub fn report(
    analysis: &Analysis,
    file: FileId,
    uri: &Uri,
    encoding: ColumnEncoding,
    held: Option<&str>,
    run_errors: &[(TextRange, String)],
) -> Cancellable<Report> {
    let diagnostics = analysis.diagnostics(file)?;
    let index = analysis.line_index(file)?;
    let result_id = result_id(&diagnostics, run_errors, &index, encoding);
    let items = (held != Some(result_id.as_str())).then(|| {
        let mut items: Vec<Diagnostic> =
            diagnostics.iter().map(|d| convert::diagnostic(d, &index, encoding, uri)).collect();
        items.extend(run_errors.iter().map(|(range, message)| Diagnostic {
            range: position::range(&index, *range, encoding),
            severity: Some(DiagnosticSeverity::ERROR),
            source: Some(crate::run::RUN_SOURCE.to_owned()),
            message: message.clone(),
            ..Default::default()
        }));
        items
    });
    Ok(Report { result_id, items })
}

/// A hash of what the client would be sent: each diagnostic's code, severity, message and LSP
/// range, and its related locations.
fn result_id(
    diagnostics: &[flux_ide::Diagnostic],
    run_errors: &[(TextRange, String)],
    index: &LineIndex,
    encoding: ColumnEncoding,
) -> String {
    let mut hasher = FxHasher::default();
    for (range, message) in run_errors {
        hash_range(&mut hasher, index, *range, encoding);
        message.hash(&mut hasher);
    }
    diagnostics.len().hash(&mut hasher);
    for d in diagnostics {
        d.code.hash(&mut hasher);
        (d.severity as u8).hash(&mut hasher);
        d.message.hash(&mut hasher);
        hash_range(&mut hasher, index, d.range, encoding);
        for r in &d.related {
            hash_range(&mut hasher, index, r.range, encoding);
            r.message.hash(&mut hasher);
        }
    }
    format!("{:016x}", hasher.finish())
}

fn hash_range(hasher: &mut FxHasher, index: &LineIndex, range: TextRange, encoding: ColumnEncoding) {
    let range = position::range(index, range, encoding);
    (range.start.line, range.start.character, range.end.line, range.end.character).hash(hasher);
}

/// Pushes diagnostics for the files marked dirty, one batch at a time, open documents first.
/// Being the only publisher, it sends a file's reports in the order of its versions, and
/// sends none that the client already has.
pub async fn worker(client: Client, shared: Arc<Shared>) {
    loop {
        shared.dirty.notified().await;
        loop {
            let batch = {
                let mut guard = shared.lock();
                let Some(session) = guard.as_mut() else { break };
                let mut names: Vec<String> =
                    session.dirty.iter().filter(|n| session.documents.contains_key(*n)).cloned().collect();
                if names.is_empty() {
                    names = session.dirty.iter().take(DIAGNOSTICS_BATCH).cloned().collect();
                }
                if names.is_empty() {
                    break;
                }
                let jobs: Vec<Job> = names
                    .into_iter()
                    .map(|name| {
                        session.dirty.remove(&name);
                        let published = session.published.get(&name);
                        let uri = session.uri(&name).or_else(|| published.map(|(uri, _)| uri.clone()));
                        let held = published.map(|(_, id)| id.clone());
                        let file = if session.pushes_diagnostics(&name) { session.host.file(&name) } else { None };
                        let run_errors = session.runs.errors.get(&name).cloned().unwrap_or_default();
                        Job { name, uri, file, held, run_errors }
                    })
                    .collect();
                (jobs, session.host.analysis(), session.encoding)
            };
            let (jobs, analysis, encoding) = batch;
            let retry: Vec<String> = jobs.iter().map(|job| job.name.clone()).collect();
            let computed = tokio::task::spawn_blocking(move || {
                let mut reports = Vec::with_capacity(jobs.len());
                for job in jobs {
                    let Some(uri) = job.uri else { continue };
                    let (report, version) = match job.file {
                        Some(file) => (
                            report(&analysis, file, &uri, encoding, job.held.as_deref(), &job.run_errors)?,
                            analysis.file_version(file)?,
                        ),
                        None => (Report { result_id: String::new(), items: Some(Vec::new()) }, None),
                    };
                    reports.push((job.name, uri, report, version));
                }
                Ok::<_, flux_ide::Cancelled>(reports)
            })
            .await;
            let reports = match computed {
                Ok(Ok(reports)) => reports,
                Ok(Err(_cancelled)) => {
                    // A change arrived: compute these again on the new inputs.
                    if let Some(session) = shared.lock().as_mut() {
                        session.dirty.extend(retry);
                    }
                    continue;
                }
                Err(e) => {
                    client.log_message(MessageType::ERROR, internal_error(e).message).await;
                    continue;
                }
            };
            for (name, uri, report, version) in reports {
                // The client holds this report already.
                let Some(items) = report.items else { continue };
                let send = {
                    let mut guard = shared.lock();
                    let Some(session) = guard.as_mut() else { break };
                    // Changed again since: the next round sends the newer report.
                    if session.dirty.contains(&name) {
                        continue;
                    }
                    let was_published = if items.is_empty() {
                        session.published.remove(&name).is_some()
                    } else {
                        session.published.insert(name.clone(), (uri.clone(), report.result_id)).is_some()
                    };
                    // A clean file on disk needs no report unless it had problems before.
                    !items.is_empty() || was_published || session.documents.contains_key(&name)
                };
                if send {
                    client.publish_diagnostics(uri, items, version).await;
                }
            }
        }
    }
}

/// A file whose diagnostics are to be pushed.
struct Job {
    name: String,
    uri: Option<Uri>,
    /// `None` when its diagnostics are to be cleared.
    file: Option<FileId>,
    /// The id of the report last sent.
    held: Option<String>,
    run_errors: Vec<(TextRange, String)>,
}
