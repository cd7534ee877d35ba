getId = (r) => r.id

a = getId(r: {id: 7, name: "seven"})
b = getId(r: {id: "x-7"})

"${a}/${b}"
