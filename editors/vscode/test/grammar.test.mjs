// Tests for the TextMate grammar (syntaxes/flux.tmLanguage.json), which colours a Flux file
// before the language server's semantic tokens arrive.
//
// Every fixture in test/fixtures/grammar/*.flux is tokenized the way VS Code does it
// (vscode-textmate on the Oniguruma regex engine) and compared with the snapshot beside it,
// one token a line: `line:col  "text"  scopes` (the `source.flux` root left out).
// `UPDATE_SNAPSHOTS=1 node --test test/` rewrites the snapshots; review their diff.
// The explicit checks further down pin the scopes that matter most, so that a regression
// fails even when someone updates the snapshots without reading them.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const tm = require("vscode-textmate");
const onig = require("vscode-oniguruma");

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const grammarPath = join(root, "syntaxes", "flux.tmLanguage.json");
const fixtures = join(root, "test", "fixtures", "grammar");
const update = process.env.UPDATE_SNAPSHOTS === "1";

await onig.loadWASM(readFileSync(join(root, "node_modules", "vscode-oniguruma", "release", "onig.wasm")));
const registry = new tm.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (patterns) => new onig.OnigScanner(patterns),
    createOnigString: (s) => new onig.OnigString(s),
  }),
  loadGrammar: async (scopeName) =>
    scopeName === "source.flux" ? tm.parseRawGrammar(readFileSync(grammarPath, "utf8"), grammarPath) : null,
});
const grammar = await registry.loadGrammar("source.flux");

/** Tokenizes `text` line by line, carrying the state across lines as VS Code does. */
function tokenize(text) {
  let state = tm.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({
      text: line.slice(t.startIndex, t.endIndex),
      start: t.startIndex,
      end: Math.min(t.endIndex, line.length),
      scopes: t.scopes.slice(1), // without source.flux
    }));
  });
}

function snapshot(text) {
  const out = [];
  tokenize(text).forEach((tokens, i) => {
    for (const t of tokens) {
      const innermost = t.scopes.at(-1) ?? "";
      // Whitespace between tokens says nothing, unless it belongs to a string or a regex.
      if (!t.text.trim() && (innermost === "" || innermost.startsWith("meta."))) continue;
      out.push(`${i + 1}:${t.start + 1}  ${JSON.stringify(t.text)}  ${t.scopes.join(" ")}`);
    }
  });
  return out.join("\n") + "\n";
}

// Snapshots

const fixtureFiles = readdirSync(fixtures).filter((f) => f.endsWith(".flux")).sort();

test("there are grammar fixtures, and no snapshot without one", () => {
  assert.ok(fixtureFiles.length >= 8, `only ${fixtureFiles.length} fixtures in ${fixtures}`);
  const orphans = readdirSync(fixtures).filter((f) => f.endsWith(".flux.snap") && !fixtureFiles.includes(f.slice(0, -5)));
  assert.deepEqual(orphans, []);
});

for (const file of fixtureFiles) {
  test(`snapshot: ${file}`, () => {
    const actual = snapshot(readFileSync(join(fixtures, file), "utf8"));
    const snapPath = join(fixtures, `${file}.snap`);
    if (update) {
      writeFileSync(snapPath, actual);
      return;
    }
    assert.ok(existsSync(snapPath), `no snapshot ${file}.snap: run UPDATE_SNAPSHOTS=1 node --test test/`);
    const expected = readFileSync(snapPath, "utf8").replace(/\r\n/g, "\n"); // a CRLF checkout
    assert.equal(actual, expected, `${file} tokenizes differently from ${file}.snap`);
  });
}

// The grammar file itself

test("grammar: every include names a repository rule", () => {
  const raw = JSON.parse(readFileSync(grammarPath, "utf8"));
  assert.equal(raw.scopeName, "source.flux");
  const missing = [];
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    if (typeof node.include === "string" && node.include.startsWith("#") && !(node.include.slice(1) in raw.repository)) {
      missing.push(node.include);
    }
    Object.values(node).forEach(walk);
  };
  walk(raw);
  assert.deepEqual(missing, []);
});

// vscode-textmate compiles a rule's regex only when tokenizing reaches it, so compile them
// all here: a bad one would otherwise break colouring only in the file that hits it.
test("grammar: every regex compiles in Oniguruma", () => {
  const raw = JSON.parse(readFileSync(grammarPath, "utf8"));
  const bad = [];
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    for (const key of ["match", "begin", "end", "while"]) {
      if (typeof node[key] !== "string") continue;
      try {
        new onig.OnigScanner([node[key]]).dispose();
      } catch (e) {
        bad.push(`${key}: ${node[key]}: ${e.message}`);
      }
    }
    Object.values(node).forEach(walk);
  };
  walk(raw);
  assert.deepEqual(bad, []);
});

