// An array literal at the end of the file is never closed with `]`.
// libflux: 5:11 expected RBRACK, got EOF
import "array"

regions = ["us-east", "us-west", "eu-central"
