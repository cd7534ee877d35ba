; Flux highlights for Helix. Helix keeps the first pattern that matches a
; node, so specific patterns come first and the catch-all identifier rule is
; last.

(comment) @comment

; Strings and other literals

(escape_sequence) @constant.character.escape

(interpolation
  [
    "${"
    "}"
  ] @punctuation.special)

(regex
  "/" @punctuation.delimiter)

(regex) @string.regexp

(import_declaration
  path: (string) @string.special.path)

(string) @string

(integer) @constant.numeric.integer

(float) @constant.numeric.float

(duration) @constant.numeric.integer

(date_time) @constant

(label) @label

((identifier) @constant.builtin.boolean
  (#any-of? @constant.builtin.boolean "true" "false"))

; Attributes

(attribute
  "@" @attribute
  name: (identifier) @attribute)

; Packages

(package_clause
  name: (identifier) @namespace)

(import_declaration
  alias: (identifier) @namespace)

(option_statement
  name: (member_expression
    object: (identifier) @namespace))

; Functions

(builtin_statement
  name: (identifier) @function.builtin
  type: (type_expression
    type: (function_type)))

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

(testcase_statement
  name: (identifier) @function)

(call_expression
  callee: (identifier) @function)

(call_expression
  callee: (member_expression
    property: (identifier) @function.method))

; Parameters, named arguments and fields

(parameter
  name: (identifier) @variable.parameter)

(parameter_type
  name: (identifier) @variable.parameter)

(argument_list
  (property
    key: (identifier) @variable.parameter))

(record_expression
  (property
    key: (identifier) @variable.other.member))

(property_type
  name: (identifier) @variable.other.member)

(member_expression
  property: (identifier) @variable.other.member)

; Types

((named_type) @type.builtin
  (#any-of? @type.builtin
    "bool" "bytes" "duration" "float" "int" "regexp" "string" "time" "uint"))

(named_type) @type

(type_variable) @type.parameter

(dynamic_type) @type.builtin

[
  "stream"
  "vector"
] @type.builtin

(type_constraint
  kind: (identifier) @type)

; Keywords

[
  "package"
  "import"
] @keyword.control.import

[
  "if"
  "then"
  "else"
] @keyword.control.conditional

"return" @keyword.control.return

[
  "and"
  "or"
  "not"
  "exists"
  "with"
] @keyword.operator

[
  "option"
  "builtin"
  "testcase"
  "extends"
  "where"
] @keyword

; Operators and punctuation

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

(identifier) @variable
