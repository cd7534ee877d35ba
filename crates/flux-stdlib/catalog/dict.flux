// Functions for building, reading and updating dictionary values (`[key: value]` maps).
package dict

// Builds a dictionary from `pairs`, a list of records that each carry a `key` and a `value`.
builtin fromList : (pairs: [{value: V, key: K}]) => [K:V] where K: Comparable

// Looks up `key` in `dict` and returns its value, or `default` when the key is not present.
builtin get : (default: V, dict: [K:V], key: K) => V where K: Comparable

// Returns a new dictionary with `key` set to `value`; an existing entry for the key is replaced.
// The input `dict` itself is not modified.
builtin insert : (dict: [K:V], key: K, value: V) => [K:V] where K: Comparable

// Returns a new dictionary equal to `dict` without the entry for `key`.
builtin remove : (dict: [K:V], key: K) => [K:V] where K: Comparable
