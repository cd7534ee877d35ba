//! `flx serve`: InfluxDB's v2 HTTP API over the local buckets (crate `flux-serve`).

use std::ffi::OsString;
use std::net::SocketAddr;

use crate::{Outcome, UsageError};

pub const HELP: &str = "\
Serve InfluxDB's v2 HTTP API over the local buckets (or over a configured InfluxDB 1.x or
3.x), for InfluxDB's client libraries, dashboards and tools.

Usage: flx serve [options]

Options:
  --addr <host:port>    Where to listen (default: 127.0.0.1:8086, InfluxDB's port)
  --token <token>       The token requests must carry (Authorization: Token ...)
  --token-env <var>     Read the token from this environment variable instead
  --no-auth             Serve without a token; only on a loopback address
  --data <dir>          The data directory (default: $FLX_DATA_DIR, else .flx/data)
  --connection <name>   Serve a configured InfluxDB 1.x or 3.x instead of local buckets:
                        queries read it through InfluxQL, writes go to its databases
  -h, --help            Show this help

Endpoints: /api/v2/query, /api/v2/write, /api/v2/buckets, /api/v2/query/ast, /health,
/ping. Ctrl-C stops the server after the requests in flight.";

pub fn serve(parser: &mut lexopt::Parser) -> Result<Outcome, UsageError> {
    use lexopt::prelude::*;
    let mut addr: SocketAddr = "127.0.0.1:8086".parse().expect("a valid address");
    let (mut token, mut token_env, mut no_auth, mut data): (Option<String>, Option<String>, bool, Option<OsString>) =
        (None, None, false, None);
    let mut connection: Option<String> = None;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("addr") => {
                let value = parser.value()?.string()?;
                addr = value.parse().map_err(|_| {
                    UsageError(format!(
                        "invalid value `{value}` for --addr: expected host:port, such as 127.0.0.1:8086"
                    ))
                })?;
            }
            Long("token") => token = Some(parser.value()?.string()?),
            Long("token-env") => token_env = Some(parser.value()?.string()?),
            Long("no-auth") => no_auth = true,
            Long("data") => data = Some(parser.value()?),
            Long("connection") => connection = Some(parser.value()?.string()?),
            Long("help") | Short('h') => {
                println!("{HELP}");
                return Ok(Outcome::Clean);
            }
            other => return Err(other.unexpected().into()),
        }
    }
    if let Some(var) = token_env {
        if token.is_some() {
            return Err(UsageError("give --token or --token-env, not both".to_owned()));
        }
        token =
            Some(std::env::var(&var).map_err(|_| UsageError(format!("the environment variable {var} is not set")))?);
    }
    flux_serve::check_binding(&addr, token.as_deref(), no_auth).map_err(UsageError)?;
    let data = crate::write::data_dir(data);
    let forward = match connection.map(|name| forward_to(&name)).transpose() {
        Ok(forward) => forward,
        Err(message) => {
            eprintln!("flx: {message}");
            return Ok(Outcome::Failed);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("flx: cannot start the server: {e}");
            return Ok(Outcome::Failed);
        }
    };
    let over = match &forward {
        Some(database) => format!("the connection `{}`", database.name()),
        None => format!("the buckets in {}", data.root().display()),
    };
    let config = flux_serve::ServeConfig { addr, data, token, forward };
    let served = runtime.block_on(flux_serve::serve(
        config,
        |bound| eprintln!("flx: serving InfluxDB's API on http://{bound} over {over}"),
        async {
            let _ = tokio::signal::ctrl_c().await;
        },
    ));
    match served {
        Ok(()) => Ok(Outcome::Clean),
        Err(e) => {
            eprintln!("flx: cannot serve {addr}: {e}");
            Ok(Outcome::Failed)
        }
    }
}

/// The InfluxDB 1.x or 3.x connection `name`, which the server forwards to.
fn forward_to(name: &str) -> Result<std::sync::Arc<flux_connect::influxql::InfluxQl>, String> {
    let connections = crate::connections::load()?;
    let connection = connections.choose(Some(name)).map_err(|e| e.to_string())?.expect("a name was given");
    match connection.kind {
        flux_connect::Kind::Influxdb1 { .. } | flux_connect::Kind::Influxdb3 { .. } => {
            let client = flux_connect::influxql::InfluxQl::new(connection).map_err(|e| e.to_string())?;
            Ok(std::sync::Arc::new(client))
        }
        ref other => Err(format!(
            "`flx serve --connection` forwards to an influxdb1 or influxdb3 connection; `{name}` is {}",
            other.name()
        )),
    }
}
