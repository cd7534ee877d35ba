; The body of a regex literal is an RE2 regular expression.
((regex_pattern) @injection.content
  (#set! injection.language "regex"))

; TODO/FIXME/NOTE markers and the like in comments.
((comment) @injection.content
  (#set! injection.language "comment"))
