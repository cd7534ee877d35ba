stats = (a, b) => {
    lo = if a < b then a else b
    hi = if a < b then b else a

    return {lo: lo, hi: hi, spread: hi - lo}
}

s = stats(a: 7.5, b: 2.0)

s.spread / s.hi
