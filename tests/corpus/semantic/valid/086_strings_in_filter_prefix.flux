import "strings"

from(bucket: "k8s")
    |> range(start: -30m)
    |> filter(fn: (r) => strings.hasPrefix(v: r.pod, prefix: "api-"))
    |> map(fn: (r) => ({r with pod: strings.trimPrefix(v: r.pod, prefix: "api-")}))
    |> yield(name: "api_pods")
