// expect: E209 line 4: `greeting` is a string, not a function
greeting = "hello"

greeting(name: "world")
