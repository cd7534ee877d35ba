// expect: E204 line 2: the branches of `if` have different types (string vs int)
level = (v) => if v > 90.0 then "critical" else 0

level(v: 95.0)
