// Assertions upstream's own tests use, on top of `testing`.
package testing

import "array"
import "experimental"
import "regexp"
import "testing"

shouldErrorWithCode = (fn, want, code) => {
    caught = experimental.catch(fn)

    return
        if exists caught.msg then
            testing.diff(
                got: array.from(rows: [{code: caught.code, match: caught.msg =~ want}]),
                want: array.from(rows: [{code: code, match: true}]),
            )
        else
            die(msg: "shouldErrorWithCode expected an error")
}
