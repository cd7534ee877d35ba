//! `flx serve`: InfluxDB's v2 HTTP API over the embedded engine and the local buckets of a
//! data directory, so that InfluxDB's client libraries, dashboards and tools query and write
//! flx as they would InfluxDB.
//!
//! Endpoints: `/api/v2/query` (Flux as JSON or `application/vnd.flux`, the `dialect`, results
//! as annotated CSV), `/api/v2/write` (line protocol, `precision`), `/api/v2/buckets` (list,
//! create, delete), `/api/v2/orgs` (for clients that look an organization up), `/api/v2/query/ast`,
//! `/health` and `/ping`. Errors have InfluxDB's shape,
//! `{"code": ..., "message": ...}`, and status codes.
//!
//! Queries run on blocking threads, each its own run of the engine; writes go through one
//! writer per bucket, kept open while the server runs (a bucket has one writer at a time, so
//! `flx write` waits its turn with an error, as two writers would).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use flux_exec::csv::Dialect;
use flux_ide::{AnalysisHost, Config, Origin, Severity};
use flux_storage::line_protocol::{self, Precision};
use flux_storage::{BucketInfo, DataDir, Writer};
use serde_json::{Value as Json, json};

/// How the server runs.
pub struct ServeConfig {
    pub addr: SocketAddr,
    pub data: DataDir,
    /// The token requests must carry (`Authorization: Token ...`); `None` serves without
    /// authentication, which [`check_binding`] allows on loopback addresses only.
    pub token: Option<String>,
    /// An InfluxDB 1.x or 3.x that queries read and writes go to, instead of the local
    /// buckets.
    pub forward: Option<Arc<flux_connect::influxql::InfluxQl>>,
}

/// Whether the server may listen on `addr` with these credentials: without a token only on
/// a loopback address, and only when asked to.
pub fn check_binding(addr: &SocketAddr, token: Option<&str>, no_auth: bool) -> Result<(), String> {
    match (token, no_auth) {
        (Some(_), true) => Err("give either a token or --no-auth, not both".to_owned()),
        (Some(""), false) => Err("the token is empty".to_owned()),
        (Some(_), false) => Ok(()),
        (None, true) if addr.ip().is_loopback() => Ok(()),
        (None, true) => Err(format!(
            "refusing to serve {addr} without a token: it is not a loopback address (give --token or --token-env)"
        )),
        (None, false) => {
            Err("give --token or --token-env, or --no-auth to serve a loopback address without one".to_owned())
        }
    }
}

struct Shared {
    data: DataDir,
    token: Option<String>,
    /// The open writer of each bucket written to.
    writers: Mutex<HashMap<String, Writer>>,
    forward: Option<Arc<flux_connect::influxql::InfluxQl>>,
}

/// The API's routes over a data directory, or over a database that requests are forwarded
/// to.
pub fn router(data: DataDir, token: Option<String>, forward: Option<Arc<flux_connect::influxql::InfluxQl>>) -> Router {
    let shared = Arc::new(Shared { data, token, writers: Mutex::new(HashMap::new()), forward });
    let api = Router::new()
        .route("/api/v2/query", post(query))
        .route("/api/v2/query/ast", post(ast))
        .route("/api/v2/write", post(write))
        .route("/api/v2/buckets", get(list_buckets).post(create_bucket))
        .route("/api/v2/buckets/{id}", delete(delete_bucket))
        .route("/api/v2/orgs", get(orgs))
        .route_layer(axum::middleware::from_fn_with_state(shared.clone(), require_token));
    Router::new().route("/health", get(health)).route("/ping", get(ping).head(ping)).merge(api).with_state(shared)
}

/// Every API route but health and ping needs the token.
async fn require_token(
    State(shared): State<Arc<Shared>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    match authorize(&shared, request.headers()) {
        Ok(()) => next.run(request).await,
        Err(e) => e.into_response(),
    }
}

/// Serves until `shutdown` completes; reports the address once listening.
pub async fn serve(
    config: ServeConfig,
    listening: impl FnOnce(SocketAddr),
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    listening(listener.local_addr()?);
    axum::serve(listener, router(config.data, config.token, config.forward)).with_graceful_shutdown(shutdown).await
}

/// An error in InfluxDB's shape: its status, and `{"code": ..., "message": ...}`.
struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(json!({"code": self.code, "message": self.message}))).into_response()
    }
}

fn api_error(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
    ApiError { status, code, message: message.into() }
}

