// The results as tables, virtualized.
//
// Each Flux table is its own scroll box (at most 60% of the panel high, or the whole panel
// when the answer is one table) that renders only the rows in its viewport and a margin,
// all rows being one fixed height. Per table rather than one list across all tables,
// because tables differ in columns: each keeps a real <table> with its own column widths,
// a sticky header and its group key above it, and scrolls with the browser's own scrolling.
// What one global list would save, many tables rendering rows at once, is saved here by
// rendering a table's rows (and header) only while its box is near the visible area, by
// `content-visibility: auto` sparing the layout of boxes off screen, and by adding the
// tables past the first fifty after the first frame: thousands of small tables cost empty
// shells of the right height.
import { h } from "./dom";
import { closeMenu, showMenu } from "./menu";
import {
  cellText,
  columnWidths,
  isNumericType,
  plural,
  rowAsJson,
  rowAsTsv,
  scrollToShow,
  visibleRows,
  type RowWindow,
} from "./model";
import type { Result, Table } from "./protocol";

/// Rows rendered beyond each edge of a table's viewport, so a fast scroll shows rows, not a gap.
const OVERSCAN = 16;
/// How far beyond the visible area a table's rows are already rendered.
const LOOKAHEAD_PX = 400;
/// Tables made before the first frame (more than fit in it), then in each later task.
const FIRST_BLOCKS = 50;
const LATER_BLOCKS = 500;
/// A cell's padding on both sides, and a pixel for rounding, added to its width in `ch`.
const CELL_EXTRA = "17px";

/// A cell of a table, `column` -1 standing for the whole row (its number was clicked).
interface CellAddress {
  row: number;
  column: number;
}

interface Selection extends CellAddress {
  block: TableBlock;
}

export class TablesView {
  private readonly blocks: TableBlock[] = [];
  private readonly observer: IntersectionObserver;
  private readonly resizeObserver: ResizeObserver;
  private readonly listeners = new AbortController();
  /// What is still to be added to the page, in order: headings, notices and tables.
  private readonly pending: Iterator<Node | TableBlock>;
  private pendingTimer: ReturnType<typeof setTimeout> | undefined;
  private selection: Selection | undefined;

