// The schema explorer: connection → buckets → measurements → fields and tag keys → tag
// values. The tree asks the server (`flux.schema`) for a connection's schema when that
// connection is first expanded; the server caches it for its TTL and shares it with
// completion, so expanding further costs nothing.

import * as vscode from "vscode";
import { type ConnectionList, type Connections, errorMessage, kindLabel } from "./connections";
import type { Server } from "./server";

interface SchemaAnswer {
  connection: string | null;
  cached: boolean;
  buckets: { name: string; measurements: { name: string; fields: string[]; tags: { name: string; values: string[] }[] }[] }[];
}

export type Node =
  | { type: "connection"; name: string | null; kind: string; detail: string; own: boolean; current: boolean }
  | { type: "bucket"; connection: string | null; bucket: string; measurements: SchemaAnswer["buckets"][0]["measurements"] }
  | { type: "measurement"; connection: string | null; bucket: string; measurement: SchemaAnswer["buckets"][0]["measurements"][0] }
  | { type: "group"; label: "Fields" | "Tags"; connection: string | null; bucket: string; measurement: SchemaAnswer["buckets"][0]["measurements"][0] }
  | { type: "field"; bucket: string; measurement: string; name: string }
  | { type: "tag"; bucket: string; measurement: string; name: string; values: string[] }
  | { type: "tagValue"; bucket: string; measurement: string; tag: string; value: string }
  | { type: "message"; text: string; error: boolean };

