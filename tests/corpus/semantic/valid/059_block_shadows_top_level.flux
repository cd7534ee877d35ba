threshold = 80.0

check = (v) => {
    threshold = threshold * 1.1

    return v > threshold
}

check(v: 85.0) and check(v: 99.0)
