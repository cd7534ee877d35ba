// Flux test cases in VS Code's Test Explorer. Files are scanned for `testcase` statements
// without the server (the explorer fills before any file is opened); runs go through the
// server's `flux.test`, one file at a time, and a failure shows its differences.

import * as vscode from "vscode";
import { errorMessage } from "./connections";
import type { Server } from "./server";

interface TestAnswer {
  tests: {
    name: string;
    status: "pass" | "fail";
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    durationMs: number;
    message?: string;
    errorRange?: { start: { line: number; character: number }; end: { line: number; character: number } };
  }[];
  summary: { passed: number; failed: number };
  cancelled?: boolean;
}

const TESTCASE = /^[ \t]*testcase[ \t]+([A-Za-z_][A-Za-z0-9_]*)/gm;
const EXCLUDE = "**/{node_modules,target,.git,.flx}/**";

export class FluxTests implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController("flux", "Flux test cases");
  private readonly disposables: vscode.Disposable[] = [this.controller];

  constructor(private readonly server: Server) {
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.discover();
    };
    this.controller.refreshHandler = () => this.discover();
    // Found at once (in the background), so that "Run All Tests" finds them before the
    // Test Explorer was ever opened.
    void this.discover();
    this.controller.createRunProfile("Run", vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token), true);
    const watcher = vscode.workspace.createFileSystemWatcher("**/*.flux");
    watcher.onDidCreate((uri) => this.scanFile(uri), null, this.disposables);
    watcher.onDidChange((uri) => this.scanFile(uri), null, this.disposables);
    watcher.onDidDelete((uri) => this.controller.items.delete(uri.toString()), null, this.disposables);
    this.disposables.push(watcher);
    vscode.workspace.onDidChangeTextDocument(
      (e) => e.document.languageId === "flux" && this.scanText(e.document.uri, e.document.getText()),
      null,
      this.disposables,
    );
  }

  private async discover(): Promise<void> {
    const files = await vscode.workspace.findFiles("**/*.flux", EXCLUDE, 20000);
    await Promise.all(files.map((uri) => this.scanFile(uri)));
  }

  private async scanFile(uri: vscode.Uri): Promise<void> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    this.scanText(uri, text);
  }

  /// Puts a file's test cases in the tree (and the file, when it has any).
  private scanText(uri: vscode.Uri, text: string): void {
    const found: { name: string; range: vscode.Range }[] = [];
    const lineStarts = [0];
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
    const position = (offset: number) => {
      let low = 0;
      let high = lineStarts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (lineStarts[mid] <= offset) low = mid;
        else high = mid - 1;
      }
      return new vscode.Position(low, offset - lineStarts[low]);
    };
    for (const match of text.matchAll(TESTCASE)) {
      const start = match.index + match[0].length - match[1].length;
      found.push({ name: match[1], range: new vscode.Range(position(start), position(start + match[1].length)) });
    }
    const id = uri.toString();
    if (found.length === 0) {
      this.controller.items.delete(id);
      return;
    }
    let file = this.controller.items.get(id);
    if (!file) {
      file = this.controller.createTestItem(id, vscode.workspace.asRelativePath(uri), uri);
      this.controller.items.add(file);
    }
    file.children.replace(
      found.map(({ name, range }) => {
        const item = this.controller.createTestItem(`${id}#${name}`, name, uri);
        item.range = range;
        return item;
      }),
    );
  }

  /// Runs one test case from its code lens, reporting in the Test Explorer as well.
  async runOne(uri: string, name: string): Promise<void> {
    if (!this.controller.items.get(uri)) await this.scanFile(vscode.Uri.parse(uri));
    const item = this.controller.items.get(uri)?.children.get(`${uri}#${name}`);
    if (!item) {
      void vscode.window.showErrorMessage(`Flux: no test case ${name} in ${uri}`);
      return;
    }
    const request = new vscode.TestRunRequest([item]);
    await this.run(request, new vscode.CancellationTokenSource().token);
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    // Requested items by file: a file item runs all of its test cases in one request.
    const byFile = new Map<string, vscode.TestItem[] | "all">();
    const requested = request.include ?? [...gather(this.controller.items)];
    for (const item of requested) {
      const uri = item.uri?.toString();
      if (!uri) continue;
      if (item.parent === undefined) byFile.set(uri, "all");
      else if (byFile.get(uri) !== "all") byFile.set(uri, [...((byFile.get(uri) as vscode.TestItem[]) ?? []), item]);
    }
    const cancel = token.onCancellationRequested(() => void this.server.execute("flux.cancel", {}).catch(() => undefined));
    try {
      for (const [uri, wanted] of byFile) {
        if (token.isCancellationRequested) break;
        const file = this.controller.items.get(uri);
        if (!file) continue;
        const items = wanted === "all" ? [...gather(file.children)] : wanted;
        const excluded = new Set(request.exclude?.map((i) => i.id));
        const chosen = items.filter((i) => !excluded.has(i.id));
        for (const item of chosen) run.started(item);
        // One request for a whole file, else one per test case.
        const asks = wanted === "all" && excluded.size === 0 ? [undefined] : chosen.map((i) => i.label);
        for (const name of asks) {
          if (token.isCancellationRequested) break;
          try {
            const answer = await this.server.execute<TestAnswer>("flux.test", name ? { uri, name } : { uri });
            this.report(run, file, answer);
          } catch (error) {
            const targets = name ? chosen.filter((i) => i.label === name) : chosen;
            for (const item of targets) run.errored(item, new vscode.TestMessage(errorMessage(error)));
          }
        }
        for (const item of chosen) if (token.isCancellationRequested) run.skipped(item);
      }
    } finally {
      cancel.dispose();
      run.end();
    }
  }

  private report(run: vscode.TestRun, file: vscode.TestItem, answer: TestAnswer): void {
    for (const test of answer.tests) {
      const item = file.children.get(`${file.id}#${test.name}`);
      if (!item) continue;
      if (test.status === "pass") {
        run.passed(item, test.durationMs);
        continue;
      }
      const text = test.message ?? "failed";
      const sides = diffSides(text);
      const message = sides
        ? vscode.TestMessage.diff(`${firstLine(text)}: the tables differ`, sides.expected, sides.actual)
        : new vscode.TestMessage(new vscode.MarkdownString().appendCodeblock(text, "text"));
      const range = test.errorRange ?? test.range;
      message.location = new vscode.Location(
        file.uri!,
        new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character),
      );
      run.failed(item, message, test.durationMs);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function firstLine(text: string): string {
  return text.split("\n", 1)[0];
}

/// The tables a test wanted and got, from the differences `testing.diff` prints: blocks of a
/// `Table:` line, a header, a rule, and rows whose first column (`_diff`) is `-` for a row
/// only wanted, `+` for one only got, and empty for one both have. `undefined` when the
/// message is not such a table.
export function diffSides(message: string): { expected: string; actual: string } | undefined {
  const lines = message.split("\n");
  const expected: string[] = [];
  const actual: string[] = [];
  let width = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("Table:")) {
      expected.push(line);
      actual.push(line);
      width = -1;
      continue;
    }
    const rule = /^(-+)(\s|$)/.exec(line);
    if (rule && width === -1 && i > 0) {
      width = rule[1].length;
      // The header and rule go to both sides without the `_diff` column.
      const header = expected.pop() ?? "";
      actual.pop();
      expected.push(header.slice(width), line.slice(width));
      actual.push(header.slice(width), line.slice(width));
      continue;
    }
    if (width === -1) {
      expected.push(line);
      actual.push(line);
      continue;
    }
    const mark = line.slice(0, width).trim();
    const rest = line.slice(width);
    if (mark !== "+") expected.push(rest);
    if (mark !== "-") actual.push(rest);
  }
  return expected.join("\n") === actual.join("\n") || !lines.some((l) => l.startsWith("Table:"))
    ? undefined
    : { expected: expected.join("\n"), actual: actual.join("\n") };
}

function* gather(collection: vscode.TestItemCollection): Iterable<vscode.TestItem> {
  for (const [, item] of collection) yield item;
}
