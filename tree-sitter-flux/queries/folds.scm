; Multi-line constructs that can be folded.
[
  (block)
  (record_expression)
  (array_expression)
  (dictionary_expression)
  (argument_list)
  (parameter_list)
  (attribute_arguments)
  (record_type)
  (parameter_type_list)
  (pipe_expression)
  (conditional_expression)
  (testcase_statement)
  (builtin_statement)
  (string)
] @fold
