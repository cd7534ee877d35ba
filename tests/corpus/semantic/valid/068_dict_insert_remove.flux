import "dict"

base = dict.fromList(pairs: [{key: "eu", value: 10}, {key: "us", value: 20}])
more = dict.insert(dict: base, key: "ap", value: 5)
fewer = dict.remove(dict: more, key: "us")

dict.get(dict: fewer, key: "ap", default: 0) + dict.get(dict: fewer, key: "us", default: 0)
