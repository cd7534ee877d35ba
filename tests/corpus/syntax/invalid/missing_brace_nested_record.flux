// A nested record inside a record literal is missing its `}`.
// libflux: 3:10 expected RBRACE, got EOF
config = {
    service: {name: "api", port: 8080,
    owner: "platform",
}
