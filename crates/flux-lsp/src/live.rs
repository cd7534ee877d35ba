//! The live schema: the buckets, measurements, fields, tag keys and tag values of the current
//! connection (local buckets or a database), asked with `buckets()` and the `schema` package's
//! functions (an InfluxDB 1.x or 3.x with its `SHOW` statements), for completion inside
//! strings.
//!
//! What a connection said is cached by connection and used for `schema.ttl`; then the next
//! completion asks again in the background and answers from the cache meanwhile. A completion
//! waits at most [`COMPLETION_WAIT`] for a fetch in progress, then answers with what there is
//! and `isIncomplete`, so that the client asks again. The schema file wins where both know a
//! name ([`flux_ide::Schema::merged`]).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use flux_connect::Connection;
use flux_ide::{Schema, SchemaProvider};
use serde_json::Value;
use tower_lsp_server::ls_types::MessageType;

use crate::config::Settings;
use crate::run::Target;
use crate::server::Server;

/// The longest a completion waits for a fetch in progress.
pub const COMPLETION_WAIT: Duration = Duration::from_millis(50);

/// After a failed fetch, the next try waits at least this long (or the TTL, if shorter).
const RETRY_AFTER: Duration = Duration::from_secs(60);

/// Most buckets, measurements per bucket, and values per tag asked for.
const MAX_BUCKETS: usize = 50;
const MAX_MEASUREMENTS: usize = 200;
const MAX_TAG_VALUES: usize = 500;

/// The live schema's state in the session.
#[derive(Default)]
pub struct Live {
    /// What each connection said, and when (by [`key`]).
    cache: HashMap<String, (Arc<Schema>, Instant)>,
    /// The connection completion uses now, once known.
    current: Option<String>,
    /// A fetch in progress, and its cancel flag.
    fetching: Option<Arc<AtomicBool>>,
    /// When the last fetch failed, so that a broken connection is not asked at every keystroke.
    failed: Option<Instant>,
    /// The schema file's, kept apart to merge with each connection's.
    pub file: Option<Arc<Schema>>,
}

impl Live {
    /// The schema completion uses: the file's and the current connection's.
    pub fn combined(&self) -> Option<Arc<Schema>> {
        let live = self.current.as_ref().and_then(|key| self.cache.get(key)).map(|(schema, _)| schema);
        match (&self.file, live) {
            (Some(file), Some(live)) => Some(Arc::new(file.merged(live))),
            (file, live) => file.clone().or_else(|| live.cloned()),
        }
    }

    /// Whether the current connection's schema is missing or older than `ttl`, and may be
    /// asked for now.
    fn due(&self, ttl: Duration) -> bool {
        if self.fetching.is_some() || self.failed.is_some_and(|at| at.elapsed() < ttl.min(RETRY_AFTER)) {
            return false;
        }
        self.current.as_ref().and_then(|key| self.fresh(key, ttl)).is_none()
    }

    /// What the connection of `key` said, while it is younger than `ttl`.
    fn fresh(&self, key: &str, ttl: Duration) -> Option<Arc<Schema>> {
        self.cache.get(key).filter(|(_, fetched)| fetched.elapsed() < ttl).map(|(schema, _)| schema.clone())
    }

    /// Keeps what a connection said, as of now.
    fn store(&mut self, key: String, schema: Arc<Schema>) {
        self.cache.insert(key, (schema, Instant::now()));
    }

    pub fn is_fetching(&self) -> bool {
        self.fetching.is_some()
    }

    /// Forgets which connection is current (it changed) and stops a fetch for the old one.
    pub fn connection_changed(&mut self) {
        self.current = None;
        self.failed = None;
        if let Some(cancel) = self.fetching.take() {
            cancel.store(true, Ordering::Relaxed);
        }
    }
}

/// The cache key of a target: the connection's name, or the local data directory.
fn key(target: &Target) -> String {
    match &target.connection {
        Some(c) => format!("connection {}", c.name),
        None => format!("local {}", target.data_dir.display()),
    }
}

