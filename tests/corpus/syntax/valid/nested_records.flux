// Nested records, member chains, record extension and records inside arrays.
import "array"

config = {
    service: {name: "api", port: 8080, tags: ["prod", "eu"]},
    limits: {cpu: {warn: 70.0, crit: 90.0}, mem: {warn: 80.0, crit: 95.0}},
}
svc = config.service
override = {config with service: {svc with port: 9090}}
critCpu = override.limits.cpu.crit
firstTag = override.service.tags[0]
inventory = [{name: "a", size: 1}, {name: "b", size: 2}]

array.from(rows: inventory)
    |> map(fn: (r) => ({r with service: config.service.name, port: override.service.port, crit: critCpu, tag: firstTag}))
