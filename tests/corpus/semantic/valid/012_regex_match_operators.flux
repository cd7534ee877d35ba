webHosts = /^web-[0-9]+$/

from(bucket: "infra")
    |> range(start: -1h)
    |> filter(fn: (r) => r.host =~ webHosts and r.env !~ /staging|dev/)
    |> yield(name: "prod_web")
