makeScaler = (factor) => (x) => x * factor
double = makeScaler(factor: 2.0)
triple = makeScaler(factor: 3.0)

double(x: 1.5) + triple(x: 0.5)