  /// Renders `results` into `content` (a scroll container, `position: relative`), with the
  /// rows of the tables in view already there when this returns. Past the first
  /// `FIRST_BLOCKS` tables the rest follow in later tasks, so that thousands of tables do
  /// not hold up the first frame.
  constructor(
    private readonly content: HTMLElement,
    results: Result[],
    private readonly rowHeight: number,
    private readonly copy: (text: string) => void,
  ) {
    this.observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const block = this.blocks[Number((entry.target as HTMLElement).dataset.block)];
          if (entry.isIntersecting) block.activate();
          else block.deactivate();
        }
      },
      { root: content, rootMargin: `${LOOKAHEAD_PX}px 0px` },
    );
    // A taller panel shows more rows than were rendered for the old height.
    this.resizeObserver = new ResizeObserver(() => {
      for (const block of this.blocks) block.renderWindow();
    });
    this.resizeObserver.observe(content);
    this.pending = this.parts(results);
    const tableCount = results.reduce((sum, result) => sum + result.tables.length, 0);
    // One table has the panel to itself: no box in a scrolling page, one scroll bar.
    content.classList.toggle("fill", tableCount === 1);
    content.replaceChildren();
    content.scrollTop = 0;
    this.appendBlocks(FIRST_BLOCKS);

    // The observer first reports after a frame is painted: render the tables in view now so
    // that the first frame shows their rows. Reading every offset before writing costs one layout.
    const limit = content.clientHeight + LOOKAHEAD_PX;
    const inView = this.blocks.filter((block) => block.element.offsetTop < limit);
    for (const block of inView) block.activate();

    const { signal } = this.listeners;
    content.addEventListener("click", (event) => this.onClick(event), { signal });
    content.addEventListener("contextmenu", (event) => this.onContextMenu(event), { signal });
    content.addEventListener("keydown", (event) => this.onKey(event), { signal });
    document.addEventListener("keydown", (event) => this.onCopyKey(event), { signal });
  }

  dispose(): void {
    clearTimeout(this.pendingTimer);
    this.observer.disconnect();
    this.resizeObserver.disconnect();
    this.listeners.abort();
    closeMenu();
  }

  private *parts(results: Result[]): Generator<Node | TableBlock> {
    const named = results.length > 1 || results.some((result) => result.name !== "_result");
    const selectionIn = (block: TableBlock) => (this.selection?.block === block ? this.selection : undefined);
    let id = 0;
    for (const result of results) {
      if (named) {
        const rows = result.tables.reduce((sum, table) => sum + table.rows.length, 0);
        const counts = `${plural(result.tables.length, "table")} · ${plural(rows, "row")}`;
        yield h("h2", { class: "result-name" }, result.name, h("span", { class: "counts" }, counts));
      }
      if (result.tables.length === 0) yield h("p", { class: "notice" }, "No tables.");
      for (const [index, table] of result.tables.entries()) {
        yield new TableBlock(id++, table, index, this.rowHeight, selectionIn);
      }
    }
    if (results.length === 0) yield h("p", { class: "notice" }, "The query made no tables.");
  }

  /// Adds up to `count` more tables to the page, and schedules the rest.
  private appendBlocks(count: number): void {
    const fragment = document.createDocumentFragment();
    let added = 0;
    while (added < count) {
      const next = this.pending.next();
      if (next.done) break;
      const part = next.value;
      if (part instanceof TableBlock) {
        this.blocks.push(part);
        this.observer.observe(part.element);
        fragment.append(part.element);
        added += 1;
      } else {
        fragment.append(part);
      }
    }
    this.content.append(fragment);
    if (added === count) this.pendingTimer = setTimeout(() => this.appendBlocks(LATER_BLOCKS));
  }

  private cellOf(target: EventTarget | null): Selection | undefined {
    const cell = (target as Element | null)?.closest?.("tbody tr[data-row] > td, tbody tr[data-row] > th");
    const blockElement = cell?.closest<HTMLElement>(".table-block");
    if (!cell || !blockElement) return undefined;
    const row = Number((cell.parentElement as HTMLTableRowElement).dataset.row);
    const column = (cell as HTMLTableCellElement).cellIndex - 1;
    return { block: this.blocks[Number(blockElement.dataset.block)], row, column };
  }

  private onClick(event: MouseEvent): void {
    const cell = this.cellOf(event.target);
    if (cell) this.select(cell);
  }

  private onContextMenu(event: MouseEvent): void {
    const cell = this.cellOf(event.target);
    if (!cell) return;
    event.preventDefault();
    this.select(cell);
    this.openMenu(event.clientX, event.clientY);
  }

  private onKey(event: KeyboardEvent): void {
    const grid = event.target as HTMLElement;
    if (!grid.classList.contains("flux-table")) return;
    const block = this.blocks[Number(grid.closest<HTMLElement>(".table-block")?.dataset.block)];
    const lastRow = block.table.rows.length - 1;
    const lastColumn = block.table.columns.length - 1;
    if (lastRow < 0) return;
    const selection = this.selection?.block === block ? this.selection : undefined;
    // The first key into a grid without a selection selects the first row in view.
    let { row, column } = selection ?? { row: Math.min(block.firstRowInView(), lastRow), column: 0 };
    const page = Math.max(1, Math.floor(block.scroller.clientHeight / this.rowHeight) - 2);
    const jump = event.ctrlKey || event.metaKey;
    switch (event.key) {
      case "ArrowDown": if (selection) row = jump ? lastRow : row + 1; break;
      case "ArrowUp": if (selection) row = jump ? 0 : row - 1; break;
      case "ArrowRight": if (selection) column = jump ? lastColumn : column + 1; break;
      case "ArrowLeft": if (selection) column = jump ? -1 : column - 1; break;
      case "PageDown": row += page; break;
      case "PageUp": row -= page; break;
      case "Home": if (jump) row = 0; else column = 0; break;
      case "End": if (jump) row = lastRow; else column = lastColumn; break;
      case "Escape":
        if (!selection) return;
        this.select(undefined);
        event.preventDefault();
        return;
      case "ContextMenu":
      case "F10": {
        if (!selection || (event.key === "F10" && !event.shiftKey)) return;
        event.preventDefault();
        const rect = block.cellAt(selection)?.getBoundingClientRect();
        if (rect) this.openMenu(rect.left, rect.bottom);
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    const clamp = (n: number, low: number, high: number) => Math.min(Math.max(n, low), high);
    const next = { block, row: clamp(row, 0, lastRow), column: clamp(column, -1, lastColumn) };
    this.select(next);
    block.reveal(next);
  }

  /// Ctrl/Cmd+C copies the selected cell, unless text is selected: then the browser copies that.
  private onCopyKey(event: KeyboardEvent): void {
    if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== "c") return;
    const text = this.selectedText();
    const textSelected = !(document.getSelection()?.isCollapsed ?? true);
    if (text === undefined || textSelected) return;
    event.preventDefault();
    this.copy(text);
  }

  private selectedText(): string | undefined {
    const selection = this.selection;
    if (!selection) return undefined;
    const row = selection.block.table.rows[selection.row];
    return selection.column < 0 ? rowAsTsv(row) : cellText(row[selection.column] ?? null);
  }

  private select(selection: Selection | undefined): void {
    if (this.selection) this.selection.block.markSelected(undefined);
    this.selection = selection;
    selection?.block.markSelected(selection);
  }

  private openMenu(x: number, y: number): void {
    const selection = this.selection;
    if (!selection) return;
    const { table, grid } = selection.block;
    const row = table.rows[selection.row];
    const items = [
      { label: "Copy row", run: () => this.copy(rowAsTsv(row)) },
      { label: "Copy row as JSON", run: () => this.copy(rowAsJson(table.columns, row)) },
    ];
    if (selection.column >= 0) {
      items.unshift({ label: "Copy cell", run: () => this.copy(cellText(row[selection.column] ?? null)) });
    }
    showMenu(x, y, items, grid);
  }
}

