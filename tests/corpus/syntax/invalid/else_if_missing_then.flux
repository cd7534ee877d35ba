// The second branch of an else-if chain has no `then`.
// libflux: 7:9 expected THEN, got STRING ("B") at 7:9
grade = (score) =>
    if score >= 90 then
        "A"
    else if score >= 80
        "B"
    else
        "C"
