// The parts of `experimental/geo` that need no S2 geometry: reshaping rows and tracks.
package geo

import "influxdata/influxdb/v1"

// The unit of distances the ST_* functions take and give.
option units = {distance: "km"}

// Pivots each row's fields (`lat`, `lon` among them) into columns.
toRows = (tables=<-) => tables |> v1.fieldsAsCols()

// Groups rows into tracks by `groupBy`, each ordered by `orderBy`.
asTracks = (tables=<-, groupBy=["id", "tid"], orderBy=["_time"]) =>
    tables
        |> group(columns: groupBy)
        |> sort(columns: orderBy)
