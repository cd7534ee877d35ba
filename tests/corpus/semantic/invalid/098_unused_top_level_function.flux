// expect: W201 line 2: the helper `double` is never called
double = (x) => x * 2
square = (x) => x * x

square(x: 12)
