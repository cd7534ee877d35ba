// expect: E208 line 5: union has no pipe parameter; pass all streams in `tables`
a = from(bucket: "site_a") |> range(start: -1h)
b = from(bucket: "site_b") |> range(start: -1h)

a |> union(tables: [b])
