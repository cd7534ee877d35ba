import "sql"

sql.from(
    driverName: "postgres",
    dataSourceName: "postgresql://user:pass@localhost:5432/metrics",
    query: "SELECT host, region FROM hosts",
)
    |> filter(fn: (r) => r.region == "eu")
    |> yield(name: "hosts")
