base = uint(v: 1024)
blocks = uint(v: 8)

total = base * blocks

total > uint(v: 4096)
