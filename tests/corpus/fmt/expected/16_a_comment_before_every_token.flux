// c package
package // c name
demo


// c attribute
@edition // c lparen
(
    // c string
    "2022.1",// c rparen
)
// c import
import // c alias
s // c path
"strings"

// c builtin
builtin
    // c id
    f
    // c colon
    : // c lparen
    (
        // c pipe
        <-// c pipe name
        tables // c colon
        : // c stream
        stream // c lbrack
        [// c tvar
        A // c rbrack
        ] // c comma
        ,
        // c question
        ?// c name
        n // c colon
        : // c lbrack
        [// c int
        int // c rbrack
        ] // c assign
        = // c label
        . // c label name
        x // c comma
        ,
        // c record
        r // c colon
        : // c lbrace
        {
            // c tvar
            B // c with
            with
            // c key
            k // c colon
            : // c string type
            string // c comma
            ,
            // c second key
            v // c colon
            : // c lbrack
            [// c key type
            string // c colon
            :// c value type
            int // c rbrack
            ], // c rbrace

        }, // c rparen

    ) // c arrow
    => // c return type
    stream // c lbrack
    [// c tvar
    A // c rbrack
    ] // c where
    where
    // c tvar
    A // c colon
    : // c kind
    Record // c plus
    + // c kind
    Equatable // c comma
    ,
    // c tvar
    B // c colon
    : // c kind
    Record

// c option
option // c name
s
    // c dot
    .// c member
x
    // c assign
     =
    // c int
    1

// c variable
v
    // c assign
     =
    // c lparen
    (
            // c param
            r// c assign default
            =// c pipe literal
                <-,
        // c rparen
        )
            // c arrow
            =>
        // c lbrace
        {
            // c return
            return
                // c if
                if // c not
                    not // c exists
                    exists // c r
                    r
                        // c dot
                        .// c field
                    a// c then
                then
                    // c float
                    1.5
                // c else
                else
                    (// c minus
                    -// c int
                    2)
                        // c times
                        *
                        // c duration
                        1h// c rbrace

        }

// c array
a =
    // c lbrack
    [
        // c time
        2024-01-01T00:00:00Z// c comma
        ,
        // c regex
        /a+/,// c rbrack
    ]

// c dict
d =
    // c lbrack
    [
        // c key
        "k"// c colon
        : // c value
        1// c comma
        ,
        // c empty
        [
            // c empty colon
            :// c empty rbrack

        ]// c key2
        : // c value2
        2,// c rbrack

    ]

// c pipe
p =
    // c from
    from
        // c lparen
        (
        // c arg
        bucket
            // c colon
            :
            // c value
            "b",
    // c rparen
    )
        // c pipe op
        |> // c call
        range
            // c lparen
            (
            // c arg
            start
                // c colon
                :
                // c unary
                -// c duration
                1h,
        // c rparen
        )

// c logical
l =
    // c a
    a
        // c and
        and
        // c b
        b
        // c or
        or
        // c c
        c
            // c eq
            ==
            // c d
            d
        // c regex match
        =~
        // c regex
        /x/

// c index
i =
    // c a
    a// c lbrack
    [// c index
        0// c rbrack
    ]

// c member string
m =
    // c r
    r// c lbrack
    [// c key
    "k"
        // c rbrack
        ]

// c record
o =
    // c lbrace
    {// c source
        o2// c with
        with
        // c key
        k
            // c colon
            :
            // c value
            1
            // c comma
            ,
        // c second key
        z: 2,
            // c rbrace

    }

// c interpolation
t =
    // c string
    "a ${// c expr
        x // c rbrace
        } b"

// c testcase
testcase
// c name
tc // c extends
extends
// c path
"demo_test"
// c lbrace
{
    // c statement
    y = 1// c rbrace

}
