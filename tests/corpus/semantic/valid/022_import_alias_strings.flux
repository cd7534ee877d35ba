import str "strings"

normalize = (name) => str.toLower(v: str.trimSpace(v: name))

normalize(name: "  Web01 ") == "web01"
