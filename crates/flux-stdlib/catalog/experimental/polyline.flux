// Experimental polyline simplification: downsampling curves to fewer points while keeping their
// visible shape, so graphs can be drawn without loading every point.
package polyline

// Downsamples each table's curve (`timeColumn` as X, `valColumn` as Y) with the
// Ramer-Douglas-Peucker algorithm. Set `epsilon` (tolerance, > 0) or `retention` (percent of
// points to keep), not both; with neither, a tolerance is chosen automatically.
@default("valColumn", "\"_value\"")
@default("timeColumn", "\"_time\"")
builtin rdp : (
    <-tables: stream[A],
    ?epsilon: float,
    ?retention: float,
    ?timeColumn: string,
    ?valColumn: string,
) => stream[B] where A: Record, B: Record
