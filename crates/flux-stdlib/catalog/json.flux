// Serialize Flux values as JSON.
package json

// Serializes `v` to JSON and returns the bytes. Records and dictionaries become objects, times
// become RFC 3339 strings and bytes become base64 strings; functions and streams cannot be
// encoded and raise an error.
builtin encode : (v: A) => bytes
