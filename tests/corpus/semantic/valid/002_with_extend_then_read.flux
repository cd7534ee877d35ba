base = {host: "web01", region: "eu-west"}
tagged = {base with env: "prod"}
label = tagged.host + "/" + tagged.env + "/" + tagged.region

label
