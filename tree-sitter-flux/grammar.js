/**
 * @file Tree-sitter grammar for InfluxData's Flux query language.
 * @license MIT OR Apache-2.0
 *
 * The reference for what is valid is libflux's hand-written LL(1) parser;
 * this grammar accepts everything it accepts. Operator precedence, from the
 * loosest binding to the tightest, follows libflux exactly.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const PREC = {
  function: 0, // `(x) => body`: the body extends as far right as possible
  conditional: 1, // if/then/else
  or: 2,
  and: 3,
  not: 4, // prefix `not` and `exists`
  compare: 5,
  add: 6,
  multiply: 7,
  power: 8,
  pipe: 9,
  unary: 10, // prefix `+` and `-`
  postfix: 11, // call, member, index
};

// Flux identifiers: a letter or `_`, then letters, digits or `_`.
const IDENTIFIER = /[_\p{L}][_\p{L}\p{Nd}]*/;

/**
 * Zero or more `rule`s separated by commas, with an optional trailing comma
 * (libflux accepts one in every list).
 *
 * @param {RuleOrLiteral} rule
 */
function commaList(rule) {
  return optional(commaList1(rule));
}

/**
 * One or more `rule`s separated by commas, with an optional trailing comma.
 *
 * @param {RuleOrLiteral} rule
 */
function commaList1(rule) {
  return seq(rule, repeat(seq(',', rule)), optional(','));
}

