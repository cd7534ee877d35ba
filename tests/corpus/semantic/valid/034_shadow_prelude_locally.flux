summarize = (values) => {
    sum = values[0] + values[1]
    count = 2

    return sum / count
}

summarize(values: [10, 20])
