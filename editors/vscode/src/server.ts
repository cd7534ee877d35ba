// Finding and running flux-lsp: the `flux.server.path` setting, else the binary bundled in a
// platform-specific .vsix, else one on PATH. The client is restarted when the connections or
// their secrets change, since secrets reach the server only through its environment.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import { record } from "./timings";
import {
  ExecuteCommandRequest,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
} from "vscode-languageclient/node";

const EXECUTABLE = process.platform === "win32" ? "flux-lsp.exe" : "flux-lsp";

/// Where a server binary was found, and how.
export interface Located {
  path: string;
  from: "setting" | "bundled" | "PATH";
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/// `~` and `${workspaceFolder}` in the setting, as users write them in other extensions.
function expand(setting: string): string {
  let out = setting.replace(/^~(?=$|[\\/])/, os.homedir());
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (folder) out = out.replace(/\$\{workspaceFolder\}/g, folder);
  return out;
}

export function locate(extensionPath: string): Located | { missing: string } {
  const setting = vscode.workspace.getConfiguration("flux").get<string>("server.path")?.trim();
  if (setting) {
    const file = expand(setting);
    return isExecutable(file)
      ? { path: file, from: "setting" }
      : { missing: `the setting flux.server.path names ${file}, which is not an executable file` };
  }
  const bundled = path.join(extensionPath, "server", EXECUTABLE);
  if (isExecutable(bundled)) return { path: bundled, from: "bundled" };
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, EXECUTABLE))) return { path: path.join(dir, EXECUTABLE), from: "PATH" };
  }
  return { missing: `no ${EXECUTABLE} in this extension, and none on PATH` };
}

/// What the extension adds to the `flux` settings section it passes on: whether the
/// workspace is trusted, and the connections it manages.
export interface Extras {
  trustWorkspace: boolean;
  connections: Record<string, Record<string, unknown>> | undefined;
}

/// The `flux` section as the server reads it (docs/configuration.md), with the extras.
export function serverSettings(extras: Extras): Record<string, unknown> {
  const section = vscode.workspace.getConfiguration("flux");
  const settings: Record<string, unknown> = {};
  for (const key of [
    "diagnostics",
    "dashboardVariables",
    "taskOption",
    "inlayHints",
    "schemaFile",
    "schema",
    "run",
    "connection",
  ]) {
    const value = section.get(key);
    if (value !== undefined && value !== null && value !== "") settings[key] = value;
  }
  settings.trustWorkspace = extras.trustWorkspace;
  if (extras.connections && Object.keys(extras.connections).length > 0) settings.connections = extras.connections;
  return settings;
}

export class Server {
  client: LanguageClient | undefined;
  located: Located | undefined;
  /// Starts, stops and restarts one after the other: two clients at once would register
  /// the server's commands twice, and the second would fail.
  private queue: Promise<unknown> = Promise.resolve();
  private readonly changed = new vscode.EventEmitter<LanguageClient | undefined>();
  /// Fires with the new client after each start, and `undefined` after a stop.
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
    private readonly clientOptions: () => LanguageClientOptions,
    private readonly environment: () => Promise<Record<string, string>>,
  ) {}

  private serialized<T>(step: () => Promise<T>): Promise<T> {
    const next = this.queue.then(step, step);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /// Starts the server unless it runs; when none is found, says so with a way to pick one.
  start(): Promise<LanguageClient | undefined> {
    return this.serialized(() => (this.client ? Promise.resolve(this.client) : this.startNow()));
  }

  stop(): Promise<void> {
    return this.serialized(() => this.stopNow());
  }

  restart(): Promise<LanguageClient | undefined> {
    return this.serialized(async () => {
      await this.stopNow();
      return this.startNow();
    });
  }

  private async startNow(): Promise<LanguageClient | undefined> {
    const begun = performance.now();
    const found = locate(this.context.extensionPath);
    if ("missing" in found) {
      this.output.appendLine(`flux-lsp not found: ${found.missing}`);
      void this.offerToLocate(found.missing);
      return undefined;
    }
    this.located = found;
    const serverOptions: ServerOptions = {
      command: found.path,
      args: [],
      options: { env: { ...process.env, ...(await this.environment()) } },
    };
    const client = new LanguageClient("flux", "Flux language server", serverOptions, this.clientOptions());
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      this.output.appendLine(`flux-lsp (${found.path}) did not start: ${String(error)}`);
      void vscode.window.showErrorMessage(`Flux: the language server ${found.path} did not start: ${String(error)}`);
      this.client = undefined;
      return undefined;
    }
    this.output.appendLine(`flux-lsp started: ${found.path} (${found.from})`);
    record("server", { readyMs: Math.round(performance.now() - begun), from: found.from });
    this.changed.fire(client);
    return client;
  }

  private async stopNow(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.changed.fire(undefined);
    if (client && client.state !== State.Stopped) await client.stop().catch(() => undefined);
  }

  /// Runs one of the server's `flux.*` commands and returns its answer.
  async execute<T>(command: string, argument?: unknown, token?: vscode.CancellationToken): Promise<T> {
    const client = this.client ?? (await this.start());
    if (!client) throw new Error("the Flux language server is not running");
    const params = { command, arguments: argument === undefined ? [] : [argument] };
    return (await client.sendRequest(ExecuteCommandRequest.type, params, token)) as T;
  }

  private async offerToLocate(why: string): Promise<void> {
    const locateAction = "Locate flux-lsp…";
    const pick = await vscode.window.showErrorMessage(
      `Flux: cannot start the language server: ${why}. Install flx (it brings flux-lsp), or choose the binary.`,
      locateAction,
      "Open Settings",
    );
    if (pick === locateAction) await vscode.commands.executeCommand("flux.locateServer");
    if (pick === "Open Settings") await vscode.commands.executeCommand("workbench.action.openSettings", "flux.server.path");
  }

  /// Asks for the binary and keeps it in the user's settings.
  async chooseBinary(): Promise<void> {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: "Use this flux-lsp",
      title: "The flux-lsp binary",
    });
    if (!picked?.[0]) return;
    const section = vscode.workspace.getConfiguration("flux");
    const unchanged = section.get<string>("server.path") === picked[0].fsPath;
    await section.update("server.path", picked[0].fsPath, vscode.ConfigurationTarget.Global);
    // A changed setting restarts the server by itself (extension.ts).
    if (unchanged) await this.restart();
  }

  dispose(): void {
    void this.stop();
    this.changed.dispose();
  }
}