/// Asks a target for its schema, with Flux run on the engine.
pub struct LiveSchemaProvider {
    target: Target,
    cancel: Arc<AtomicBool>,
}

impl LiveSchemaProvider {
    /// Runs a made-up script on the target; the `_value`s of each result, by result name.
    fn ask(&self, script: &str) -> Result<HashMap<String, Vec<String>>, String> {
        let program = flux_ide::compile("schema.flux", script).map_err(|e| format!("the schema query: {e}"))?;
        // A schema query needs no outside service, whatever the target allows.
        let options = flux_exec::RunOptions {
            allow: flux_connect::Allow::default(),
            ..self.target.run_options(flux_exec::time::now(), self.cancel.clone())
        };
        let outcome = flux_exec::run_on(&program, script, self.target.connection.as_ref(), options);
        if let Some(error) = outcome.error {
            return Err(error.message);
        }
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        for result in outcome.results {
            let values = out.entry(result.name).or_default();
            for table in &result.tables {
                let Some(column) = table.column_index("_value").or_else(|| table.column_index("name")) else {
                    continue;
                };
                for row in 0..table.len() {
                    if let flux_exec::value::Value::String(s) = table.cell(row, column) {
                        values.push(s.to_string());
                    }
                }
            }
        }
        Ok(out)
    }

    /// How far back the `schema` functions look: everything in local buckets, whose index
    /// answers without reading the data; the functions' own 30 days on a database.
    fn start(&self) -> &'static str {
        match &self.target.connection {
            None | Some(Connection { kind: flux_connect::Kind::Local { .. }, .. }) => "time(v: 0)",
            Some(_) => "-30d",
        }
    }
}

impl LiveSchemaProvider {
    /// InfluxDB 1.x and 3.x: their `SHOW` statements, which answer from the index, where the
    /// `schema` functions would read every point of the last 30 days through InfluxQL. Each
    /// database is a bucket, and so is each `database/retention policy`.
    fn load_influxql(&self, connection: &Connection) -> Result<Schema, String> {
        let client = flux_connect::influxql::InfluxQl::new(connection)
            .map_err(|e| e.to_string())?
            .with_cancel(Some(self.cancel.clone()));
        let mut databases = match &client.database {
            Some(database) => vec![database.clone()],
            None => client.databases().map_err(|e| e.to_string())?,
        };
        databases.retain(|d| !d.starts_with('_'));
        databases.truncate(MAX_BUCKETS);
        let mut schema = Schema::default();
        for database in databases {
            let found = client.schema(&database, MAX_MEASUREMENTS, MAX_TAG_VALUES).map_err(|e| e.to_string())?;
            let mut bucket = flux_ide::schema::Bucket::default();
            for (name, keys) in found.measurements {
                let measurement = flux_ide::schema::Measurement { fields: keys.fields, tags: keys.tags };
                bucket.measurements.insert(name, measurement);
            }
            for rp in &found.retention_policies {
                schema.buckets.insert(format!("{database}/{rp}"), bucket.clone());
            }
            schema.buckets.insert(database, bucket);
        }
        Ok(schema)
    }
}

impl SchemaProvider for LiveSchemaProvider {
    fn source(&self) -> String {
        match &self.target.connection {
            Some(c) => format!("the connection `{}`", c.name),
            None => format!("the local buckets in {}", self.target.data_dir.display()),
        }
    }

