// expect: E201 line 10: `scaled` is local to the body of `normalize`
normalize = (v) => {
    scaled = v / 100.0

    return scaled
}

x = normalize(v: 42.0)

x + scaled
