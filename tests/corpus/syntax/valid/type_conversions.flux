// Converting between types with the universe conversion functions.
import "array"

rows = array.from(
    rows: [
        {text: "42", flag: "true", span: "1h30m", stamp: "2023-05-01T10:00:00Z", ratio: 0.25},
    ],
)

rows
    |> map(
        fn: (r) => ({
            asInt: int(v: r.text),
            asUint: uint(v: r.text),
            asFloat: float(v: r.text) * r.ratio,
            asBool: bool(v: r.flag),
            asDuration: duration(v: r.span),
            asTime: time(v: r.stamp),
            backToString: string(v: int(v: r.text) + 1),
            unixNanos: int(v: time(v: r.stamp)),
        }),
    )
