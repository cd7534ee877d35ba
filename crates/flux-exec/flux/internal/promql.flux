// The parts of `internal/promql` that compose other functions; its natives are in Rust.
package promql

import "math"
import "universe"
import "experimental"

// PromQL's `quantile` accepts any φ: below 0 every series gives -Inf, above 1 +Inf.
quantile = (q, tables=<-, method="exact_mean") =>
    if q >= 0.0 and q <= 1.0 then
        tables |> universe.quantile(q: q, method: method)
    else
        tables
            |> reduce(
                identity: {_value: math.mInf(sign: if q < 0.0 then -1 else 1)},
                fn: (r, accumulator) => accumulator,
            )

join = experimental.join
