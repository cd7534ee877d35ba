x = someFunction(firstArgument: "a fairly long string value", secondArgument: 12345, third: true)
y =
    aggregateWindow(
        every: 1m,
        fn: (column, tables=<-) => tables |> quantile(q: 0.99, column: column),
    )
