// Before an option.
option task = {name: "t", every: 1h}

data = from(bucket: "b")
    // before a pipe
    |> range(start: -1h)
    |> filter(fn: (r) =>
        // before the predicate
        r._value > 0 // before and
            and r.host == "a")

level = (v) =>
    // before if
    if v > 1 then
        "high"
    // before else
    else
        "low"

check = (tables=<-) => {
    // before a statement
    x = 1

    // before return
    return tables
    // before the closing brace
}

call = f(
    a: 1, // after a
    b: 2,
    // before the closing parenthesis
)
@edition("2022.1")
// after an attribute
last = 1
