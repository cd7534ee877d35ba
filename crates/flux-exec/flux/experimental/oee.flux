// Overall equipment effectiveness: availability × performance × quality.
package oee

import "contrib/tomhollingworth/events"
import "experimental"

computeAPQ = (productionEvents, partEvents, runningState, plannedTime, idealCycleTime) => {
    // How long the machine ran, against the time it was planned to run.
    availability =
        productionEvents
            |> events.duration(unit: 1ns, columnName: "runTime")
            |> filter(fn: (r) => r.state == runningState)
            |> sum(column: "runTime")
            |> map(
                fn: (r) =>
                    ({r with _time: r._stop,
                        availability: float(v: r.runTime) / float(v: int(v: plannedTime)),
                    }),
            )

    // Parts made (and bad parts) in the window: the sum of the counters' increases.
    counted = (column) =>
        partEvents
            |> difference(columns: [column], nonNegative: true)
            |> sum(column: column)
            |> duplicate(column: "_stop", as: "_time")
    parts = counted(column: "partCount")
    badParts = counted(column: "badCount")

    // The time the parts would ideally take, against the time the machine ran.
    performance =
        experimental.join(
            left: availability,
            right: parts,
            fn: (left, right) =>
                ({left with
                    performance:
                        float(v: right.partCount) * float(v: int(v: idealCycleTime)) / float(v: left.runTime),
                }),
        )
    quality =
        experimental.join(
            left: badParts,
            right: parts,
            fn: (left, right) =>
                ({left with
                    quality: (float(v: right.partCount) - float(v: left.badCount)) / float(v: right.partCount),
                }),
        )

    return
        experimental.join(
            left: performance,
            right: quality,
            fn: (left, right) =>
                ({left with
                    quality: right.quality,
                    oee: left.availability * left.performance * right.quality,
                }),
        )
}

// The same from one stream holding both the states and the part counters.
APQ = (tables=<-, runningState, plannedTime, idealCycleTime) =>
    computeAPQ(
        productionEvents: tables,
        partEvents: tables,
        runningState: runningState,
        plannedTime: plannedTime,
        idealCycleTime: idealCycleTime,
    )
