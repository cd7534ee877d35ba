//! Settings from `initializationOptions` and `workspace/didChangeConfiguration` (see
//! `docs/configuration.md`).

use flux_ide::{Config, DashboardVariables, InlayConfig};
use serde_json::Value;

/// Everything the client can configure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// What the analysis reports.
    pub analysis: Config,
    /// Whether problems are reported for `.flux` files of the workspace that are not open.
    pub workspace_diagnostics: bool,
    pub inlay_hints: InlayConfig,
    /// The schema file for completion inside strings, if not the default.
    pub schema_file: Option<String>,
    /// Whether completion also asks the current connection for its buckets, measurements,
    /// fields and tags.
    pub live_schema: bool,
    /// How long what the connection said is used before it is asked again.
    pub schema_ttl: std::time::Duration,
    pub run: RunSettings,
    /// The connection runs use until `flux.setConnection` names another (else `flx.toml`'s
    /// `default`, else the local buckets).
    pub connection: Option<String>,
    /// Whether the user trusts the workspace: only then does its `flx.toml` open outside
    /// services (`allow`) or run commands for secrets.
    pub trust_workspace: bool,
    /// Connections the editor defines, as `[connections]` of a `flx.toml` in JSON (no
    /// secret values: `token_env` and the like).
    pub connections: Option<Value>,
}

/// How `flux.run` runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunSettings {
    /// The most rows an answer holds; the rest are counted, not sent.
    pub max_rows: usize,
    /// Outside services every run may use, as `--allow-net` and `--allow-sql` on the CLI.
    pub allow: flux_connect::Allow,
    /// Where the local buckets are (relative to the first workspace folder); else
    /// `$FLX_DATA_DIR`, else `.flx/data` in the first workspace folder.
    pub data_dir: Option<String>,
}

impl Default for RunSettings {
    fn default() -> RunSettings {
        RunSettings { max_rows: 1000, allow: flux_connect::Allow::default(), data_dir: None }
    }
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            analysis: Config::default(),
            workspace_diagnostics: true,
            inlay_hints: InlayConfig::default(),
            schema_file: None,
            live_schema: true,
            schema_ttl: std::time::Duration::from_secs(300),
            run: RunSettings::default(),
            connection: None,
            trust_workspace: false,
            connections: None,
        }
    }
}

fn boolean(settings: &Value, pointer: &str, problems: &mut Vec<String>, target: &mut bool) {
    if let Some(v) = settings.pointer(pointer) {
        match v.as_bool() {
            Some(b) => *target = b,
            None => problems.push(format!("{}: expected true or false, found {v}", &pointer[1..].replace('/', "."))),
        }
    }
}

/// Reads settings given either as they are or under a `flux` key (VS Code sends the whole
/// section). Unknown keys are ignored; a wrong type is reported and the default kept.
pub fn parse(value: &Value, problems: &mut Vec<String>) -> Settings {
    let settings = value.get("flux").unwrap_or(value);
    let mut result = Settings::default();
    let config = &mut result.analysis;
    if let Some(disabled) = settings.pointer("/diagnostics/disabled") {
        match disabled.as_array() {
            Some(codes) => {
                for code in codes {
                    match code.as_str() {
                        Some(code) => config.disabled_diagnostics.push(code.to_owned()),
                        None => {
                            problems.push(format!("diagnostics.disabled: expected a diagnostic code, found {code}"))
                        }
                    }
                }
            }
            None => problems.push(format!("diagnostics.disabled: expected a list of codes, found {disabled}")),
        }
    }
    if let Some(v) = settings.get("dashboardVariables") {
        match dashboard_variables(v) {
            Some(variables) => config.predefined.dashboard = variables,
            None => problems
                .push(format!("dashboardVariables: expected true, false or a list of variable names, found {v}")),
        }
    }
    boolean(settings, "/taskOption", problems, &mut config.predefined.task);
    boolean(settings, "/diagnostics/workspace", problems, &mut result.workspace_diagnostics);
    boolean(settings, "/inlayHints/variableTypes", problems, &mut result.inlay_hints.variable_types);
    boolean(settings, "/inlayHints/parameterTypes", problems, &mut result.inlay_hints.parameter_types);
    if let Some(v) = settings.pointer("/inlayHints/maxLength") {
        match v.as_u64() {
            Some(n) if n >= 4 => result.inlay_hints.max_length = n as usize,
            _ => problems.push(format!("inlayHints.maxLength: expected a number of at least 4, found {v}")),
        }
    }
    if let Some(v) = settings.get("schemaFile") {
        match v.as_str() {
            Some(path) if !path.is_empty() => result.schema_file = Some(path.to_owned()),
            _ => problems.push(format!("schemaFile: expected a path, found {v}")),
        }
    }
    boolean(settings, "/schema/live", problems, &mut result.live_schema);
    if let Some(v) = settings.pointer("/schema/ttl") {
        match v.as_u64() {
            Some(seconds) => result.schema_ttl = std::time::Duration::from_secs(seconds),
            None => problems.push(format!("schema.ttl: expected a number of seconds, found {v}")),
        }
    }
    if let Some(v) = settings.pointer("/run/maxRows") {
        match v.as_u64() {
            Some(n) if n >= 1 => result.run.max_rows = n as usize,
            _ => problems.push(format!("run.maxRows: expected a number of at least 1, found {v}")),
        }
    }
    if let Some(v) = settings.pointer("/run/allow") {
        let services: Option<Vec<&str>> = v.as_array().and_then(|a| a.iter().map(Value::as_str).collect());
        match services {
            Some(services) if services.iter().all(|s| matches!(*s, "net" | "sql")) => {
                result.run.allow =
                    flux_connect::Allow { net: services.contains(&"net"), sql: services.contains(&"sql") };
            }
            _ => problems.push(format!("run.allow: expected a list of \"net\" and \"sql\", found {v}")),
        }
    }
    string(settings, "/run/dataDir", problems, &mut result.run.data_dir);
    string(settings, "/connection", problems, &mut result.connection);
    boolean(settings, "/trustWorkspace", problems, &mut result.trust_workspace);
    match settings.get("connections") {
        None | Some(Value::Null) => {}
        Some(v @ Value::Object(_)) => result.connections = Some(v.clone()),
        Some(v) => problems.push(format!("connections: expected an object of connections by name, found {v}")),
    }
    result
}

