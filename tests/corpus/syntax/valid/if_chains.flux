// Long if/then/else chains inside map, including nested conditionals.
from(bucket: "weather")
    |> range(start: -24h)
    |> filter(fn: (r) => r._measurement == "air" and r._field == "temp_c")
    |> map(
        fn: (r) => ({r with
            band:
                if r._value < -10.0 then
                    "arctic"
                else if r._value < 0.0 then
                    "freezing"
                else if r._value < 15.0 then
                    "cool"
                else if r._value < 25.0 then
                    if r.humidity > 80.0 then "muggy" else "mild"
                else
                    "hot",
        }),
    )
