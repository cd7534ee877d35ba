//! `flx check`: report the problems in Flux files.

use std::collections::HashSet;
use std::ffi::OsString;
use std::sync::Arc;

use flux_ide::{AnalysisHost, Config, DashboardVariables, Origin, Predefined, Severity};

use crate::files::{self, Input, Manifests};
use crate::output::{self, Checked};
use crate::{Color, Outcome, UsageError, github, manifest, sarif};

pub const HELP: &str = "\
Report the problems in Flux files.

Usage: flx check [options] <path>...

Arguments:
  <path>...             Files, or directories searched for `*.flux` files; `-` reads
                        standard input. A `.yml`, `.yaml` or `.json` file is an InfluxDB
                        template or a Grafana dashboard, whose Flux queries are checked

Options:
  --format <format>     human (default): messages with source snippets
                        json: an array of {file, severity, code, message, start, end},
                        lines and columns 1-based, columns counted in characters
                        sarif: a SARIF 2.1.0 log, for GitHub code scanning and other
                        tools (columns counted in UTF-16 code units)
                        github: GitHub Actions workflow commands, which annotate the
                        files of a workflow run and pull request
  --color <when>        auto (default), always or never
  --max-warnings <n>    Fail (exit status 1) when there are more than <n> warnings
  --disable <code>      Do not report diagnostics with this code, such as W101;
                        repeatable, or a comma-separated list
  --no-ignore           Also search what .gitignore and .ignore files exclude, and
                        `target` and `node_modules` directories
  --dashboard-variables <names>
                        The custom dashboard variables the scripts may use (`v.host`),
                        comma-separated or repeated; any other `v.name` is then an
                        error. Without it, any `v.name` is accepted
  --no-dashboard-variables
                        Do not define `v`: the scripts do not run in a dashboard
  --no-task-option      Do not define `task` in files that do not set `option task`
  --manifests           Also search directories for InfluxDB templates and Grafana
                        dashboards (`*.yml`, `*.yaml`, `*.json`); files that are neither
                        are skipped
  -h, --help            Show this help

Every code is explained in docs/diagnostics.md.

Directories are searched for `*.flux` files below them, skipping hidden files and
directories, what .gitignore and .ignore files exclude, and `target` and `node_modules`.

Exit status: 0 when there are no errors (and no more warnings than --max-warnings
allows), 1 when there are, 2 on bad usage, when a file cannot be read, or when a
directory holds no .flux file.";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

struct Options {
    format: Format,
    color: Color,
    max_warnings: Option<usize>,
    disabled: Vec<String>,
    respect_ignore_files: bool,
    predefined: Predefined,
    manifests: bool,
    paths: Vec<OsString>,
}