fn string(settings: &Value, pointer: &str, problems: &mut Vec<String>, target: &mut Option<String>) {
    if let Some(v) = settings.pointer(pointer) {
        match v.as_str() {
            Some(s) if !s.is_empty() => *target = Some(s.to_owned()),
            // An empty name or null is the default.
            Some(_) | None if v.is_null() || v == "" => *target = None,
            _ => problems.push(format!("{}: expected a string, found {v}", &pointer[1..].replace('/', "."))),
        }
    }
}

/// `true`, `false`, or the names of the custom variables (which makes every other `v.name`
/// an error).
fn dashboard_variables(value: &Value) -> Option<DashboardVariables> {
    match value {
        Value::Bool(true) => Some(DashboardVariables::Any),
        Value::Bool(false) => Some(DashboardVariables::Off),
        Value::Array(names) => {
            let names: Option<Vec<_>> = names.iter().map(|n| n.as_str().map(Into::into)).collect();
            Some(DashboardVariables::Declared(names?.into()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_with_or_without_the_section_name() {
        let mut problems = Vec::new();
        let settings = json!({
            "diagnostics": {"disabled": ["W101"], "workspace": false},
            "dashboardVariables": false,
            "taskOption": false,
            "inlayHints": {"parameterTypes": false, "maxLength": 20},
            "schemaFile": "schema/flux.json",
            "schema": {"live": false, "ttl": 60},
            "run": {"maxRows": 50, "allow": ["sql"], "dataDir": "data"},
            "connection": "prod",
            "trustWorkspace": true,
            "connections": {"lab": {"kind": "local", "data": "lab"}}
        });
        let plain = parse(&settings, &mut problems);
        let nested = parse(&json!({ "flux": settings }), &mut problems);
        assert_eq!(plain, nested);
        assert_eq!(plain.analysis.disabled_diagnostics, ["W101"]);
        assert_eq!(plain.analysis.predefined.dashboard, DashboardVariables::Off);
        assert!(!plain.analysis.predefined.task);
        assert!(!plain.workspace_diagnostics);
        assert!(plain.inlay_hints.variable_types && !plain.inlay_hints.parameter_types);
        assert_eq!(plain.inlay_hints.max_length, 20);
        assert_eq!(plain.schema_file.as_deref(), Some("schema/flux.json"));
        assert!(!plain.live_schema);
        assert_eq!(plain.schema_ttl, std::time::Duration::from_secs(60));
        assert_eq!(plain.run.max_rows, 50);
        assert_eq!(plain.run.allow, flux_connect::Allow { net: false, sql: true });
        assert_eq!(plain.run.data_dir.as_deref(), Some("data"));
        assert_eq!(plain.connection.as_deref(), Some("prod"));
        assert!(plain.trust_workspace);
        assert_eq!(plain.connections, Some(json!({"lab": {"kind": "local", "data": "lab"}})));
        assert!(problems.is_empty());
    }

    #[test]
    fn wrong_types_are_reported_and_ignored() {
        let mut problems = Vec::new();
        let settings = json!({
            "diagnostics": {"disabled": "W101", "workspace": 1},
            "dashboardVariables": "yes",
            "inlayHints": {"maxLength": 2},
            "schemaFile": 3,
            "run": {"maxRows": 0, "allow": ["disk"]},
            "connection": 7,
            "connections": ["lab"]
        });
        assert_eq!(parse(&settings, &mut problems), Settings::default());
        assert_eq!(problems.len(), 9, "{problems:?}");
        assert!(problems.contains(&"run.allow: expected a list of \"net\" and \"sql\", found [\"disk\"]".to_owned()));
        assert!(problems.contains(
            &"dashboardVariables: expected true, false or a list of variable names, found \"yes\"".to_owned()
        ));
    }

    #[test]
    fn declared_dashboard_variables() {
        let mut problems = Vec::new();
        let settings = parse(&json!({"dashboardVariables": ["bucket", "host"]}), &mut problems);
        let DashboardVariables::Declared(names) = &settings.analysis.predefined.dashboard else { panic!() };
        assert_eq!(names.iter().map(|n| n.as_str()).collect::<Vec<_>>(), ["bucket", "host"]);
        parse(&json!({"dashboardVariables": ["bucket", 3]}), &mut problems);
        assert_eq!(problems.len(), 1, "{problems:?}");
    }
}
