// expect: E205 line 4: strings.replaceAll requires `u` (the replacement)
import "strings"

strings.replaceAll(v: "disk_used_percent", t: "_")
