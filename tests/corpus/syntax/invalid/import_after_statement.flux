// An import appears after a statement; imports must come first.
// libflux: 5:1 invalid statement: import
option task = {name: "upper", every: 1h}

import "strings"

x = strings.toUpper(v: "a")
