host = "web"
msg = "host ${host} has ${1 + 2} problems"
