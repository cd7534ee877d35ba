// expect: E210 line 4: `config.db` has no property `port`
config = {db: {host: "db01", user: "reader"}, retries: 3}

url = "postgres://${config.db.user}@${config.db.host}:${config.db.port}"

if config.retries > 0 then url else ""
