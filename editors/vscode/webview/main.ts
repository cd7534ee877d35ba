// The results panel: a header saying what ran and how it went, a toolbar (table or chart,
// exports) and the results. It shows what the extension posts (`ToWebview`) and answers
// with `FromWebview`; the last results are kept with `setState` for a panel restored later.
import { ChartView } from "./chart";
import { h } from "./dom";
import {
  countResults,
  formatElapsed,
  plural,
  toAnnotatedCsv,
  toCsv,
  toJson,
  truncationNotice,
} from "./model";
import type { ExportFormat, FromWebview, Result, RunError, RunInfo, ToWebview } from "./protocol";
import { TablesView } from "./table";

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

type View = "table" | "chart";
type ResultsMessage = Extract<ToWebview, { type: "results" }>;
type FailedMessage = Extract<ToWebview, { type: "failed" }>;

/// What a restored panel needs to look as it did.
interface SavedState {
  last?: ResultsMessage | FailedMessage;
  view: View;
  chartResult?: string;
}

const vscode = acquireVsCodeApi();
const post = (message: FromWebview) => vscode.postMessage(message);

// ---- The page's parts, made once --------------------------------------------------------

const title = h("span", { class: "run-title" });
const connection = h("span", { class: "run-connection" });
const status = h("div", { class: "run-status", role: "status", "aria-live": "polite" });
const errorBlock = h("div", { id: "run-error", role: "alert", hidden: true });
const viewButtons: Record<View, HTMLButtonElement> = {
  table: h("button", { id: "view-table", type: "button", "aria-pressed": "true" }, "Table"),
  chart: h("button", { id: "view-chart", type: "button", "aria-pressed": "false" }, "Chart"),
};
const resultPicker = h("select", { id: "chart-result" });
const resultPickerLabel = h("label", { class: "result-picker", hidden: true }, "Result ", resultPicker);
const exportNote = h("span", { class: "export-note", hidden: true });
const exportButton = (id: string, label: string, title: string) => h("button", { id, type: "button", title }, label);
const exportButtons: Record<ExportFormat, HTMLButtonElement> = {
  csv: exportButton("export-csv", "CSV", "Plain CSV: a header line for each block of tables with the same columns"),
  "annotated-csv": exportButton("export-annotated", "Annotated CSV", "Flux's annotated CSV: #datatype, #group, #default"),
  json: exportButton("export-json", "JSON", "The results as JSON, as the server sent them"),
};
const toolbar = h(
  "div",
  { class: "toolbar", hidden: true },
  h("div", { class: "segmented", role: "group", "aria-label": "View" }, viewButtons.table, viewButtons.chart),
  resultPickerLabel,
  h("span", { class: "grow" }),
  exportNote,
  h(
    "div",
    { class: "exports", role: "group", "aria-label": "Export" },
    h("span", { class: "dim" }, "Export"),
    ...Object.values(exportButtons),
  ),
);
const content = h("main", { class: "content", "aria-label": "Results" });
const app = document.getElementById("app") ?? document.body.appendChild(h("div", { id: "app" }));
app.replaceChildren(
  h("header", { class: "run-header" }, h("div", { class: "run-what" }, title, connection), status),
  errorBlock,
  toolbar,
  content,
);

// ---- State ------------------------------------------------------------------------------

const saved = vscode.getState() as SavedState | undefined;
let view: View = saved?.view ?? "table";
let chartResult = saved?.chartResult;
/// The last results or failure, as persisted.
let last: ResultsMessage | FailedMessage | undefined;
let contentView: TablesView | ChartView | undefined;
let rowHeight = measureRowHeight();

function save(): void {
  const state: SavedState = { last, view, chartResult };
  vscode.setState(state);
}

/// Rows are one fixed height, for the virtual tables' arithmetic: a multiple of the
/// editor's font size, set here for the style sheet too.
function measureRowHeight(): number {
  const fontSize = parseFloat(getComputedStyle(document.documentElement).getPropertyValue("--vscode-editor-font-size"));
  const height = Math.round((fontSize > 0 ? fontSize : 13) * 1.7);
  app.style.setProperty("--row-height", `${height}px`);
  return height;
}

// ---- Rendering --------------------------------------------------------------------------

function showInfo(info: RunInfo): void {
  title.textContent = info.title;
  connection.textContent = `on ${info.connection}`;
}

function showRunning(info: RunInfo): void {
  showInfo(info);
  const cancel = h("button", { id: "cancel", type: "button", class: "secondary" }, "Cancel");
  cancel.addEventListener("click", () => {
    cancel.disabled = true;
    post({ type: "cancel" });
  });
  status.replaceChildren(h("span", { class: "spinner", "aria-hidden": "true" }), h("span", {}, "running…"), cancel);
  errorBlock.hidden = true;
  // The previous results stay, dimmed, until the new ones come.
  content.classList.add("stale");
  content.setAttribute("aria-busy", "true");
  for (const button of Object.values(exportButtons)) button.disabled = true;
}

