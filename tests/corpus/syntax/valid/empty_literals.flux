// Empty records, arrays and dictionaries, and functions without parameters.
import "array"
import "dict"

nothing = {}
noItems = []
noPairs = [:]
always = () => true
constant = () => 42
withDefault = dict.get(dict: dict.insert(dict: noPairs, key: "k", value: constant()), key: "k", default: 0)

array.from(rows: [{ok: always(), answer: withDefault, count: length(arr: array.concat(arr: noItems, v: [1]))}])
