import "influxdata/influxdb/monitor"

option task = {name: "check", every: 1h, offset: 5m}
option monitor.write = (tables=<-) => tables
