// Reads from and writes to SQL databases (MySQL, PostgreSQL, SQLite, SQL Server, Snowflake and
// others) through Go database drivers; the connection string format depends on the driver.
package sql

// Runs `query` against a SQL database and returns the result rows as a stream of tables.
// `driverName` picks the driver (e.g. `postgres`, `mysql`, `sqlite3`) and `dataSourceName`
// is that driver's connection string.
builtin from : (dataSourceName: string, driverName: string, query: string) => stream[A]

// Writes the input rows into `table` of a SQL database and passes the input through unchanged.
// `batchSize` caps the parameters queued per statement (default 10000; use 999 or less for
// SQLite).
@sideEffect()
@default("batchSize", "10000")
builtin to : (
    <-tables: stream[A],
    dataSourceName: string,
    driverName: string,
    table: string,
    ?batchSize: int,
) => stream[A]
