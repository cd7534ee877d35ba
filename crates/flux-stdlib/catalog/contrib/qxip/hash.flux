// Functions that hash or encode strings: SHA-256, SHA-1, MD5, xxHash, CityHash, HMAC and Base64.
package hash

// Returns the SHA-256 digest of the string `v` as a lowercase hex string. A null input gives null.
builtin sha256 : (v: A) => string

// Returns the SHA-1 digest of the string `v` as a lowercase hex string. A null input gives null.
builtin sha1 : (v: A) => string

// Returns the 64-bit xxHash of the string `v`, formatted as an unsigned decimal number in a string.
builtin xxhash64 : (v: A) => string

// Returns the 64-bit CityHash of the string `v`, formatted as an unsigned decimal number in a
// string.
builtin cityhash64 : (v: A) => string

// Encodes the string `v` as URL-safe Base64 (with padding). This is an encoding, not a hash.
builtin b64 : (v: A) => string

// Returns the MD5 digest of the string `v` as a lowercase hex string. A null input gives null.
builtin md5 : (v: A) => string

// Computes the HMAC-SHA1 signature of the string `v` with the key `k`, returned Base64-encoded.
builtin hmac : (k: A, v: A) => string
