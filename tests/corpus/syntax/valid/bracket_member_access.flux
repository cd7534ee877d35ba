// Bracket member access for column names that are not identifiers.
from(bucket: "snmp")
    |> range(start: -30m)
    |> filter(fn: (r) => r["_measurement"] == "interface" and r["if name"] == "eth0")
    |> filter(fn: (r) => r["ifHCInOctets"] > 0 and r["rack-id"] =~ /^r[0-9]{2}$/)
    |> map(fn: (r) => ({r with "bits in": r["ifHCInOctets"] * 8, "port #": r["if name"]}))
    |> drop(columns: ["if name"])
