// Mathematical constants and float functions: rounding, powers and logarithms, trigonometry,
// special functions and IEEE 754 helpers.
package math

// Pi (π), the ratio of a circle's circumference to its diameter.
builtin pi : float

// Euler's number `e`, the base of natural logarithms.
builtin e : float

// Phi (φ), the golden ratio.
builtin phi : float

// The square root of 2.
builtin sqrt2 : float

// The square root of `e` (`math.e`).
builtin sqrte : float

// The square root of pi (`math.pi`).
builtin sqrtpi : float

// The square root of the golden ratio (`math.phi`).
builtin sqrtphi : float

// The natural logarithm of 2.
builtin ln2 : float

// The base-2 logarithm of `e`, equal to `1 / math.ln2`.
builtin log2e : float

// The natural logarithm of 10.
builtin ln10 : float

// The base-10 logarithm of `e`, equal to `1 / math.ln10`.
builtin log10e : float

// The largest finite `float` value.
builtin maxfloat : float

// The smallest positive, non-zero `float` value.
builtin smallestNonzeroFloat : float

// The largest `int` value, `2^63 - 1`.
builtin maxint : int

// The smallest `int` value, `-2^63`.
builtin minint : int

// The largest `uint` value, `2^64 - 1`.
builtin maxuint : uint

// Returns the absolute value of `x`; infinities of either sign give `+Inf`.
builtin abs : (x: float) => float

// Returns the arccosine of `x`, in radians. Values outside [-1, 1] give `NaN`.
builtin acos : (x: float) => float

// Returns the inverse hyperbolic cosine of `x`. Values below 1 give `NaN`.
builtin acosh : (x: float) => float

// Returns the arcsine of `x`, in radians. Values outside [-1, 1] give `NaN`.
builtin asin : (x: float) => float

// Returns the inverse hyperbolic sine of `x`.
builtin asinh : (x: float) => float

// Returns the arctangent of `x`, in radians, in the range [-π/2, π/2].
builtin atan : (x: float) => float

// Returns the arctangent of `y/x` in radians, using the signs of both arguments to pick the
// quadrant, so the result lies in [-π, π].
builtin atan2 : (x: float, y: float) => float

// Returns the inverse hyperbolic tangent of `x`. `1` and `-1` give `±Inf`; values outside
// [-1, 1] give `NaN`.
builtin atanh : (x: float) => float

// Returns the cube root of `x`.
builtin cbrt : (x: float) => float

// Rounds `x` up to the nearest whole number, returned as a `float`.
builtin ceil : (x: float) => float

// Returns a value with the magnitude of `x` and the sign of `y`.
builtin copysign : (x: float, y: float) => float

// Returns the cosine of `x`, given in radians.
builtin cos : (x: float) => float

// Returns the hyperbolic cosine of `x`.
builtin cosh : (x: float) => float

// Returns `x - y` when it is positive, and `0` otherwise.
builtin dim : (x: float, y: float) => float

// Computes the Gauss error function of `x`.
builtin erf : (x: float) => float

// Computes the complementary error function of `x`, `1 - erf(x)`.
builtin erfc : (x: float) => float

// Computes the inverse of `math.erfc`. `x` must be in [0, 2]; other values give `NaN`.
builtin erfcinv : (x: float) => float

// Computes the inverse of `math.erf`. `x` must be in [-1, 1]; other values give `NaN`.
builtin erfinv : (x: float) => float

// Returns `e` raised to the power `x`.
builtin exp : (x: float) => float

// Returns 2 raised to the power `x`.
builtin exp2 : (x: float) => float

// Returns `e` raised to the power `x`, minus 1. More precise than `math.exp(x) - 1` when `x` is
// close to zero.
builtin expm1 : (x: float) => float

// Returns the IEEE 754 bit pattern of the float `f` as a `uint`.
builtin float64bits : (f: float) => uint

// Returns the float whose IEEE 754 bit pattern is the `uint` `b`; the inverse of
// `math.float64bits`.
builtin float64frombits : (b: uint) => float

// Rounds `x` down to the nearest whole number, returned as a `float`.
builtin floor : (x: float) => float

// Splits `f` into a fraction `frac` and a power-of-two exponent `exp` with `f == frac * 2^exp`,
// where the absolute value of `frac` is in [0.5, 1). Returns both in a record.
builtin frexp : (f: float) => {exp: int, frac: float}

// Computes the gamma function of `x`.
builtin gamma : (x: float) => float

// Returns the square root of `p*p + q*q`, computed so that it does not overflow or underflow
// needlessly.
builtin hypot : (p: float, q: float) => float

