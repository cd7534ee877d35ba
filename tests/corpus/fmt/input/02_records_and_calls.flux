small = {a: 1, b: 2}
big = {a: 1, b: 2, c: 3, d: 4, e: 5}
call = f(a: 1, b: 2, c: 3, d: 4, e: 5)
nested = {outer: {inner: [1, 2, 3], other: "x"}, list: [{a: 1}, {a: 2}]}
with = {r with _value: r._value * 2.0, unit: "percent"}
