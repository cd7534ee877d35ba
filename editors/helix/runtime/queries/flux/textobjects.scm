; Helix text objects: `mif`/`maf` select a function body or the whole
; function, `mia`/`maa` a parameter or argument, `mic`/`mac` comments and
; `mit`/`mat` a testcase.

(function_expression
  body: (_) @function.inside) @function.around

(builtin_statement
  type: (type_expression) @function.inside) @function.around

(parameter_list
  ((parameter) @parameter.inside . ","? @parameter.around) @parameter.around)

(argument_list
  ((property) @parameter.inside . ","? @parameter.around) @parameter.around)

(parameter_type_list
  ((parameter_type) @parameter.inside . ","? @parameter.around) @parameter.around)

(comment) @comment.inside

(comment)+ @comment.around

(testcase_statement
  body: (block) @test.inside) @test.around
