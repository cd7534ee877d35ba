// Arrays: literals, indexing, the array package and membership tests.
import "array"

hosts = ["alpha", "beta", "gamma"]
first = hosts[0]
last = hosts[length(arr: hosts) - 1]
upper = hosts |> array.map(fn: (x) => "${x}.internal")
short = array.filter(arr: hosts, fn: (x) => x != "gamma")
all = array.concat(arr: hosts, v: ["delta"])
matrix = [[1, 2], [3, 4]]
corner = matrix[1][1]

from(bucket: "infra")
    |> range(start: -1h)
    |> filter(fn: (r) => contains(value: r.host, set: all))
    |> filter(fn: (r) => r.host != first and r.host != last)
    |> limit(n: corner)
