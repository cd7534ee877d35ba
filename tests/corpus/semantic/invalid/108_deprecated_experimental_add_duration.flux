// expect: W203 line 4: `experimental.addDuration` is deprecated, use `date.add`
import "experimental"

deadline = experimental.addDuration(d: 2h, to: 2024-01-01T00:00:00Z)

deadline
