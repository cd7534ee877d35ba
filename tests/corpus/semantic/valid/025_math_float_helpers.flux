import "math"

hypot = (a, b) => math.sqrt(x: a * a + b * b)
roundTo = (x, places) => math.round(x: x * math.pow10(n: places)) / math.pow10(n: places)

roundTo(x: hypot(a: 3.0, b: 4.5), places: 2)