function showResults(message: ResultsMessage): void {
  const { answer } = message;
  last = message;
  notRunning();
  showInfo(message.info);
  const counts = countResults(answer.results);
  const facts = [plural(counts.rows, "row"), plural(counts.tables, "table")];
  if (answer.elapsedMs !== undefined) facts.push(formatElapsed(answer.elapsedMs));
  const truncated = truncationNotice(answer);
  const line: Node[] = facts.flatMap((fact, i) => [
    ...(i === 0 ? [] : [h("span", { class: "dot", "aria-hidden": "true" }, "·")]),
    h("span", {}, fact),
  ]);
  if (truncated) line.push(h("span", { class: "warning" }, truncated));
  if (answer.cancelled) {
    line.push(h("span", { class: "warning" }, "cancelled: these are the rows made before it stopped"));
  }
  status.replaceChildren(...line);
  showError(answer.error);
  exportNote.hidden = !answer.truncated;
  exportNote.textContent = `Exports hold only the ${plural(counts.rows, "row")} shown.`;
  toolbar.hidden = false;
  for (const button of Object.values(exportButtons)) button.disabled = false;
  renderContent();
}

function showFailed(message: FailedMessage): void {
  last = message;
  notRunning();
  showInfo(message.info);
  status.replaceChildren(h("span", { class: "error-text" }, "could not run"));
  showError(message.error ?? { message: message.message });
  toolbar.hidden = true;
  disposeContent();
  content.replaceChildren();
}

function showError(error: RunError | undefined): void {
  errorBlock.hidden = !error;
  if (!error) return;
  const children: Node[] = [h("strong", {}, "Error"), h("pre", { class: "error-message" }, error.message)];
  if (error.uri) {
    const { uri, range } = error;
    const label = range ? `go to line ${range.start.line + 1}` : "go to file";
    const reveal = h("button", { type: "button", class: "reveal" }, label);
    reveal.addEventListener("click", () => post({ type: "reveal", uri, range }));
    children.push(reveal);
  }
  errorBlock.replaceChildren(...children);
}

function disposeContent(): void {
  contentView?.dispose();
  contentView = undefined;
  content.classList.remove("fill", "chart-view");
}

/// Ends the dimmed look of a run in progress.
function notRunning(): void {
  content.classList.remove("stale");
  content.removeAttribute("aria-busy");
}

/// Renders the results of `last` in the current view.
function renderContent(): void {
  disposeContent();
  for (const [name, button] of Object.entries(viewButtons)) button.setAttribute("aria-pressed", String(name === view));
  if (last?.type !== "results") return;
  const results = last.answer.results;
  resultPickerLabel.hidden = view !== "chart" || results.length < 2;
  if (view === "table") {
    contentView = new TablesView(content, results, rowHeight, (text) => post({ type: "copy", text }));
    return;
  }
  content.classList.add("chart-view");
  const chosen = results.find((result) => result.name === chartResult) ?? results[0];
  resultPicker.replaceChildren(
    ...results.map((result) => h("option", { value: result.name, selected: result === chosen }, result.name)),
  );
  const host = h("div", { id: "chart" });
  content.replaceChildren(host);
  if (chosen) contentView = new ChartView(host, chosen);
  else noChart(host, "The query made no tables.");
}

function noChart(host: HTMLElement, text: string): void {
  host.dataset.series = "0";
  host.replaceChildren(h("div", { class: "chart-empty" }, h("p", {}, text)));
}

/// Posts how long `results` took from its arrival to its first painted frame: a task queued
/// from requestAnimationFrame runs once that frame is out.
function reportRendered(arrival: number, results: Result[]): void {
  const counts = countResults(results);
  const shownIn = view;
  requestAnimationFrame(() =>
    setTimeout(() => {
      const ms = Math.round((performance.now() - arrival) * 10) / 10;
      post({ type: "rendered", rows: counts.rows, tables: counts.tables, ms, view: shownIn });
      // Kept after the frame: serializing thousands of rows need not delay it.
      save();
    }),
  );
}

// ---- Events -----------------------------------------------------------------------------

for (const [name, button] of Object.entries(viewButtons) as [View, HTMLButtonElement][]) {
  button.addEventListener("click", () => {
    if (view === name) return;
    view = name;
    renderContent();
    save();
  });
}

resultPicker.addEventListener("change", () => {
  chartResult = resultPicker.value;
  renderContent();
  save();
});

const exporters: Record<ExportFormat, (results: Result[]) => string> = {
  csv: toCsv,
  "annotated-csv": toAnnotatedCsv,
  json: toJson,
};
for (const [format, button] of Object.entries(exportButtons) as [ExportFormat, HTMLButtonElement][]) {
  button.addEventListener("click", () => {
    if (last?.type === "results") post({ type: "export", format, content: exporters[format](last.answer.results) });
  });
}

window.addEventListener("message", (event: MessageEvent<ToWebview>) => {
  const arrival = performance.now();
  const message = event.data;
  switch (message?.type) {
    case "running":
      showRunning(message.info);
      break;
    case "results":
      showResults(message);
      reportRendered(arrival, message.answer.results);
      break;
    case "failed":
      showFailed(message);
      save();
      break;
  }
});

// A theme or font change restyles VS Code's variables: redraw what used them (the chart's
// canvas, the tables' row height).
let theme = themeSignature();
const themeObserver = new MutationObserver(() => {
  const next = themeSignature();
  if (next === theme) return;
  theme = next;
  rowHeight = measureRowHeight();
  renderContent();
});
themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ["style", "class"] });
themeObserver.observe(document.body, { attributes: true, attributeFilter: ["class"] });

function themeSignature(): string {
  return `${document.body.className}|${document.documentElement.getAttribute("style") ?? ""}`;
}

if (saved?.last?.type === "results") showResults(saved.last);
else if (saved?.last?.type === "failed") showFailed(saved.last);
else content.replaceChildren(h("p", { class: "notice" }, "Run Flux to see its results here."));
post({ type: "ready" });
