// expect: E204 line 4: array.from needs an array of records, got an array of strings
import "array"

array.from(rows: ["web01", "web02"])
