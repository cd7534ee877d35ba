// A date-time literal has a time but no `Z` or UTC offset.
// libflux: 4:8 expected comma in property list, got COLON
from(bucket: "billing")
    |> range(start: 2023-03-01T00:00:00, stop: 2023-04-01T00:00:00Z)
    |> sum()
