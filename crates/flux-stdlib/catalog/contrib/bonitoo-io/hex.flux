// Conversions between hexadecimal strings and `int`, `uint` and `bytes` values.
package hex

// Parses a hexadecimal string `v` into an `int`; an optional sign and `0x` prefix are accepted.
builtin int : (v: string) => int

// Converts `v` to a string, writing `int`, `uint` and `bytes` values as lowercase hexadecimal.
// Values of other basic types are converted the same way as with the built-in `string()`.
builtin string : (v: A) => string

// Parses a hexadecimal string `v` (optionally prefixed with `0x`) into a `uint`.
builtin uint : (v: string) => uint

// Decodes a hexadecimal string `v` into the `bytes` it represents, two digits per byte.
builtin bytes : (v: string) => bytes
