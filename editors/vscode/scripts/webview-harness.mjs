// The results webview in a real Chromium, without VS Code: render times for 10,000 rows in
// the table and chart views, and the interactions an end-to-end test would drive.
//
//   node scripts/webview-harness.mjs [screenshot.png]  measure and check; screenshots taken
//                                                       to screenshot.png, -chart.png, -error.png
//   node scripts/webview-harness.mjs --serve           only serve, to open test/webview.html by hand
//
// Needs dist/ built (node scripts/build.mjs), puppeteer-core (tests/vscode's, or
// npm install --no-save puppeteer-core) and Chromium ($CHROMIUM, or /usr/bin/chromium).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = normalize(join(fileURLToPath(import.meta.url), "..", ".."));
const RUNS = 5;
const BUDGET_MS = 300;

if (process.argv.includes("--serve")) {
  const { url } = await serve();
  console.log(`${url}/test/webview.html?demo=10x1000`);
} else {
  process.exitCode = await measureAndCheck(process.argv[2]);
}

function medianOf(times) {
  return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/// Serves editors/vscode on 127.0.0.1 at a port of the system's choosing.
async function serve() {
  const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".map": "application/json" };
  const server = createServer(async (request, response) => {
    const path = normalize(join(root, decodeURIComponent(new URL(request.url, "http://x").pathname)));
    if (!path.startsWith(root + sep)) return response.writeHead(403).end();
    try {
      const body = await readFile(path);
      response.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

async function measureAndCheck(screenshot) {
  // The end-to-end test's copy (tests/vscode), else one installed here.
  const e2e = createRequire(join(root, "..", "..", "tests", "vscode", "package.json"));
  const puppeteer = await import("puppeteer-core").catch(() => {
    try {
      return e2e("puppeteer-core");
    } catch {
      return undefined;
    }
  });
  if (!puppeteer) {
    console.error("puppeteer-core is missing: npm ci in tests/vscode, or npm install --no-save puppeteer-core here");
    return 2;
  }
  const { server, url } = await serve();
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const failures = [];
  const check = (ok, what) => {
    console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
    if (!ok) failures.push(what);
  };
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 800 });
    page.on("pageerror", (error) => check(false, `no error in the page: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") check(false, `no console error: ${message.text()}`);
    });
    await page.goto(`${url}/test/webview.html`);
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await page.waitForFunction(() => window.__posted.some((m) => m.type === "ready"));
    check(true, "posts ready once loaded");

    const posted = (type) => page.evaluate((t) => window.__posted.filter((m) => m.type === t), type);
    /// Posts a message and waits for the `rendered` it brings.
    const render = async (makeMessage, ...args) => {
      const before = (await posted("rendered")).length;
      await page.evaluate((make, a) => postMessage(new Function(`return (${make})`)()(...a), "*"), makeMessage.toString(), args);
      await page.waitForFunction((n) => window.__posted.filter((m) => m.type === "rendered").length > n, {}, before);
      return (await posted("rendered"))[before];
    };
    const demo = (tables, rows) => window.__demo(tables, rows);
    const setView = (view) => page.click(`#view-${view}`);

    // ---- Render times ----
    await render(demo, 1, 10);
    const timings = [];
    for (const view of ["table", "chart"]) {
      await setView(view);
      for (const [tables, rows] of [
        [1, 10_000],
        [10, 1_000],
      ]) {
        const times = [];
        for (let run = 0; run < RUNS; run++) {
          const rendered = await render(demo, tables, rows);
          const right = rendered.view === view && rendered.rows === tables * rows && rendered.tables === tables;
          check(right, `rendered reports ${view}, ${tables * rows} rows, ${tables} tables`);
          times.push(rendered.ms);
        }
        const median = medianOf(times);
        timings.push({ view, shape: `${tables}×${rows}`, median, runs: times.join(", ") });
        check(median < BUDGET_MS, `${view} ${tables}×${rows}: first frame in ${median} ms (< ${BUDGET_MS})`);
      }
    }
    // Many small tables: tables made after the first frame, rows only near the view.
    await setView("table");
    for (const [tables, rows] of [
      [1000, 10],
      [5000, 2],
    ]) {
      const times = [];
      for (let run = 0; run < RUNS; run++) times.push((await render(demo, tables, rows)).ms);
      timings.push({ view: "table", shape: `${tables}×${rows}`, median: medianOf(times), runs: times.join(", ") });
    }
    await page.waitForFunction(() => document.querySelectorAll(".flux-table").length === 5000);
    check(true, "5,000 tables all on the page after the first frame");
    const lastTable = await page.evaluate(async () => {
      const content = document.querySelector(".content");
      content.scrollTop = content.scrollHeight;
      // The intersection observer reports after a frame; the rows come in the next.
      for (let frame = 0; frame < 4; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
      const blocks = document.querySelectorAll(".table-block");
      const rendered = (block) => block.querySelectorAll("tr[data-row]").length;
      return { last: rendered(blocks[blocks.length - 1]), first: rendered(blocks[0]) };
    });
    check(lastTable.last === 2 && lastTable.first === 0, "at the last of 5,000 tables, its rows are in, the first's out");

    // ---- The table view ----
    await render(demo, 1, 10_000);
    const single = await page.evaluate(() => {
      const tables = [...document.querySelectorAll(".flux-table")];
      const row = document.querySelector(".flux-table tbody tr[data-row]");
      return {
        count: tables.length,
        rows: tables.map((t) => t.dataset.rows),
        rendered: document.querySelectorAll(".flux-table tbody tr[data-row]").length,
        rowHeight: row.getBoundingClientRect().height,
        cssRowHeight: parseFloat(getComputedStyle(document.getElementById("app")).getPropertyValue("--row-height")),
      };
    });
    check(single.count === 1 && single.rows[0] === "10000", "one .flux-table with data-rows=10000");
    check(single.rendered > 10 && single.rendered < 120, `only the visible rows are in the DOM (${single.rendered})`);
    check(single.rowHeight === single.cssRowHeight, `rows are the fixed height (${single.rowHeight}px)`);
    await page.setViewport({ width: 1200, height: 1600 });
    const filled = await page.evaluate(async () => {
      for (let frame = 0; frame < 3; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
      const scroller = document.querySelector(".table-scroll");
      const rows = scroller.querySelectorAll("tr[data-row]");
      return rows[rows.length - 1].getBoundingClientRect().bottom >= scroller.getBoundingClientRect().bottom;
    });
    check(filled, "a taller panel gets rows down to its bottom");
    await page.setViewport({ width: 1200, height: 800 });
    const bottom = await page.evaluate(async () => {
      const scroller = document.querySelector(".table-scroll");
      scroller.scrollTop = scroller.scrollHeight;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const last = scroller.querySelector('tr[data-row="9999"]');
      if (!last) return { shown: false };
      const box = scroller.getBoundingClientRect();
      const rect = last.getBoundingClientRect();
      return { shown: rect.top >= box.top && rect.bottom <= box.bottom + 1, number: last.cells[0].textContent };
    });
    check(bottom.shown && bottom.number === "10000", `scrolled to the bottom, the last row (${bottom.number}) is shown`);

    // Copy: a click selects a cell, Ctrl+C copies it; the context menu copies the row.
    const copies = async () => (await posted("copy")).map((m) => m.text);
    await page.click('.flux-table tr[data-row="9998"] td:nth-of-type(4)');
    await page.keyboard.down("Control");
    await page.keyboard.press("c");
    await page.keyboard.up("Control");
    const expectedValue = await page.$eval('.flux-table tr[data-row="9998"] td:nth-of-type(4)', (td) => td.textContent);
    check((await copies()).at(-1) === expectedValue, `Ctrl+C copies the selected cell (${expectedValue})`);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.down("Control");
    await page.keyboard.press("c");
    await page.keyboard.up("Control");
    const above = await page.$eval('.flux-table tr[data-row="9997"] td:nth-of-type(4)', (td) => td.textContent);
    check((await copies()).at(-1) === above, "ArrowUp moves the selection");
    await page.click('.flux-table tr[data-row="9998"] td:nth-of-type(2)', { button: "right" });
    const items = await page.$$eval(".context-menu [role=menuitem]", (buttons) => buttons.map((b) => b.textContent));
    check(items.join("|") === "Copy cell|Copy row|Copy row as JSON", `the context menu offers ${items.join(", ")}`);
    await page.click(".context-menu [role=menuitem]:nth-child(3)");
    const json = JSON.parse((await copies()).at(-1));
    check(json.host === "host-0" && typeof json._value === "number", "Copy row as JSON copies the typed row");
    await page.click('.flux-table tr[data-row="9998"] td:nth-of-type(2)', { button: "right" });
    await page.click(".context-menu [role=menuitem]:nth-child(2)");
    check((await copies()).at(-1).split("\t").length === 7, "Copy row copies tab-separated values");

    // Exports.
    await page.click("#export-csv");
    await page.click("#export-annotated");
    await page.click("#export-json");
    const exports = await posted("export");
    const [csv, annotated, json2] = exports.slice(-3);
    check(csv.format === "csv" && csv.content.split("\r\n").length === 10_002, "CSV export: a header and 10,000 rows");
    const annotations = "#datatype,string,long,dateTime:RFC3339";
    check(annotated.format === "annotated-csv" && annotated.content.startsWith(annotations), "annotated CSV export");
    check(json2.format === "json" && JSON.parse(json2.content)[0].tables[0].rows.length === 10_000, "JSON export");

    // Ten tables: a group key above each.
    await render(demo, 10, 1_000);
    const ten = await page.evaluate(() => ({
      tables: [...document.querySelectorAll(".flux-table")].map((t) => t.dataset.rows),
      keys: document.querySelectorAll(".group-key").length,
      chips: [...document.querySelectorAll(".group-key")].at(-1).querySelectorAll(".chip").length,
      chip: [...document.querySelectorAll(".group-key .chip")].find((chip) => chip.textContent.startsWith("host="))?.textContent,
    }));
    const tenOfThousand = ten.tables.length === 10 && ten.tables.every((n) => n === "1000");
    check(tenOfThousand && ten.keys === 10, "ten tables of 1,000 rows, each with its group key");
    check(ten.chips === 5 && ten.chip === "host=host-0", `a chip for each group key column, key=value (${ten.chip})`);
    await page.focus(".flux-table");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.down("Control");
    await page.keyboard.press("c");
    await page.keyboard.up("Control");
    check((await copies()).at(-1) === "2024-01-01T00:00:00Z", "a key in a grid with no selection selects a row in view");
    await page.keyboard.press("Escape");
    if (screenshot) await page.screenshot({ path: screenshot });

    // ---- The chart view ----
    await setView("chart");
    const chart = await page.evaluate(() => ({
      series: document.getElementById("chart")?.dataset.series,
      canvas: !!document.querySelector("#chart canvas"),
      legend: [...document.querySelectorAll("#chart .u-legend .u-series .u-label")].map((l) => l.textContent),
    }));
    check(chart.series === "10" && chart.canvas, `chart draws 10 series on a canvas (data-series=${chart.series})`);
    const label = chart.legend[1];
    check(label === "cpu,host=host-0,_field=usage_user", `series labels leave out _start and _stop (${label})`);
    await page.setViewport({ width: 900, height: 700 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const width = await page.$eval("#chart canvas", (canvas) => canvas.getBoundingClientRect().width);
    check(width < 900, `the chart follows the panel's size (${Math.round(width)}px wide)`);
    await page.setViewport({ width: 1200, height: 800 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (screenshot) await page.screenshot({ path: screenshot.replace(/(\.png)?$/, "-chart.png") });
    await render(() => {
      const message = window.__demo(2, 5);
      for (const table of message.answer.results[0].tables) table.columns[3].type = "string";
      return message;
    });
    const empty = await page.evaluate(() => ({
      series: document.getElementById("chart").dataset.series,
      text: document.querySelector("#chart .chart-empty")?.textContent ?? "",
    }));
    check(empty.series === "0" && empty.text.includes("numeric _value"), "no numeric _value: the chart says what it needs");
    await setView("table");

    // ---- Header states ----
    await page.evaluate(() => postMessage({ type: "running", info: { title: "q.flux", connection: "prod" } }, "*"));
    await (await page.waitForSelector("#cancel")).click();
    check((await posted("cancel")).length === 1, "running… shows Cancel, which posts cancel");
    await render(() => {
      const message = window.__demo(1, 10);
      message.answer.truncated = true;
      message.answer.rowCount = 25_000;
      const range = { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } };
      message.answer.error = { message: "runtime error: boom", uri: "file:///q.flux", range };
      return message;
    });
    const header = await page.evaluate(() => ({
      status: document.querySelector(".run-status").textContent,
      note: document.querySelector(".export-note").hidden ? "" : document.querySelector(".export-note").textContent,
      error: document.querySelector("#run-error:not([hidden])")?.textContent ?? "",
      link: document.querySelector("#run-error .reveal")?.textContent,
    }));
    check(header.status.includes("truncated: showing 10 of 25,000 rows"), `the header says what was truncated`);
    check(header.note.includes("Exports hold only the 10 rows shown"), "the export note says the export is truncated too");
    const errorShown = header.error.includes("runtime error: boom") && header.link === "go to line 4";
    check(errorShown, "the run's error shows with a link to its line");
    await page.click("#run-error .reveal");
    const reveal = (await posted("reveal")).at(-1);
    check(reveal?.uri === "file:///q.flux" && reveal.range.start.line === 3, "the link posts reveal with the uri and range");
    if (screenshot) await page.screenshot({ path: screenshot.replace(/(\.png)?$/, "-error.png") });
    await page.evaluate(() => {
      const info = { title: "q.flux", connection: "prod" };
      postMessage({ type: "failed", info, message: "unknown connection: nope" }, "*");
    });
    const failed = await page
      .waitForFunction(() => document.getElementById("run-error").textContent.includes("unknown connection: nope"))
      .then(() => true, () => false);
    check(failed, "a failed run shows its message");

    // ---- Restore ----
    await render(demo, 3, 20);
    await page.reload();
    await page.waitForFunction(() => window.__posted.some((m) => m.type === "ready"));
    const restored = await page.$$eval(".flux-table", (tables) => tables.map((t) => t.dataset.rows));
    check(restored.length === 3 && restored.every((n) => n === "20"), "a reloaded page shows the last results from its state");

    console.log("\nfirst frame after the results message (ms), median of", RUNS);
    console.table(timings);
  } finally {
    await browser.close();
    server.close();
  }
  console.log(failures.length === 0 ? "all checks passed" : `${failures.length} checks failed`);
  return failures.length === 0 ? 0 : 1;
}
