// expect: E212 line 3: `fmt` is already defined
fmt = (v) => "${v}"
fmt = (v) => "[${v}]"

fmt(v: 1)