/// An error response in InfluxDB's shape.
fn error(status: StatusCode, code: &'static str, message: impl Into<String>) -> Response {
    api_error(status, code, message).into_response()
}

fn authorize(shared: &Shared, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = &shared.token else { return Ok(()) };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Token ").or_else(|| v.strip_prefix("Bearer ")).map(str::trim));
    // Compared whole, in time that does not depend on where they differ.
    let matches = given.is_some_and(|given| {
        given.len() == token.len() && given.bytes().zip(token.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    });
    if matches { Ok(()) } else { Err(api_error(StatusCode::UNAUTHORIZED, "unauthorized", "unauthorized access")) }
}

const VERSION: &str = concat!("flx ", env!("CARGO_PKG_VERSION"));

async fn health() -> Response {
    axum::Json(json!({
        "name": "flx",
        "message": "ready for queries and writes",
        "status": "pass",
        "checks": [],
        "version": VERSION,
        "commit": "",
    }))
    .into_response()
}

async fn ping() -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let headers = response.headers_mut();
    headers.insert("X-Influxdb-Build", HeaderValue::from_static("OSS"));
    headers.insert("X-Influxdb-Version", HeaderValue::from_static(VERSION));
    response
}

/// What `/api/v2/query` is asked.
struct QueryRequest {
    text: String,
    dialect: Dialect,
    now: Option<i64>,
}

fn query_request(headers: &HeaderMap, body: &[u8]) -> Result<QueryRequest, ApiError> {
    let invalid = |message: String| api_error(StatusCode::BAD_REQUEST, "invalid", message);
    let text = std::str::from_utf8(body).map_err(|_| invalid("the request body is not UTF-8".to_owned()))?;
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("application/json");
    if content_type.starts_with("application/vnd.flux") {
        return Ok(QueryRequest { text: text.to_owned(), dialect: Dialect::ANNOTATED, now: None });
    }
    let json: Json = serde_json::from_str(text).map_err(|e| invalid(format!("the request body is not JSON: {e}")))?;
    if let Some(kind) = json.get("type").and_then(Json::as_str)
        && kind != "flux"
    {
        return Err(invalid(format!("queries of type `{kind}` are not supported: send Flux")));
    }
    let query =
        json.get("query").and_then(Json::as_str).ok_or_else(|| invalid("the request has no `query`".to_owned()))?;
    // InfluxDB's defaults when `dialect` is left out: the header and no annotations.
    let mut dialect = Dialect { datatype: false, group: false, default: false, header: true };
    if let Some(d) = json.get("dialect") {
        dialect.header = d.get("header").and_then(Json::as_bool).unwrap_or(true);
        for annotation in d.get("annotations").and_then(Json::as_array).into_iter().flatten() {
            match annotation.as_str() {
                Some("datatype") => dialect.datatype = true,
                Some("group") => dialect.group = true,
                Some("default") => dialect.default = true,
                other => return Err(invalid(format!("unknown annotation {other:?}"))),
            }
        }
        if d.get("delimiter").and_then(Json::as_str).is_some_and(|s| s != ",") {
            return Err(invalid("only `,` is supported as the delimiter".to_owned()));
        }
    }
    let now = match json.get("now").and_then(Json::as_str) {
        Some(text) => Some(flux_exec::time::parse_rfc3339(text).map_err(|e| invalid(format!("`now`: {e}")))?),
        None => None,
    };
    Ok(QueryRequest { text: query.to_owned(), dialect, now })
}

async fn query(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let request = match decoded_body(&headers, body).and_then(|body| query_request(&headers, &body)) {
        Ok(request) => request,
        Err(response) => return response.into_response(),
    };
    let (data, forward) = (shared.data.clone(), shared.forward.clone());
    let gzip = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.trim().split(';').next() == Some("gzip")));
    let dialect = request.dialect;
    let run = tokio::task::spawn_blocking(move || run_query(&request, &data, forward));
    match run.await {
        Ok(Ok(outcome)) => csv_response(outcome, dialect, gzip),
        Ok(Err(e)) => e.into_response(),
        Err(_) => error(StatusCode::INTERNAL_SERVER_ERROR, "internal error", "the query stopped unexpectedly"),
    }
}

