// expect: E210 line 6: the record returned by `stats` has no `avg`
stats = (a, b) => ({min: if a < b then a else b, max: if a > b then a else b})

s = stats(a: 3, b: 9)

s.max - s.avg
