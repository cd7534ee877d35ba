; Text objects for Zed's vim mode (`af`/`if` for functions, `gc` comments).

(function_expression
  body: (_) @function.inside) @function.around

(testcase_statement
  body: (block) @function.inside) @function.around

(comment)+ @comment.around
