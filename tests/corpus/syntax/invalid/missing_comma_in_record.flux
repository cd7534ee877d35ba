// Two properties of the task record are not separated by a comma.
// libflux: 3:37 missing property key
option task = {name: "cleanup" every: 1d}

from(bucket: "tmp")
    |> range(start: -task.every)
    |> count()
