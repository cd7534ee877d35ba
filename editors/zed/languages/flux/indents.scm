; Zed indents the lines inside a node captured with @indent; @end marks where
; the indented region closes.
(_ "{" "}" @end) @indent
(_ "[" "]" @end) @indent
(_ "(" ")" @end) @indent

(pipe_expression) @indent
