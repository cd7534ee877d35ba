// expect: E210 line 6: a requests response has `statusCode`, not `status`
import "http/requests"

resp = requests.get(url: "https://example.com/health")

resp.status == 200
