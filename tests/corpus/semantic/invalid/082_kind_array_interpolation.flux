// expect: E211 line 4: an array cannot be interpolated into a string
hosts = ["web01", "web02"]

"hosts: ${hosts}"
