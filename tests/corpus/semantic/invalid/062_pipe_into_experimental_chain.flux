// expect: E208 line 7: experimental.chain takes `first` and `second`, not piped input
import "experimental"

setup = from(bucket: "b") |> range(start: -1m) |> limit(n: 1)
main = from(bucket: "b") |> range(start: -1h)

setup |> experimental.chain(first: setup, second: main)
