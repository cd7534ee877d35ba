//! Settings from `initializationOptions` and `workspace/didChangeConfiguration` (see
//! `docs/configuration.md`).

use flux_ide::Config;
use serde_json::Value;

/// Everything the client can configure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// What the analysis reports.
    pub analysis: Config,
    /// Whether problems are reported for `.flux` files of the workspace that are not open.
    pub workspace_diagnostics: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { analysis: Config::default(), workspace_diagnostics: true }
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
        match v.as_bool() {
            Some(b) => config.dashboard_variables = b,
            None => problems.push(format!("dashboardVariables: expected true or false, found {v}")),
        }
    }
    if let Some(v) = settings.pointer("/diagnostics/workspace") {
        match v.as_bool() {
            Some(b) => result.workspace_diagnostics = b,
            None => problems.push(format!("diagnostics.workspace: expected true or false, found {v}")),
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_with_or_without_the_section_name() {
        let mut problems = Vec::new();
        let settings = json!({"diagnostics": {"disabled": ["W101"], "workspace": false}, "dashboardVariables": false});
        let plain = parse(&settings, &mut problems);
        let nested = parse(&json!({ "flux": settings }), &mut problems);
        assert_eq!(plain, nested);
        assert_eq!(plain.analysis.disabled_diagnostics, ["W101"]);
        assert!(!plain.analysis.dashboard_variables);
        assert!(!plain.workspace_diagnostics);
        assert!(problems.is_empty());
    }

    #[test]
    fn wrong_types_are_reported_and_ignored() {
        let mut problems = Vec::new();
        let settings = json!({"diagnostics": {"disabled": "W101", "workspace": 1}, "dashboardVariables": "yes"});
        assert_eq!(parse(&settings, &mut problems), Settings::default());
        assert_eq!(problems.len(), 3, "{problems:?}");
    }
}
