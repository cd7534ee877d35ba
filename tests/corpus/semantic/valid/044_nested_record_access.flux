config = {db: {host: "localhost", port: 8086}, retries: 3}

url = "http://${config.db.host}:${config.db.port}"

if config.retries > 0 then url else ""
