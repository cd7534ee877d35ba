// An index expression `a[]` has nothing between the brackets.
// libflux: 4:9 no expression included in brackets
hosts = ["web-01", "web-02"]
first = hosts[]
