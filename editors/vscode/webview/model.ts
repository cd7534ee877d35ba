// The results view's logic that needs no DOM: exports, copied text, chart data, the
// virtual window. Pure functions, so `node --test` covers them without a browser.
import type { Cell, Column, Result, RunAnswer, Table } from "./protocol";

/// A cell as text: as the server sent it, null as nothing.
export function cellText(cell: Cell): string {
  return cell === null ? "" : String(cell);
}

const NUMERIC_TYPES = new Set(["long", "unsignedLong", "double"]);

export function isNumericType(type: string): boolean {
  return NUMERIC_TYPES.has(type);
}

// One formatter for all counts: `toLocaleString` builds one each call, slow for thousands of tables.
const integers = new Intl.NumberFormat("en-US");

/// "10,000": in English, as the rest of the panel.
function formatCount(count: number): string {
  return integers.format(count);
}

/// "1 row", "10,000 rows".
export function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? "" : "s"}`;
}

export function formatElapsed(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(ms < 10 ? 1 : 0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export interface Counts {
  rows: number;
  tables: number;
}

/// The rows and tables the answer holds (fewer rows than `rowCount` when truncated).
export function countResults(results: Result[]): Counts {
  let rows = 0;
  let tables = 0;
  for (const result of results) {
    for (const table of result.tables) {
      rows += table.rows.length;
      tables += 1;
    }
  }
  return { rows, tables };
}

/// What a truncated answer shows, for the header; `undefined` when nothing was left out.
export function truncationNotice(answer: RunAnswer): string | undefined {
  if (!answer.truncated) return undefined;
  const shown = countResults(answer.results).rows;
  return `truncated: showing ${formatCount(shown)} of ${plural(answer.rowCount, "row")}`;
}

// ---- Copy ----------------------------------------------------------------------------

/// A row as tab-separated values, as spreadsheets paste them: a cell holding a tab, a line
/// break or a quote is quoted, so that it stays one cell.
export function rowAsTsv(row: Cell[]): string {
  return row
    .map((cell) => {
      const text = cellText(cell);
      return /[\t\r\n"]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join("\t");
}

/// A row as a JSON object keyed by column name, values typed as the server sent them.
export function rowAsJson(columns: Column[], row: Cell[]): string {
  const record: Record<string, Cell> = {};
  columns.forEach((column, index) => {
    record[column.name] = row[index] ?? null;
  });
  return JSON.stringify(record);
}

// ---- Exports -------------------------------------------------------------------------

/// RFC 4180 ends records with CRLF; InfluxDB writes annotated CSV the same way.
const CRLF = "\r\n";

/// A field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break,
/// with quotes doubled.
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(fields: string[]): string {
  return fields.map(csvField).join(",") + CRLF;
}

function sameColumns(a: Column[], b: Column[]): boolean {
  return a.length === b.length && a.every((column, i) => column.name === b[i].name && column.type === b[i].type);
}

/// Plain CSV for spreadsheets: the rows under one header line per block, a block being the
/// tables of a result that share their columns; a blank line between blocks.
export function toCsv(results: Result[]): string {
  const blocks: string[] = [];
  for (const result of results) {
    let columns: Column[] | undefined;
    let block = "";
    for (const table of result.tables) {
      if (!columns || !sameColumns(columns, table.columns)) {
        if (columns) blocks.push(block);
        columns = table.columns;
        block = csvLine(columns.map((column) => column.name));
      }
      for (const row of table.rows) block += csvLine(row.map(cellText));
    }
    if (columns) blocks.push(block);
  }
  return blocks.join(CRLF);
}

function groupColumns(table: Table): string[] {
  return table.columns.map((column) => column.name).filter((name) => name in table.groupKey);
}

/// Flux's annotated CSV, as InfluxDB's `/api/v2/query` lays it out: each block starts with
/// its `#datatype`, `#group` and `#default` annotations and the header `,result,table,...`;
/// a new block (after a blank line) starts where the columns or the group key's columns
/// change, and around an empty table, whose group key only the `#default` row can carry.
/// Each result ends with a blank line.
export function toAnnotatedCsv(results: Result[]): string {
  let out = "";
  for (const result of results) {
    let previous: Table | undefined;
    result.tables.forEach((table, index) => {
      const empty = table.rows.length === 0;
      const keyColumns = groupColumns(table);
      const newBlock =
        !previous ||
        empty ||
        previous.rows.length === 0 ||
        !sameColumns(previous.columns, table.columns) ||
        groupColumns(previous).join("\n") !== keyColumns.join("\n");
      if (newBlock) {
        if (previous) out += CRLF;
        out += annotations(result.name, index, table, keyColumns);
      }
      const prefix = `,${csvField(result.name)},${index}`;
      for (const row of table.rows) {
        out += prefix;
        for (const cell of row) out += "," + csvField(cellText(cell));
        out += CRLF;
      }
      previous = table;
    });
    out += CRLF;
  }
  return out;
}

