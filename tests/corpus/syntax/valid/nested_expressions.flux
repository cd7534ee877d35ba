// Deeply parenthesised arithmetic, a long `or` chain and a long else-if ladder.
import "array"

deep = ((((((((((1 + 2) * 3) - 4) / 5) + 6) * 7) - 8) / 9) + 10) * 11)
wanted = (code) =>
    code == 200 or code == 201 or code == 202 or code == 204 or code == 206 or code == 301
        or code == 302 or code == 304 or code == 307 or code == 308 or code == 400 or code == 401
        or code == 403 or code == 404 or code == 409 or code == 410 or code == 429 or code == 500
grade = (score) => {
    return if score >= 97 then "A+"
        else if score >= 93 then "A"
        else if score >= 90 then "A-"
        else if score >= 87 then "B+"
        else if score >= 83 then "B"
        else if score >= 80 then "B-"
        else if score >= 70 then "C"
        else if score >= 60 then "D"
        else "F"
}

array.from(rows: [{code: 404, score: 88}, {code: 418, score: 59}])
    |> filter(fn: (r) => wanted(code: r.code))
    |> map(fn: (r) => ({r with grade: grade(score: r.score), deep: deep}))
