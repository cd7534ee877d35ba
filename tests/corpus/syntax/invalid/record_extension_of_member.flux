// A record extension uses a member expression (`config.service`) as its base; only an identifier is allowed.
// libflux: 4:18 unexpected token for property key: DOT (.)
config = {service: {name: "api", port: 8080}}
updated = {config.service with port: 9090}
