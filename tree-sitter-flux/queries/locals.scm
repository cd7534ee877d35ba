; Flux scopes, definitions and references (nvim-treesitter captures).

; Scopes: the file, every block, and each function (its parameters are
; visible only inside it).
[
  (source_file)
  (block)
  (function_expression)
] @local.scope

; Definitions

(package_clause
  name: (identifier) @local.definition.namespace)

(import_declaration
  alias: (identifier) @local.definition.import)

(variable_assignment
  name: (identifier) @local.definition.var)

(variable_assignment
  name: (identifier) @local.definition.function
  value: (function_expression))

(option_statement
  name: (identifier) @local.definition.var)

(builtin_statement
  name: (identifier) @local.definition.var)

(builtin_statement
  name: (identifier) @local.definition.function
  type: (type_expression
    type: (function_type)))

(parameter
  name: (identifier) @local.definition.parameter)

; References: identifiers used as values. Property names, member names and
; named-argument keys are not references.

(_primary_expression/identifier) @local.reference

; A shorthand property `{x}` or argument `f(x)` reads the variable `x`.
(property
  key: (identifier) @local.reference
  !value)

(record_expression
  source: (identifier) @local.reference)