/// The request's body, gunzipped when its `Content-Encoding` says so.
fn decoded_body(headers: &HeaderMap, body: Bytes) -> Result<Bytes, ApiError> {
    match headers.get(header::CONTENT_ENCODING).and_then(|v| v.to_str().ok()) {
        None | Some("identity") => Ok(body),
        Some("gzip") => {
            let mut decoded = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&body[..]), &mut decoded).map_err(|e| {
                api_error(StatusCode::BAD_REQUEST, "invalid", format!("the gzip body does not decode: {e}"))
            })?;
            Ok(decoded.into())
        }
        Some(other) => Err(api_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "invalid",
            format!("unsupported Content-Encoding `{other}`: send gzip or nothing"),
        )),
    }
}

/// How much CSV a chunk of a query's answer holds before it is sent.
const CHUNK: usize = 256 * 1024;

/// The results as an annotated CSV body sent in chunks as it is encoded (gzipped when the
/// client takes that), ended by InfluxDB's error table when the run failed after output.
fn csv_response(outcome: flux_exec::RunOutcome, dialect: Dialect, gzip: bool) -> Response {
    let (sender, receiver) = tokio::sync::mpsc::channel::<std::io::Result<Bytes>>(4);
    tokio::task::spawn_blocking(move || {
        let mut gzipper = gzip.then(|| flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast()));
        // False once the client is gone: nothing more is encoded.
        let mut send = |text: &mut String| -> bool {
            let bytes = match &mut gzipper {
                None => Bytes::from(std::mem::take(text)),
                Some(encoder) => {
                    let written = std::io::Write::write_all(encoder, text.as_bytes());
                    text.clear();
                    if let Err(e) = written {
                        return sender.blocking_send(Err(e)).is_ok();
                    }
                    Bytes::from(std::mem::take(encoder.get_mut()))
                }
            };
            bytes.is_empty() || sender.blocking_send(Ok(bytes)).is_ok()
        };
        let mut out = String::with_capacity(CHUNK + 4096);
        let mut open = true;
        for result in &outcome.results {
            if !open {
                return;
            }
            flux_exec::csv::encode_result_chunked(&mut out, result, dialect, CHUNK, &mut |text| open &= send(text));
            out.push_str("\r\n");
        }
        if let Some(failure) = &outcome.error {
            // After output, as InfluxDB does mid-stream: the error table ends the response.
            flux_exec::csv::encode_error(&mut out, &failure.message, true);
        }
        if open
            && send(&mut out)
            && let Some(encoder) = gzipper.take()
        {
            let _ = match encoder.finish() {
                Ok(rest) => sender.blocking_send(Ok(Bytes::from(rest))),
                Err(e) => sender.blocking_send(Err(e)),
            };
        }
    });
    let body = futures::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    });
    let csv = (header::CONTENT_TYPE, "text/csv; charset=utf-8");
    let body = axum::body::Body::from_stream(body);
    if gzip { ([csv, (header::CONTENT_ENCODING, "gzip")], body).into_response() } else { ([csv], body).into_response() }
}

/// Checks and runs a query: its results, or InfluxDB's error when it made none.
fn run_query(
    request: &QueryRequest,
    data: &DataDir,
    forward: Option<Arc<flux_connect::influxql::InfluxQl>>,
) -> Result<flux_exec::RunOutcome, ApiError> {
    let mut host = AnalysisHost::new(Config::default());
    let file = host.set_file("query.flux", Arc::from(request.text.as_str()), None, Origin::Disk);
    let analysis = host.analysis();
    let diagnostics = analysis.diagnostics(file).expect("nothing changes the input: no cancellation");
    let index = analysis.line_index(file).expect("nothing changes the input: no cancellation");
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let at = index.line_col(d.range.start, flux_syntax::ColumnEncoding::Utf8);
            format!("error @{}:{}: {}", at.line + 1, at.col + 1, d.message)
        })
        .collect();
    if !errors.is_empty() {
        return Err(api_error(
            StatusCode::BAD_REQUEST,
            "invalid",
            format!("compilation failed: {}", errors.join("; ")),
        ));
    }
    let program = analysis.program(file).expect("nothing changes the input: no cancellation");
    let options = flux_exec::RunOptions {
        now: request.now.unwrap_or_else(flux_exec::time::now),
        data_dir: Some(data.clone()),
        influxql: forward,
        ..flux_exec::RunOptions::default()
    };
    let outcome = flux_exec::run_with(&program, &options);
    if let Some(failure) = &outcome.error
        && outcome.results.is_empty()
    {
        return Err(api_error(StatusCode::BAD_REQUEST, "invalid", failure.message.clone()));
    }
    Ok(outcome)
}

