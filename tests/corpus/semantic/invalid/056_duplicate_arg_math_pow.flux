// expect: E207 line 4: `x` is passed twice to math.pow
import "math"

math.pow(x: 2.0, x: 8.0)
