package math_test


import "testing"
import "math"
import "bitwise"
import ebitwise "experimental/bitwise"
import "internal/debug"

testcase constants {
    got = display(v: [math.pi, math.e, math.sqrt2])

    testing.assertEqualValues(got: got, want: "[3.141592653589793, 2.718281828459045, 1.4142135623730951]")
}

testcase integer_limits {
    got = display(v: {max: math.maxint, min: math.minint, umax: math.maxuint})

    testing.assertEqualValues(
        got: got,
        want: "{max: 9223372036854775807, min: -9223372036854775808, umax: 18446744073709551615}",
    )
}

testcase rounding {
    got =
        display(
            v: {
                ceil: math.ceil(x: 1.2),
                round: math.round(x: 2.5),
                even: math.roundtoeven(x: 2.5),
            },
        )

    testing.assertEqualValues(got: got, want: "{ceil: 2, even: 2, round: 3}")
}

testcase floor_trunc_abs {
    got = display(v: [math.floor(x: -2.5), math.trunc(x: -2.7), math.abs(x: -3.25)])

    testing.assertEqualValues(got: got, want: "[-3, -2, 3.25]")
}

testcase powers_and_roots {
    got = display(v: [math.pow(x: 2.0, y: 10.0), math.sqrt(x: 2.25), math.cbrt(x: 27.0)])

    testing.assertEqualValues(got: got, want: "[1024, 1.5, 3]")
}

testcase mod_and_remainder {
    got = display(v: [math.mod(x: 7.0, y: 3.0), math.mod(x: -7.0, y: 3.0), math.remainder(x: 7.0, y: 4.0)])

    testing.assertEqualValues(got: got, want: "[1, -1, -1]")
}

testcase max_min_follow_go {
    got =
        display(
            v: [
                math.isNaN(f: math.mMax(x: 1.0, y: math.NaN())),
                math.isInf(f: math.mMax(x: math.mInf(sign: 1), y: math.NaN()), sign: 1),
                math.mMin(x: 1.0, y: 2.0) == 1.0,
            ],
        )

    testing.assertEqualValues(got: got, want: "[true, true, true]")
}

testcase infinities {
    got =
        display(
            v: [
                math.isInf(f: math.mInf(sign: -1), sign: 0),
                math.isInf(f: math.mInf(sign: -1), sign: 1),
                math.isInf(f: math.logb(x: 0.0), sign: -1),
            ],
        )

    testing.assertEqualValues(got: got, want: "[true, false, true]")
}

testcase frexp_and_ldexp {
    got = display(v: {f: math.frexp(f: 8.0), l: math.ldexp(frac: 0.5, exp: 4)})

    testing.assertEqualValues(got: got, want: "{f: {exp: 4, frac: 0.5}, l: 8}")
}

testcase modf_keeps_sign {
    testing.assertEqualValues(got: display(v: math.modf(f: -3.5)), want: "{frac: -0.5, int: -3}")
}

testcase lgamma_sign {
    testing.assertEqualValues(got: math.lgamma(x: -0.5).sign, want: -1)
}

testcase gamma_of_five {
    testing.assertEqualValues(got: math.gamma(x: 5.0), want: 24.0)
}

testcase erf_and_erfinv {
    testing.assertEqualValues(got: math.erfinv(x: math.erf(x: 0.5)), want: 0.5)
}

testcase erfcinv_of_one {
    got = display(v: [math.erfcinv(x: 1.0), math.erfinv(x: 1.0), math.erfinv(x: 2.0)])

    testing.assertEqualValues(got: got, want: "[0, +Inf, NaN]")
}

testcase float_bits {
    got = display(v: [math.float64bits(f: 1.0), math.float64bits(f: math.nextafter(x: 1.0, y: 2.0))])

    testing.assertEqualValues(got: got, want: "[4607182418800017408, 4607182418800017409]")
}

testcase float_from_bits {
    testing.assertEqualValues(got: math.float64frombits(b: uint(v: 4611686018427387904)), want: 2.0)
}

testcase ilogb_and_pow10 {
    got = display(v: [float(v: math.ilogb(x: 8.0)), math.pow10(n: 3), math.pow10(n: 400)])

    testing.assertEqualValues(got: got, want: "[3, 1000, +Inf]")
}

testcase bessel {
    got = display(v: {j0: math.j0(x: 0.0), jn: math.jn(n: 2, x: 0.0), y1: math.y1(x: 1.0) < 0.0})

    testing.assertEqualValues(got: got, want: "{j0: 1, jn: 0, y1: true}")
}

testcase sincos_record {
    testing.assertEqualValues(got: display(v: math.sincos(x: 0.0)), want: "{cos: 1, sin: 0}")
}

testcase two_argument_functions {
    got =
        display(
            v: {
                h: math.hypot(p: 3.0, q: 4.0),
                c: math.copysign(x: 3.0, y: -1.0),
                d: math.dim(x: 3.0, y: 5.0),
            },
        )

    testing.assertEqualValues(got: got, want: "{c: -3, d: 0, h: 5}")
}

testcase atan2_quadrant {
    testing.assertEqualValues(got: math.atan2(y: 1.0, x: -1.0), want: 2.356194490192345)
}

testcase signbit_of_negative_zero {
    testing.assertEqualValues(got: math.signbit(x: -0.0), want: true)
}

testcase null_passes_through {
    testing.assertEqualValues(got: display(v: math.sqrt(x: debug.null())), want: "<null>")
}

testcase frexp_null_fails {
    testing.shouldError(fn: () => math.frexp(f: debug.null()), want: /frexp does not support null values/)
}

testcase bitwise_unsigned {
    got =
        display(
            v: [
                bitwise.uand(a: uint(v: 12), b: uint(v: 10)),
                bitwise.uclear(a: uint(v: 12), b: uint(v: 10)),
                bitwise.ulshift(a: uint(v: 1), b: uint(v: 64)),
            ],
        )

    testing.assertEqualValues(got: got, want: "[8, 4, 0]")
}

testcase bitwise_unot {
    testing.assertEqualValues(got: bitwise.unot(a: uint(v: 0)), want: math.maxuint)
}

testcase bitwise_signed {
    got = display(v: [bitwise.sor(a: 12, b: 10), bitwise.sxor(a: 12, b: 10), bitwise.snot(a: 0)])

    testing.assertEqualValues(got: got, want: "[14, 6, -1]")
}

testcase bitwise_shifts {
    got =
        display(
            v: [
                bitwise.slshift(a: 1, b: 3),
                bitwise.srshift(a: -16, b: 2),
                bitwise.srshift(a: -1, b: 100),
            ],
        )

    testing.assertEqualValues(got: got, want: "[8, -4, -1]")
}

testcase bitwise_negative_shift_fails {
    testing.shouldError(fn: () => bitwise.slshift(a: 1, b: -1), want: /negative shift amount/)
}

testcase experimental_bitwise_is_bitwise {
    got = display(v: {s: ebitwise.sand(a: 6, b: 3), u: ebitwise.urshift(a: uint(v: 16), b: uint(v: 4))})

    testing.assertEqualValues(got: got, want: "{s: 2, u: 1}")
}
