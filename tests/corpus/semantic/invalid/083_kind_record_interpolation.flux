// expect: E211 line 4: a record cannot be interpolated into a string
point = {x: 1, y: 2}

"point=${point}"
