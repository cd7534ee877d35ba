// expect: E205 line 6: math.pow requires `y`
import "math"

base = 2.0

math.pow(x: base)
