// A conditional is written without the leading `if`.
// libflux: 5:27 invalid statement: then
threshold = 80.0
value = 85.0
state = value > threshold then "high" else "normal"
