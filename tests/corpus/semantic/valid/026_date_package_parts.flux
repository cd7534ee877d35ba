import "date"

t = 2024-06-15T13:45:00Z
start = date.truncate(t: t, unit: 1d)
later = date.add(d: 90m, to: start)

"${date.hour(t: later)}:${date.minute(t: later)} weekday=${date.weekDay(t: t)}"
