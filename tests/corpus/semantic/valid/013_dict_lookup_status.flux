import "dict"

codes = dict.fromList(pairs: [{key: 200, value: "ok"}, {key: 404, value: "not found"}])
describe = (code) => dict.get(dict: codes, key: code, default: "unknown")

describe(code: 404) + ", " + describe(code: 500)
