// expect: E212 line 3: option `task` is set twice
option task = {name: "rollup", every: 1h}
option task = {name: "rollup", every: 30m}

from(bucket: "raw") |> range(start: -task.every) |> to(bucket: "rollup")
