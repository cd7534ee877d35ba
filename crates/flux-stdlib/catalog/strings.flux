// Functions that transform and inspect string values: case changes, trimming, searching, splitting,
// joining and measuring.
package strings

// Returns `v` with the first letter of every word capitalized; other letters are left as they are.
builtin title : (v: string) => string

// Returns `v` with all letters mapped to upper case.
builtin toUpper : (v: string) => string

// Returns `v` with all letters mapped to lower case.
builtin toLower : (v: string) => string

// Strips from both ends of `v` every character that appears in `cutset`. `cutset` is a set of
// characters, not a prefix or suffix.
builtin trim : (cutset: string, v: string) => string

// Returns `v` without the leading `prefix`, or `v` unchanged if it does not start with `prefix`.
builtin trimPrefix : (prefix: string, v: string) => string

// Returns `v` with leading and trailing whitespace (spaces, tabs, newlines) removed.
builtin trimSpace : (v: string) => string

// Returns `v` without the trailing `suffix`, or `v` unchanged if it does not end with `suffix`.
builtin trimSuffix : (suffix: string, v: string) => string

// Strips from the end of `v` every trailing character that appears in the set `cutset`.
builtin trimRight : (cutset: string, v: string) => string

// Strips from the start of `v` every leading character that appears in the set `cutset`.
builtin trimLeft : (cutset: string, v: string) => string

// Returns `v` with every letter mapped to its Unicode title case form. This usually matches
// `toUpper` but differs for some digraph characters.
builtin toTitle : (v: string) => string

// Reports whether `v` starts with `prefix`.
builtin hasPrefix : (prefix: string, v: string) => bool

// Reports whether `v` ends with `suffix`.
builtin hasSuffix : (suffix: string, v: string) => bool

// Reports whether `substr` occurs anywhere in `v`.
builtin containsStr : (substr: string, v: string) => bool

// Reports whether `v` contains at least one of the characters in `chars`.
builtin containsAny : (chars: string, v: string) => bool

// Reports whether `v` and `t` are equal when case is ignored (Unicode case folding).
builtin equalFold : (t: string, v: string) => bool

// Compares `v` and `t` lexicographically, returning -1 if `v` sorts first, 0 if they are equal and
// 1 if `v` sorts after `t`.
builtin compare : (t: string, v: string) => int

// Returns how many non-overlapping times `substr` occurs in `v`.
builtin countStr : (substr: string, v: string) => int

// Returns the byte offset of the first occurrence of `substr` in `v`, or -1 if it does not occur.
builtin index : (substr: string, v: string) => int

// Returns the byte offset of the first character of `v` that is in `chars`, or -1 if there is none.
builtin indexAny : (chars: string, v: string) => int

// Returns the byte offset of the last occurrence of `substr` in `v`, or -1 if it does not occur.
builtin lastIndex : (substr: string, v: string) => int

// Returns the byte offset of the last character of `v` that is in `chars`, or -1 if there is none.
builtin lastIndexAny : (chars: string, v: string) => int

// Reports whether `v` is a decimal digit (0-9). `v` must be a single ASCII character, otherwise
// it is an error.
builtin isDigit : (v: string) => bool

// Reports whether `v` is a letter (a-z or A-Z). `v` must be a single ASCII character, otherwise
// it is an error.
builtin isLetter : (v: string) => bool

// Reports whether `v` is a lower-case letter. `v` must be a single ASCII character, otherwise it
// is an error.
builtin isLower : (v: string) => bool

// Reports whether `v` is an upper-case letter. `v` must be a single ASCII character, otherwise it
// is an error.
builtin isUpper : (v: string) => bool

// Returns `v` repeated `i` times in a row; `i` of 0 gives an empty string.
builtin repeat : (i: int, v: string) => string

// Replaces the first `i` non-overlapping occurrences of `t` in `v` with `u`. A negative `i`
// replaces every occurrence.
builtin replace : (i: int, t: string, u: string, v: string) => string

// Replaces every non-overlapping occurrence of `t` in `v` with `u`.
builtin replaceAll : (t: string, u: string, v: string) => string

// Splits `v` at every occurrence of the separator `t` and returns the pieces, without the
// separator. An empty `t` splits `v` into single characters.
builtin split : (t: string, v: string) => [string]

// Splits `v` just after every occurrence of the separator `t`, so each piece except the last keeps
// its trailing separator.
builtin splitAfter : (t: string, v: string) => [string]

// Splits `v` at the separator `t` into at most `i` pieces, the last holding the unsplit remainder.
// A negative `i` returns all pieces; 0 returns none.
builtin splitN : (i: int, t: string, v: string) => [string]

// Splits `v` just after each separator `t` into at most `i` pieces that keep their separator, the
// last holding the remainder. A negative `i` returns all pieces; 0 returns none.
builtin splitAfterN : (i: int, t: string, v: string) => [string]

// Joins the strings in `arr` into one string, placing the separator `v` between elements.
builtin joinStr : (arr: [string], v: string) => string

// Returns the length of `v` counted in Unicode code points, not bytes.
builtin strlen : (v: string) => int

// Returns the part of `v` from code point `start` up to, but not including, `end`. Indexes
// outside the string are clamped to its bounds.
builtin substring : (end: int, start: int, v: string) => string
