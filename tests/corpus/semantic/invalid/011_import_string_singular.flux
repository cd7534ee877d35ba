// expect: E202 line 2: unknown import path "string" (the package is "strings")
import "string"

name = string.toUpper(v: "cpu")

name
