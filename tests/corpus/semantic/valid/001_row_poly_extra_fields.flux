// A function that reads one field accepts records with any other fields.
toCelsius = (r) => (r.temp - 32.0) * 5.0 / 9.0

kitchen = {room: "kitchen", temp: 71.6, humidity: 40}
yard = {temp: 50.0, station: "north"}

toCelsius(r: kitchen) + toCelsius(r: yard)
