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
#include <string.h>

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
  STATEMENT_BEGIN,
  STATEMENT_END,
  CHUNK_END,
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

static bool is_identifier_start(int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

// The zero-width tokens around a statement. A statement ends where the next token cannot
// continue it: a name (other than `and`, `or`, `then`, `else` and a type's `where`), a literal, `{`, `@`, `}` or the end of
// the text; comments in between are looked past. A statement begins anywhere but before `}`
// or the end of the text.
static bool scan_statement_boundary(TSLexer *lexer, const bool *valid_symbols) {
  while (is_space(lexer->lookahead)) skip(lexer);
  lexer->mark_end(lexer);
  for (;;) {
    if (lexer->lookahead != '/') break;
    advance(lexer);
    // A statement begins after the comments before it, which stay outside it.
    if (lexer->lookahead == '/' && valid_symbols[STATEMENT_BEGIN]) return false;
    if (lexer->lookahead != '/') {
      // A lone slash divides: the statement goes on.
      if (valid_symbols[DIVIDE] && !valid_symbols[STATEMENT_BEGIN]) {
        lexer->mark_end(lexer);
        lexer->result_symbol = DIVIDE;
        return true;
      }
      return false;
    }
    while (!lexer->eof(lexer) && lexer->lookahead != '\n') advance(lexer);
    while (is_space(lexer->lookahead)) advance(lexer);
  }
  int32_t c = lexer->lookahead;
  bool at_end = lexer->eof(lexer) || c == '}';
  if (valid_symbols[STATEMENT_BEGIN] && !valid_symbols[STATEMENT_END]) {
    if (at_end) return false;
    lexer->result_symbol = STATEMENT_BEGIN;
    return true;
  }
  bool next_statement = at_end || c == '"' || c == '{' || c == '@' || (c >= '0' && c <= '9');
  if (c == '.') {
    // `.5` is a float, which starts a statement; any other `.` reads a member.
    advance(lexer);
    next_statement = lexer->lookahead >= '0' && lexer->lookahead <= '9';
  }
  // FNV-1a of the next statement's first word picks the ends of chunks.
  uint32_t hash = 2166136261u;
  if (!next_statement && is_identifier_start(c)) {
    char word[8];
    unsigned length = 0;
    while (is_identifier_char(lexer->lookahead)) {
      if (length < sizeof(word)) word[length] = (char)lexer->lookahead;
      hash = (hash ^ (uint32_t)lexer->lookahead) * 16777619u;
      length++;
      advance(lexer);
    }
    bool operator_word = (length == 3 && memcmp(word, "and", 3) == 0) ||
                         (length == 2 && memcmp(word, "or", 2) == 0) ||
                         (length == 4 && memcmp(word, "then", 4) == 0) ||
                         (length == 4 && memcmp(word, "else", 4) == 0) ||
                         // After a type (where no `/` could follow), `where` adds its constraints.
                         (length == 5 && memcmp(word, "where", 5) == 0 && !valid_symbols[DIVIDE]);
    next_statement = !operator_word;
  }
  if (!next_statement) return false;
  bool chunk_end = valid_symbols[CHUNK_END] && !at_end && (hash >> 24) % 16 == 0;
  lexer->result_symbol = chunk_end ? CHUNK_END : STATEMENT_END;
  return true;
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

  if (valid_symbols[STATEMENT_BEGIN] || valid_symbols[STATEMENT_END] || valid_symbols[CHUNK_END]) {
    return scan_statement_boundary(lexer, valid_symbols);
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
