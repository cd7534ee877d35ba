// A main package that opts into an edition with an attribute.
@edition("2022.1")
package main

import "array"

array.from(rows: [{_time: 2022-01-01T00:00:00Z, _value: 1.5}, {_time: 2022-01-02T00:00:00Z, _value: 2.5}])
    |> sum()
    |> yield(name: "total")
