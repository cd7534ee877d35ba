//! Keeping the analysis in step with the disk: the `.flux` files of the workspace folders, the
//! files the client reports changed, and the schema file. The reading itself is
//! `workspace.rs`'s; this runs it off the async threads and hands the texts to the session.

use std::path::PathBuf;
use std::sync::Arc;

use flux_ide::SchemaProvider;
use tower_lsp_server::ls_types::*;

use crate::schema::{FileSchemaProvider, locate};
use crate::server::Server;
use crate::workspace;

impl Server {
    /// Reads the workspace folders and adds their `.flux` files.
    pub(crate) async fn scan(&self, roots: Vec<PathBuf>) {
        if roots.is_empty() {
            return;
        }
        let scan = match tokio::task::spawn_blocking(move || workspace::scan(&roots)).await {
            Ok(scan) => scan,
            Err(e) => return self.log(MessageType::ERROR, format!("scanning the workspace failed: {e}")),
        };
        let count = scan.files.len();
        self.guarded("workspace scan", |session| {
            for (path, text) in scan.files {
                session.set_disk_file(&path, text);
            }
        });
        for problem in scan.problems {
            self.log(MessageType::WARNING, problem);
        }
        if scan.truncated {
            let message =
                format!("flux-lsp: only the first {} .flux files of the workspace are analyzed", workspace::MAX_FILES);
            self.client.show_message(MessageType::WARNING, message).await;
        }
        self.log(MessageType::INFO, format!("workspace: {count} .flux files"));
    }

    /// Reads the workspace's schema file, if there is one, for completion inside strings.
    pub(crate) async fn load_schema(&self) {
        let Some(path) = self.with_session(|s| locate(&s.roots, s.settings.schema_file.as_deref())).flatten() else {
            self.with_session(|s| s.set_file_schema(None));
            return;
        };
        let provider = FileSchemaProvider { path };
        let source = provider.source();
        let loaded = tokio::task::spawn_blocking(move || provider.load()).await;
        match loaded {
            Ok(Ok(schema)) => {
                let buckets = schema.buckets.len();
                self.with_session(|s| s.set_file_schema(Some(Arc::new(schema))));
                self.log(MessageType::INFO, format!("schema: {buckets} buckets from {source}"));
            }
            Ok(Err(problem)) => {
                self.with_session(|s| s.set_file_schema(None));
                self.client.show_message(MessageType::WARNING, format!("flux-lsp: schema not loaded: {problem}")).await;
            }
            Err(e) => self.log(MessageType::ERROR, format!("loading the schema failed: {e}")),
        }
    }

    /// Files changed on disk (as the client watches them): `.flux` files are read again, and the
    /// schema file reloaded.
    pub(crate) async fn files_changed(&self, changes: Vec<FileEvent>) {
        let schema = self.with_session(|s| locate(&s.roots, s.settings.schema_file.as_deref())).flatten();
        let mut schema_changed = false;
        let paths: Vec<(PathBuf, FileChangeType)> = changes
            .into_iter()
            .filter_map(|change| Some((workspace::file_path(&change.uri)?, change.typ)))
            .filter(|(path, _)| {
                let name_is_schema = path.file_name().is_some_and(|n| n == crate::schema::DEFAULT_FILE);
                schema_changed |= schema.as_ref() == Some(path) || name_is_schema;
                workspace::is_flux(path)
            })
            .collect();
        if schema_changed {
            self.load_schema().await;
        }
        let reads = tokio::task::spawn_blocking(move || {
            paths
                .into_iter()
                .map(|(path, typ)| {
                    let text = if typ == FileChangeType::DELETED { None } else { workspace::read(&path).ok() };
                    (path, text)
                })
                .collect::<Vec<_>>()
        })
        .await
        .unwrap_or_default();
        self.guarded("didChangeWatchedFiles", |session| {
            for (path, text) in reads {
                match text {
                    Some(text) if session.in_workspace(&path) => session.set_disk_file(&path, text),
                    _ => session.remove_disk_file(&path),
                }
            }
        });
    }

    pub(crate) async fn watch_files(&self) {
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![
                FileSystemWatcher { glob_pattern: GlobPattern::String("**/*.flux".to_owned()), kind: None },
                FileSystemWatcher { glob_pattern: GlobPattern::String("**/*.json".to_owned()), kind: None },
            ],
        };
        let registration = Registration {
            id: "flux-lsp-watch-flux-files".to_owned(),
            method: "workspace/didChangeWatchedFiles".to_owned(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(e) = self.client.register_capability(vec![registration]).await {
            self.log(MessageType::WARNING, format!("could not watch .flux files: {}", e.message));
        }
    }
}