async fn ast(headers: HeaderMap, body: Bytes) -> Response {
    let request = match query_request(&headers, &body) {
        Ok(request) => request,
        Err(response) => return response.into_response(),
    };
    let parse = flux_syntax::parse(&request.text);
    let options = flux_syntax::json::JsonOptions { file_name: "", pretty: false, code_only: false };
    let file = flux_syntax::json::to_json(&parse.file, &request.text, &parse.errors, options);
    let file: Json = serde_json::from_str(&file).expect("the AST writer writes JSON");
    axum::Json(json!({"ast": {"type": "Package", "package": "main", "files": [file]}})).into_response()
}

async fn write(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
    body: Bytes,
) -> Response {
    let Some(bucket) = params.get("bucket").cloned() else {
        return error(StatusCode::BAD_REQUEST, "invalid", "the `bucket` parameter is missing");
    };
    let precision = match params.get("precision").map(String::as_str) {
        None => Precision::Nanoseconds,
        Some(p) => match Precision::parse(p) {
            Some(precision) => precision,
            None => {
                return error(StatusCode::BAD_REQUEST, "invalid", format!("invalid precision `{p}`: ns, us, ms or s"));
            }
        },
    };
    let body = match decoded_body(&headers, body) {
        Ok(body) => body,
        Err(response) => return response.into_response(),
    };
    let task = tokio::task::spawn_blocking(move || write_points(&shared, &bucket, precision, &body));
    match task.await {
        Ok(response) => response,
        Err(_) => error(StatusCode::INTERNAL_SERVER_ERROR, "internal error", "the write stopped unexpectedly"),
    }
}

/// A whole batch or nothing: a bad line rejects the write, as InfluxDB does.
fn write_points(shared: &Shared, bucket: &str, precision: Precision, body: &[u8]) -> Response {
    let Ok(text) = std::str::from_utf8(body) else {
        return error(StatusCode::BAD_REQUEST, "invalid", "the line protocol is not UTF-8");
    };
    if let Some(database) = &shared.forward {
        return forward_write(database, bucket, precision, text);
    }
    let mut writers = shared.writers.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if !writers.contains_key(bucket) {
        match shared.data.bucket(bucket) {
            Ok(Some(_)) => {}
            Ok(None) => return error(StatusCode::NOT_FOUND, "not found", format!("bucket \"{bucket}\" not found")),
            Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, "internal error", e.to_string()),
        }
        match shared.data.writer(bucket, false) {
            Ok(writer) => {
                writers.insert(bucket.to_owned(), writer);
            }
            Err(e) => return error(StatusCode::SERVICE_UNAVAILABLE, "unavailable", e.to_string()),
        }
    }
    let writer = writers.get_mut(bucket).expect("opened above");
    let mut batch = flux_storage::Batch::default();
    let errors =
        line_protocol::parse_into(text, precision, flux_exec::time::now(), &mut batch, &|m, f| writer.field_type(m, f));
    if let Some(first) = errors.first() {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid",
            format!(
                "unable to parse line {}: {} (nothing written; {} bad lines)",
                first.line,
                first.message,
                errors.len()
            ),
        );
    }
    match writer.write_batch(batch) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, "internal error", e.to_string()),
    }
}

/// A write checked here (a bad line rejects all, as for local buckets), then sent to the
/// database with nanosecond times.
fn forward_write(
    database: &flux_connect::influxql::InfluxQl,
    bucket: &str,
    precision: Precision,
    text: &str,
) -> Response {
    let (points, errors) = line_protocol::parse(text, precision);
    if let Some(first) = errors.first() {
        let message = format!(
            "unable to parse line {}: {} (nothing written; {} bad lines)",
            first.line,
            first.message,
            errors.len()
        );
        return error(StatusCode::BAD_REQUEST, "invalid", message);
    }
    let now = flux_exec::time::now();
    let mut lines = String::new();
    for point in &points {
        lines.push_str(&line_protocol::encode(point, point.time.unwrap_or(now)));
        lines.push('\n');
    }
    let (db, rp) = database.target(bucket);
    match database.write(&db, rp.as_deref(), lines.into_bytes()) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error(StatusCode::BAD_GATEWAY, "unavailable", e.to_string()),
    }
}

