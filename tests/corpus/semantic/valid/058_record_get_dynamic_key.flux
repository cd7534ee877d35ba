import "experimental/record"

settings = {timeout: 30, retries: 5}
lookup = (key) => record.get(r: settings, key: key, default: 0)

lookup(key: "timeout") + lookup(key: "missing")
