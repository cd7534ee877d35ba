//! Whether a connection works: reachable, which version, authorized. `flx connections test`
//! and the language server's `flux.testConnection` both ask this.

use flux_connect::{Connection, Error, Kind};

/// One line per thing found out (`reachable: ...`, `authorized: ...`), or the first failure.
pub fn check_connection(connection: &Connection) -> Result<Vec<String>, Error> {
    let name = &connection.name;
    let url = connection.kind.url().unwrap_or_default();
    match &connection.kind {
        Kind::Influxdb2 { org, .. } => {
            let client = flux_connect::influxdb2::Influxdb2::new(connection)?;
            let health = client.health()?;
            let reachable = format!(
                "reachable: {url} answers /health ({}, InfluxDB {})",
                health.status,
                health.version.as_deref().unwrap_or("of unknown version")
            );
            let buckets = client.buckets()?;
            Ok(vec![reachable, format!("authorized: the token lists {} buckets of org {org}", buckets.len())])
        }
        Kind::Influxdb1 { database, .. } | Kind::Influxdb3 { database, .. } => {
            let client = flux_connect::influxql::InfluxQl::new(connection)?;
            let version = client.ping()?;
            let mut lines = vec![format!("reachable: {url} answers /ping (InfluxDB {version})")];
            let databases = client.databases()?;
            lines.push(format!("authorized: SHOW DATABASES lists {}", databases.len()));
            if let Some(database) = database {
                if !databases.contains(database) {
                    return Err(Error::new(
                        name,
                        format!("the database `{database}` does not exist (the server has: {})", databases.join(", ")),
                    ));
                }
                lines.push(format!("database `{database}`: present"));
            }
            Ok(lines)
        }
        Kind::Local { data } => {
            let buckets =
                flux_storage::DataDir::new(data.clone()).buckets().map_err(|e| Error::new(name, e.to_string()))?;
            Ok(vec![format!("local: {} holds {} buckets", data.display(), buckets.len())])
        }
    }
}
