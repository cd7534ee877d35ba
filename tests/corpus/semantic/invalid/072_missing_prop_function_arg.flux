// expect: E210 line 4: the record passed to `greet` has no `name`, which it reads
greet = (user) => "hello " + user.name

greet(user: {id: 7, email: "x@example.com"})
