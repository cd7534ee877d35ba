// Parsing structured tag values with the strings package.
import "strings"

parts = (v) => strings.split(v: v, t: "/")
cleanName = (v) => strings.title(v: strings.replaceAll(v: strings.trimSpace(v: v), t: "_", u: " "))

from(bucket: "k8s")
    |> range(start: -30m)
    |> filter(fn: (r) => strings.containsStr(v: r.pod, substr: "worker"))
    |> map(
        fn: (r) => {
            segs = parts(v: r.pod)
            ns = if length(arr: segs) > 1 then segs[0] else "default"

            return {r with
                namespace: ns,
                display: cleanName(v: r.container),
                short: strings.substring(v: r.pod, start: 0, end: 8),
                joined: strings.joinStr(arr: segs, v: "."),
                shouting: strings.hasSuffix(v: r.pod, suffix: "!") or strings.isUpper(v: r.pod),
            }
        },
    )
