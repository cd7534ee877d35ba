// Functions for building regular expressions (Go RE2 syntax) and using them to search, replace and
// split strings.
package regexp

// Parses the string `v` as a regular expression and returns it as a `regexp` value. Invalid
// syntax is an error.
builtin compile : (v: string) => regexp

// Returns `v` with every regular expression metacharacter backslash-escaped, so the result matches
// the text literally.
builtin quoteMeta : (v: string) => string

// Returns the leftmost match of `r` in `v`, or an empty string when there is no match.
builtin findString : (r: regexp, v: string) => string

// Returns the start and end byte offsets of the leftmost match of `r` in `v` as a two-element
// array (end exclusive), or an empty array when there is no match.
builtin findStringIndex : (r: regexp, v: string) => [int]

// Reports whether `v` contains at least one match of `r`.
builtin matchRegexpString : (r: regexp, v: string) => bool

// Returns `v` with every match of `r` replaced by `t`. In `t`, `$1`, `$2`, ... insert the text
// of the numbered capture groups.
builtin replaceAllString : (r: regexp, t: string, v: string) => string

// Splits `v` at each match of `r`. `i` caps the number of pieces (the last holds the rest); a
// negative `i` returns all pieces and 0 returns none.
builtin splitRegexp : (i: int, r: regexp, v: string) => [string]

// Returns the source text of the regular expression `r`.
builtin getString : (r: regexp) => string
