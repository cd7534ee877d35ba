package mypkg_test


import "testing"

@tags("a", "b")
testcase first {
    got = 1
    want = 1

    testing.assertEqualValues(got: got, want: want)
}
