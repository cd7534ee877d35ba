// Math helpers: rounding to a precision, clamping, and unit conversion.
import "math"

roundTo = (x, digits=2) => {
    factor = math.pow10(n: digits)

    return math.round(x: x * factor) / factor
}

clamp = (x, lo=0.0, hi=100.0) => math.mMax(x: lo, y: math.mMin(x: x, y: hi))

toFahrenheit = (c) => c * 9.0 / 5.0 + 32.0

from(bucket: "greenhouse")
    |> range(start: -3h)
    |> filter(fn: (r) => r._measurement == "climate" and r._field == "temperature")
    |> map(fn: (r) => ({r with _value: roundTo(x: clamp(x: toFahrenheit(c: r._value), lo: -40.0, hi: 140.0), digits: 1)}))
    |> map(fn: (r) => ({r with log: if r._value > 0.0 then math.log10(x: r._value) else math.NaN()}))