pub fn run(parser: &mut lexopt::Parser) -> Result<Outcome, UsageError> {
    let Some(options) = parse_args(parser)? else {
        println!("{HELP}");
        return Ok(Outcome::Clean);
    };

    // One analysis holds every file, as the language server's does, so that what one file
    // means may depend on the others.
    let manifests = if options.manifests { Manifests::Searched } else { Manifests::Named };
    let collected = files::collect(&options.paths, options.respect_ignore_files, manifests);
    let mut failures = collected.unreadable.clone();
    let config = Config { disabled_diagnostics: options.disabled.clone(), predefined: options.predefined.clone() };
    let mut host = AnalysisHost::new(config);
    let mut loaded = Vec::new();
    let mut names = HashSet::new();
    for input in &collected.inputs {
        // No path is exactly `-` (that argument means standard input), so the name of
        // standard input cannot clash with a file's.
        let name = match input {
            Input::Stdin => "-".to_owned(),
            Input::File(_) => input.display(),
        };
        // A file named twice is checked once (and standard input read once).
        if !names.insert(name.clone()) {
            continue;
        }
        match files::read(input) {
            Ok(source) => {
                let file = host.set_file(&name, Arc::from(source.text), None, Origin::Disk);
                loaded.push((input, file));
            }
            Err(message) => failures.push(message),
        }
    }
    let analysis = host.analysis();
    // Nothing changes the inputs from here on, so no query can be cancelled.
    let mut checked: Vec<Checked> = loaded
        .into_iter()
        .map(|(input, file)| Checked {
            path: input.display(),
            stdin: matches!(input, Input::Stdin),
            text: analysis.file_text(file).expect("not cancelled"),
            index: analysis.line_index(file).expect("not cancelled"),
            diagnostics: analysis.diagnostics(file).expect("not cancelled"),
        })
        .collect();
    checked.extend(manifest::check(&collected.manifests, &options.disabled, &options.predefined, &mut failures));

    let (mut errors, mut warnings, mut hints, mut files_with_problems) = (0, 0, 0, 0);
    for file in &checked {
        if file.diagnostics.iter().any(|d| d.severity > Severity::Hint) {
            files_with_problems += 1;
        }
        for d in &file.diagnostics {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                Severity::Hint => hints += 1,
            }
        }
    }

    match options.format {
        Format::Human => {
            for file in &checked {
                print!("{}", output::human(&file.path, &file.text, &file.index, &file.diagnostics, options.color));
            }
        }
        Format::Json => {
            let mut json = Vec::new();
            for file in &checked {
                output::json_entries(&file.path, &file.index, &file.diagnostics, &mut json);
            }
            println!("[{}]", json.join(","));
        }
        Format::Sarif => println!("{}", sarif::render(&checked, &failures)),
        Format::Github => {
            for file in &checked {
                print!("{}", github::render(file));
            }
        }
    }
    for failure in &failures {
        eprintln!("flx: {failure}");
    }
    let nothing_found = files::report_empty(&collected);
    // The formats read by people get a summary; those read by programs stay pure.
    if matches!(options.format, Format::Human | Format::Github) {
        let counts =
            Counts { checked: checked.len(), unreadable: failures.len(), errors, warnings, hints, files_with_problems };
        eprintln!("{}", summary(&counts));
    }
    let too_many_warnings = options.max_warnings.is_some_and(|max| warnings > max);
    if let Some(max) = options.max_warnings.filter(|_| too_many_warnings) {
        eprintln!("flx: too many warnings: {warnings}, and --max-warnings allows {max}");
    }
    Ok(if !failures.is_empty() || nothing_found {
        Outcome::Failed
    } else if errors > 0 || too_many_warnings {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

/// The options, or `None` when help was asked for.
fn parse_args(parser: &mut lexopt::Parser) -> Result<Option<Options>, UsageError> {
    use lexopt::prelude::*;
    let mut options = Options {
        format: Format::Human,
        color: Color::auto(),
        max_warnings: None,
        disabled: Vec::new(),
        respect_ignore_files: true,
        predefined: Predefined::default(),
        manifests: false,
        paths: Vec::new(),
    };
    let mut declared: Option<Vec<String>> = None;
    let mut no_dashboard = false;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("format") => {
                options.format = match parser.value()?.string()?.as_str() {
                    "human" => Format::Human,
                    "json" => Format::Json,
                    "sarif" => Format::Sarif,
                    "github" => Format::Github,
                    other => {
                        return Err(UsageError(format!(
                            "invalid value `{other}` for --format: expected human, json, sarif or github"
                        )));
                    }
                }
            }
            Long("color") => options.color = Color::parse(&parser.value()?.string()?).map_err(UsageError)?,
            Long("max-warnings") => {
                let value = parser.value()?.string()?;
                let max = value.parse().map_err(|_| {
                    UsageError(format!("invalid value `{value}` for --max-warnings: expected a number, 0 or more"))
                })?;
                options.max_warnings = Some(max);
            }
            Long("disable") => {
                for code in parser.value()?.string()?.split(',') {
                    let code = code.trim().to_ascii_uppercase();
                    if flux_ide::diagnostic_code(&code).is_none() {
                        return Err(UsageError(format!(
                            "unknown diagnostic code `{code}` for --disable (the codes are listed in docs/diagnostics.md)"
                        )));
                    }
                    options.disabled.push(code);
                }
            }
            Long("no-ignore") => options.respect_ignore_files = false,
            Long("dashboard-variables") => {
                let value = parser.value()?.string()?;
                let names = declared.get_or_insert_with(Vec::new);
                for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    if !is_identifier(name) {
                        return Err(UsageError(format!(
                            "invalid variable name `{name}` for --dashboard-variables: expected a Flux identifier"
                        )));
                    }
                    names.push(name.to_owned());
                }
            }
            Long("no-dashboard-variables") => no_dashboard = true,
            Long("no-task-option") => options.predefined.task = false,
            Long("manifests") => options.manifests = true,
            Long("help") | Short('h') => return Ok(None),
            Value(path) => options.paths.push(path),
            other => return Err(other.unexpected().into()),
        }
    }
    if options.paths.is_empty() {
        return Err(UsageError("`flx check` needs at least one file or directory".to_owned()));
    }
    options.predefined.dashboard = match (no_dashboard, declared) {
        (true, Some(_)) => {
            return Err(UsageError(
                "--dashboard-variables and --no-dashboard-variables contradict each other".to_owned(),
            ));
        }
        (true, None) => DashboardVariables::Off,
        (false, Some(names)) => DashboardVariables::Declared(names.into_iter().map(Into::into).collect()),
        (false, None) => DashboardVariables::Any,
    };
    Ok(Some(options))
}

struct Counts {
    checked: usize,
    unreadable: usize,
    errors: usize,
    warnings: usize,
    /// Hints are not problems: they are counted apart.
    hints: usize,
    files_with_problems: usize,
}

/// `checked 3 files: 2 errors and 1 warning in 2 files; 1 file could not be read`. It says
/// "no problems found" only when every input was checked.
fn summary(counts: &Counts) -> String {
    let checked = files::count(counts.checked, "file");
    let unread = files::unread_tail(counts.unreadable);
    let hints = if counts.hints > 0 { format!(", {}", files::count(counts.hints, "hint")) } else { String::new() };
    if counts.errors == 0 && counts.warnings == 0 {
        return match (counts.checked, counts.unreadable) {
            (_, 0) => format!("checked {checked}: no problems found{hints}"),
            (0, _) => format!("checked {checked}{unread}"),
            _ => format!("checked {checked} without problems{hints}{unread}"),
        };
    }
    let mut problems = Vec::new();
    if counts.errors > 0 {
        problems.push(files::count(counts.errors, "error"));
    }
    if counts.warnings > 0 {
        problems.push(files::count(counts.warnings, "warning"));
    }
    format!(
        "checked {checked}: {} in {}{hints}{unread}",
        problems.join(" and "),
        files::count(counts.files_with_problems, "file")
    )
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_') && chars.all(|c| c.is_alphanumeric() || c == '_')
}
