// External scanner for tree-sitter-flux.
//
// It handles the three things the generated lexer cannot decide alone:
//  * `/` is division after an operand but opens a regex where an operand is
//    expected (libflux switches tokenizer mode the same way);
//  * string content runs up to `"`, `\` or `${`, and must not skip whitespace
//    or treat `//` as a comment;
//  * in a type, a single-letter identifier is a type variable;
//  * no statement starts with a label or a regex, as in libflux: the `.` of a
//    label comes from here, and neither it nor a regex is produced where a
//    statement may begin (`_statement_start` is valid exactly there).
// The scanner keeps no state: nesting is tracked by the parser itself.

#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>

enum TokenType {
  STRING_FRAGMENT,
  REGEX_START,
  REGEX_PATTERN,
  REGEX_END,
  DIVIDE,
  TYPE_VARIABLE,
  ERROR_SENTINEL,
  LABEL_DOT,
  STATEMENT_START,
};

static inline void advance(TSLexer *lexer) { lexer->advance(lexer, false); }

static inline void skip(TSLexer *lexer) { lexer->advance(lexer, true); }

static inline bool is_space(int32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// Characters that may continue an identifier. Everything outside ASCII is
// counted as a letter: a conservative answer for the single-letter check.
static inline bool is_identifier_char(int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

// String content between the quotes. `$` is ordinary unless `{` follows; as
// in libflux's tokenizer, a `$` also takes the character after it (other than
// `{` or `"`) as part of the text.
static bool scan_string_fragment(TSLexer *lexer) {
  bool has_content = false;
  for (;;) {
    if (lexer->eof(lexer)) break;
    int32_t c = lexer->lookahead;
    if (c == '"' || c == '\\') break;
    if (c == '$') {
      lexer->mark_end(lexer);
      advance(lexer);
      if (lexer->lookahead == '{') {
        // `${` opens an interpolation; the fragment ends before the `$`.
        lexer->result_symbol = STRING_FRAGMENT;
        return has_content;
      }
      has_content = true;
      if (lexer->lookahead == '"' || lexer->eof(lexer)) break;
      advance(lexer);
      continue;
    }
    advance(lexer);
    has_content = true;
  }
  lexer->mark_end(lexer);
  lexer->result_symbol = STRING_FRAGMENT;
  return has_content;
}

// Consumes a regex body up to (not including) the closing unescaped `/`.
// Returns whether a closing `/` was found after at least one character.
static bool consume_regex_body(TSLexer *lexer) {
  bool has_content = false;
  for (;;) {
    if (lexer->eof(lexer)) return false;
    int32_t c = lexer->lookahead;
    if (c == '/') return has_content;
    advance(lexer);
    has_content = true;
    if (c == '\\') {
      if (lexer->eof(lexer)) return false;
      advance(lexer);
    }
  }
}

void *tree_sitter_flux_external_scanner_create(void) { return NULL; }

void tree_sitter_flux_external_scanner_destroy(void *payload) { (void)payload; }

unsigned tree_sitter_flux_external_scanner_serialize(void *payload,
                                                     char *buffer) {
  (void)payload;
  (void)buffer;
  return 0;
}

void tree_sitter_flux_external_scanner_deserialize(void *payload,
                                                   const char *buffer,
                                                   unsigned length) {
  (void)payload;
  (void)buffer;
  (void)length;
}

bool tree_sitter_flux_external_scanner_scan(void *payload, TSLexer *lexer,
                                            const bool *valid_symbols) {
  (void)payload;

  // During error recovery every symbol is valid and nothing can be inferred
  // from the parse state. Only `/` is still produced here (as division), since
  // the generated lexer cannot produce it; everything else is left to that
  // lexer.
  if (valid_symbols[ERROR_SENTINEL]) {
    while (is_space(lexer->lookahead)) skip(lexer);
    if (lexer->lookahead != '/') return false;
    advance(lexer);
    if (lexer->lookahead == '/') return false;
    lexer->mark_end(lexer);
    lexer->result_symbol = DIVIDE;
    return true;
  }

  if (valid_symbols[STRING_FRAGMENT]) return scan_string_fragment(lexer);

  if (valid_symbols[REGEX_PATTERN]) {
    if (!consume_regex_body(lexer)) return false;
    lexer->mark_end(lexer);
    lexer->result_symbol = REGEX_PATTERN;
    return true;
  }

  if (valid_symbols[REGEX_END]) {
    if (lexer->lookahead != '/') return false;
    advance(lexer);
    lexer->mark_end(lexer);
    lexer->result_symbol = REGEX_END;
    return true;
  }

  if (!valid_symbols[DIVIDE] && !valid_symbols[REGEX_START] &&
      !valid_symbols[TYPE_VARIABLE] && !valid_symbols[LABEL_DOT]) {
    return false;
  }

  while (is_space(lexer->lookahead)) skip(lexer);

  if (lexer->lookahead == '.') {
    if (!valid_symbols[LABEL_DOT] || valid_symbols[STATEMENT_START]) return false;
    advance(lexer);
    // `.5` is a float, which the generated lexer reads.
    if (lexer->lookahead >= '0' && lexer->lookahead <= '9') return false;
    lexer->mark_end(lexer);
    lexer->result_symbol = LABEL_DOT;
    return true;
  }

  if (lexer->lookahead == '/') {
    advance(lexer);
    // `//` starts a comment, which the generated lexer handles.
    if (lexer->lookahead == '/') return false;
    lexer->mark_end(lexer);
    // Where an operator may follow, `/` divides, even where a new statement
    // could begin with a regex: libflux reads `a\n/b/` as division too.
    if (valid_symbols[DIVIDE]) {
      lexer->result_symbol = DIVIDE;
      return true;
    }
    // Only claim a regex when its closing slash exists; the lookahead past
    // the marked end is not part of this token.
    if (valid_symbols[REGEX_START] && !valid_symbols[STATEMENT_START] &&
        consume_regex_body(lexer)) {
      lexer->result_symbol = REGEX_START;
      return true;
    }
    return false;
  }

  if (valid_symbols[TYPE_VARIABLE]) {
    int32_t c = lexer->lookahead;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
      advance(lexer);
      if (is_identifier_char(lexer->lookahead)) return false;
      lexer->mark_end(lexer);
      lexer->result_symbol = TYPE_VARIABLE;
      return true;
    }
  }

  return false;
}