module.exports = grammar({
  name: 'flux',

  // The scanner decides what the context-free lexer cannot: regex versus
  // division, string content around `${`, and single-letter type variables.
  externals: $ => [
    $.string_fragment,
    $._regex_start,
    $.regex_pattern,
    $._regex_end,
    '/',
    $.type_variable,
    // Never used by a rule: it is only valid while the parser recovers from
    // an error, which lets the scanner tell that state apart.
    $._error_sentinel,
    // The `.` of a label, which the scanner refuses where a statement begins:
    // libflux starts no statement with a label (nor with a regex).
    $._label_dot,
    // Never produced: valid exactly where a statement may begin, which lets
    // the scanner tell those places apart.
    $._statement_start,
    // Zero-width tokens around every statement, produced by the scanner: the end where the
    // next token cannot continue the statement, the beginning before its first token.
    $._statement_begin,
    $._statement_end,
    // A statement end that also closes a chunk of top-level statements (see `_chunks`).
    $._chunk_end,
  ],

  extras: $ => [/\s/, $.comment],

  word: $ => $.identifier,

  // Flux's keywords. The contextual words (`with`, `extends`, `where`,
  // `stream`, `vector`, `dynamic`) are deliberately absent: they remain
  // usable as identifiers.
  reserved: {
    global: _ => [
      'and', 'or', 'not', 'exists', 'import', 'package', 'builtin', 'option',
      'testcase', 'return', 'if', 'then', 'else',
    ],
  },

  supertypes: $ => [$._statement, $._expression, $._primary_expression, $._type],

  conflicts: $ => [
    // `(a)` is a parenthesized identifier unless `=>` follows.
    [$.parameter, $._primary_expression],
    // Inside `[...]` a string is a member name only if it never interpolates.
    [$.string, $._plain_string],
  ],

  rules: {
    source_file: $ => seq(
      optional($.package_clause),
      repeat($.import_declaration),
      optional($._chunks),
      optional($._chunk_body),
    ),

    // Top-level statements in chunks whose ends the scanner picks from the text itself (a
    // hash of the next statement's first word), so that an edit changes one chunk and the
    // others, unchanged, are each reused whole: tree-sitter reparses a long file in time
    // proportional to its chunks, not its statements. Left recursion keeps every node
    // reusable (a `repeat` marks its nodes fragile).
    _chunks: $ => choice($._chunk, seq($._chunks, $._chunk)),

    _chunk: $ => seq(optional($._chunk_body), $._closing_statement),

    _chunk_body: $ => choice($._delimited_statement, seq($._chunk_body, $._delimited_statement)),

    _closing_statement: $ => seq($._statement_begin, $._statement_or_start, $._chunk_end),

    _delimited_statement: $ => seq($._statement_begin, $._statement_or_start, $._statement_end),

    _statement_or_start: $ => choice($._statement, $._statement_start),

    // Attributes such as `@edition("2022.1")` may precede the package clause,
    // an import or any statement; they are children of what they annotate.
    _attributes: $ => repeat1($.attribute),

    attribute: $ => prec.right(seq(
      '@',
      field('name', alias(token.immediate(IDENTIFIER), $.identifier)),
      optional(field('arguments', $.attribute_arguments)),
    )),

    attribute_arguments: $ => seq('(', commaList($._expression), ')'),

    // The scanner cannot tell a package clause or an import from a statement where both may
    // come: either may follow the zero-width start of a statement.
    package_clause: $ => seq(
      optional($._statement_begin),
      optional($._attributes),
      'package',
      field('name', $.identifier),
    ),

    import_declaration: $ => seq(
      optional($._statement_begin),
      optional($._attributes),
      'import',
      optional(field('alias', $.identifier)),
      field('path', $.string),
    ),

    // Statements

    _statement: $ => choice(
      $.option_statement,
      $.builtin_statement,
      $.testcase_statement,
      $.variable_assignment,
      $.return_statement,
      $.expression_statement,
    ),

    option_statement: $ => seq(
      optional($._attributes),
      'option',
      field('name', choice(
        $.identifier,
        alias($._option_member, $.member_expression),
      )),
      '=',
      field('value', $._expression),
    ),

    // `option a.b = e` sets option `b` of imported package `a`.
    _option_member: $ => seq(
      field('object', $.identifier),
      '.',
      field('property', $.identifier),
    ),

    builtin_statement: $ => seq(
      optional($._attributes),
      'builtin',
      field('name', $.identifier),
      ':',
      field('type', $.type_expression),
    ),

    testcase_statement: $ => seq(
      optional($._attributes),
      'testcase',
      field('name', $.identifier),
      optional(seq('extends', field('extends', $.string))),
      field('body', $.block),
    ),

    variable_assignment: $ => seq(
      optional($._attributes),
      field('name', $.identifier),
      '=',
      field('value', $._expression),
    ),

    return_statement: $ => seq(
      optional($._attributes),
      'return',
      field('argument', $._expression),
    ),

    expression_statement: $ => seq(
      optional($._attributes),
      field('expression', $._expression),
    ),

    block: $ => seq('{', repeat($._delimited_statement), '}'),

    // Expressions

    _expression: $ => choice(
      $._primary_expression,
      $.function_expression,
      $.call_expression,
      $.member_expression,
      $.index_expression,
      $.pipe_expression,
      $.unary_expression,
      $.binary_expression,
      $.logical_expression,
      $.conditional_expression,
    ),

    _primary_expression: $ => choice(
      $.identifier,
      $.integer,
      $.float,
      $.duration,
      $.date_time,
      $.string,
      $.regex,
      $.pipe_literal,
      $.label,
      $.record_expression,
      $.array_expression,
      $.dictionary_expression,
      $.paren_expression,
    ),

    conditional_expression: $ => prec.right(PREC.conditional, seq(
      'if',
      field('test', $._expression),
      'then',
      field('consequent', $._expression),
      'else',
      field('alternate', $._expression),
    )),

    logical_expression: $ => choice(
      prec.left(PREC.or, seq(
        field('left', $._expression),
        field('operator', 'or'),
        field('right', $._expression),
      )),
      prec.left(PREC.and, seq(
        field('left', $._expression),
        field('operator', 'and'),
        field('right', $._expression),
      )),
    ),

    binary_expression: $ => {
      /** @type {[number, RuleOrLiteral][]} */
      const levels = [
        [PREC.compare, choice('==', '!=', '<', '<=', '>', '>=', '=~', '!~')],
        [PREC.add, choice('+', '-')],
        [PREC.multiply, choice('*', '/', '%')],
        [PREC.power, '^'],
      ];
      return choice(...levels.map(([level, operator]) => prec.left(level, seq(
        field('left', $._expression),
        field('operator', operator),
        field('right', $._expression),
      ))));
    },

    unary_expression: $ => choice(
      prec(PREC.not, seq(
        field('operator', choice('not', 'exists')),
        field('argument', $._expression),
      )),
      prec(PREC.unary, seq(
        field('operator', choice('+', '-')),
        field('argument', $._expression),
      )),
    ),

    // The right-hand side of `|>` must be a call; the piped value becomes the
    // call's `<-` parameter.
    pipe_expression: $ => prec.left(PREC.pipe, seq(
      field('argument', $._expression),
      '|>',
      field('call', alias($._pipe_call, $.call_expression)),
    )),

    // The pipe target is a postfix chain on a primary expression, as libflux
    // parses it. Separate rules (aliased to the ordinary node names) keep
    // `a |> f()()` a pipe into `f()()` while `a |> f() |> g()` stays a chain.
    _pipe_call: $ => prec(PREC.postfix, seq(
      field('callee', $._pipe_callee),
      field('arguments', $.argument_list),
    )),

    _pipe_callee: $ => choice(
      $._primary_expression,
      prec(PREC.postfix, alias($._pipe_call, $.call_expression)),
      alias($._pipe_member, $.member_expression),
      alias($._pipe_index, $.index_expression),
    ),

    _pipe_member: $ => seq(
      field('object', $._pipe_callee),
      choice(
        seq('.', field('property', $.identifier)),
        prec.dynamic(1, seq('[', field('property', alias($._plain_string, $.string)), ']')),
      ),
    ),

    _pipe_index: $ => seq(
      field('object', $._pipe_callee),
      '[',
      field('index', $._expression),
      ']',
    ),

    call_expression: $ => prec(PREC.postfix, seq(
      field('callee', $._expression),
      field('arguments', $.argument_list),
    )),

    // Call arguments are always named, so this is a property list.
    argument_list: $ => seq('(', optional($._properties), ')'),

    member_expression: $ => prec(PREC.postfix, seq(
      field('object', $._expression),
      choice(
        seq('.', field('property', $.identifier)),
        // `r["k"]` is a member access, as in libflux; other indexes, including
        // interpolated strings, are not.
        prec.dynamic(1, seq('[', field('property', alias($._plain_string, $.string)), ']')),
      ),
    )),

    index_expression: $ => prec(PREC.postfix, seq(
      field('object', $._expression),
      '[',
      field('index', $._expression),
      ']',
    )),

    paren_expression: $ => seq('(', field('expression', $._expression), ')'),

    function_expression: $ => prec.right(PREC.function, seq(
      field('parameters', $.parameter_list),
      '=>',
      field('body', choice(
        alias($._function_block, $.block),
        $._expression,
      )),
    )),

    // After `=>`, an opening brace always starts a block, never a record
    // (libflux decides the same way). The higher lexical precedence makes the
    // lexer prefer this token wherever both kinds of brace could follow.
    _function_block: $ => seq(
      alias(token(prec(1, '{')), '{'),
      repeat($._delimited_statement),
      '}',
    ),

    parameter_list: $ => seq('(', commaList($.parameter), ')'),

    parameter: $ => seq(
      field('name', $.identifier),
      optional(seq('=', field('default', $._expression))),
    ),

    record_expression: $ => seq(
      '{',
      optional(choice(
        seq(
          field('source', $.identifier),
          'with',
          optional($._properties),
        ),
        $._properties,
      )),
      '}',
    ),

    // Properties are all `key: value` or all the shorthand `key` for
    // `key: key`; libflux rejects a list that mixes them, and a string key
    // without a value.
    _properties: $ => choice(
      commaList1($.property),
      commaList1(alias($._shorthand_property, $.property)),
    ),

    property: $ => seq(
      field('key', choice($.identifier, $.string)),
      ':',
      field('value', $._expression),
    ),

    _shorthand_property: $ => field('key', $.identifier),

    array_expression: $ => seq('[', commaList($._expression), ']'),

    dictionary_expression: $ => seq(
      '[',
      choice(':', commaList1($.dictionary_item)),
      ']',
    ),

    dictionary_item: $ => seq(
      field('key', $._expression),
      ':',
      field('value', $._expression),
    ),

    label: $ => seq(alias($._label_dot, '.'), field('name', choice($.identifier, alias($._plain_string, $.string)))),

    pipe_literal: _ => '<-',

    // Literals

    identifier: _ => IDENTIFIER,

    integer: _ => /\d+/,

    float: _ => /\d+\.\d*|\.\d+/,

    duration: _ => /(\d+(y|mo|w|d|h|m|s|ms|us|µs|ns))+/,

    date_time: _ => /\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d*)?(Z|[+-]\d{2}:\d{2})?)?/,

    string: $ => seq(
      '"',
      repeat(choice($.string_fragment, $.escape_sequence, $.interpolation)),
      '"',
    ),

    // A string without interpolation, as libflux requires for `r["k"]`.
    _plain_string: $ => seq(
      '"',
      repeat(choice($.string_fragment, $.escape_sequence)),
      '"',
    ),

    // The escapes libflux knows; any other backslash is an error.
    escape_sequence: _ => token.immediate(seq(
      '\\',
      choice(/x[0-9a-fA-F]{2}/, '${', /[nrt\\"]/),
    )),

    interpolation: $ => seq(
      token.immediate('${'),
      field('expression', $._expression),
      '}',
    ),

    regex: $ => seq(
      alias($._regex_start, '/'),
      field('pattern', $.regex_pattern),
      alias($._regex_end, '/'),
    ),

    comment: _ => token(seq('//', /[^\r\n]*/)),

    // Type expressions (the right-hand side of `builtin name :`)

    type_expression: $ => seq(
      field('type', $._type),
      // No trailing comma here: a statement may follow the last constraint.
      optional(seq(
        'where',
        $.type_constraint,
        repeat(seq(',', $.type_constraint)),
      )),
    ),

    // `A: Record + Comparable`
    // Right-associative so `+` continues the kinds rather than starting a
    // new `+x` expression statement.
    type_constraint: $ => prec.right(seq(
      field('variable', alias($.identifier, $.type_variable)),
      ':',
      field('kind', $.identifier),
      repeat(seq('+', field('kind', $.identifier))),
    )),

    _type: $ => choice(
      $.type_variable,
      $.named_type,
      $.array_type,
      $.dictionary_type,
      $.stream_type,
      $.vector_type,
      $.dynamic_type,
      $.record_type,
      $.function_type,
      $.label,
    ),

    // libflux names no other types; a longer name is an error, and a single
    // letter a type variable.
    named_type: _ => choice('bool', 'int', 'uint', 'float', 'string', 'duration', 'time', 'regexp', 'bytes'),

    array_type: $ => seq('[', field('element', $._type), ']'),

    dictionary_type: $ => seq(
      '[',
      field('key', $._type),
      ':',
      field('value', $._type),
      ']',
    ),

    stream_type: $ => seq('stream', '[', field('element', $._type), ']'),

    vector_type: $ => seq('vector', '[', field('element', $._type), ']'),

    dynamic_type: _ => 'dynamic',

    record_type: $ => seq(
      '{',
      optional(choice(
        seq(
          field('source', alias($.identifier, $.type_variable)),
          'with',
          commaList1($.property_type),
        ),
        commaList1($.property_type),
      )),
      '}',
    ),

    property_type: $ => seq(
      field('name', choice($.identifier, $.string)),
      ':',
      field('type', $._type),
    ),

    function_type: $ => seq(
      field('parameters', $.parameter_type_list),
      '=>',
      field('return_type', $._type),
    ),

    parameter_type_list: $ => seq('(', commaList($.parameter_type), ')'),

    // `a: T`, optional `?a: T` (maybe with a label default `= .x`), and the
    // pipe parameter `<-a: T` or the anonymous `<-: T`.
    parameter_type: $ => choice(
      seq(
        field('name', $.identifier),
        ':',
        field('type', $._type),
      ),
      seq(
        '?',
        field('name', $.identifier),
        ':',
        field('type', $._type),
        optional(seq('=', field('default', $.label))),
      ),
      seq(
        '<-',
        optional(field('name', $.identifier)),
        ':',
        field('type', $._type),
      ),
    ),
  },
});