    fn load(&self) -> Result<Schema, String> {
        if let Some(c) = &self.target.connection
            && matches!(c.kind, flux_connect::Kind::Influxdb1 { .. } | flux_connect::Kind::Influxdb3 { .. })
        {
            return self.load_influxql(c);
        }
        const IMPORT: &str = "import \"influxdata/influxdb/schema\"\n";
        let buckets = self.ask("buckets() |> keep(columns: [\"name\"])\n")?;
        let mut names: Vec<String> = buckets.into_values().flatten().filter(|b| !b.starts_with('_')).collect();
        names.sort();
        names.truncate(MAX_BUCKETS);
        let start = self.start();
        let mut schema = Schema::default();
        for bucket in names {
            let b = flux_exec::remote::string_literal(&bucket);
            let script = format!("{IMPORT}schema.measurements(bucket: {b}, start: {start}) |> yield(name: \"m\")\n");
            let mut measurements = self.ask(&script)?.remove("m").unwrap_or_default();
            measurements.truncate(MAX_MEASUREMENTS);
            let entry = schema.buckets.entry(bucket.clone()).or_default();
            if measurements.is_empty() {
                continue;
            }
            // Fields and tag keys of every measurement in one script, tag values in a second.
            let mut script = IMPORT.to_owned();
            for (i, m) in measurements.iter().enumerate() {
                let m = flux_exec::remote::string_literal(m);
                script.push_str(&format!(
                    "schema.measurementFieldKeys(bucket: {b}, measurement: {m}, start: {start}) |> yield(name: \"f{i}\")\n\
                     schema.measurementTagKeys(bucket: {b}, measurement: {m}, start: {start}) |> yield(name: \"t{i}\")\n"
                ));
            }
            let mut keys = self.ask(&script)?;
            let mut script = IMPORT.to_owned();
            let mut asked = Vec::new();
            for (i, m) in measurements.iter().enumerate() {
                let fields = keys.remove(&format!("f{i}")).unwrap_or_default();
                let tags: Vec<String> = keys
                    .remove(&format!("t{i}"))
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|t| !t.starts_with('_'))
                    .collect();
                let measurement = entry.measurements.entry(m.clone()).or_default();
                measurement.fields = fields;
                for tag in tags {
                    let n = asked.len();
                    script.push_str(&format!(
                        "schema.measurementTagValues(bucket: {b}, measurement: {}, tag: {}, start: {start}) \
                         |> limit(n: {MAX_TAG_VALUES}) |> yield(name: \"v{n}\")\n",
                        flux_exec::remote::string_literal(m),
                        flux_exec::remote::string_literal(&tag)
                    ));
                    measurement.tags.insert(tag.clone(), Vec::new());
                    asked.push((m.clone(), tag));
                }
            }
            if asked.is_empty() {
                continue;
            }
            let mut values = self.ask(&script)?;
            for (n, (m, tag)) in asked.into_iter().enumerate() {
                let found = values.remove(&format!("v{n}")).unwrap_or_default();
                if let Some(slot) = entry.measurements.get_mut(&m).and_then(|m| m.tags.get_mut(&tag)) {
                    *slot = found;
                }
            }
        }
        Ok(schema)
    }
}

impl Server {
    /// Fetches the current connection's schema in the background when it is due (`force`:
    /// whatever its age). Returns at once.
    pub(crate) fn refresh_live_schema(&self, force: bool) {
        let cancel = Arc::new(AtomicBool::new(false));
        // Decided and marked under one lock, so that two completions start one fetch.
        let Some(Some((settings, roots, connection))) = self.with_session(|s| {
            let ttl = s.settings.schema_ttl;
            let due = s.settings.live_schema && ((force && s.live.fetching.is_none()) || s.live.due(ttl));
            if due {
                s.live.fetching = Some(cancel.clone());
            }
            due.then(|| (s.settings.clone(), s.roots.clone(), s.runs_connection()))
        }) else {
            return;
        };
        let server = self.handle();
        let runtime = tokio::runtime::Handle::current();
        let spawned = std::thread::Builder::new().name("flx-schema".to_owned()).stack_size(16 << 20).spawn(move || {
            crate::run::lower_priority();
            let fetched = fetch(&settings, &roots, &connection, cancel.clone());
            runtime.spawn(async move { server.schema_fetched(fetched, cancel).await });
        });
        if spawned.is_err() {
            self.with_session(|s| s.live.fetching = None);
        }
    }

