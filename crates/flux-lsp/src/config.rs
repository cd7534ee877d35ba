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
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            analysis: Config::default(),
            workspace_diagnostics: true,
            inlay_hints: InlayConfig::default(),
            schema_file: None,
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
    result
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
            "schemaFile": "schema/flux.json"
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
        assert!(problems.is_empty());
    }

    #[test]
    fn wrong_types_are_reported_and_ignored() {
        let mut problems = Vec::new();
        let settings = json!({
            "diagnostics": {"disabled": "W101", "workspace": 1},
            "dashboardVariables": "yes",
            "inlayHints": {"maxLength": 2},
            "schemaFile": 3
        });
        assert_eq!(parse(&settings, &mut problems), Settings::default());
        assert_eq!(problems.len(), 5, "{problems:?}");
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
