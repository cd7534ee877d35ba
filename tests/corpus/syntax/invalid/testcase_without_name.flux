// A testcase has no name before its block.
// libflux: 5:10 expected IDENT, got LBRACE ({) at 5:10
import "testing"

testcase {
    testing.assertEqualValues(got: 1 + 1, want: 2)
}
