; Scopes, definitions and references for Helix. Definitions tagged with a
; highlight name lend it to the references that resolve to them.

[
  (source_file)
  (block)
  (function_expression)
] @local.scope

(parameter
  name: (identifier) @local.definition.variable.parameter)

(variable_assignment
  name: (identifier) @local.definition)

(import_declaration
  alias: (identifier) @local.definition.namespace)

(_primary_expression/identifier) @local.reference

(property
  key: (identifier) @local.reference
  !value)
