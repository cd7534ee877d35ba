steps = [(x) => x + 1, (x) => x * 2, (x) => x - 3]

start = 5
afterFirst = steps[0](x: start)

steps[2](x: steps[1](x: afterFirst))
