//! Named connections: where they are configured, what each holds, and how its secret is
//! found without ever being shown.
//!
//! Sources, first wins for a name: the workspace `flx.toml` (the nearest one up from the
//! working directory), the connections an editor gives in its settings, the user's `flx.toml` (`$XDG_CONFIG_HOME/flx`, else `~/.config/flx`),
//! the `influx` CLI's configs (`$INFLUX_CONFIGS_PATH`, else `~/.influxdbv2/configs`), and the
//! `influx` CLI's environment (`INFLUX_HOST`, `INFLUX_TOKEN`, `INFLUX_ORG`) as `env`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

/// A named place to run queries.
#[derive(Clone, Debug, PartialEq)]
pub struct Connection {
    pub name: String,
    pub kind: Kind,
    /// Where it was configured, for `flx connections` and for errors.
    pub origin: Origin,
    pub tls: Tls,
    /// How long to wait to connect, and between two parts of an answer.
    pub timeout: Duration,
    /// The outside services a script run on this connection may use.
    pub allow: Allow,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// InfluxDB 2.x or Cloud: Flux runs on the server.
    Influxdb2 { url: String, org: String, token: Secret },
    /// InfluxDB 1.x: `database/retention policy` buckets read through InfluxQL.
    Influxdb1 {
        url: String,
        database: Option<String>,
        retention_policy: Option<String>,
        username: Option<String>,
        password: Secret,
    },
    /// InfluxDB 3.x: databases read through InfluxQL.
    Influxdb3 { url: String, database: Option<String>, token: Secret },
    /// Local buckets in a data directory.
    Local { data: PathBuf },
}

impl Kind {
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Influxdb2 { .. } => "influxdb2",
            Kind::Influxdb1 { .. } => "influxdb1",
            Kind::Influxdb3 { .. } => "influxdb3",
            Kind::Local { .. } => "local",
        }
    }

    /// What it reads, without its secret: `org o`, `database d, rp r, user u`, a directory.
    pub fn reads(&self) -> String {
        match self {
            Kind::Influxdb2 { org, .. } => format!("org {org}"),
            Kind::Influxdb1 { database, retention_policy, username, .. } => {
                let mut parts = Vec::new();
                parts.extend(database.as_ref().map(|d| format!("database {d}")));
                parts.extend(retention_policy.as_ref().map(|rp| format!("rp {rp}")));
                parts.extend(username.as_ref().map(|u| format!("user {u}")));
                parts.join(", ")
            }
            Kind::Influxdb3 { database, .. } => database.as_ref().map(|d| format!("database {d}")).unwrap_or_default(),
            Kind::Local { data } => data.display().to_string(),
        }
    }

    /// Its secret and what it is (`token`, `password`), for kinds that have one.
    pub fn secret(&self) -> Option<(&'static str, &Secret)> {
        match self {
            Kind::Influxdb2 { token, .. } | Kind::Influxdb3 { token, .. } => Some(("token", token)),
            Kind::Influxdb1 { password, .. } => Some(("password", password)),
            Kind::Local { .. } => None,
        }
    }

    /// Where its secret comes from (`token from $INFLUX_TOKEN`), empty for kinds without one.
    pub fn describe_secret(&self) -> String {
        self.secret().map(|(what, secret)| format!("{what} {}", secret.describe())).unwrap_or_default()
    }

    pub fn url(&self) -> Option<&str> {
        match self {
            Kind::Influxdb2 { url, .. } | Kind::Influxdb1 { url, .. } | Kind::Influxdb3 { url, .. } => Some(url),
            Kind::Local { .. } => None,
        }
    }
}

/// Where a connection was configured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A `flx.toml` (workspace or user).
    File { path: PathBuf, workspace: bool },
    /// The `influx` CLI's configs file.
    InfluxConfigs(PathBuf),
    /// The `INFLUX_*` environment variables.
    Environment,
    /// The settings of the editor that started the language server.
    Client,
    /// A `from(host:)` call of the script itself.
    Script,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File { path, .. } | Origin::InfluxConfigs(path) => write!(f, "{}", path.display()),
            Origin::Environment => f.write_str("INFLUX_HOST"),
            Origin::Client => f.write_str("the editor's settings"),
            Origin::Script => f.write_str("the script"),
        }
    }
}

