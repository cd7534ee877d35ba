// Float literals with an elided integer or fractional part, next to ints.
import "array"

whole = 1.
half = .5
precise = 3.14159
zero = 0.
leadingZeroFloat = 007.25
big = 1234567890123
scale = whole + half * 2. - .25

array.from(rows: [{whole: whole, half: half, precise: precise, zero: zero, leadingZeroFloat: leadingZeroFloat, scale: scale, big: big}])
    |> map(fn: (r) => ({r with adjusted: r.scale * .9 + 1.}))
