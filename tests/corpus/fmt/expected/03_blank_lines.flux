import "strings"
import "array"

a = 1
b = 2

c = 3

option now = () => 2024-01-01T00:00:00Z

a
b
