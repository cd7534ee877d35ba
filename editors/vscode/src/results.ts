// The results panel: a webview (bundled code only, no network) that shows what a run made.
// The panel keeps the last message so that a panel opened, hidden or restored later shows it.

import * as path from "node:path";
import * as vscode from "vscode";
import type { ExportFormat, FromWebview, ToWebview } from "../webview/protocol";
import { record } from "./timings";

const VIEW_TYPE = "flux.results";

export class ResultsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private last: ToWebview | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly cancel: () => void,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
        deserializeWebviewPanel: async (panel) => this.adopt(panel),
      }),
    );
  }

  /// Sends a message, opening the panel beside the editor without taking the focus.
  show(message: ToWebview): void {
    this.last = message;
    if (!this.panel) {
      this.adopt(
        vscode.window.createWebviewPanel(
          VIEW_TYPE,
          "Flux Results",
          { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
          this.options(),
        ),
      );
    } else if (!this.panel.visible) {
      this.panel.reveal(undefined, true);
    }
    void this.panel?.webview.postMessage(message);
  }

  private options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, "dist")] };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.webview.options = this.options();
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, "media", "results.svg");
    panel.webview.html = this.html(panel.webview);
    panel.onDidDispose(() => (this.panel = undefined), null, this.disposables);
    panel.webview.onDidReceiveMessage((m: FromWebview) => this.receive(m), null, this.disposables);
  }

  private html(webview: vscode.Webview): string {
    const nonce = Array.from({ length: 4 }, () => Math.random().toString(36).slice(2)).join("");
    const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, "dist", file));
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource} 'unsafe-inline'`,
      `img-src ${webview.cspSource} data:`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join("; ");
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset("webview.css")}">
<title>Flux Results</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${asset("webview.js")}"></script>
</body>
</html>`;
  }

  private async receive(message: FromWebview): Promise<void> {
    switch (message.type) {
      case "ready":
        if (this.last) void this.panel?.webview.postMessage(this.last);
        break;
      case "cancel":
        this.cancel();
        break;
      case "copy":
        await vscode.env.clipboard.writeText(message.text);
        vscode.window.setStatusBarMessage("Flux: copied", 2000);
        break;
      case "export":
        await this.save(message.format, message.content);
        break;
      case "reveal": {
        const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(message.uri));
        const range = message.range
          ? new vscode.Range(
              message.range.start.line,
              message.range.start.character,
              message.range.end.line,
              message.range.end.character,
            )
          : undefined;
        await vscode.window.showTextDocument(document, { selection: range, viewColumn: vscode.ViewColumn.One });
        break;
      }
      case "rendered":
        record("render", { rows: message.rows, tables: message.tables, ms: message.ms, view: message.view });
        break;
    }
  }

  private async save(format: ExportFormat, content: string): Promise<void> {
    const extension = format === "json" ? "json" : "csv";
    const title = this.last && "info" in this.last ? path.parse(this.last.info.title.split(" ")[0]).name : "results";
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${title}-results${format === "annotated-csv" ? "-annotated" : ""}.${extension}`;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === "json" ? { JSON: ["json"] } : { CSV: ["csv"] },
      title: "Export the results",
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
    const open = await vscode.window.showInformationMessage(`Flux: results saved to ${target.fsPath}`, "Open");
    if (open) await vscode.window.showTextDocument(target);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
