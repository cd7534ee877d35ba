// Bitwise operations on 64-bit integers; `u`-prefixed functions take `uint`, `s`-prefixed `int`.
// Deprecated: use the `bitwise` package, which provides the same functions.
package bitwise

// Returns the bitwise AND of the unsigned integers `a` and `b`.
// Deprecated: use `bitwise.uand` instead.
@deprecated("0.173.0", "bitwise.uand")
builtin uand : (a: uint, b: uint) => uint

// Returns the bitwise OR of the unsigned integers `a` and `b`.
// Deprecated: use `bitwise.uor` instead.
@deprecated("0.173.0", "bitwise.uor")
builtin uor : (a: uint, b: uint) => uint

// Returns the unsigned integer `a` with every bit flipped (bitwise NOT).
// Deprecated: use `bitwise.unot` instead.
@deprecated("0.173.0", "bitwise.unot")
builtin unot : (a: uint) => uint

// Returns the bitwise exclusive OR of the unsigned integers `a` and `b`.
// Deprecated: use `bitwise.uxor` instead.
@deprecated("0.173.0", "bitwise.uxor")
builtin uxor : (a: uint, b: uint) => uint

// Returns the unsigned integer `a` with every bit that is set in `b` cleared (`a AND NOT b`).
// Deprecated: use `bitwise.uclear` instead.
@deprecated("0.173.0", "bitwise.uclear")
builtin uclear : (a: uint, b: uint) => uint

// Shifts the bits of the unsigned integer `a` left by `b` places; bits moved past bit 63 are lost.
// Deprecated: use `bitwise.ulshift` instead.
@deprecated("0.173.0", "bitwise.ulshift")
builtin ulshift : (a: uint, b: uint) => uint

// Shifts the bits of the unsigned integer `a` right by `b` places, filling with zeros.
// Deprecated: use `bitwise.urshift` instead.
@deprecated("0.173.0", "bitwise.urshift")
builtin urshift : (a: uint, b: uint) => uint

// Returns the bitwise AND of the signed integers `a` and `b`.
// Deprecated: use `bitwise.sand` instead.
@deprecated("0.173.0", "bitwise.sand")
builtin sand : (a: int, b: int) => int

// Returns the bitwise OR of the signed integers `a` and `b`.
// Deprecated: use `bitwise.sor` instead.
@deprecated("0.173.0", "bitwise.sor")
builtin sor : (a: int, b: int) => int

// Returns the signed integer `a` with every bit flipped (bitwise NOT), which equals `-a - 1`.
// Deprecated: use `bitwise.snot` instead.
@deprecated("0.173.0", "bitwise.snot")
builtin snot : (a: int) => int

// Returns the bitwise exclusive OR of the signed integers `a` and `b`.
// Deprecated: use `bitwise.sxor` instead.
@deprecated("0.173.0", "bitwise.sxor")
builtin sxor : (a: int, b: int) => int

// Returns the signed integer `a` with every bit that is set in `b` cleared (`a AND NOT b`).
// Deprecated: use `bitwise.sclear` instead.
@deprecated("0.173.0", "bitwise.sclear")
builtin sclear : (a: int, b: int) => int

// Shifts the bits of the signed integer `a` left by `b` places; bits moved past bit 63 are lost.
// Deprecated: use `bitwise.slshift` instead.
@deprecated("0.173.0", "bitwise.slshift")
builtin slshift : (a: int, b: int) => int

// Shifts the bits of the signed integer `a` right by `b` places, preserving the sign (arithmetic).
// Deprecated: use `bitwise.srshift` instead.
@deprecated("0.173.0", "bitwise.srshift")
builtin srshift : (a: int, b: int) => int
