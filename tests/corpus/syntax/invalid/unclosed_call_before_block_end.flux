// A call inside a function's block body is missing `)`, just before the closing `}`.
// libflux: 4:24 expected RPAREN, got RBRACE
summarize = (tables=<-) => {
    result = tables |> mean(column: "_value"

    return result
}
