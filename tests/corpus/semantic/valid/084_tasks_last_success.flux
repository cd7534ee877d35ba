import "influxdata/influxdb/tasks"

option task = {name: "incremental", every: 10m}

from(bucket: "raw")
    |> range(start: tasks.lastSuccess(orTime: -task.every))
    |> to(bucket: "copy")
