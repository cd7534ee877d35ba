import "strings"

slug = (s) => strings.replaceAll(v: strings.toLower(v: s), t: " ", u: "-")
parts = strings.split(v: "eu-west-1", t: "-")

slug(s: "Disk Usage") + ":" + parts[0] + ":" + strings.joinStr(arr: parts, v: "_")