/// One Flux table: its group key and a scroll box holding the <table>, whose rows exist only
/// while it is `active` (near the visible area), and then only those in its viewport.
class TableBlock {
  readonly element: HTMLElement;
  readonly scroller: HTMLElement;
  /// The <table>: focusable, it takes the keys that move the selection.
  readonly grid: HTMLTableElement;
  private readonly body: HTMLTableSectionElement;
  private readonly cellClasses: string[];
  private widths: number[] | undefined;
  private active = false;
  private window: RowWindow = { first: 0, end: 0 };

  constructor(
    id: number,
    readonly table: Table,
    index: number,
    private readonly rowHeight: number,
    private readonly selectionIn: (block: TableBlock) => CellAddress | undefined,
  ) {
    const key = Object.entries(table.groupKey);
    const keyText = key.map(([name, value]) => `${name}=${cellText(value)}`);
    // One element a chip: a thousand tables make thousands of chips. `_start` and `_stop`,
    // the same in every table of a windowed query, are dimmed.
    const chips = key.map(([name], i) =>
      h("span", { class: name === "_start" || name === "_stop" ? "chip dim" : "chip", title: keyText[i] }, keyText[i]),
    );
    const label = `table ${index}`;
    const groupKey = h(
      "div",
      { class: "group-key" },
      h("span", { class: "table-index" }, label),
      ...(chips.length > 0 ? chips : [h("span", { class: "dim" }, "empty group key")]),
      h("span", { class: "table-rows" }, plural(table.rows.length, "row")),
    );
    const ariaLabel = [label, ...keyText].join(", ");
    this.grid = h("table", {
      class: "flux-table",
      role: "grid",
      "data-rows": table.rows.length,
      "aria-label": ariaLabel,
      "aria-rowcount": table.rows.length + 1,
      "aria-colcount": table.columns.length + 1,
      tabindex: 0,
    });
    this.body = h("tbody");
    this.grid.append(this.body);
    this.scroller = h("div", { class: "table-scroll" }, this.grid);
    this.element = h("section", { class: "table-block", "data-block": id }, groupKey, this.scroller);
    // The block's height while `content-visibility` skips it (off screen), as near as it can
    // be known before layout: a line of group key, then the rows up to the box's cap.
    const box = Math.min((Math.max(1, table.rows.length) + 1) * rowHeight, innerHeight * 0.6);
    this.element.style.containIntrinsicBlockSize = `auto ${Math.round(rowHeight + 4 + box)}px`;
    this.cellClasses = table.columns.map((column) => columnClass(column.type));
    this.scroller.addEventListener("scroll", () => this.renderWindow(), { passive: true });
    this.showPlaceholder();
  }

  /// Builds the header and the visible rows.
  activate(): void {
    if (this.active) return;
    this.active = true;
    const { columns, rows } = this.table;
    const widths = (this.widths ??= columnWidths(this.table));
    const numberWidth = `calc(${Math.max(2, String(rows.length).length)}ch + ${CELL_EXTRA})`;
    const columnSizes = widths.map((width) => col(`calc(${width}ch + ${CELL_EXTRA})`));
    const colgroup = h("colgroup", {}, col(numberWidth), ...columnSizes);
    const header = h(
      "tr",
      { "aria-rowindex": 1 },
      h("th", { class: "row-number", scope: "col", title: "row" }, "#"),
      ...columns.map((column, i) =>
        h(
          "th",
          { scope: "col", class: this.cellClasses[i], title: `${column.name}: ${column.type}` },
          h("span", { class: "column-name" }, column.name),
          h("span", { class: "column-type" }, column.type),
        ),
      ),
    );
    const characters = widths.reduce((sum, width) => sum + width, 0);
    this.grid.style.width = `calc(${characters}ch + ${numberWidth} + ${widths.length} * ${CELL_EXTRA})`;
    this.scroller.style.scrollPaddingLeft = numberWidth;
    this.grid.prepend(colgroup, h("thead", {}, header));
    if (rows.length === 0) {
      const empty = h("td", { class: "no-rows", colspan: columns.length + 1 }, "no rows");
      this.body.replaceChildren(h("tr", {}, empty));
    } else {
      this.renderWindow(true);
    }
  }

