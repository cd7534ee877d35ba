import "join"
import "array"

people = array.from(rows: [{id: 1, name: "ana"}, {id: 2, name: "bo"}])
teams = array.from(rows: [{id: 1, team: "core"}])

join.left(
    left: people,
    right: teams,
    on: (l, r) => l.id == r.id,
    as: (l, r) => ({id: l.id, name: l.name, team: if exists r.team then r.team else "none"}),
)
