formatter = (unit="ms") => (v) => "${v}${unit}"

ms = formatter()
sec = formatter(unit: "s")

ms(v: 250) + " / " + sec(v: 1.5)
