// expect: E209 line 4: `version()` returns an int, which is called again
version = () => 3

version()()
