addTax = (amount=<-, rate=0.2) => amount * (1.0 + rate)

price = 100.0

price |> addTax() |> addTax(rate: 0.05)
