// Connections the user adds in VS Code. Their settings live in the extension's global state
// and their tokens and passwords in SecretStorage, never in a settings file. The server gets
// the settings as its `connections` setting, each secret named by an environment variable
// of the server's process (`token_env`), so no secret crosses the protocol or its traces.
// Connections of flx.toml files and of the influx CLI come from the server's own list.

import * as vscode from "vscode";
import type { Server } from "./server";

export type Kind = "influxdb2" | "influxdb1" | "influxdb3" | "local";

/// One connection as the extension keeps it (no secret).
export interface Definition {
  name: string;
  kind: Kind;
  url?: string;
  org?: string;
  database?: string;
  retentionPolicy?: string;
  username?: string;
  data?: string;
  skipVerify?: boolean;
}

/// A connection as the server lists it (`flux.connections`).
export interface Listed {
  name: string;
  kind: Kind;
  url: string | null;
  reads: string;
  secret: string;
  from: string;
  default: boolean;
}

export interface ConnectionList {
  connections: Listed[];
  current: string | null;
  local: { data: string };
  warnings: string[];
}

const STATE_KEY = "flux.connections";
const KINDS: { kind: Kind; label: string; detail: string }[] = [
  { kind: "influxdb2", label: "InfluxDB 2.x or Cloud", detail: "Flux runs on the server; a token and an organization" },
  { kind: "influxdb1", label: "InfluxDB 1.x", detail: "InfluxQL reads, the rest of the script in flx; user and password optional" },
  { kind: "influxdb3", label: "InfluxDB 3.x", detail: "Core, Enterprise, Cloud Serverless or Dedicated, through InfluxQL; a token" },
  { kind: "local", label: "Local buckets", detail: "A data directory of flx's local buckets" },
];

export function kindLabel(kind: string): string {
  return KINDS.find((k) => k.kind === kind)?.label ?? kind;
}

function secretKey(name: string): string {
  return `flux.connection.${name}`;
}

/// The environment variable that carries the secret of the i-th connection.
function secretVariable(index: number): string {
  return `FLX_VSCODE_SECRET_${index}`;
}

export class Connections {
  constructor(private readonly context: vscode.ExtensionContext) {}

  definitions(): Definition[] {
    return this.context.globalState.get<Definition[]>(STATE_KEY, []);
  }

  private async save(definitions: Definition[]): Promise<void> {
    await this.context.globalState.update(STATE_KEY, definitions);
  }

