level = (v) => if v > 90.0 then "crit" else if v > 70.0 then "warn" else "ok"
long = (v) => if v > 90.0 and v < 1000.0 and v != 500.0 then "critical level reached" else "everything is fine here"
