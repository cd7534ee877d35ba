// Running Flux from the editor through the server's `flux.run`: a file, a selection or the
// statement at the cursor, with the results in the results panel and the run in the status
// bar, where a click cancels it. Cancelling asks the server (`flux.cancel`), which answers
// the run with what it made so far.

import * as path from "node:path";
import * as vscode from "vscode";
import type { Range, RunAnswer, RunInfo } from "../webview/protocol";
import { type CurrentConnection, errorMessage } from "./connections";
import type { ResultsPanel } from "./results";
import type { Server } from "./server";

/// What of a file runs.
export type Scope = { range: Range } | { position: { line: number; character: number } } | Record<string, never>;

export class Runner implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  /// The files with a run in progress.
  private readonly running = new Set<string>();

  constructor(
    private readonly server: Server,
    private readonly connection: CurrentConnection,
    private readonly results: ResultsPanel,
  ) {
    this.item = vscode.window.createStatusBarItem("flux.run", vscode.StatusBarAlignment.Left, 49);
    this.item.name = "Flux run";
    this.item.command = "flux.cancelRun";
  }

  runFile(editor: vscode.TextEditor | undefined): Promise<void> {
    const document = fluxDocument(editor);
    return document ? this.run(document.uri, {}) : Promise.resolve();
  }

  runSelection(editor: vscode.TextEditor | undefined): Promise<void> {
    const document = fluxDocument(editor);
    if (!document || !editor) return Promise.resolve();
    if (editor.selection.isEmpty) {
      void vscode.window.showInformationMessage("Flux: select the statements to run first.");
      return Promise.resolve();
    }
    return this.run(document.uri, { range: toRange(editor.selection) });
  }

  /// The selection when there is one, else the statement at the cursor.
  runStatement(editor: vscode.TextEditor | undefined): Promise<void> {
    const document = fluxDocument(editor);
    if (!document || !editor) return Promise.resolve();
    if (!editor.selection.isEmpty) return this.run(document.uri, { range: toRange(editor.selection) });
    const { line, character } = editor.selection.active;
    return this.run(document.uri, { position: { line, character } });
  }

  async run(uri: vscode.Uri, scope: Scope): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    const info: RunInfo = { title: title(document, scope), connection: this.connectionLabel() };
    const results = this.results;
    results.show({ type: "running", info });
    this.running.add(uri.toString());
    this.showRunning();
    try {
      const answer = await this.server.execute<RunAnswer>("flux.run", { uri: uri.toString(), ...scope });
      results.show({ type: "results", info, answer });
    } catch (error) {
      const message = errorMessage(error);
      // The server says where the script's first error is (docs/configuration.md).
      const range = (error as { data?: { range?: Range } }).data?.range;
      results.show({ type: "failed", info, message, error: range ? { message, uri: uri.toString(), range } : undefined });
    } finally {
      this.running.delete(uri.toString());
      this.showRunning();
    }
  }

  async cancel(): Promise<void> {
    if (this.running.size === 0) return;
    await this.server.execute("flux.cancel", {}).catch(() => undefined);
  }

  private connectionLabel(): string {
    return this.connection.current ?? "local buckets";
  }

  private showRunning(): void {
    if (this.running.size === 0) {
      this.item.hide();
      return;
    }
    const files = [...this.running].map((u) => path.basename(vscode.Uri.parse(u).path));
    this.item.text = `$(loading~spin) Flux: running ${files.join(", ")} $(close)`;
    this.item.tooltip = "Click to cancel the run";
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

function fluxDocument(editor: vscode.TextEditor | undefined): vscode.TextDocument | undefined {
  if (editor?.document.languageId === "flux") return editor.document;
  void vscode.window.showInformationMessage("Flux: open a .flux file to run it.");
  return undefined;
}

function toRange(selection: vscode.Selection): Range {
  return {
    start: { line: selection.start.line, character: selection.start.character },
    end: { line: selection.end.line, character: selection.end.character },
  };
}

/// "q.flux", "q.flux (line 4)", "q.flux (lines 2–5)".
function title(document: vscode.TextDocument, scope: Scope): string {
  const name = path.basename(document.uri.path);
  if ("position" in scope) return `${name} (line ${scope.position.line + 1})`;
  if ("range" in scope) {
    const { start, end } = scope.range;
    return start.line === end.line ? `${name} (line ${start.line + 1})` : `${name} (lines ${start.line + 1}–${end.line + 1})`;
  }
  return name;
}
