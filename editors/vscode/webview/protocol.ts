// The messages between the extension and the results webview, and the answer of the
// server's `flux.run` (docs/configuration.md, "Running Flux"), which the webview shows.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Column {
  name: string;
  /// An annotated CSV type: long, unsignedLong, double, string, boolean, dateTime:RFC3339, duration.
  type: string;
}

export type Cell = string | number | boolean | null;

export interface Table {
  groupKey: Record<string, Cell>;
  columns: Column[];
  rows: Cell[][];
}

export interface Result {
  name: string;
  tables: Table[];
}

export interface RunError {
  message: string;
  uri?: string;
  range?: Range;
}

export interface RunAnswer {
  results: Result[];
  truncated: boolean;
  rowCount: number;
  elapsedMs?: number;
  cancelled?: boolean;
  csv?: string;
  error?: RunError;
}

/// What ran, for the header of the view.
export interface RunInfo {
  /// The file's name and what of it ran: "q.flux (line 4)".
  title: string;
  /// The connection's name, or "local buckets".
  connection: string;
}

export type ToWebview =
  | { type: "running"; info: RunInfo }
  | { type: "results"; info: RunInfo; answer: RunAnswer }
  /// A request that could not start (a syntax error, an unknown connection); `error` says
  /// where, when the reason is an error in the script.
  | { type: "failed"; info: RunInfo; message: string; error?: RunError };

export type ExportFormat = "csv" | "annotated-csv" | "json";

export type FromWebview =
  | { type: "ready" }
  | { type: "cancel" }
  | { type: "copy"; text: string }
  | { type: "export"; format: ExportFormat; content: string }
  | { type: "reveal"; uri: string; range?: Range }
  /// How long the last `results` took from arrival to the first painted frame.
  | { type: "rendered"; rows: number; tables: number; ms: number; view: "table" | "chart" };
