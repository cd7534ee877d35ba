// expect: W202 line 2: import `d` ("date") is never used
import d "date"
import "strings"

strings.toUpper(v: "date")
