// String escapes, hex byte escapes, and Unicode in identifiers, strings and regexes.
import "array"

tab = "col1\tcol2"
lines = "line one\nline two\r\n"
quoted = "she said \"hi\" and left a backslash \\"
dollar = "price: \${amount}"
hexEuro = "\xe2\x82\xac"
température = 21.5
città = "Zürich"
日本 = "東京"
greek = /^[α-ω]+$/

array.from(rows: [{tab: tab, lines: lines, quoted: quoted, dollar: dollar, euro: hexEuro, temp: température, city: città, capital: 日本}])
    |> filter(fn: (r) => r.city !~ greek and r.capital =~ /東/)
