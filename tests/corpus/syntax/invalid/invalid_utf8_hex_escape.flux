// A `\x` escape produces a byte that is not valid UTF-8 on its own.
// libflux: 3:10 invalid utf-8 sequence of 1 bytes from index 0
marker = "\xff"
label = "value" + marker
