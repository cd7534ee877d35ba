; Flux indentation (nvim-treesitter captures).

; Bracketed lists and bodies indent their contents.
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
] @indent.begin

; Continuation lines of a pipeline (`|> f()`) and of a conditional are
; indented one level below the line that starts them.
[
  (pipe_expression)
  (conditional_expression)
] @indent.begin

; `else` lines up with its `if`.
(conditional_expression
  "else" @indent.branch)

; A closing bracket returns to the indentation of the line that opened it and
; ends the indented region.
[
  "}"
  "]"
  ")"
] @indent.branch @indent.end

; Strings keep whatever indentation their content has.
(string) @indent.ignore

(comment) @indent.auto
