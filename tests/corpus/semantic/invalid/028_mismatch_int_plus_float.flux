// expect: E204 line 5: adding an int and a float
retries = 3
backoff = 1.5

total = retries + backoff

total
