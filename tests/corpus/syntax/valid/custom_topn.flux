// A reusable transformation with a pipe parameter and default arguments.
topValues = (tables=<-, n=5, column="_value") =>
    tables
        |> sort(columns: [column], desc: true)
        |> limit(n: n)

busiest = (tables=<-) => tables |> topValues(n: 3)

from(bucket: "net")
    |> range(start: -15m)
    |> filter(fn: (r) => r._measurement == "net" and r._field == "bytes_recv")
    |> group()
    |> busiest()
    |> yield(name: "top3")
