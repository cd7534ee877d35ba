head = (arr) => arr[0]

n = head(arr: [3, 2, 1])
s = head(arr: ["a", "b"])
t = head(arr: [2024-01-01T00:00:00Z])

"${n} ${s} ${t}"
