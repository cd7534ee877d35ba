// expect: E203 line 4: package http/requests has no member `put`
import "http/requests"

resp = requests.put(url: "https://example.com/items/1", body: bytes(v: "{}"))

resp.statusCode
