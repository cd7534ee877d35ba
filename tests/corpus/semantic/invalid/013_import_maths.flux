// expect: E202 line 2: unknown import path "maths" (the package is "math")
import "maths"

radius = 2.5

maths.pi * radius * radius
