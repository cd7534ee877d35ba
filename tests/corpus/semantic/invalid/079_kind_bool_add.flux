// expect: E211 line 5: booleans cannot be added
up = true
healthy = false

up + healthy
