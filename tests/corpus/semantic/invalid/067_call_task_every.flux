// expect: E209 line 5: `task.every` is a duration, not a function
option task = {name: "rollup", every: 1h}

from(bucket: "raw")
    |> range(start: -task.every())
    |> to(bucket: "rollup")
