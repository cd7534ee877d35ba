// expect: W201 line 3: local `label` inside `describe` is never used
describe = (v) => {
    label = "value"
    kind = if v > 0 then "positive" else "non-positive"

    return kind
}

describe(v: 3)
