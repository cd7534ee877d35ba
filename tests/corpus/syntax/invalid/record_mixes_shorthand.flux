// A record mixes shorthand properties (`host`) with `key: value` properties.
// libflux: 5:8 cannot mix implicit and explicit properties
host = "web-01"
region = "eu"
tags = {host, region: region}
