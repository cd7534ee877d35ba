//! Connections to databases: where they are configured (`flx.toml`, the `influx` CLI's own
//! configs and environment), and the clients that speak to InfluxDB 2.x/Cloud (Flux over
//! `/api/v2/query`) and to InfluxDB 1.x and 3.x (InfluxQL over `/query`), and the SQL
//! databases of `sql.from` and `sql.to` (SQLite, PostgreSQL).
//!
//! The clients are synchronous, for the engine that calls them from its own thread; their
//! requests run on a shared background runtime and stop when the run is canceled.

pub mod config;
mod error;
pub mod http;
pub mod influxdb2;
pub mod influxql;
pub mod sql;

pub use config::{Allow, Connection, Connections, Kind, Origin, Places, Secret, Tls};
pub use error::{CANCELED, Error};
