// The file's first comment.
import "strings"

// after an import
// Before a variable.
x = 1

// after a value
y = [
    // inside an array
    1,
    2,// after an element
]
f = (
    // before a parameter
    a,
    b,
) =>
    // before the body
    a + b
r = {
    // before a property
    a: 1,
    b: 2,
}// At the end.

