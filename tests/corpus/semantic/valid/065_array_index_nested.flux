grid = [[1, 2, 3], [4, 5, 6]]
row = grid[1]

row[0] + grid[0][2] + length(arr: grid)
