// expect: E203 line 6: package regexp has no member `match` (it is `matchRegexpString`)
import "regexp"

re = regexp.compile(v: "^web")

regexp.match(r: re, v: "web01")