  /// The server's `connections` setting: each as a flx.toml table, secrets by variable.
  serverSetting(): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    this.definitions().forEach((d, index) => {
      const table: Record<string, unknown> = { kind: d.kind };
      if (d.kind === "local") {
        table.data = d.data;
      } else {
        table.url = d.url;
        if (d.skipVerify) table.skip_verify = true;
      }
      if (d.kind === "influxdb2") table.org = d.org;
      if ((d.kind === "influxdb1" || d.kind === "influxdb3") && d.database) table.database = d.database;
      if (d.kind === "influxdb1") {
        if (d.retentionPolicy) table.retention_policy = d.retentionPolicy;
        if (d.username) table.username = d.username;
        table.password_env = secretVariable(index);
      }
      if (d.kind === "influxdb2" || d.kind === "influxdb3") table.token_env = secretVariable(index);
      out[d.name] = table;
    });
    return out;
  }

  /// The secrets, by the variables `serverSetting` names.
  async environment(): Promise<Record<string, string>> {
    const env: Record<string, string> = {};
    const definitions = this.definitions();
    for (let index = 0; index < definitions.length; index++) {
      const secret = await this.context.secrets.get(secretKey(definitions[index].name));
      if (secret) env[secretVariable(index)] = secret;
    }
    return env;
  }

  /// Asks for a new connection (or changes `existing`); returns it once saved.
  async edit(existing?: Definition): Promise<Definition | undefined> {
    const kind = existing?.kind ?? (await this.pickKind());
    if (!kind) return undefined;
    const taken = new Set(this.definitions().map((d) => d.name));
    if (existing) taken.delete(existing.name);
    const name = await ask({
      title: `${kindLabel(kind)}: name`,
      prompt: "The connection's name, as flux.setConnection and flx.toml know it",
      value: existing?.name ?? "",
      validate: (v) =>
        !/^[A-Za-z0-9_.-]+$/.test(v)
          ? "letters, digits, '_', '-' and '.' only"
          : taken.has(v)
            ? `a connection named ${v} exists`
            : undefined,
    });
    if (name === undefined) return undefined;
    const definition: Definition = { name, kind };
    let secret: string | undefined;
    if (kind === "local") {
      const folder = await vscode.window.showOpenDialog({
        canSelectFiles: false,
        canSelectFolders: true,
        openLabel: "Use these local buckets",
        title: "The data directory of the local buckets",
        defaultUri: existing?.data ? vscode.Uri.file(existing.data) : undefined,
      });
      if (!folder?.[0]) return undefined;
      definition.data = folder[0].fsPath;
    } else {
      const url = await ask({
        title: `${name}: URL`,
        prompt: kind === "influxdb2" ? "Such as https://us-east-1-1.aws.cloud2.influxdata.com" : "Such as http://localhost:8086",
        value: existing?.url ?? (kind === "influxdb3" ? "http://localhost:8181" : "http://localhost:8086"),
        validate: (v) => (/^https?:\/\/[^\s/]+/.test(v) ? undefined : "a URL starting with http:// or https://"),
      });
      if (url === undefined) return undefined;
      definition.url = url.replace(/\/+$/, "");
      if (kind === "influxdb2") {
        const org = await ask({ title: `${name}: organization`, value: existing?.org ?? "", validate: required });
        if (org === undefined) return undefined;
        definition.org = org;
      } else {
        const database = await ask({
          title: `${name}: database`,
          prompt: "Optional: the database buckets default to; empty lists every database",
          value: existing?.database ?? "",
        });
        if (database === undefined) return undefined;
        if (database) definition.database = database;
      }
      if (kind === "influxdb1") {
        const rp = await ask({ title: `${name}: retention policy`, prompt: "Optional", value: existing?.retentionPolicy ?? "" });
        if (rp === undefined) return undefined;
        if (rp) definition.retentionPolicy = rp;
        const user = await ask({ title: `${name}: username`, prompt: "Optional", value: existing?.username ?? "" });
        if (user === undefined) return undefined;
        if (user) definition.username = user;
      }
      const what = kind === "influxdb1" ? "password" : "token";
      const keep = existing ? " (empty keeps the one stored)" : kind === "influxdb1" ? " (optional)" : "";
      secret = await ask({
        title: `${name}: ${what}`,
        prompt: `Kept in VS Code's secret storage${keep}`,
        password: true,
        value: "",
        validate: (v) => (kind !== "influxdb1" && !existing && !v ? `a ${what} is needed` : undefined),
      });
      if (secret === undefined) return undefined;
      if (definition.url.startsWith("https://")) {
        const verify = await vscode.window.showQuickPick(
          [
            { label: "Verify the server's certificate", skip: false },
            { label: "Skip verification", description: "for a self-signed certificate", skip: true },
          ],
          { title: `${name}: TLS` },
        );
        if (!verify) return undefined;
        definition.skipVerify = verify.skip;
      }
    }
    const definitions = this.definitions().filter((d) => d.name !== existing?.name);
    definitions.push(definition);
    definitions.sort((a, b) => a.name.localeCompare(b.name));
    if (existing && existing.name !== name) {
      const old = await this.context.secrets.get(secretKey(existing.name));
      await this.context.secrets.delete(secretKey(existing.name));
      if (old && !secret) secret = old;
    }
    if (secret) await this.context.secrets.store(secretKey(name), secret);
    await this.save(definitions);
    return definition;
  }

  async remove(name: string): Promise<boolean> {
    const definitions = this.definitions();
    if (!definitions.some((d) => d.name === name)) return false;
    await this.save(definitions.filter((d) => d.name !== name));
    await this.context.secrets.delete(secretKey(name));
    return true;
  }

  private async pickKind(): Promise<Kind | undefined> {
    const picked = await vscode.window.showQuickPick(
      KINDS.map((k) => ({ label: k.label, detail: k.detail, connects: k.kind })),
      { title: "Add a Flux connection: what does it connect to?" },
    );
    return picked?.connects;
  }
}