    /// Stores what a fetch found (unless it was cancelled: the connection changed meanwhile).
    async fn schema_fetched(&self, fetched: Result<(String, Schema), String>, cancel: Arc<AtomicBool>) {
        let failure = self
            .with_session(|s| {
                if s.live.fetching.as_ref().is_some_and(|f| Arc::ptr_eq(f, &cancel)) {
                    s.live.fetching = None;
                }
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                match fetched {
                    Ok((key, schema)) => {
                        s.live.store(key.clone(), Arc::new(schema));
                        s.live.current = Some(key);
                        s.live.failed = None;
                        let combined = s.live.combined();
                        s.host.set_schema(combined);
                        None
                    }
                    Err(message) => {
                        s.live.failed = Some(Instant::now());
                        Some(message)
                    }
                }
            })
            .flatten();
        self.shared.schema_fetched.notify_waiters();
        if let Some(message) = failure {
            self.log(MessageType::WARNING, format!("live schema: {message}"));
        }
    }

    /// Before a completion: starts a fetch when one is due and waits up to [`COMPLETION_WAIT`]
    /// for one in progress. Whether the answer is to be marked incomplete (the fetch goes on).
    pub(crate) async fn live_schema_for_completion(&self) -> bool {
        self.refresh_live_schema(false);
        let waiting = self.shared.schema_fetched.notified();
        if !self.with_session(|s| s.live.is_fetching()).unwrap_or(false) {
            return false;
        }
        let _ = tokio::time::timeout(COMPLETION_WAIT, waiting).await;
        self.with_session(|s| s.live.is_fetching()).unwrap_or(false)
    }
}

fn fetch(
    settings: &Settings,
    roots: &[PathBuf],
    connection: &crate::run::Choice,
    cancel: Arc<AtomicBool>,
) -> Result<(String, Schema), String> {
    let target = crate::run::target(settings, roots, connection)?;
    let key = key(&target);
    let provider = LiveSchemaProvider { target, cancel };
    let source = provider.source();
    let schema = provider.load().map_err(|e| format!("{source}: {e}"))?;
    Ok((key, schema))
}

impl Server {
    /// `flux.schema`: a connection's whole schema for a schema explorer, from the cache while
    /// it is fresh (and `refresh` is not asked), else asked now and cached for completion too.
    pub(crate) async fn schema_command(
        &self,
        args: crate::run::SchemaArgs,
    ) -> tower_lsp_server::jsonrpc::Result<Value> {
        use crate::run::{blocking, on_own_thread, request_failed};
        let Some((settings, roots, current)) =
            self.with_session(|s| (s.settings.clone(), s.roots.clone(), s.runs_connection()))
        else {
            return Err(crate::run::not_initialized());
        };
        let choice = args.connection.map_or(current, Some);
        let (target_settings, target_roots, target_choice) = (settings.clone(), roots.clone(), choice.clone());
        let target = blocking(move || crate::run::target(&target_settings, &target_roots, &target_choice))
            .await?
            .map_err(request_failed)?;
        let key = key(&target);
        let name = target.connection.as_ref().map(|c| c.name.clone());
        let cached =
            self.with_session(|s| s.live.fresh(&key, s.settings.schema_ttl)).flatten().filter(|_| !args.refresh);
        let (schema, from_cache) = match cached {
            Some(schema) => (schema, true),
            None => {
                let provider = LiveSchemaProvider { target, cancel: Arc::new(AtomicBool::new(false)) };
                let source = provider.source();
                let schema = on_own_thread(move || provider.load())
                    .await?
                    .map_err(|e| request_failed(format!("{source}: {e}")))?;
                let schema = Arc::new(schema);
                self.with_session(|s| {
                    s.live.store(key.clone(), schema.clone());
                    if s.live.current.as_ref() == Some(&key) {
                        let combined = s.live.combined();
                        s.host.set_schema(combined);
                    }
                });
                (schema, false)
            }
        };
        Ok(serde_json::json!({
            "connection": name,
            "cached": from_cache,
            "buckets": schema.buckets.iter().map(|(bucket, b)| serde_json::json!({
                "name": bucket,
                "measurements": b.measurements.iter().map(|(measurement, m)| serde_json::json!({
                    "name": measurement,
                    "fields": m.fields,
                    "tags": m.tags.iter().map(|(tag, values)| serde_json::json!({"name": tag, "values": values})).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        }))
    }
}
