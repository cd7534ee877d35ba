; Helix indentation: `@indent` indents the lines after a node's first line,
; `@outdent` pulls a line that starts with the capture back one level.

[
  (block)
  (record_expression)
  (array_expression)
  (dictionary_expression)
  (argument_list)
  (parameter_list)
  (attribute_arguments)
  (paren_expression)
  (record_type)
  (parameter_type_list)
  (pipe_expression)
  (conditional_expression)
] @indent

[
  "}"
  "]"
  ")"
] @outdent

(conditional_expression
  "else" @outdent)
