; Declarations shown in Zed's outline panel and symbol search.

(package_clause
  "package" @context
  name: (identifier) @name) @item

(import_declaration
  "import" @context
  path: (string) @name) @item

(option_statement
  "option" @context
  name: (_) @name) @item

(builtin_statement
  "builtin" @context
  name: (identifier) @name) @item

(testcase_statement
  "testcase" @context
  name: (identifier) @name) @item

(variable_assignment
  name: (identifier) @name) @item