/// Local buckets belong to no organization; clients that look one up by name (to learn its
/// ID) find the one they ask for, so that any `org` works, as it does in every other call.
async fn orgs(Query(params): Query<HashMap<String, String>>) -> Response {
    let name = params.get("org").map_or("flx", String::as_str);
    let id = params.get("orgID").map_or(ORG_ID, String::as_str);
    axum::Json(json!({"links": {"self": "/api/v2/orgs"}, "orgs": [{"id": id, "name": name}]})).into_response()
}

/// The ID of the organization clients look up.
const ORG_ID: &str = "0000000000000001";

fn bucket_json(bucket: &BucketInfo) -> Json {
    let rules: Vec<Json> = bucket
        .retention
        .map(|r| json!({"type": "expire", "everySeconds": r / 1_000_000_000, "shardGroupDurationSeconds": 0}))
        .into_iter()
        .collect();
    json!({
        "id": bucket.name,
        "orgID": ORG_ID,
        "type": "user",
        "name": bucket.name,
        "retentionRules": rules,
        "labels": [],
        "links": {"self": format!("/api/v2/buckets/{}", bucket.name)},
    })
}

async fn list_buckets(State(shared): State<Arc<Shared>>, Query(params): Query<HashMap<String, String>>) -> Response {
    if let Some(database) = shared.forward.clone() {
        // The database's databases are the buckets.
        let listed = tokio::task::spawn_blocking(move || database.databases()).await;
        return match listed {
            Ok(Ok(names)) => {
                let listed: Vec<Json> = names
                    .iter()
                    .filter(|n| params.get("name").is_none_or(|name| name == *n))
                    .map(|name| bucket_json(&BucketInfo { name: name.clone(), retention: None }))
                    .collect();
                axum::Json(json!({"links": {"self": "/api/v2/buckets"}, "buckets": listed})).into_response()
            }
            Ok(Err(e)) => error(StatusCode::BAD_GATEWAY, "unavailable", e.to_string()),
            Err(_) => error(StatusCode::INTERNAL_SERVER_ERROR, "internal error", "the listing stopped unexpectedly"),
        };
    }
    match shared.data.buckets() {
        Ok(buckets) => {
            let listed: Vec<Json> = buckets
                .iter()
                .filter(|b| params.get("name").is_none_or(|name| *name == b.name))
                .filter(|b| params.get("id").is_none_or(|id| *id == b.name))
                .map(bucket_json)
                .collect();
            axum::Json(json!({"links": {"self": "/api/v2/buckets"}, "buckets": listed})).into_response()
        }
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, "internal error", e.to_string()),
    }
}

async fn create_bucket(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    if let Some(database) = &shared.forward {
        let message =
            format!("buckets are the databases of the connection `{}`: create and delete them there", database.name());
        return error(StatusCode::BAD_REQUEST, "invalid", message);
    }
    let Ok(json) = serde_json::from_slice::<Json>(&body) else {
        return error(StatusCode::BAD_REQUEST, "invalid", "the request body is not JSON");
    };
    let Some(name) = json.get("name").and_then(Json::as_str) else {
        return error(StatusCode::BAD_REQUEST, "invalid", "the bucket has no `name`");
    };
    let seconds = json
        .get("retentionRules")
        .and_then(Json::as_array)
        .and_then(|rules| rules.iter().find_map(|r| r.get("everySeconds").and_then(Json::as_i64)))
        .filter(|&s| s > 0);
    let info = BucketInfo { name: name.to_owned(), retention: seconds.map(|s| s.saturating_mul(1_000_000_000)) };
    match shared.data.create_bucket(&info) {
        Ok(()) => (StatusCode::CREATED, axum::Json(bucket_json(&info))).into_response(),
        Err(e) if e.message.contains("exists already") => {
            error(StatusCode::UNPROCESSABLE_ENTITY, "conflict", e.message)
        }
        Err(e) => error(StatusCode::BAD_REQUEST, "invalid", e.message),
    }
}

async fn delete_bucket(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    if let Some(database) = &shared.forward {
        let message =
            format!("buckets are the databases of the connection `{}`: create and delete them there", database.name());
        return error(StatusCode::BAD_REQUEST, "invalid", message);
    }
    // The server's own writer lets go first.
    shared.writers.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).remove(&id);
    match shared.data.delete_bucket(&id) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) if e.message.contains("there is no bucket") => {
            error(StatusCode::NOT_FOUND, "not found", format!("bucket \"{id}\" not found"))
        }
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, "internal error", e.message),
    }
}
