import "dict"

d = ["a": 1, "b": 2]
empty = [:]
v = dict.get(dict: d, key: "a", default: 0)
arr = [1, 2, 3][0]
