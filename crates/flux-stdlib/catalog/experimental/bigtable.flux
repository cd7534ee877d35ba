// Read data stored in Google Cloud Bigtable into Flux tables.
package bigtable

// Reads rows from the Google Cloud Bigtable `table` in `project`/`instance`, authenticating with
// a Google Cloud IAM `token`. Returns one table per column family, with `rowKey`, `_time` and
// `family` columns plus a string column for each Bigtable column.
builtin from : (
    instance: string,
    project: string,
    table: string,
    token: string,
) => stream[T] where T: Record
