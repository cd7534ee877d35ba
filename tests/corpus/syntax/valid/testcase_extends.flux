// Parser-only (super() is defined only when the test runner expands `extends`): test cases in a _test package.
package metrics_test

import "testing"
import "array"

inData = array.from(rows: [{_time: 2021-01-01T00:00:00Z, _value: 2}, {_time: 2021-01-01T00:01:00Z, _value: 4}])

testcase sum_of_values {
    got = inData |> sum()
    want = array.from(rows: [{_value: 6}])

    testing.diff(got: got, want: want)
}

@feature({vectorization: true})
testcase sum_vectorized extends "metrics_test.sum_of_values" {
    super()
}

testcase count_rows
{
    testing.diff(got: inData |> count(), want: array.from(rows: [{_value: 2}]))
}
