// expect: E205 line 6: dict.get requires `default`
import "dict"

regions = dict.fromList(pairs: [{key: "eu", value: "Europe"}])

dict.get(dict: regions, key: "eu")
