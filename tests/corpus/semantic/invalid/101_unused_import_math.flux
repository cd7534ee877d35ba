// expect: W202 line 2: import "math" is never used
import "math"

radius = 2.0

3.14159 * radius * radius
