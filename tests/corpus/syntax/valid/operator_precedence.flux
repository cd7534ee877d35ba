// Operator precedence and associativity corner cases.
import "array"

a = 7
b = 3
power = 2 ^ 3 ^ 2
negNeg = a - -b
mixed = a + b * 2 - 8 / 4 % 3
grouped = (a + b) * (a - b)
unaryPower = -2.0 ^ 2.0
cmp = a * 2 > b + 1 == true
logic = a > 1 and b > 1 or not a == b
regexChain = "abc" =~ /b/ and "xyz" !~ /b/
piped = [1, 2, 3] |> length() + 1

bump = (x=<-, by=1) => x + by
chained = a |> bump() |> bump(by: 10) * 2
callMember = {f: (n) => n * n}.f(n: 4)
indexAfterCall = array.map(arr: [1, 2, 3], fn: (x) => x * 10)[2]

array.from(
    rows: [
        {
            power: power,
            negNeg: negNeg,
            mixed: mixed,
            grouped: grouped,
            unaryPower: unaryPower,
            cmp: cmp,
            logic: logic,
            regexChain: regexChain,
            piped: piped,
            chained: chained,
            callMember: callMember,
            indexAfterCall: indexAfterCall,
        },
    ],
)
