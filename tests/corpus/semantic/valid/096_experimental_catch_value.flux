import "experimental"

result = experimental.catch(fn: () => 10 / 2)

if result.code == uint(v: 0) then result.value else -1