/// A token or password: never printed, read only when a request needs it.
#[derive(Clone, PartialEq, Eq, Default)]
pub enum Secret {
    #[default]
    None,
    /// Written in the user's own config (never a workspace file).
    Value(String),
    /// The value of an environment variable.
    Env(String),
    /// The standard output of a shell command, trimmed (`pass show influx`).
    Command(String),
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

impl Secret {
    /// Where the secret comes from, without it.
    pub fn describe(&self) -> String {
        match self {
            Secret::None => "none".to_owned(),
            Secret::Value(_) => "set in the config file".to_owned(),
            Secret::Env(var) => format!("from ${var}"),
            Secret::Command(command) => format!("from the command `{command}`"),
        }
    }

    /// The secret itself, `None` when there is none.
    pub fn reveal(&self) -> Result<Option<String>, String> {
        match self {
            Secret::None => Ok(None),
            Secret::Value(value) => Ok(Some(value.clone())),
            Secret::Env(var) => match std::env::var(var) {
                Ok(value) if !value.is_empty() => Ok(Some(value)),
                _ => Err(format!("the environment variable {var} that should hold the secret is not set")),
            },
            Secret::Command(command) => {
                let output = std::process::Command::new("sh")
                    .args(["-c", command])
                    .stdin(std::process::Stdio::null())
                    .stderr(std::process::Stdio::inherit())
                    .output()
                    .map_err(|e| format!("cannot run the secret's command `{command}`: {e}"))?;
                if !output.status.success() {
                    return Err(format!("the secret's command `{command}` failed ({})", output.status));
                }
                let value = String::from_utf8(output.stdout)
                    .map_err(|_| format!("the secret's command `{command}` printed something other than UTF-8"))?;
                let value = value.trim();
                if value.is_empty() {
                    return Err(format!("the secret's command `{command}` printed nothing"));
                }
                Ok(Some(value.to_owned()))
            }
        }
    }
}

/// How to trust the server's certificate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tls {
    /// A PEM file of certificate authorities to trust besides the system's.
    pub ca_file: Option<PathBuf>,
    /// Accept any certificate: only for a test server, and said so by `flx connections`.
    pub skip_verify: bool,
}

/// The outside services a run may use: off unless the user turns them on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Allow {
    /// Hosts that are not configured connections: `from(host:)`, `http.post`, `requests`.
    pub net: bool,
    /// `sql.from` and `sql.to`.
    pub sql: bool,
}

impl Allow {
    pub fn union(self, other: Allow) -> Allow {
        Allow { net: self.net || other.net, sql: self.sql || other.sql }
    }
}

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Every configured connection and the default one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Connections {
    pub connections: Vec<Connection>,
    /// The connection `--connection` defaults to, as a `flx.toml` names it.
    pub default: Option<String>,
    /// Files that were read, in order.
    pub files: Vec<PathBuf>,
    /// Problems that did not stop the loading: the `influx` CLI's configs belong to another
    /// tool, so a file of it that cannot be read is skipped and reported here.
    pub warnings: Vec<String>,
}

/// A mistake in a configuration file, naming the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// Where connections are looked for: a seam for tests, which must not read the real home.
#[derive(Clone, Debug, Default)]
pub struct Places {
    /// The directory the workspace `flx.toml` is looked for from, upwards.
    pub workspace: Option<PathBuf>,
    /// The user's `flx.toml`.
    pub user_file: Option<PathBuf>,
    /// The `influx` CLI's configs file.
    pub influx_configs: Option<PathBuf>,
    /// `INFLUX_HOST`, `INFLUX_TOKEN`, `INFLUX_ORG`.
    pub influx_env: Option<(String, Option<String>, Option<String>)>,
    /// Connections from an editor's settings, as `[connections]` of a `flx.toml` in JSON:
    /// `{"name": {"kind": ..., "url": ..., "token_env": ...}}`.
    pub client: Option<serde_json::Value>,
}

