// A dictionary entry has a key but no `: value`.
// libflux: 5:27 expected COLON, got RBRACK (]) at 5:27
import "dict"

limits = ["cpu": 90, "mem"]
