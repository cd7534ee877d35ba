// expect: W201 line 3: local `unit` is never used
toMb = (size) => {
    unit = "MB"
    mb = size / 1048576.0

    return mb
}

toMb(size: 5242880.0)
