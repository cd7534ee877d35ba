import "testing"
import "array"

double = (tables=<-) => tables |> map(fn: (r) => ({_value: r._value * 2.0}))

testcase double_floats {
    got = array.from(rows: [{_value: 1.5}]) |> double()
    want = array.from(rows: [{_value: 3.0}])

    testing.assertEquals(name: "double", got: got, want: want)
}
