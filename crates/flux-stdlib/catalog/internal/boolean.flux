// Internal package that defines the boolean constants `true` and `false`; it is part of the
// prelude, so both names are available in every Flux program without an import.
package boolean

// The boolean value `true`.
builtin true : bool

// The boolean value `false`.
builtin false : bool
