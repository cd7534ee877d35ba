// expect: E204 line 6: strings.toUpper expects `v` to be a string, got an int
import "strings"

code = 404

strings.toUpper(v: code)
