// expect: E212 line 3: parameter `n` is assigned again in the function body
cap = (n) => {
    n = if n > 100 then 100 else n

    return n
}

cap(n: 250)
