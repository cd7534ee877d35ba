// The package clause comes after an import; it must be the first thing in the file.
// libflux: 5:1 invalid statement: package
import "strings"

package helpers

shout = (v) => strings.toUpper(v: v)