// Explicit checks

/**
 * The tokens covering the `nth` occurrence of `needle` on line `line` (1-based) of `source`;
 * a needle that starts or ends like a name is not found inside a longer name.
 */
function tokensOver(source, needle, { line = 1, nth = 0 } = {}) {
  const text = source.split("\n")[line - 1];
  const word = /[\p{L}\p{Nd}_]/u;
  const escaped = needle.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const pattern = new RegExp(
    (word.test(needle[0]) ? "(?<![\\p{L}\\p{Nd}_])" : "") + escaped + (word.test(needle.at(-1)) ? "(?![\\p{L}\\p{Nd}_])" : ""),
    "gu",
  );
  const found = [...text.matchAll(pattern)];
  assert.ok(found.length > nth, `${JSON.stringify(needle)} occurs ${found.length} times on line ${line}`);
  const col = found[nth].index;
  const end = col + needle.length;
  return tokenize(source)[line - 1].filter((t) => t.start < end && t.end > col);
}

/** `needle` is exactly one token, and it has `scope`. */
function assertToken(source, needle, scope, where) {
  const tokens = tokensOver(source, needle, where);
  assert.deepEqual(
    tokens.map((t) => t.text),
    [needle],
    `${JSON.stringify(needle)} should be one token, is ${JSON.stringify(tokens.map((t) => t.text))}`,
  );
  assert.ok(tokens[0].scopes.includes(scope), `${JSON.stringify(needle)}: ${tokens[0].scopes.join(" ")} lacks ${scope}`);
}

/** Every token of `needle` has `scope`. */
function assertAllIn(source, needle, scope, where) {
  for (const t of tokensOver(source, needle, where)) {
    assert.ok(t.scopes.includes(scope), `${JSON.stringify(t.text)} in ${JSON.stringify(needle)}: ${t.scopes.join(" ")} lacks ${scope}`);
  }
}

/** No token of `needle` has a scope starting with `prefix`. */
function assertNoneIn(source, needle, prefix, where) {
  for (const t of tokensOver(source, needle, where)) {
    const hit = t.scopes.find((s) => s.startsWith(prefix));
    assert.ok(!hit, `${JSON.stringify(t.text)} in ${JSON.stringify(needle)} has ${hit}`);
  }
}

test("check: pipe, duration, date-time", () => {
  const src = 'from(bucket: "b") |> range(start: -1h, stop: 2024-01-01T00:00:00Z)';
  assertToken(src, "|>", "keyword.operator.pipe.flux");
  assertToken(src, "-", "keyword.operator.arithmetic.flux"); // `-1h` is a negated duration
  assertToken(src, "1h", "constant.numeric.duration.flux");
  assertToken(src, "2024-01-01T00:00:00Z", "constant.numeric.datetime.flux");
  assertToken(src, "from", "support.function.builtin.flux");
  assertToken(src, "bucket", "variable.parameter.flux");
  assertToken("x = 1h30m + 5mo", "1h30m", "constant.numeric.duration.flux");
  assertToken("x = 1.5 + 2", "1.5", "constant.numeric.float.flux");
  assertToken("x = 1.5 + 2", "2", "constant.numeric.integer.flux");
});

test("check: a regex only where an operand is expected, else division", () => {
  const src = "f = (r) => r.host =~ /a.*b/ and r._value / 2 > 1 / 4";
  assertAllIn(src, "/a.*b/", "string.regexp.flux");
  assertToken(src, "/", "punctuation.definition.string.begin.flux");
  assertToken(src, "/", "keyword.operator.arithmetic.flux", { nth: 2 });
  assertToken(src, "/", "keyword.operator.arithmetic.flux", { nth: 3 });
  assertNoneIn(src, "_value / 2 > 1 / 4", "string.regexp");
  assertAllIn("x = [/a/, /b/]", "/b/", "string.regexp.flux");
  assertAllIn("x = if a then /b/ else /c/", "/c/", "string.regexp.flux");
  assertNoneIn("x = (a) / (b) / 2", "(a) / (b) / 2", "string.regexp");
});

