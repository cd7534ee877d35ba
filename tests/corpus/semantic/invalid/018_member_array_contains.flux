// expect: E203 line 6: package array has no member `contains` (use the prelude `contains`)
import "array"

regions = ["eu", "us"]

array.contains(set: regions, value: "eu")
