host = "db \"primary\""
port = 5432

"connecting to ${host} on port ${port}
"
