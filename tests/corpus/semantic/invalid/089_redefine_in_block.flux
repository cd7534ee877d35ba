// expect: E212 line 4: `scaled` is already defined in this function body
normalize = (v, max) => {
    scaled = v / max
    scaled = scaled * 100.0

    return scaled
}

normalize(v: 3.0, max: 4.0)
