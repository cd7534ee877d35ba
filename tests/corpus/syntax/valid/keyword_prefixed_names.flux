// Identifiers that begin with or contain keywords are ordinary names.
import "array"

iffy = true
thenValue = 1
elsewhere = "remote"
android = 2
order = 3
notes = "n"
importCount = 4
packageName = "pkg"
returnCode = 0
optional = false
builtins = ["a"]
testcases = 7
existsFlag = true
_private = 8
and_or = 9

array.from(
    rows: [
        {
            a: iffy and existsFlag,
            b: thenValue + android + order + importCount + returnCode + testcases + _private + and_or,
            c: elsewhere + notes + packageName + builtins[0],
            d: not optional,
        },
    ],
)
