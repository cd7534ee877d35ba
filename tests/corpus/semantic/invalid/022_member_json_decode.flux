// expect: E203 line 6: package json has no member `decode` (only `encode`)
import "json"

payload = bytes(v: "{\"ok\": true}")

json.decode(data: payload)
