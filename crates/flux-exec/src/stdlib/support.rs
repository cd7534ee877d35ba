//! What the embedded engine can run of the standard library, value by value: for
//! docs/stdlib.md, for hovers in the editor, and for the error a script gets when it calls
//! what the engine cannot run.

/// How the engine runs a standard-library value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Support {
    /// Implemented in Rust.
    Native,
    /// Written in Flux, on other functions of the engine (`crates/flux-exec/flux/`).
    Flux,
    /// Talks to an outside service, which the embedded engine does not connect to: what it
    /// needs.
    Service(&'static str),
    /// Not implemented.
    Missing,
}

/// The values that exist to reach another system, by package: `*` for the whole package.
const SERVICES: &[(&str, &[&str], &str)] = &[
    ("influxdata/influxdb", &["cardinality", "api"], "an InfluxDB connection"),
    ("contrib/jsternberg/influxdb", &["*"], "an InfluxDB connection"),
    ("experimental/influxdb", &["*"], "an InfluxDB connection"),
    ("experimental/usage", &["*"], "an InfluxDB Cloud connection"),
    ("experimental/query", &["*"], "an InfluxDB connection"),
    ("experimental/iox", &["from", "sql"], "an InfluxDB IOx connection"),
    ("influxdata/influxdb/v1", &["databases", "json"], "an InfluxDB connection"),
    ("influxdata/influxdb/sample", &["data", "list"], "the network (sample data sets)"),
    ("contrib/qxip/clickhouse", &["*"], "a ClickHouse server"),
    ("contrib/qxip/logql", &["*"], "a Loki server"),
    ("experimental/bigtable", &["*"], "a Google Bigtable connection"),
    ("http", &["endpoint"], "HTTP requests"),
    ("experimental/http", &["*"], "HTTP requests"),
    ("experimental/http/requests", &["*"], "HTTP requests"),
    ("experimental/csv", &["from"], "HTTP requests"),
    ("experimental/prometheus", &["scrape"], "HTTP requests"),
    ("socket", &["*"], "network sockets"),
    ("kafka", &["*"], "a Kafka broker"),
    ("experimental/mqtt", &["*"], "an MQTT broker"),
    ("slack", &["message", "endpoint"], "Slack"),
    ("pagerduty", &["sendEvent", "endpoint"], "PagerDuty"),
    ("pushbullet", &["pushNote", "pushData", "endpoint"], "Pushbullet"),
    ("contrib/bonitoo-io/alerta", &["alert", "endpoint"], "Alerta"),
    ("contrib/bonitoo-io/servicenow", &["event", "endpoint"], "ServiceNow"),
    ("contrib/bonitoo-io/victorops", &["alert", "endpoint"], "VictorOps"),
    ("contrib/bonitoo-io/zenoss", &["event", "endpoint"], "Zenoss"),
    ("contrib/chobbs/discord", &["send", "endpoint"], "Discord"),
    ("contrib/rhajek/bigpanda", &["sendAlert", "sendEvent", "endpoint"], "BigPanda"),
    ("contrib/sranka/opsgenie", &["sendAlert", "endpoint"], "Opsgenie"),
    ("contrib/sranka/sensu", &["event", "endpoint"], "Sensu"),
    ("contrib/sranka/teams", &["message", "endpoint"], "Microsoft Teams"),
    ("contrib/sranka/telegram", &["message", "endpoint"], "Telegram"),
    ("contrib/sranka/webexteams", &["message", "endpoint"], "Webex Teams"),
];

/// How the engine runs `package.name`.
pub fn support(package: &str, name: &str) -> Support {
    if super::value(package, name).is_some() || matches!(package, "internal/boolean") {
        return Support::Native;
    }
    if let Some(Ok(module)) = super::flux::module(package)
        && module.names.contains_key(name)
    {
        return Support::Flux;
    }
    match SERVICES.iter().find(|(p, names, _)| *p == package && (names.contains(&"*") || names.contains(&name))) {
        Some((_, _, what)) => Support::Service(what),
        None => Support::Missing,
    }
}

/// Why a script cannot run `package.name` here, when it cannot.
pub fn unavailable(package: &str, name: &str) -> Option<String> {
    let qualified = if package == "universe" { name.to_owned() } else { format!("{package}.{name}") };
    match support(package, name) {
        Support::Native | Support::Flux => None,
        Support::Service(what) => Some(format!(
            "`{qualified}` needs {what}, which the embedded engine does not connect to: it is not enabled in `flx run` and `flx test`"
        )),
        Support::Missing => Some(format!("`{qualified}` is not implemented by the embedded engine yet")),
    }
}