function annotations(resultName: string, index: number, table: Table, keyColumns: string[]): string {
  const empty = table.rows.length === 0;
  const names = table.columns.map((column) => column.name);
  return (
    csvLine(["#datatype", "string", "long", ...table.columns.map((column) => column.type)]) +
    csvLine(["#group", "false", "false", ...names.map((name) => String(keyColumns.includes(name)))]) +
    csvLine([
      "#default",
      resultName,
      empty ? String(index) : "",
      ...names.map((name) => (empty ? cellText(table.groupKey[name] ?? null) : "")),
    ]) +
    csvLine(["", "result", "table", ...names])
  );
}

/// The results as the server sent them, indented for reading but with one row a line, so
/// that 10,000 rows make 10,000 lines rather than 100,000.
export function toJson(results: Result[]): string {
  const json = JSON.stringify;
  const tables = (result: Result): string =>
    result.tables
      .map((table) => {
        const rows = table.rows.map((row) => `          ${json(row)}`).join(",\n");
        return [
          "      {",
          `        "groupKey": ${json(table.groupKey)},`,
          `        "columns": ${json(table.columns)},`,
          table.rows.length === 0 ? `        "rows": []` : `        "rows": [\n${rows}\n        ]`,
          "      }",
        ].join("\n");
      })
      .join(",\n");
  const body = results
    .map((result) => {
      const list = result.tables.length === 0 ? "[]" : `[\n${tables(result)}\n    ]`;
      return `  {\n    "name": ${json(result.name)},\n    "tables": ${list}\n  }`;
    })
    .join(",\n");
  return results.length === 0 ? "[]\n" : `[\n${body}\n]\n`;
}

// ---- Chart ---------------------------------------------------------------------------

/// An RFC 3339 time in seconds since the epoch (uPlot's unit), keeping the digits below a
/// millisecond that `Date.parse` drops; `undefined` when it is not a time.
export function parseTime(text: string): number | undefined {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.exec(text);
  if (!match) return undefined;
  const whole = Date.parse(match[1] + match[3]);
  if (Number.isNaN(whole)) return undefined;
  return whole / 1000 + (match[2] ? Number(match[2]) : 0);
}

/// A series' name from its table's group key, as line protocol names a series: the
/// measurement bare, then the tags, then `_field` and other columns of Flux's own:
/// `cpu,host=a,_field=usage`. `_start` and `_stop` are left out: every table of a windowed
/// query shares them.
export function seriesLabel(groupKey: Record<string, Cell>): string {
  const measurement: string[] = [];
  const tags: string[] = [];
  const internal: string[] = [];
  for (const [name, value] of Object.entries(groupKey)) {
    if (name === "_start" || name === "_stop") continue;
    if (name === "_measurement") measurement.push(cellText(value));
    else (name.startsWith("_") ? internal : tags).push(`${name}=${cellText(value)}`);
  }
  const parts = [...measurement, ...tags, ...internal];
  return parts.length > 0 ? parts.join(",") : "_value";
}

export interface ChartSeries {
  label: string;
  /// One value per time of `ChartData.times`; null where the series has no point.
  values: (number | null)[];
}

