inWindow = (h) => h >= 9 and h < 17
isWeekend = (d) => d == 0 or d == 6

alertable = (h, d) => inWindow(h: h) and not isWeekend(d: d)

alertable(h: 10, d: 3)
