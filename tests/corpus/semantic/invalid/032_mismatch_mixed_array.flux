// expect: E204 line 2: array elements must all have the same type
ports = [8086, "8088"]

ports[0]
