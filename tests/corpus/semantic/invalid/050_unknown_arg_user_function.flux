// expect: E206 line 4: `celsius` has no parameter `digits`
celsius = (f) => (f - 32.0) * 5.0 / 9.0

celsius(f: 98.6, digits: 1)