/// uPlot's aligned layout: one x axis (the sorted union of every series' times) and, per
/// series, a value or null at each of those times.
export interface ChartData {
  times: number[];
  series: ChartSeries[];
  /// Tables without `_time` and a numeric `_value`, or without a point to draw.
  tablesLeftOut: number;
  /// Series beyond `maxSeries`, not drawn.
  seriesDropped: number;
}

/// The line chart of `_value` over `_time` of a result: one series per table.
export function chartData(result: Result, maxSeries = Infinity): ChartData {
  const points: { label: string; times: number[]; values: number[] }[] = [];
  let tablesLeftOut = 0;
  for (const table of result.tables) {
    const timeIndex = table.columns.findIndex((c) => c.name === "_time" && c.type.startsWith("dateTime"));
    const valueIndex = table.columns.findIndex((c) => c.name === "_value" && isNumericType(c.type));
    const times: number[] = [];
    const values: number[] = [];
    if (timeIndex >= 0 && valueIndex >= 0) {
      for (const row of table.rows) {
        const time = row[timeIndex];
        const value = row[valueIndex];
        // NaN and infinities come as strings: they have no place on a line.
        if (typeof time !== "string" || typeof value !== "number" || !Number.isFinite(value)) continue;
        const seconds = parseTime(time);
        if (seconds === undefined) continue;
        times.push(seconds);
        values.push(value);
      }
    }
    if (times.length === 0) tablesLeftOut += 1;
    else points.push({ label: seriesLabel(table.groupKey), times, values });
  }
  const drawn = points.slice(0, maxSeries);
  const times = [...new Set(drawn.flatMap((series) => series.times))].sort((a, b) => a - b);
  const slot = new Map(times.map((time, index) => [time, index]));
  const seen = new Map<string, number>();
  const series = drawn.map(({ label, times: own, values }) => {
    const aligned: (number | null)[] = new Array(times.length).fill(null);
    own.forEach((time, i) => {
      aligned[slot.get(time)!] = values[i];
    });
    // Tables that differ only in `_start`/`_stop` would share a label; number the repeats.
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    return { label: count === 1 ? label : `${label} (${count})`, values: aligned };
  });
  return { times, series, tablesLeftOut, seriesDropped: points.length - drawn.length };
}

// ---- Tables --------------------------------------------------------------------------

export interface RowWindow {
  /// The first row to render.
  first: number;
  /// One past the last row to render.
  end: number;
}

/// The rows a virtual list renders: those in the viewport and `overscan` more on each side
/// (so that a fast scroll shows rows, not a gap), `scrollTop` counted from the first row.
export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  rowCount: number,
  overscan: number,
): RowWindow {
  const clamp = (n: number, low: number) => Math.min(Math.max(n, low), rowCount);
  const first = clamp(Math.floor(scrollTop / rowHeight) - overscan, 0);
  const end = clamp(Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan, first);
  return { first, end };
}

/// The scrollTop (counted from the first row) that brings `row` into a viewport scrolled at
/// `scrollTop`, moving as little as it can.
export function scrollToShow(row: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = row * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return scrollTop;
}

/// Column widths in characters, fixed once per table so that the columns keep their width
/// while rows scroll in and out: the widest of the header and of sampled rows (every row of
/// a small table, a spread of a large one), within bounds.
export function columnWidths(table: Table, sampleSize = 200, min = 4, max = 48): number[] {
  const { rows, columns } = table;
  const step = Math.max(1, Math.floor(rows.length / sampleSize));
  return columns.map((column, index) => {
    // The header shows the name and, smaller, the type.
    let width = column.name.length + Math.ceil(column.type.length * 0.85) + 1;
    for (let r = 0; r < rows.length; r += step) width = Math.max(width, cellText(rows[r][index] ?? null).length);
    if (rows.length > 0) width = Math.max(width, cellText(rows[rows.length - 1][index] ?? null).length);
    return Math.min(max, Math.max(min, width));
  });
}
