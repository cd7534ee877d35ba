// expect: E203 line 6: package math has no member `sqroot` (it is `sqrt`)
import "math"

side = 9.0

math.sqroot(x: side)