impl Places {
    /// The places of this process: its working directory, home and environment.
    pub fn from_environment() -> Places {
        let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
        let config_home = std::env::var_os("XDG_CONFIG_HOME")
            .filter(|h| !h.is_empty())
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|h| h.join(".config")));
        let influx_configs = std::env::var_os("INFLUX_CONFIGS_PATH")
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|h| h.join(".influxdbv2").join("configs")));
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Places {
            workspace: std::env::current_dir().ok(),
            user_file: config_home.map(|c| c.join("flx").join("flx.toml")),
            influx_configs,
            influx_env: var("INFLUX_HOST").map(|host| (host, var("INFLUX_ORG"), var("INFLUX_TOKEN"))),
            client: None,
        }
    }
}

/// The nearest `flx.toml` at or above `dir`.
pub fn workspace_file(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join("flx.toml")).find(|p| p.is_file())
}

impl Connections {
    /// Reads every source; a source that does not exist is skipped, one that is wrong is an
    /// error naming it.
    pub fn load(places: &Places) -> Result<Connections, ConfigError> {
        let mut out = Connections::default();
        let workspace = places.workspace.as_deref().and_then(workspace_file);
        for (path, is_workspace) in [(workspace, true), (places.user_file.clone(), false)] {
            if !is_workspace && let Some(client) = &places.client {
                out.add(parse_client(client, places.workspace.as_deref())?);
            }
            let Some(path) = path.filter(|p| p.is_file()) else { continue };
            if out.files.contains(&path) {
                continue;
            }
            let text = std::fs::read_to_string(&path)
                .map_err(|e| ConfigError(format!("cannot read {}: {e}", path.display())))?;
            let file = parse_flx_toml(&text, &path, is_workspace)?;
            if out.default.is_none() {
                out.default = file.default;
            }
            out.add(file.connections);
            out.files.push(path);
        }
        if let Some(path) = places.influx_configs.as_ref().filter(|p| p.is_file()) {
            let read = std::fs::read_to_string(path)
                .map_err(|e| ConfigError(format!("cannot read {}: {e}", path.display())))
                .and_then(|text| parse_influx_configs(&text, path));
            match read {
                Ok(connections) => {
                    out.add(connections);
                    out.files.push(path.clone());
                }
                Err(e) => out.warnings.push(format!("skipped the influx CLI's configs: {e}")),
            }
        }
        if let Some((host, org, token)) = &places.influx_env {
            out.add(vec![Connection {
                name: "env".to_owned(),
                kind: Kind::Influxdb2 {
                    url: host.trim_end_matches('/').to_owned(),
                    org: org.clone().unwrap_or_default(),
                    token: if token.is_some() { Secret::Env("INFLUX_TOKEN".to_owned()) } else { Secret::None },
                },
                origin: Origin::Environment,
                tls: Tls::default(),
                timeout: DEFAULT_TIMEOUT,
                allow: Allow::default(),
            }]);
        }
        if let Some(default) = &out.default
            && out.get(default).is_none()
        {
            return Err(ConfigError(format!(
                "the default connection `{default}` is not configured (known: {})",
                out.names()
            )));
        }
        Ok(out)
    }

    fn add(&mut self, connections: Vec<Connection>) {
        for connection in connections {
            if self.get(&connection.name).is_none() {
                self.connections.push(connection);
            }
        }
    }

    pub fn get(&self, name: &str) -> Option<&Connection> {
        self.connections.iter().find(|c| c.name == name)
    }

    /// The names, for an error that lists them.
    pub fn names(&self) -> String {
        if self.connections.is_empty() {
            return "none".to_owned();
        }
        self.connections.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ")
    }

    /// Each connection as JSON, without its secret: name, kind, url, what it reads, where its
    /// secret comes from, where it is configured (`from`, as `origin` writes it) and whether it
    /// is the default. `flx connections --format json` and the language server list these.
    pub fn describe(&self, origin: impl Fn(&Connection) -> String) -> Vec<serde_json::Value> {
        self.connections
            .iter()
            .map(|c| {
                serde_json::json!({
                    "name": c.name,
                    "kind": c.kind.name(),
                    "url": c.kind.url(),
                    "reads": c.kind.reads(),
                    "secret": c.kind.describe_secret(),
                    "from": origin(c),
                    "default": self.default.as_deref() == Some(c.name.as_str()),
                })
            })
            .collect()
    }

