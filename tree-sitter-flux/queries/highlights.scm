; Flux highlights, using nvim-treesitter capture names.
; Neovim lets later patterns override earlier ones, so the general patterns
; come first and the more specific ones follow.

; Identifiers

(identifier) @variable

((identifier) @constant.builtin
  (#any-of? @constant.builtin "true" "false"))

(parameter
  name: (identifier) @variable.parameter)

(parameter_type
  name: (identifier) @variable.parameter)

; Named call arguments: `f(start: -1h)`
(argument_list
  (property
    key: (identifier) @variable.parameter))

(record_expression
  (property
    key: (identifier) @property))

(property_type
  name: (identifier) @property)

(member_expression
  property: (identifier) @variable.member)

(label) @label

; Packages and imports

(package_clause
  name: (identifier) @module)

(import_declaration
  alias: (identifier) @module)

(option_statement
  name: (member_expression
    object: (identifier) @module))

; Functions

(call_expression
  callee: (identifier) @function.call)

(call_expression
  callee: (member_expression
    property: (identifier) @function.method.call))

(variable_assignment
  name: (identifier) @function
  value: (function_expression))

(option_statement
  name: (identifier) @function
  value: (function_expression))

(option_statement
  name: (member_expression
    property: (identifier) @function)
  value: (function_expression))

; `builtin` declares a function implemented natively by the runtime.
(builtin_statement
  name: (identifier) @function.builtin
  type: (type_expression
    type: (function_type)))

(testcase_statement
  name: (identifier) @function)

; Types

(type_variable) @type

(named_type) @type

((named_type) @type.builtin
  (#any-of? @type.builtin
    "bool" "bytes" "duration" "float" "int" "regexp" "string" "time" "uint"))

(dynamic_type) @type.builtin

[
  "stream"
  "vector"
] @type.builtin

(type_constraint
  kind: (identifier) @type)

; Literals

(string) @string

(escape_sequence) @string.escape

(regex) @string.regexp

(integer) @number

(float) @number.float

(duration) @number

(date_time) @string.special

(import_declaration
  path: (string) @string.special.path)

; Keywords

[
  "package"
  "import"
] @keyword.import

[
  "option"
  "builtin"
  "testcase"
  "extends"
  "where"
] @keyword

"return" @keyword.return

[
  "if"
  "then"
  "else"
] @keyword.conditional

[
  "and"
  "or"
  "not"
  "exists"
  "with"
] @keyword.operator

; Attributes

(attribute
  "@" @attribute
  name: (identifier) @attribute)

; Operators

[
  "+"
  "-"
  "*"
  "/"
  "%"
  "^"
  "=="
  "!="
  "<"
  "<="
  ">"
  ">="
  "=~"
  "!~"
  "="
  "=>"
  "|>"
  "<-"
  "?"
] @operator

; Punctuation

[
  "("
  ")"
  "["
  "]"
  "{"
  "}"
] @punctuation.bracket

[
  ","
  ":"
  "."
] @punctuation.delimiter

(regex
  "/" @punctuation.delimiter)

(interpolation
  [
    "${"
    "}"
  ] @punctuation.special)

; Comments

(comment) @comment @spell

; A run of comments directly above a declaration documents it.
((comment)+ @comment.documentation
  .
  [
    (builtin_statement)
    (variable_assignment)
    (option_statement)
    (testcase_statement)
  ])
