// expect: E206 line 4: strings.toUpper has no parameter `locale`
import "strings"

strings.toUpper(v: "istanbul", locale: "tr")