    /// The connection named, or the default one; `None` for the local buckets of the run.
    pub fn choose(&self, name: Option<&str>) -> Result<Option<&Connection>, ConfigError> {
        match name.or(self.default.as_deref()) {
            None => Ok(None),
            Some(name) => self
                .get(name)
                .map(Some)
                .ok_or_else(|| ConfigError(format!("no connection named `{name}` (configured: {})", self.names()))),
        }
    }

    /// The configured connection whose URL is `url`, for `from(host:)`.
    pub fn by_url(&self, url: &str) -> Option<&Connection> {
        let url = url.trim_end_matches('/');
        self.connections.iter().find(|c| c.kind.url().is_some_and(|u| u.trim_end_matches('/') == url))
    }
}

struct FlxToml {
    default: Option<String>,
    connections: Vec<Connection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    default: Option<String>,
    #[serde(default)]
    connections: BTreeMap<String, RawConnection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConnection {
    kind: String,
    url: Option<String>,
    org: Option<String>,
    database: Option<String>,
    retention_policy: Option<String>,
    username: Option<String>,
    token: Option<String>,
    token_env: Option<String>,
    token_command: Option<String>,
    password: Option<String>,
    password_env: Option<String>,
    password_command: Option<String>,
    data: Option<PathBuf>,
    ca_file: Option<PathBuf>,
    #[serde(default)]
    skip_verify: bool,
    timeout: Option<String>,
    #[serde(default)]
    allow: Vec<String>,
}

fn parse_flx_toml(text: &str, path: &Path, workspace: bool) -> Result<FlxToml, ConfigError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| ConfigError(format!("{}: {e}", path.display())))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut connections = Vec::new();
    for (name, raw) in raw.connections {
        let wrong = |message: String| ConfigError(format!("{}: connection `{name}`: {message}", path.display()));
        if workspace && (raw.token.is_some() || raw.password.is_some()) {
            return Err(wrong(
                "a workspace flx.toml is shared with the code, so it must not hold a token or password: \
                 use token_env / token_command (password_env / password_command), or move the connection \
                 to your user flx.toml"
                    .to_owned(),
            ));
        }
        let origin = Origin::File { path: path.to_owned(), workspace };
        connections.push(connection(name.clone(), raw, base, origin).map_err(wrong)?);
    }
    Ok(FlxToml { default: raw.default, connections })
}

/// The connections of an editor's settings. Settings files are not a place for secrets, so a
/// `token` or `password` written there is refused; relative `data` directories are relative
/// to the workspace.
fn parse_client(value: &serde_json::Value, workspace: Option<&Path>) -> Result<Vec<Connection>, ConfigError> {
    let wrong = |message: String| ConfigError(format!("the editor's setting `connections`: {message}"));
    let raw: BTreeMap<String, RawConnection> =
        serde_json::from_value(value.clone()).map_err(|e| wrong(e.to_string()))?;
    let base = workspace.unwrap_or(Path::new("."));
    let mut connections = Vec::new();
    for (name, raw) in raw {
        if raw.token.is_some() || raw.password.is_some() {
            return Err(wrong(format!(
                "connection `{name}` holds a token or password, which settings files must not: \
                 use token_env / token_command (password_env / password_command)"
            )));
        }
        let named = name.clone();
        connections.push(
            connection(name, raw, base, Origin::Client).map_err(|m| wrong(format!("connection `{named}`: {m}")))?,
        );
    }
    Ok(connections)
}

