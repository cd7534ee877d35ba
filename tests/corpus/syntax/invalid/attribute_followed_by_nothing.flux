// An attribute at the end of the file is not attached to anything.
// libflux: 6:1 invalid statement: 
x = 1

@edition("2022.1")
