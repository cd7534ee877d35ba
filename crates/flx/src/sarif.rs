//! SARIF 2.1.0 (the OASIS standard for static analysis results, read by GitHub code scanning):
//! one run with the rules that occur, every checked file as an artifact, and one result per
//! diagnostic. Regions count columns in UTF-16 code units, SARIF's default, and say so.

use flux_ide::{ColumnEncoding, LineIndex, Severity, TextRange};
use serde::Serialize;

use crate::output::{Checked, portable_path};
use crate::rules;

const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The SARIF log of a check, as pretty-printed JSON. `failures` are the inputs that could not
/// be read: they make the run unsuccessful and are reported as notifications.
pub fn render(files: &[Checked], failures: &[String]) -> String {
    let mut rules: Vec<Rule> = Vec::new();
    for d in files.iter().flat_map(|f| &f.diagnostics) {
        if !rules.iter().any(|r| r.id == d.code) {
            let known = flux_ide::diagnostic_code(d.code);
            rules.push(Rule {
                id: d.code,
                name: known.map(|c| c.name),
                short_description: known.map(|c| Text { text: c.summary }),
                help_uri: rules::help_uri(d.code),
                default_configuration: Configuration { level: level(known.map_or(d.severity, |c| c.severity)) },
            });
        }
    }
    rules.sort_by_key(|r| r.id);

    let mut artifacts = Vec::new();
    let mut results = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let uri = (!file.stdin).then(|| uri(&file.path));
        artifacts.push(Artifact {
            location: uri.clone().map(|uri| ArtifactLocation { uri: Some(uri), index: None }),
            description: file.stdin.then_some(Text { text: "standard input" }),
            length: file.text.len(),
        });
        let place = |range: TextRange| PhysicalLocation {
            artifact_location: ArtifactLocation { uri: uri.clone(), index: Some(index) },
            region: region(&file.index, range),
        };
        for d in &file.diagnostics {
            results.push(SarifResult {
                rule_id: d.code,
                rule_index: rules.iter().position(|r| r.id == d.code).expect("every code has a rule"),
                level: level(d.severity),
                message: Text { text: &d.message },
                locations: [Location { id: None, physical_location: place(d.range), message: None }],
                related_locations: d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(id, r)| Location {
                        id: Some(id),
                        physical_location: place(r.range),
                        message: Some(Text { text: &r.message }),
                    })
                    .collect(),
            });
        }
    }

    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "flx",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules,
                },
            },
            invocations: [Invocation {
                execution_successful: failures.is_empty(),
                tool_execution_notifications: failures
                    .iter()
                    .map(|message| Notification { level: "error", message: Text { text: message } })
                    .collect(),
            }],
            column_kind: "utf16CodeUnits",
            artifacts,
            results,
        }],
    };
    serde_json::to_string_pretty(&log).expect("a SARIF log serializes")
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Hint => "note",
    }
}

/// 1-based lines and columns; the end column is the one just past the range, and an empty
/// range (a missing token) is an insertion point with equal start and end.
fn region(index: &LineIndex, range: TextRange) -> Region {
    let (start, end) = index.range(range, ColumnEncoding::Utf16);
    Region { start_line: start.line + 1, start_column: start.col + 1, end_line: end.line + 1, end_column: end.col + 1 }
}

/// A path as a URI reference: relative paths stay relative to the working directory (where
/// GitHub expects paths from the repository's root), absolute ones become `file:` URIs.
/// Everything but unreserved characters and separators is percent-encoded.
fn uri(path: &str) -> String {
    let path = portable_path(path);
    if std::path::Path::new(&path).is_absolute() {
        // `file:///C:/dir` on Windows, `file:///dir` elsewhere; a colon is safe after the scheme.
        let slash = if path.starts_with('/') { "" } else { "/" };
        format!("file://{slash}{}", percent_encode(&path, "/:"))
    } else {
        // In a relative reference a colon in the first segment would read as a scheme.
        percent_encode(&path, "/")
    }
}

fn percent_encode(text: &str, keep: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.as_bytes().contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

// The part of the SARIF object model flx writes. Structs rather than `json!` values, because
// they keep the fields in the order written here (identity first, details after).

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    invocations: [Invocation<'a>; 1],
    column_kind: &'static str,
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_description: Option<Text<'static>>,
    help_uri: String,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: Text<'a>,
}

#[derive(Serialize)]
struct Artifact {
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<ArtifactLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Text<'static>>,
    /// In bytes.
    length: usize,
}

#[derive(Serialize)]
struct ArtifactLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<String>,
    /// The file's place in the run's `artifacts`.
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_references_or_file_uris() {
        assert_eq!(uri("./queries/cpu load.flux"), "queries/cpu%20load.flux");
        assert_eq!(uri("a:b/100%.flux"), "a%3Ab/100%25.flux");
        assert_eq!(uri("données/été.flux"), "donn%C3%A9es/%C3%A9t%C3%A9.flux");
        if cfg!(unix) {
            assert_eq!(uri("/srv/flux/#1.flux"), "file:///srv/flux/%231.flux");
        }
    }
}
