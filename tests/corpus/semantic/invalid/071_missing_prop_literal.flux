// expect: E210 line 4: record has no property `port`
server = {host: "localhost", scheme: "http"}

"${server.scheme}://${server.host}:${server.port}"
