// expect: E203 line 6: package dict has no member `has`
import "dict"

owners = dict.fromList(pairs: [{key: "web", value: "team-a"}])

dict.has(dict: owners, key: "web")
