// expect: E211 line 5: strings cannot be divided
total = "100"
parts = "4"

total / parts