export class SchemaTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /// Each connection's schema, asked once until a refresh.
  private readonly schemas = new Map<string | null, Promise<SchemaAnswer>>();
  /// Connections whose next ask must bypass the server's cache (refreshed by the user).
  private readonly stale = new Set<string | null>();

  constructor(
    private readonly server: Server,
    private readonly own: Connections,
  ) {}

  /// Asks again: the server's cached answer too when the user asked (`force`).
  refresh(connection?: string | null, force = false): void {
    const names = connection === undefined ? [...this.schemas.keys()] : [connection];
    for (const name of names) {
      this.schemas.delete(name);
      if (force) this.stale.add(name);
    }
    this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    switch (node.type) {
      case "connection": {
        const item = new vscode.TreeItem(node.name ?? "local", collapsed);
        item.description = [kindLabel(node.kind), node.current ? "current" : ""].filter(Boolean).join(" · ");
        item.tooltip = node.detail;
        item.iconPath = new vscode.ThemeIcon(node.name === null ? "folder-library" : "database");
        item.contextValue = node.name === null ? "flux.connection.local" : node.own ? "flux.connection.own" : "flux.connection";
        return item;
      }
      case "bucket": {
        const item = new vscode.TreeItem(node.bucket, collapsed);
        item.iconPath = new vscode.ThemeIcon("archive");
        item.description = plural(node.measurements.length, "measurement");
        item.contextValue = "flux.bucket";
        return item;
      }
      case "measurement": {
        const item = new vscode.TreeItem(node.measurement.name, collapsed);
        item.iconPath = new vscode.ThemeIcon("symbol-class");
        item.contextValue = "flux.measurement";
        return item;
      }
      case "group": {
        const count = node.label === "Fields" ? node.measurement.fields.length : node.measurement.tags.length;
        const item = new vscode.TreeItem(node.label, count ? collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = String(count);
        item.iconPath = new vscode.ThemeIcon(node.label === "Fields" ? "symbol-field" : "tag");
        return item;
      }
      case "field": {
        const item = new vscode.TreeItem(node.name);
        item.iconPath = new vscode.ThemeIcon("symbol-field");
        item.contextValue = "flux.field";
        return item;
      }
      case "tag": {
        const item = new vscode.TreeItem(node.name, node.values.length ? collapsed : vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon("tag");
        item.description = plural(node.values.length, "value");
        item.contextValue = "flux.tag";
        return item;
      }
      case "tagValue": {
        const item = new vscode.TreeItem(node.value);
        item.iconPath = new vscode.ThemeIcon("symbol-string");
        item.contextValue = "flux.tagValue";
        return item;
      }
      case "message": {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon(node.error ? "error" : "info");
        item.tooltip = node.text;
        return item;
      }
    }
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return this.connections();
    switch (node.type) {
      case "connection":
        return this.buckets(node.name);
      case "bucket":
        return node.measurements.map((measurement) => ({
          type: "measurement",
          connection: node.connection,
          bucket: node.bucket,
          measurement,
        }));
      case "measurement":
        return (["Fields", "Tags"] as const).map((label) => ({
          type: "group",
          label,
          connection: node.connection,
          bucket: node.bucket,
          measurement: node.measurement,
        }));
      case "group":
        return node.label === "Fields"
          ? node.measurement.fields.map((name) => ({ type: "field", bucket: node.bucket, measurement: node.measurement.name, name }))
          : node.measurement.tags.map((t) => ({
              type: "tag",
              bucket: node.bucket,
              measurement: node.measurement.name,
              name: t.name,
              values: t.values,
            }));
      case "tag":
        return node.values.map((value) => ({
          type: "tagValue",
          bucket: node.bucket,
          measurement: node.measurement,
          tag: node.name,
          value,
        }));
      default:
        return [];
    }
  }

  private async connections(): Promise<Node[]> {
    let list: ConnectionList;
    try {
      list = await this.server.execute<ConnectionList>("flux.connections");
    } catch (error) {
      return [{ type: "message", text: `The connections cannot be read: ${errorMessage(error)}`, error: true }];
    }
    const own = new Set(this.own.definitions().map((d) => d.name));
    return [
      {
        type: "connection",
        name: null,
        kind: "local",
        detail: `The local buckets in ${list.local.data}`,
        own: false,
        current: list.current === null,
      },
      ...list.connections.map((c): Node => ({
        type: "connection",
        name: c.name,
        kind: c.kind,
        detail: [c.url, c.reads, c.secret, `from ${c.from}`].filter(Boolean).join("\n"),
        own: own.has(c.name) && c.from === "the editor's settings",
        current: list.current === c.name,
      })),
    ];
  }

  private async buckets(connection: string | null): Promise<Node[]> {
    let asked = this.schemas.get(connection);
    if (!asked) {
      asked = this.server.execute<SchemaAnswer>("flux.schema", { connection, refresh: this.stale.delete(connection) });
      this.schemas.set(connection, asked);
    }
    try {
      const schema = await asked;
      if (schema.buckets.length === 0) return [{ type: "message", text: "No buckets", error: false }];
      return schema.buckets.map((b) => ({ type: "bucket", connection, bucket: b.name, measurements: b.measurements }));
    } catch (error) {
      this.schemas.delete(connection);
      return [{ type: "message", text: errorMessage(error), error: true }];
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/// A Flux string literal.
export function fluxString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\$\{/g, "\\${")}"`;
}

/// What "insert into editor" writes for a node.
export function insertion(node: Node): string | undefined {
  switch (node.type) {
    case "bucket":
      return `from(bucket: ${fluxString(node.bucket)})`;
    case "measurement":
      return `r._measurement == ${fluxString(node.measurement.name)}`;
    case "field":
      return `r._field == ${fluxString(node.name)}`;
    case "tag":
      return `r${/^[A-Za-z_][A-Za-z0-9_]*$/.test(node.name) ? `.${node.name}` : `[${fluxString(node.name)}]`}`;
    case "tagValue":
      return `r${/^[A-Za-z_][A-Za-z0-9_]*$/.test(node.tag) ? `.${node.tag}` : `[${fluxString(node.tag)}]`} == ${fluxString(node.value)}`;
    default:
      return undefined;
  }
}

/// The query "query this measurement" opens: its points, recent ones on a database and all
/// of them in local buckets (whose index answers without reading everything).
export function measurementQuery(node: Extract<Node, { type: "measurement" }>): string {
  const start = node.connection === null ? "1970-01-01T00:00:00Z" : "-1h";
  return [
    `from(bucket: ${fluxString(node.bucket)})`,
    `    |> range(start: ${start})`,
    `    |> filter(fn: (r) => r._measurement == ${fluxString(node.measurement.name)})`,
    "",
  ].join("\n");
}
