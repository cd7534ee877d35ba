// expect: E204 line 6: the dictionary has int keys, but a string key is used
import "dict"

codes = dict.fromList(pairs: [{key: 200, value: "ok"}, {key: 404, value: "missing"}])

dict.get(dict: codes, key: "404", default: "?")
