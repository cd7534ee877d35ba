// A regex written as a string uses `\d`, which is not a valid string escape.
// libflux: 5:11 expected RPAREN, got EOF
import "regexp"

webHost = regexp.compile(v: "^web\d+$")
matches = regexp.matchRegexpString(r: webHost, v: "web42")
