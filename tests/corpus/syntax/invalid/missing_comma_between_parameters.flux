// Two parameters of a function definition are not separated by a comma.
// libflux: 3:19 expected RPAREN, got IDENT
topN = (tables=<- n=5) =>
    tables
        |> sort(desc: true)
        |> limit(n: n)
