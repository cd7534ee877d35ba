// A dictionary literal is missing its closing `]` before the next statement.
// libflux: 5:9 expected RBRACK, got EOF
import "dict"

codes = [200: "ok", 404: "not found", 500: "error"
message = dict.get(dict: codes, key: 404, default: "unknown")
