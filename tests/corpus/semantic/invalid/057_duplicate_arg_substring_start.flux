// expect: E207 line 6: `start` is passed twice to strings.substring
import "strings"

host = "web01.example.com"

strings.substring(v: host, start: 0, start: 5)
