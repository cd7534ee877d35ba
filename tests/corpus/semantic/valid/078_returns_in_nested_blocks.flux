classify = (x) => {
    sign = if x < 0 then "negative" else if x == 0 then "zero" else "positive"
    size = () => {
        abs = if x < 0 then -x else x

        return if abs > 1000 then "large" else "small"
    }

    return sign + "/" + size()
}

classify(x: -5000)
