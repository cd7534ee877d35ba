// The part of the sample-data package that needs no network.
package sample

// Shifts every time so that the stream's latest time is now.
alignToNow = (tables=<-) => {
    latest =
        (tables
            |> keep(columns: ["_time"])
            |> last(column: "_time")
            |> findRecord(fn: (key) => true, idx: 0))._time

    return tables |> timeShift(duration: duration(v: int(v: now()) - int(v: latest)))
}