function required(value: string): string | undefined {
  return value.trim() ? undefined : "needed";
}

async function ask(options: {
  title: string;
  prompt?: string;
  value: string;
  password?: boolean;
  validate?: (value: string) => string | undefined;
}): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: options.title,
    prompt: options.prompt,
    value: options.value,
    password: options.password,
    ignoreFocusOut: true,
    validateInput: options.validate,
  });
  return value?.trim();
}

/// The connection runs use now, as the status bar shows it and a click changes it.
export class CurrentConnection implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  /// `null`: the local buckets; `undefined`: not chosen here (the server's default).
  chosen: string | null | undefined;
  /// What runs use now, as the server last said (`null`: the local buckets).
  current: string | null = null;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: Server,
  ) {
    this.item = vscode.window.createStatusBarItem("flux.connection", vscode.StatusBarAlignment.Left, 50);
    this.item.name = "Flux connection";
    this.item.command = "flux.chooseConnection";
    this.chosen = context.workspaceState.get<string | null>("flux.currentConnection");
  }

  /// Shows the item while a Flux file is in front.
  updateVisibility(editor: vscode.TextEditor | undefined): void {
    if (editor?.document.languageId === "flux") this.item.show();
    else this.item.hide();
  }

  /// Asks the server which connection is current (after a start) and applies the one
  /// chosen in this workspace before.
  async refresh(): Promise<ConnectionList | undefined> {
    try {
      if (this.chosen !== undefined) await this.server.execute("flux.setConnection", { name: this.chosen });
      const list = await this.server.execute<ConnectionList>("flux.connections");
      this.show(list.current, list);
      return list;
    } catch (error) {
      this.item.text = "$(database) Flux: no connection";
      this.item.tooltip = `The connections cannot be read: ${errorMessage(error)}`;
      return undefined;
    }
  }

  private show(current: string | null, list?: ConnectionList): void {
    this.current = current;
    this.item.text = `$(database) ${current ?? "local"}`;
    const where = current === null ? `the local buckets in ${list?.local.data ?? ".flx/data"}` : `the connection ${current}`;
    this.item.tooltip = `Flux runs on ${where}. Click to choose another.`;
  }

  async choose(): Promise<void> {
    let list: ConnectionList;
    try {
      list = await this.server.execute<ConnectionList>("flux.connections");
    } catch (error) {
      void vscode.window.showErrorMessage(`Flux: cannot list the connections: ${errorMessage(error)}`);
      return;
    }
    type Item = vscode.QuickPickItem & { name?: string | null; add?: boolean };
    const items: Item[] = [
      {
        label: "$(folder) local",
        description: list.current === null ? "current" : undefined,
        detail: `The local buckets in ${list.local.data}`,
        name: null,
      },
      ...list.connections.map((c) => ({
        label: `$(database) ${c.name}`,
        description: [kindLabel(c.kind), c.name === list.current ? "current" : undefined].filter(Boolean).join(" · "),
        detail: [c.url, c.reads, c.secret, `from ${c.from}`].filter(Boolean).join(" · "),
        name: c.name,
      })),
      { label: "$(add) Add a connection…", add: true },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: "Run Flux on", matchOnDetail: true });
    if (!picked) return;
    if (picked.add) {
      await vscode.commands.executeCommand("flux.addConnection");
      return;
    }
    await this.set(picked.name ?? null);
  }

  async set(name: string | null): Promise<void> {
    try {
      const answer = await this.server.execute<{ current: string | null }>("flux.setConnection", { name });
      this.chosen = answer.current;
      await this.context.workspaceState.update("flux.currentConnection", answer.current);
      this.show(answer.current);
      this.changed.fire();
    } catch (error) {
      void vscode.window.showErrorMessage(`Flux: ${errorMessage(error)}`);
    }
  }

  dispose(): void {
    this.item.dispose();
    this.changed.dispose();
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && "message" in error) return String(error.message);
  return String(error);
}
