// expect: E208 line 4: `toFahrenheit` has no `<-` parameter (`c=0.0` is a plain default)
toFahrenheit = (c=0.0) => c * 9.0 / 5.0 + 32.0

21.5 |> toFahrenheit()
