// expect: E205 line 4: date.truncate requires `unit`
import "date"

date.truncate(t: 2024-06-15T13:45:00Z)
