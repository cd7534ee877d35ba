defaults = {timeout: 10s, retries: 3, verbose: false}
custom = {defaults with retries: 5, verbose: true}

if custom.verbose then "retries=${custom.retries} timeout=${custom.timeout}" else "quiet"
