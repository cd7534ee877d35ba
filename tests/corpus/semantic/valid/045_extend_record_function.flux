withEnv = (r, env) => ({r with env: env})

tagged = withEnv(r: {host: "db01", cores: 8}, env: "prod")

"${tagged.host} has ${tagged.cores} cores in ${tagged.env}"
