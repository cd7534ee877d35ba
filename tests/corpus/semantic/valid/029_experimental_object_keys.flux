import "experimental"

defaults = {host: "localhost", port: 8086, tls: false}
keys = experimental.objectKeys(o: defaults)

length(arr: keys)
