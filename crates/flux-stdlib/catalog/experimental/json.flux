// Experimental support for decoding JSON into Flux values.
package json

// Parses JSON `data` (bytes) into a Flux value: objects become records, arrays become arrays,
// and numbers become floats, while strings and booleans keep their type.
builtin parse : (data: bytes) => A
