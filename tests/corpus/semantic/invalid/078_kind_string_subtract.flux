// expect: E211 line 5: strings cannot be subtracted
first = "2024-01-02"
second = "2024-01-01"

first - second
