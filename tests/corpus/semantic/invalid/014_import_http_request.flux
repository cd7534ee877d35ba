// expect: E202 line 2: unknown import path "http/request" (the package is "http/requests")
import "http/request"

resp = request.get(url: "https://example.com/health")

resp.statusCode == 200
