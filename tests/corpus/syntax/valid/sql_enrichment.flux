// Enriching time series with metadata from a SQL database.
import "sql"
import "join"

devices = sql.from(
    driverName: "postgres",
    dataSourceName: "postgresql://reader@db.internal:5432/inventory?sslmode=require",
    query: "SELECT serial, site, model FROM devices WHERE active = true",
)

readings = from(bucket: "iot")
    |> range(start: -1h)
    |> filter(fn: (r) => r._measurement == "battery" and r._field == "voltage")
    |> last()
    |> group()

join.left(
    left: readings,
    right: devices,
    on: (l, r) => l.serial == r.serial,
    as: (l, r) => ({l with site: r.site, model: r.model}),
)
