// expect: E201 line 3: `share` is used before it is defined in this block
ratio = (used, total) => {
    pct = share * 100.0
    share = used / total

    return {pct: pct, share: share}
}

ratio(used: 3.0, total: 4.0)
