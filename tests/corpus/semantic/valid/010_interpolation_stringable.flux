total = 42
ratio = 0.75
since = 2024-01-01T00:00:00Z
every = 15m
healthy = true

"total=${total} ratio=${ratio} since=${since} every=${every} healthy=${healthy}"
