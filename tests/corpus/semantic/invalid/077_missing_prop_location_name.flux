// expect: E210 line 6: a timezone location has `zone` and `offset`, not `name`
import "timezone"

paris = timezone.location(name: "Europe/Paris")

"zone: " + paris.name
