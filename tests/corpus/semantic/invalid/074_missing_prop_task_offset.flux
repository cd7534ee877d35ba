// expect: E210 line 5: the task option declares no `offset`
option task = {name: "rollup", every: 1h}

from(bucket: "raw")
    |> range(start: -task.every, stop: -task.offset)
    |> to(bucket: "rollup")
