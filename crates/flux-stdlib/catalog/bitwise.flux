// Bitwise operations on integers: AND, OR, XOR, NOT, bit clearing and shifts, with separate
// functions for unsigned (`u...`) and signed (`s...`) operands.
package bitwise

// Returns the bitwise AND of the unsigned integers `a` and `b`.
builtin uand : (a: uint, b: uint) => uint

// Returns the bitwise OR of the unsigned integers `a` and `b`.
builtin uor : (a: uint, b: uint) => uint

// Returns the bitwise complement of the unsigned integer `a` (every bit flipped).
builtin unot : (a: uint) => uint

// Returns the bitwise exclusive OR of the unsigned integers `a` and `b`.
builtin uxor : (a: uint, b: uint) => uint

// Returns `a` with every bit that is set in `b` cleared (AND NOT), for unsigned integers.
builtin uclear : (a: uint, b: uint) => uint

// Shifts the unsigned integer `a` left by `b` bits.
builtin ulshift : (a: uint, b: uint) => uint

// Shifts the unsigned integer `a` right by `b` bits, filling the vacated high bits with zeros.
builtin urshift : (a: uint, b: uint) => uint

// Returns the bitwise AND of the signed integers `a` and `b`.
builtin sand : (a: int, b: int) => int

// Returns the bitwise OR of the signed integers `a` and `b`.
builtin sor : (a: int, b: int) => int

// Returns the bitwise complement of the signed integer `a` (every bit flipped, so `-a - 1`).
builtin snot : (a: int) => int

// Returns the bitwise exclusive OR of the signed integers `a` and `b`.
builtin sxor : (a: int, b: int) => int

// Returns `a` with every bit that is set in `b` cleared (AND NOT), for signed integers.
builtin sclear : (a: int, b: int) => int

// Shifts the signed integer `a` left by `b` bits.
builtin slshift : (a: int, b: int) => int

// Shifts the signed integer `a` right by `b` bits; the shift is arithmetic, so the sign is kept.
builtin srshift : (a: int, b: int) => int
