import "dict"

weights = ["critical": 3, "warning": 2, "info": 1]

score = (level) => dict.get(dict: weights, key: level, default: 0)

score(level: "warning") * 10
