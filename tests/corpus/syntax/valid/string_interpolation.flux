// Interpolated strings, including interpolation nested inside interpolation.
import "array"
import "strings"

service = "checkout"
region = "eu-west-1"
count = 42
threshold = 0.75

title = "Service ${service} in ${region}"
detail = "${count} requests, ${strings.toUpper(v: "${service}-${region}")} over ${string(v: threshold)}"
escaped = "literal \${not interpolated} and a quote \" inside"
nested = "outer ${"middle ${"inner ${service}"}"} end"

array.from(rows: [{title: title, detail: detail, escaped: escaped, nested: nested}])
    |> yield(name: "messages")
