// The Flux extension: starts flux-lsp for completion, diagnostics, formatting and the rest,
// and adds what a language server alone cannot show: running queries with a results view,
// connections kept with their secrets in SecretStorage, a schema explorer and test cases
// in the Test Explorer. Activation does no waiting: the server starts in the background.

import * as vscode from "vscode";
import type { LanguageClientOptions, Middleware } from "vscode-languageclient/node";
import { type ConnectionList, Connections, CurrentConnection, errorMessage } from "./connections";
import { ResultsPanel } from "./results";
import { Runner, type Scope } from "./run";
import { type Node, SchemaTree, insertion, measurementQuery } from "./schema";
import { Server, serverSettings } from "./server";
import { FluxTests } from "./testing";
import { record, useChannel } from "./timings";

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const output = vscode.window.createOutputChannel("Flux", { log: true });
  useChannel(output);
  const connections = new Connections(context);
  const extras = () => ({ trustWorkspace: vscode.workspace.isTrusted, connections: connections.serverSetting() });

  // The server's code lenses call `flux.run` and `flux.test`, whose answers a lens would
  // drop; these client commands show them instead.
  const lenses: Middleware = {
    provideCodeLenses: async (document, token, next) => (await next(document, token))?.map(redirectLens),
    resolveCodeLens: async (lens, token, next) => redirectLens((await next(lens, token)) ?? lens),
    workspace: {
      // The server asks for the `flux` section; it gets it with the extension's extras.
      configuration: async (params, token, next) => {
        const answer = await next(params, token);
        if (!Array.isArray(answer)) return answer;
        return params.items.map((item, i) => (item.section === "flux" ? serverSettings(extras()) : answer[i]));
      },
    },
  };
  const clientOptions = (): LanguageClientOptions => ({
    documentSelector: [
      { scheme: "file", language: "flux" },
      { scheme: "untitled", language: "flux" },
    ],
    initializationOptions: serverSettings(extras()),
    outputChannel: output,
    middleware: lenses,
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.flux,flux-schema.json,flx.toml}") },
  });
  const server = new Server(context, output, clientOptions, () => connections.environment());
  const current = new CurrentConnection(context, server);
  // Made now, not at the first run: a panel restored after a reload needs its serializer.
  const panel = new ResultsPanel(context.extensionUri, () => void runner.cancel());
  const runner = new Runner(server, current, panel);
  const schema = new SchemaTree(server, connections);
  const tests = new FluxTests(server);
  context.subscriptions.push(output, server, current, panel, runner, schema, tests);
  context.subscriptions.push(vscode.window.registerTreeDataProvider("flux.schema", schema));

  const command = (id: string, run: (...args: any[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  const editor = () => vscode.window.activeTextEditor;
  command("flux.runFile", () => runner.runFile(editor()));
  command("flux.runSelection", () => runner.runSelection(editor()));
  command("flux.runStatement", () => runner.runStatement(editor()));
  command("flux.runLens", (args: { uri: string } & Scope) => {
    const { uri, ...scope } = args;
    return runner.run(vscode.Uri.parse(uri), scope as Scope);
  });
  command("flux.testLens", (args: { uri: string; name: string }) => tests.runOne(args.uri, args.name));
  command("flux.cancelRun", () => runner.cancel());
  command("flux.restartServer", async () => {
    await server.restart();
  });
  command("flux.locateServer", () => server.chooseBinary());
  command("flux.showOutput", () => output.show());
  command("flux.chooseConnection", () => current.choose());
  command("flux.useConnection", (node?: Node) => node?.type === "connection" && current.set(node.name));
  const changedConnections = async (message: string) => {
    await server.restart();
    schema.refresh();
    void vscode.window.showInformationMessage(message);
  };
  command("flux.addConnection", async () => {
    const added = await connections.edit();
    if (!added) return;
    await changedConnections(`Flux: connection ${added.name} added.`);
    await testConnection(added.name);
  });
  command("flux.editConnection", async (node?: Node) => {
    const name = node?.type === "connection" ? node.name : await pickOwn(connections, "Edit which connection?");
    const existing = connections.definitions().find((d) => d.name === name);
    if (!existing) return;
    const edited = await connections.edit(existing);
    if (edited) await changedConnections(`Flux: connection ${edited.name} saved.`);
  });
  command("flux.removeConnection", async (node?: Node) => {
    const name = node?.type === "connection" ? node.name : await pickOwn(connections, "Remove which connection?");
    if (!name) return;
    const sure = await vscode.window.showWarningMessage(
      `Remove the connection ${name} and its stored secret?`,
      { modal: true },
      "Remove",
    );
    if (sure !== "Remove") return;
    if (current.chosen === name) await current.set(null);
    if (await connections.remove(name)) await changedConnections(`Flux: connection ${name} removed.`);
  });
  const testConnection = async (name: string | null | undefined) => {
    if (name === null) {
      void vscode.window.showInformationMessage("Flux: the local buckets need no test.");
      return;
    }
    if (name === undefined) {
      const list = await server.execute<ConnectionList>("flux.connections").catch(() => undefined);
      name = await vscode.window.showQuickPick(list?.connections.map((c) => c.name) ?? [], {
        title: "Test which connection?",
      });
    }
    if (!name) return;
    try {
      const answer = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Flux: testing ${name}…` },
        () => server.execute<{ ok: boolean; lines: string[]; error?: string }>("flux.testConnection", { name }),
      );
      if (answer.ok) void vscode.window.showInformationMessage(`Flux: ${name} works. ${answer.lines.join("; ")}`);
      else void vscode.window.showErrorMessage(`Flux: ${name} does not work: ${answer.error}`);
    } catch (error) {
      void vscode.window.showErrorMessage(`Flux: ${errorMessage(error)}`);
    }
  };
  command("flux.checkConnection", (node?: Node) => testConnection(node?.type === "connection" ? node.name : undefined));
  command("flux.refreshSchema", (node?: Node) => schema.refresh(node?.type === "connection" ? node.name : undefined, true));
  command("flux.insertSchemaName", async (node?: Node) => {
    const text = node && insertion(node);
    const target = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => e.document.languageId === "flux");
    if (!text || !target) return;
    await target.edit((edit) => {
      for (const selection of target.selections) edit.replace(selection, text);
    });
  });
  command("flux.queryMeasurement", async (node?: Node) => {
    if (node?.type !== "measurement") return;
    const document = await vscode.workspace.openTextDocument({ language: "flux", content: measurementQuery(node) });
    await vscode.window.showTextDocument(document);
    // The query runs where the measurement is, which becomes the current connection.
    if (node.connection !== current.current) await current.set(node.connection);
    await runner.run(document.uri, {});
  });

  server.onDidChange((client) => {
    if (!client) return;
    void current.refresh();
    schema.refresh();
  }, null, context.subscriptions);
  current.onDidChange(() => schema.refresh(), null, context.subscriptions);
  vscode.window.onDidChangeActiveTextEditor((e) => current.updateVisibility(e), null, context.subscriptions);
  current.updateVisibility(vscode.window.activeTextEditor);
  vscode.workspace.onDidGrantWorkspaceTrust(() => server.client?.sendNotification("workspace/didChangeConfiguration", { settings: null }), null, context.subscriptions);
  vscode.workspace.onDidChangeConfiguration(
    (e) => e.affectsConfiguration("flux.server.path") && void server.restart(),
    null,
    context.subscriptions,
  );

  void server.start();
  record("activate", { ms: Math.round((performance.now() - started) * 10) / 10 });
}

export function deactivate(): void {}

/// A server lens's command, as the client command that shows its answer.
function redirectLens(lens: vscode.CodeLens): vscode.CodeLens {
  const c = lens.command;
  if (c?.command === "flux.run") lens.command = { ...c, command: "flux.runLens" };
  else if (c?.command === "flux.test") lens.command = { ...c, command: "flux.testLens" };
  return lens;
}

async function pickOwn(connections: Connections, title: string): Promise<string | undefined> {
  const names = connections.definitions().map((d) => d.name);
  if (names.length === 0) {
    void vscode.window.showInformationMessage("Flux: no connection was added here yet (Flux: Add Connection).");
    return undefined;
  }
  return vscode.window.showQuickPick(names, { title });
}