test("check: strings, escapes and interpolation", () => {
  const src = 'x = "a ${r.host + "-"} \\n \\q // not a comment"';
  assertToken(src, "${", "punctuation.section.interpolation.begin.flux");
  assertToken(src, "host", "meta.embedded.line.flux");
  assertToken(src, "+", "keyword.operator.arithmetic.flux");
  assertToken(src, "\\n", "constant.character.escape.flux");
  assertToken(src, "\\q", "invalid.illegal.unknown-escape.flux");
  assertNoneIn(src, "// not a comment", "comment");
  assertNoneIn('y = 1 // "not a string"', '"not a string"', "string");
});

test("check: strings span lines; an unterminated one stops before a `|>` line", () => {
  const csv = 'data = "\n#datatype,string\n,result\n"\nz = 1';
  assertAllIn(csv, "#datatype,string", "string.quoted.double.flux", { line: 2 });
  assertToken(csv, "z", "variable.other.readwrite.flux", { line: 5 });
  const open = 'from(bucket: "b)\n    |> range(start: -1h)';
  assertToken(open, "|>", "keyword.operator.pipe.flux", { line: 2 });
  assertNoneIn(open, "range(start: -1h)", "string", { line: 2 });
});

test("check: function definitions, parameters and `<-`", () => {
  const src = "f = (tables=<-, n=1, fn=(r) => r) => tables |> g(n: n)";
  assertToken(src, "f", "entity.name.function.flux");
  assertToken(src, "tables", "variable.parameter.flux");
  assertToken(src, "<-", "keyword.operator.pipe-receive.flux");
  assertToken(src, "n", "variable.parameter.flux");
  assertToken(src, "r", "variable.parameter.flux");
  assertToken(src, "=>", "keyword.operator.arrow.flux", { nth: 1 });
  assertToken(src, "g", "entity.name.function.flux");
  assertToken("y = (a) * 2", "a", "variable.other.readwrite.flux"); // parenthesized, not a parameter
});

test("check: call arguments, record properties and member access", () => {
  const src = 'x = strings.join(arr: [r._value, r["k"]], v: {a: 1, r with b: .c})';
  assertToken(src, "strings", "entity.name.namespace.flux");
  assertToken(src, "join", "support.function.flux");
  assertToken(src, "arr", "variable.parameter.flux");
  assertToken(src, "_value", "variable.other.property.flux");
  assertToken(src, '"', "string.quoted.double.flux", { nth: 0 });
  assertToken(src, "a", "variable.other.property.flux");
  assertToken(src, "with", "keyword.other.with.flux");
  assertToken(src, "c", "variable.other.property.label.flux");
  assertToken("t = true", "true", "constant.language.boolean.flux");
});

test("check: package, imports, option, testcase", () => {
  const src = 'package main\nimport s "strings"\noption task = {every: 1h}\ntestcase t extends "x" {}\n@edition("2022.1")';
  assertToken(src, "main", "entity.name.namespace.flux");
  assertToken(src, "import", "keyword.control.import.flux", { line: 2 });
  assertToken(src, "s", "entity.name.namespace.flux", { line: 2 });
  assertToken(src, "strings", "string.quoted.double.import.flux", { line: 2 });
  assertToken(src, "option", "keyword.other.option.flux", { line: 3 });
  assertToken(src, "every", "variable.other.property.flux", { line: 3 });
  assertToken(src, "t", "entity.name.function.flux", { line: 4 });
  assertToken(src, "extends", "keyword.other.extends.flux", { line: 4 });
  assertToken(src, "edition", "entity.name.function.decorator.flux", { line: 5 });
});

test("check: builtin type expressions", () => {
  const src = [
    "builtin from : (<-tables: stream[A], ?n: int) => stream[A] where A: Record",
    "builtin f : (",
    "        r: {A with _value: float},",
    "    ) => [string:int]",
    "    where",
    "    A: Record",
    "x = 1",
  ].join("\n");
  assertToken(src, "from", "support.function.builtin.flux");
  assertToken(src, "tables", "variable.parameter.flux");
  assertToken(src, "stream", "support.type.flux");
  assertToken(src, "A", "entity.name.type.flux");
  assertToken(src, "int", "support.type.primitive.flux");
  assertToken(src, "where", "keyword.other.where.flux");
  assertToken(src, "Record", "entity.name.type.flux");
  assertToken(src, "_value", "variable.other.property.flux", { line: 3 });
  assertToken(src, "float", "support.type.primitive.flux", { line: 3 });
  assertToken(src, "where", "keyword.other.where.flux", { line: 5 });
  assertToken(src, "A", "entity.name.type.flux", { line: 6 });
  // The type ends where the next statement begins.
  assertToken(src, "x", "variable.other.readwrite.flux", { line: 7 });
  assertToken(src, "1", "constant.numeric.integer.flux", { line: 7 });
});
