// expect: E204 line 4: cannot concatenate a string and an int (use interpolation)
errors = 5

"errors: " + errors
