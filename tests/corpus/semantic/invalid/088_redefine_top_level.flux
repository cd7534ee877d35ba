// expect: E212 line 3: `bucket` is already defined in this scope
bucket = "telegraf"
bucket = "telegraf/autogen"

from(bucket: bucket) |> range(start: -1h) |> yield(name: "data")
