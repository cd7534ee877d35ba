// expect: W203 line 4: `from` of "experimental/csv" is deprecated for `requests.get` with `csv.from`
import "experimental/csv"

csv.from(url: "https://example.com/data.csv")
    |> yield()