// Returns the binary exponent of `x` as an `int`.
builtin ilogb : (x: float) => int

// Returns an infinite float: `+Inf` when `sign` is zero or positive, `-Inf` when it is negative.
builtin mInf : (sign: int) => float

// Tests whether `f` is infinite. A positive `sign` checks for `+Inf`, a negative one for `-Inf`,
// and `0` for either.
builtin isInf : (f: float, sign: int) => bool

// Tests whether `f` is the IEEE 754 not-a-number value.
builtin isNaN : (f: float) => bool

// Computes the Bessel function of the first kind, order zero, at `x`.
builtin j0 : (x: float) => float

// Computes the Bessel function of the first kind, order one, at `x`.
builtin j1 : (x: float) => float

// Computes the Bessel function of the first kind with integer order `n` at `x`.
builtin jn : (n: int, x: float) => float

// Returns `frac * 2^exp`; the inverse of `math.frexp`.
builtin ldexp : (exp: int, frac: float) => float

// Computes the natural logarithm of the absolute value of `math.gamma(x)`. Returns a record
// with `lgamma` and `sign` (-1 or 1, the sign of the gamma value).
builtin lgamma : (x: float) => {sign: int, lgamma: float}

// Returns the natural (base-`e`) logarithm of `x`. `0` gives `-Inf`; negative values give `NaN`.
builtin log : (x: float) => float

// Returns the base-10 logarithm of `x`. `0` gives `-Inf`; negative values give `NaN`.
builtin log10 : (x: float) => float

// Returns the natural logarithm of `1 + x`, more precisely than `math.log` when `x` is near zero.
builtin log1p : (x: float) => float

// Returns the base-2 logarithm of `x`. `0` gives `-Inf`; negative values give `NaN`.
builtin log2 : (x: float) => float

// Returns the binary exponent of `x` as a `float`.
builtin logb : (x: float) => float

// Returns the greater of `x` and `y`. If either is `NaN`, the result is `NaN`.
builtin mMax : (x: float, y: float) => float

// Returns the smaller of `x` and `y`. If either is `NaN`, the result is `NaN`.
builtin mMin : (x: float, y: float) => float

// Returns the floating-point remainder of `x / y`, with the sign of `x`; the same as `x % y`.
// A zero `y` gives `NaN`.
builtin mod : (x: float, y: float) => float

// Splits `f` into its whole part `int` and fractional part `frac`, both with the sign of `f`,
// and returns them in a record.
builtin modf : (f: float) => {frac: float, int: float}

// Returns the IEEE 754 not-a-number (`NaN`) float value.
builtin NaN : () => float

// Returns the closest representable float after `x` in the direction of `y`.
builtin nextafter : (x: float, y: float) => float

// Returns `x` raised to the power `y`.
builtin pow : (x: float, y: float) => float

// Returns 10 raised to the integer power `n`, as a `float`.
builtin pow10 : (n: int) => float

// Returns the IEEE 754 remainder of `x / y`, where the quotient is rounded to the nearest
// integer. A zero `y` gives `NaN`.
builtin remainder : (x: float, y: float) => float

// Rounds `x` to the nearest whole number, with halves rounded away from zero.
builtin round : (x: float) => float

// Rounds `x` to the nearest whole number, with halves rounded to the even neighbour.
builtin roundtoeven : (x: float) => float

// Tests whether `x` is negative, including negative zero.
builtin signbit : (x: float) => bool

// Returns the sine of `x`, given in radians.
builtin sin : (x: float) => float

// Returns both the sine and the cosine of `x` (radians) in a record with `sin` and `cos`.
builtin sincos : (x: float) => {cos: float, sin: float}

// Returns the hyperbolic sine of `x`.
builtin sinh : (x: float) => float

// Returns the square root of `x`. Negative values give `NaN`.
builtin sqrt : (x: float) => float

// Returns the tangent of `x`, given in radians.
builtin tan : (x: float) => float

// Returns the hyperbolic tangent of `x`.
builtin tanh : (x: float) => float

// Drops the fractional part of `x`, returning its whole part as a `float`.
builtin trunc : (x: float) => float

// Computes the Bessel function of the second kind, order zero, at `x`. Negative `x` gives `NaN`.
builtin y0 : (x: float) => float

// Computes the Bessel function of the second kind, order one, at `x`. Negative `x` gives `NaN`.
builtin y1 : (x: float) => float

// Computes the Bessel function of the second kind with integer order `n` at `x`. Negative `x`
// gives `NaN`.
builtin yn : (n: int, x: float) => float
