; Flux highlights for Zed. Later patterns take precedence over earlier ones,
; so the general rules come first.

(identifier) @variable

((identifier) @boolean
  (#any-of? @boolean "true" "false"))

(parameter
  name: (identifier) @variable.parameter)

(parameter_type
  name: (identifier) @variable.parameter)

(argument_list
  (property
    key: (identifier) @variable.parameter))

(record_expression
  (property
    key: (identifier) @property))

(property_type
  name: (identifier) @property)

(member_expression
  property: (identifier) @property)

(label) @label

(package_clause
  name: (identifier) @namespace)

(import_declaration
  alias: (identifier) @namespace)

; Functions

(call_expression
  callee: (identifier) @function)

(call_expression
  callee: (member_expression
    property: (identifier) @function.method))

(variable_assignment
  name: (identifier) @function
  value: (function_expression))

(option_statement
  name: (member_expression
    object: (identifier) @namespace))

(option_statement
  name: (identifier) @function
  value: (function_expression))

(option_statement
  name: (member_expression
    property: (identifier) @function)
  value: (function_expression))

(builtin_statement
  name: (identifier) @function
  type: (type_expression
    type: (function_type)))

(testcase_statement
  name: (identifier) @function)

; Types

(type_variable) @type

(named_type) @type

(dynamic_type) @type

[
  "stream"
  "vector"
] @type

(type_constraint
  kind: (identifier) @type)

; Literals

(string) @string

(import_declaration
  path: (string) @string.special)

(escape_sequence) @string.escape

(regex) @string.regex

(integer) @number

(float) @number

(duration) @number

(date_time) @string.special

; Keywords

[
  "package"
  "import"
  "option"
  "builtin"
  "testcase"
  "extends"
  "where"
  "return"
  "if"
  "then"
  "else"
  "and"
  "or"
  "not"
  "exists"
  "with"
] @keyword

(attribute
  "@" @attribute
  name: (identifier) @attribute)

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

(comment) @comment

((comment)+ @comment.doc
  .
  [
    (builtin_statement)
    (variable_assignment)
    (option_statement)
    (testcase_statement)
  ])
