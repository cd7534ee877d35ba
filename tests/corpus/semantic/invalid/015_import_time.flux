// expect: E202 line 2: unknown import path "time" (time functions live in "date")
import "time"

t = time.now()

t