  /// Drops the header and rows, leaving a spacer of the same height.
  deactivate(): void {
    if (!this.active) return;
    this.active = false;
    this.grid.querySelector("colgroup")?.remove();
    this.grid.tHead?.remove();
    this.showPlaceholder();
  }

  private showPlaceholder(): void {
    this.window = { first: 0, end: 0 };
    const lines = 1 + Math.max(1, this.table.rows.length);
    this.body.replaceChildren(spacer(lines * this.rowHeight, this.table.columns.length + 1));
  }

  /// Renders the rows in view if they changed (rendering them all again: a window is a few
  /// dozen rows).
  renderWindow(force = false): void {
    if (!this.active || this.table.rows.length === 0) return;
    // The sticky header covers the first row's height of the viewport.
    const viewport = Math.max(this.rowHeight, this.scroller.clientHeight - this.rowHeight);
    const next = visibleRows(this.scroller.scrollTop, viewport, this.rowHeight, this.table.rows.length, OVERSCAN);
    if (!force && next.first === this.window.first && next.end === this.window.end) return;
    this.window = next;
    const { rows } = this.table;
    const span = this.table.columns.length + 1;
    const selected = this.selectionIn(this);
    const fragment = document.createDocumentFragment();
    if (next.first > 0) fragment.append(spacer(next.first * this.rowHeight, span));
    for (let r = next.first; r < next.end; r++) {
      const tr = document.createElement("tr");
      tr.dataset.row = String(r);
      tr.setAttribute("aria-rowindex", String(r + 2));
      if (r % 2 === 1) tr.className = "odd";
      const number = document.createElement("th");
      number.scope = "row";
      number.className = "row-number";
      number.textContent = String(r + 1);
      tr.append(number);
      const row = rows[r];
      for (let c = 0; c < this.cellClasses.length; c++) {
        const td = document.createElement("td");
        const cell = row[c] ?? null;
        if (cell === null) td.className = `${this.cellClasses[c]} null`;
        else {
          td.className = this.cellClasses[c];
          td.textContent = String(cell);
        }
        tr.append(td);
      }
      if (selected?.row === r) mark(tr.cells[selected.column + 1], true);
      fragment.append(tr);
    }
    if (next.end < rows.length) fragment.append(spacer((rows.length - next.end) * this.rowHeight, span));
    this.body.replaceChildren(fragment);
  }

  firstRowInView(): number {
    return Math.floor(this.scroller.scrollTop / this.rowHeight);
  }

  /// The rendered element of a cell, if it is rendered.
  cellAt(address: CellAddress): HTMLTableCellElement | undefined {
    const tr = this.body.querySelector<HTMLTableRowElement>(`tr[data-row="${address.row}"]`);
    return tr?.cells[address.column + 1];
  }

  markSelected(address: CellAddress | undefined): void {
    for (const cell of this.body.querySelectorAll(".selected")) mark(cell, false);
    const cell = address && this.cellAt(address);
    if (cell) mark(cell, true);
  }

  /// Scrolls the cell into view, below the sticky header and right of the row numbers.
  reveal(address: CellAddress): void {
    const viewport = this.scroller.clientHeight - this.rowHeight;
    this.scroller.scrollTop = scrollToShow(address.row, this.scroller.scrollTop, viewport, this.rowHeight);
    this.renderWindow();
    this.cellAt(address)?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }
}

function columnClass(type: string): string {
  if (isNumericType(type)) return "number";
  if (type === "boolean") return "boolean";
  if (type.startsWith("dateTime")) return "time";
  return "text";
}

function col(width: string): HTMLTableColElement {
  const element = h("col");
  element.style.width = width;
  return element;
}

function spacer(height: number, span: number): HTMLTableRowElement {
  const cell = h("td", { colspan: span });
  cell.style.height = `${height}px`;
  return h("tr", { class: "spacer", "aria-hidden": "true" }, cell);
}

function mark(cell: Element, selected: boolean): void {
  cell.classList.toggle("selected", selected);
  if (selected) cell.setAttribute("aria-selected", "true");
  else cell.removeAttribute("aria-selected");
}
