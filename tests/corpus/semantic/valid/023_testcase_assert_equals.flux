import "testing"
import "array"

testcase doubles_values {
    input = array.from(rows: [{_value: 1}, {_value: 4}])
    want = array.from(rows: [{_value: 2}, {_value: 8}])
    got = input |> map(fn: (r) => ({_value: r._value * 2}))

    testing.assertEquals(name: "doubled", got: got, want: want)
}
