// A record property with a string key has no value.
// libflux: 3:10 string literal key on call must have a value
labels = {"team": "ops", "on call"}
