// expect: E205 line 4: `pct` requires `total`
pct = (part, total) => part / total * 100.0

pct(part: 12.0)
