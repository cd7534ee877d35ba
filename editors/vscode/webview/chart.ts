// The line chart of `_value` over `_time`, one series per table, drawn by uPlot on a canvas.
import uPlot from "uplot";
import { h } from "./dom";
import { chartData, plural } from "./model";
import type { Result } from "./protocol";

/// More lines than this are a blur and a legend longer than the panel; the rest are noted.
const MAX_SERIES = 100;
const MIN_PLOT_HEIGHT = 200;
/// Ten hues far apart, in an order where neighbours differ most; mid lightness reads on
/// dark and light themes alike. Series past the tenth take the colors again.
const PALETTE = [212, 28, 140, 354, 268, 178, 48, 318, 96, 240].map((hue) => `hsl(${hue} 70% 55%)`);

export class ChartView {
  private readonly plot: uPlot | undefined;
  private readonly resizeObserver: ResizeObserver | undefined;

  /// Draws `result` into `host` (which the layout sizes), or says why there is nothing to draw.
  /// `host` gets `data-series`: the number of series drawn.
  constructor(private readonly host: HTMLElement, result: Result) {
    const data = chartData(result, MAX_SERIES);
    host.dataset.series = String(data.series.length);
    if (data.series.length === 0) {
      const count = result.tables.length;
      const tables =
        count === 0 ? "It has no tables." : count === 1 ? "Its table has not." : `None of its ${count} tables has.`;
      host.replaceChildren(
        h(
          "div",
          { class: "chart-empty", role: "note" },
          h("p", { class: "chart-empty-title" }, `Nothing to chart in ${result.name}.`),
          h(
            "p",
            {},
            "The chart draws ",
            h("code", {}, "_value"),
            " over ",
            h("code", {}, "_time"),
            ", one line per table: it needs tables with a ",
            h("code", {}, "_time"),
            " column and a numeric ",
            h("code", {}, "_value"),
            ` column (long, unsignedLong or double) holding numbers. ${tables}`,
          ),
          h(
            "p",
            {},
            "To chart another column, name it _value: ",
            h("code", {}, '|> rename(columns: {count: "_value"})'),
            ".",
          ),
        ),
      );
      return;
    }
    const notes = h("div", { class: "chart-notes" });
    if (data.tablesLeftOut > 0) {
      const tables = plural(data.tablesLeftOut, "table");
      notes.append(h("span", {}, `${tables} without a numeric _value over _time left out.`));
    }
    if (data.seriesDropped > 0) {
      const total = data.series.length + data.seriesDropped;
      notes.append(h("span", {}, `Showing the first ${MAX_SERIES} of ${total} series.`));
    }
    const hint = "Drag to zoom, double-click to zoom out; click a legend entry to hide its line.";
    notes.append(h("span", { class: "dim" }, hint));
    const plotHost = h("div", { class: "chart-plot" });
    host.replaceChildren(notes, plotHost);

    const theme = themeColors();
    const axis: uPlot.Axis = {
      stroke: theme.foreground,
      font: theme.font,
      grid: { stroke: theme.grid, width: 1 },
      ticks: { stroke: theme.grid, width: 1 },
    };
    const options: uPlot.Options = {
      class: "flux-chart",
      width: Math.max(100, host.clientWidth),
      height: Math.max(MIN_PLOT_HEIGHT, host.clientHeight - notes.offsetHeight - 60),
      // Flux times are UTC, and the tables show them so: the axis says the same times.
      tzDate: utc,
      scales: { x: { time: true } },
      series: [
        { label: "time (UTC)", value: "{YYYY}-{MM}-{DD} {HH}:{mm}:{ss}" },
        ...data.series.map((series, i) => ({
          label: series.label,
          stroke: PALETTE[i % PALETTE.length],
          width: 1.5,
          // The times are the union of all series': a series' missing times are not gaps.
          spanGaps: true,
        })),
      ],
      axes: [
        { ...axis, values: timeLabels, space: 90 },
        { ...axis, size: (_plot, values) => labelWidth(theme.font, values) },
      ],
      cursor: { focus: { prox: 24 } },
      focus: { alpha: 0.35 },
      legend: { show: true, live: true },
    };
    this.plot = new uPlot(options, [data.times, ...data.series.map((series) => series.values)], plotHost);
    this.fit();
    this.resizeObserver = new ResizeObserver(() => this.fit());
    this.resizeObserver.observe(host);
  }

  dispose(): void {
    this.resizeObserver?.disconnect();
    this.plot?.destroy();
  }

  /// Sizes the plot to fill the host's width and the height its legend and notes leave.
  private fit(): void {
    const plot = this.plot;
    if (!plot) return;
    const legend = plot.root.querySelector<HTMLElement>(".u-legend")?.offsetHeight ?? 0;
    const notes = this.host.querySelector<HTMLElement>(".chart-notes")?.offsetHeight ?? 0;
    const width = Math.max(100, this.host.clientWidth);
    const height = Math.max(MIN_PLOT_HEIGHT, this.host.clientHeight - notes - legend - 8);
    if (width !== plot.width || height !== plot.height) plot.setSize({ width, height });
  }
}

const utc = (seconds: number) => uPlot.tzDate(new Date(seconds * 1e3), "Etc/UTC");
const day = uPlot.fmtDate("{YYYY}-{MM}-{DD}");
const milliseconds = uPlot.fmtDate("{HH}:{mm}:{ss}.{fff}");
const seconds = uPlot.fmtDate("{HH}:{mm}:{ss}");
const minutes = uPlot.fmtDate("{HH}:{mm}");

/// The time axis' labels, 24-hour as the tables' times: as fine as the ticks' spacing needs,
/// with the date under the first tick of each day.
function timeLabels(_plot: uPlot, splits: number[], _axis: number, _space: number, increment: number): string[] {
  const time = increment < 1 ? milliseconds : increment < 60 ? seconds : increment < 86_400 ? minutes : undefined;
  let previousDay: string | undefined;
  return splits.map((split) => {
    const date = utc(split);
    const dayText = day(date);
    if (!time) return dayText;
    const text = dayText === previousDay ? time(date) : `${time(date)}\n${dayText}`;
    previousDay = dayText;
    return text;
  });
}

const measuring = document.createElement("canvas").getContext("2d");

/// The y axis' width from its widest label (uPlot's fixed default cuts long numbers).
function labelWidth(font: string, values: string[] | undefined): number {
  if (!measuring || !values) return 50;
  measuring.font = font;
  const widest = values.reduce((max, value) => Math.max(max, measuring.measureText(value ?? "").width), 0);
  return Math.ceil(widest) + 20;
}

interface ThemeColors {
  foreground: string;
  grid: string;
  font: string;
}

/// The theme's colors as the canvas takes them: VS Code's CSS variables resolved to rgb.
function themeColors(): ThemeColors {
  const probe = h("span");
  probe.style.color = "var(--vscode-editor-foreground, var(--vscode-foreground, #888))";
  document.body.append(probe);
  const foreground = getComputedStyle(probe).color;
  probe.remove();
  const body = getComputedStyle(document.body);
  return {
    foreground,
    grid: withAlpha(foreground, 0.15),
    font: `${Math.round(parseFloat(body.fontSize) * 0.92) || 12}px ${body.fontFamily}`,
  };
}

function withAlpha(color: string, alpha: number): string {
  const rgb = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(color);
  return rgb ? `rgba(${rgb[1]}, ${rgb[2]}, ${rgb[3]}, ${alpha})` : color;
}
