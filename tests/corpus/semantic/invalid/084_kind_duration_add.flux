// expect: E211 line 5: durations are not Addable in Flux (use date.add or a single literal like 1h30m)
every = 1h
grace = 30m

window = every + grace

window
