import "http/requests"
import "json"

resp =
    requests.post(
        url: "https://example.com/ingest",
        headers: ["Content-Type": "application/json"],
        body: json.encode(v: {host: "web01", up: true}),
    )

resp.statusCode == 200 and resp.duration < 2s
