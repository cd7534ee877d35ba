// expect: E208 line 6: sampledata.float does not accept piped input
import "sampledata"

from(bucket: "b")
    |> range(start: -1h)
    |> sampledata.float()
    |> yield(name: "sample")