/// One connection of a `flx.toml` or of an editor's settings; `base` is what relative paths
/// are relative to.
fn connection(name: String, raw: RawConnection, base: &Path, origin: Origin) -> Result<Connection, String> {
    let token = secret(raw.token, raw.token_env, raw.token_command, "token")?;
    let password = secret(raw.password, raw.password_env, raw.password_command, "password")?;
    let url = || -> Result<String, String> {
        let url = raw.url.clone().ok_or_else(|| "needs a `url`".to_owned())?;
        check_url(&url)?;
        Ok(url.trim_end_matches('/').to_owned())
    };
    let no_token = |kind: &str| {
        if token != Secret::None {
            return Err(format!("a {kind} connection takes a username and password, not a token"));
        }
        Ok(())
    };
    let no_password = |kind: &str| {
        if password != Secret::None || raw.username.is_some() {
            return Err(format!("a {kind} connection takes a token, not a username and password"));
        }
        Ok(())
    };
    let kind = match raw.kind.as_str() {
        "influxdb2" => {
            no_password("influxdb2")?;
            Kind::Influxdb2 {
                url: url()?,
                org: raw.org.clone().ok_or_else(|| "needs an `org`".to_owned())?,
                token: token.clone(),
            }
        }
        "influxdb1" => {
            no_token("influxdb1")?;
            Kind::Influxdb1 {
                url: url()?,
                database: raw.database.clone(),
                retention_policy: raw.retention_policy.clone(),
                username: raw.username.clone(),
                password: password.clone(),
            }
        }
        "influxdb3" => {
            no_password("influxdb3")?;
            Kind::Influxdb3 { url: url()?, database: raw.database.clone(), token: token.clone() }
        }
        "local" => {
            let data = raw.data.clone().ok_or_else(|| "needs a `data` directory".to_owned())?;
            Kind::Local { data: base.join(data) }
        }
        other => {
            return Err(format!("unknown kind `{other}`: expected influxdb2, influxdb1, influxdb3 or local"));
        }
    };
    let timeout = match &raw.timeout {
        None => DEFAULT_TIMEOUT,
        Some(text) => parse_timeout(text)?,
    };
    let mut allow = Allow::default();
    for service in &raw.allow {
        match service.as_str() {
            "net" => allow.net = true,
            "sql" => allow.sql = true,
            other => return Err(format!("unknown service `{other}` in `allow`: expected net or sql")),
        }
    }
    Ok(Connection {
        name,
        kind,
        origin,
        tls: Tls { ca_file: raw.ca_file.map(|p| base.join(p)), skip_verify: raw.skip_verify },
        timeout,
        allow,
    })
}

/// One of a value, a variable or a command, or none.
fn secret(value: Option<String>, env: Option<String>, command: Option<String>, what: &str) -> Result<Secret, String> {
    match (value, env, command) {
        (None, None, None) => Ok(Secret::None),
        (Some(v), None, None) => Ok(Secret::Value(v)),
        (None, Some(v), None) => Ok(Secret::Env(v)),
        (None, None, Some(c)) => Ok(Secret::Command(c)),
        _ => Err(format!("give one of `{what}`, `{what}_env` and `{what}_command`")),
    }
}

fn check_url(url: &str) -> Result<(), String> {
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(format!("the url `{url}` must start with http:// or https://"));
    }
    Ok(())
}

/// `30s`, `2m`, `500ms`.
pub fn parse_timeout(text: &str) -> Result<Duration, String> {
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let n: u64 = number.parse().map_err(|_| format!("the timeout `{text}` is not a duration such as 30s"))?;
    Ok(match unit {
        "ms" => Duration::from_millis(n),
        "s" => Duration::from_secs(n),
        "m" => Duration::from_secs(n * 60),
        "h" => Duration::from_secs(n * 3600),
        _ => return Err(format!("the timeout `{text}` needs a unit: ms, s, m or h")),
    })
}

/// The `influx` CLI's configs: `[name]` tables with `url`, `token`, `org` and `active`.
fn parse_influx_configs(text: &str, path: &Path) -> Result<Vec<Connection>, ConfigError> {
    #[derive(Deserialize)]
    struct Entry {
        url: Option<String>,
        token: Option<String>,
        org: Option<String>,
    }
    let entries: BTreeMap<String, Entry> =
        toml::from_str(text).map_err(|e| ConfigError(format!("{}: {e}", path.display())))?;
    let mut out = Vec::new();
    for (name, entry) in entries {
        let Some(url) = entry.url.filter(|u| check_url(u).is_ok()) else { continue };
        out.push(Connection {
            name,
            kind: Kind::Influxdb2 {
                url: url.trim_end_matches('/').to_owned(),
                org: entry.org.unwrap_or_default(),
                token: entry.token.map_or(Secret::None, Secret::Value),
            },
            origin: Origin::InfluxConfigs(path.to_owned()),
            tls: Tls::default(),
            timeout: DEFAULT_TIMEOUT,
            allow: Allow::default(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
