import "experimental/dynamic"

payload = dynamic.jsonParse(data: bytes(v: "{\"items\": [1, 2, 3]}"))
items = payload.items |> dynamic.asArray()

int(v: items[0]) + length(arr: items)
