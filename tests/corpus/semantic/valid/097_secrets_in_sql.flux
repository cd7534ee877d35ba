import "influxdata/influxdb/secrets"
import "sql"

password = secrets.get(key: "PG_PASSWORD")

sql.from(
    driverName: "postgres",
    dataSourceName: "postgresql://reader:${password}@db:5432/app",
    query: "SELECT 1",
)
