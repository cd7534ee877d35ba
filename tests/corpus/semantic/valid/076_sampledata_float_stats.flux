import "sampledata"

sampledata.float()
    |> group()
    |> stddev()
    |> yield(name: "spread")
