// expect: E207 line 4: `t` is passed twice (the second one should be `u`)
import "strings"

strings.replaceAll(v: "a.b.c", t: ".", t: "/")
