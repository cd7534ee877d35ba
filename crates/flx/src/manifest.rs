//! `flx check` on InfluxDB templates and Grafana dashboards: each Flux query they hold is
//! analyzed alone, with the names InfluxDB defines where it runs (dashboard variables for
//! cells, checks and variables; the task option for tasks), and its problems are reported at
//! their lines and columns in the manifest, named by the resource that holds the query.

use std::path::PathBuf;
use std::sync::Arc;

use flux_ide::{
    AnalysisHost, Config, DashboardVariables, Diagnostic, LineIndex, Origin, Predefined, RelatedInfo, TextRange,
};
use flux_manifest::{Convention, Query};

use crate::output::Checked;

/// Checks the queries of each manifest. A file that is neither kind of manifest is reported
/// when it was named, and skipped when a directory search found it.
pub fn check(
    manifests: &[(PathBuf, bool)],
    disabled: &[String],
    predefined: &Predefined,
    failures: &mut Vec<String>,
) -> Vec<Checked> {
    let mut found: Vec<(String, Arc<str>, Vec<Query>)> = Vec::new();
    for (path, named) in manifests {
        let display = path.display().to_string();
        let source = match crate::files::read(&crate::files::Input::File(path.clone())) {
            Ok(source) => source,
            Err(message) => {
                failures.push(message);
                continue;
            }
        };
        match flux_manifest::extract(&source.text) {
            Ok(Some(manifest)) => found.push((display, Arc::from(source.text), manifest.queries)),
            Ok(None) if *named => {
                failures.push(format!("`{display}` is neither an InfluxDB template nor a Grafana dashboard"))
            }
            Ok(None) => {}
            Err(error) => {
                let index = LineIndex::new(&source.text);
                let at = index.line_col(error.offset as u32, flux_ide::ColumnEncoding::Utf32);
                failures.push(format!(
                    "`{display}` is not valid YAML or JSON: {} at {}:{}",
                    error.message,
                    at.line + 1,
                    at.col + 1
                ));
            }
        }
    }

    // One analysis per convention, as the names defined differ.
    let dashboard = match &predefined.dashboard {
        DashboardVariables::Off => DashboardVariables::Any,
        declared => declared.clone(),
    };
    let cells = Config { disabled_diagnostics: disabled.to_vec(), predefined: Predefined { dashboard, task: false } };
    // InfluxDB adds `option task` to a template's task: the hint about it does not apply.
    let mut task_disabled = disabled.to_vec();
    task_disabled.push("H201".to_owned());
    let tasks = Config {
        disabled_diagnostics: task_disabled,
        predefined: Predefined { dashboard: DashboardVariables::Off, task: true },
    };
    let mut hosts = [AnalysisHost::new(cells), AnalysisHost::new(tasks)];
    let host_of = |convention: Convention| match convention {
        Convention::Dashboard => 0,
        Convention::Task => 1,
    };
    let mut files = Vec::new();
    for (m, (path, _, queries)) in found.iter().enumerate() {
        for (q, query) in queries.iter().enumerate() {
            let host = host_of(query.convention);
            let name = format!("{path}#{}", q + 1);
            files.push((m, q, host, hosts[host].set_file(&name, Arc::from(query.text.as_str()), None, Origin::Disk)));
        }
    }
    let analyses = hosts.each_ref().map(|h| h.analysis());
    let mut diagnostics: Vec<Vec<Diagnostic>> = vec![Vec::new(); found.len()];
    for (m, q, host, file) in files {
        let query = &found[m].2[q];
        // Nothing changes the inputs from here on, so no query can be cancelled.
        for d in analyses[host].diagnostics(file).expect("not cancelled") {
            diagnostics[m].push(in_manifest(&d, query));
        }
    }
    found
        .into_iter()
        .zip(diagnostics)
        .map(|((path, text, _), mut diagnostics)| {
            diagnostics.sort_by_key(|d| (d.range.start, d.range.end));
            Checked { path, stdin: false, index: Arc::new(LineIndex::new(&text)), text, diagnostics }
        })
        .collect()
}

/// A query's diagnostic, placed in the manifest and naming the resource.
fn in_manifest(d: &Diagnostic, query: &Query) -> Diagnostic {
    let range = |r: TextRange| TextRange::new(query.manifest_offset(r.start), query.manifest_offset(r.end));
    Diagnostic {
        severity: d.severity,
        code: d.code,
        message: format!("{}: {}", query.place, d.message).into(),
        range: range(d.range),
        related: d.related.iter().map(|r| RelatedInfo { range: range(r.range), message: r.message.clone() }).collect(),
        // A fix is written for the query's text, which the manifest may quote or escape.
        suggestion: None,
    }
}
