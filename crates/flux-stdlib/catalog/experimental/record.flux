// Interim, experimental helpers for working with records whose keys or property types are not
// known in advance.
package record

// A polymorphic empty record that fits any record type, useful as a default when the type of the
// expected record is unknown.
builtin any : A where A: Record

// Returns the value stored under `key` in record `r`, or `default` when the key is absent.
builtin get : (default: B, key: string, r: A) => B where A: Record
