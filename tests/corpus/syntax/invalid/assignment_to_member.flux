// A value is assigned to a member expression outside an option statement.
// libflux: 4:18 invalid statement: =
settings = {retries: 3}
settings.retries = 5
