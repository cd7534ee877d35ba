// The VS Code extension in a real workbench: code-server 4.99.4 (VS Code 1.99.3) with the
// built .vsix installed, driven through Debian's Chromium by puppeteer-core. It opens a
// workspace that tests/vscode.rs prepared (a local bucket and a few .flux files), does what
// a user does, prints what it saw as one JSON object per line (tests/vscode.rs asserts on
// them) and saves a screenshot of each step.
//
// Environment: CODE_SERVER (its executable), FLX_VSCODE_VSIX (the package), FLX_VSCODE_WORKSPACE (the folder),
// FLX_VSCODE_SCREENSHOTS (where the screenshots go), FLX_VSCODE_HOME (a scratch folder for
// code-server's profile), INFLUXD (InfluxDB 1.x's server, for a connection with a password),
// CHROMIUM (default /usr/bin/chromium).

import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import puppeteer from "puppeteer-core";

const env = (name) => {
  const value = process.env[name];
  if (!value) fail(`${name} is not set`);
  return value;
};
const vsix = env("FLX_VSCODE_VSIX");
const workspace = env("FLX_VSCODE_WORKSPACE");
const shots = env("FLX_VSCODE_SCREENSHOTS");
const home = env("FLX_VSCODE_HOME");
const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium";
const codeServer = env("CODE_SERVER");
const timings = join(home, "timings.jsonl");

function emit(event, data = {}) {
  process.stdout.write(JSON.stringify({ event, ...data }) + "\n");
}

let cleanup = async () => {};
async function fail(message) {
  process.stderr.write(`e2e: ${message}\n`);
  await cleanup().catch(() => undefined);
  process.exit(1);
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// --- code-server with the extension ----------------------------------------------------
const extensions = join(home, "extensions");
const data = join(home, "data");
mkdirSync(join(data, "User"), { recursive: true });
mkdirSync(shots, { recursive: true });
writeFileSync(
  join(data, "User", "settings.json"),
  JSON.stringify({
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "update.mode": "none",
    "git.enabled": false,
    "telemetry.telemetryLevel": "off",
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "workbench.enableExperiments": false,
    "security.workspace.trust.enabled": false,
    "editor.hover.delay": 100,
    "editor.quickSuggestions": { other: false, comments: false, strings: false },
    "flux.run.maxRows": 20000,
    "editor.inlayHints.enabled": "off",
    "editor.formatOnSave": true,
    "flux.server.path": "/nonexistent/flux-lsp",
  }),
);
execFileSync(codeServer, ["--extensions-dir", extensions, "--user-data-dir", data, "--install-extension", vsix], {
  stdio: ["ignore", "ignore", "inherit"],
});
const port = await freePort();
const server = spawn(
  codeServer,
  [
    "--auth", "none", "--bind-addr", `127.0.0.1:${port}`, "--disable-telemetry", "--disable-update-check",
    "--disable-workspace-trust", "--disable-getting-started-override",
    "--extensions-dir", extensions, "--user-data-dir", data, workspace,
  ],
  { env: { ...process.env, FLUX_VSCODE_TIMINGS: timings }, stdio: ["ignore", "ignore", "pipe"], detached: true },
);
let serverLog = "";
server.stderr.on("data", (chunk) => (serverLog += chunk));
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--window-size=1440,900",
  ],
  defaultViewport: { width: 1440, height: 900 },
});
cleanup = async () => {
  await browser.close().catch(() => undefined);
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {}
};
process.on("exit", () => {
  try {
    process.kill(-server.pid, "SIGKILL");
  } catch {}
});

// The clipboard is read back to check a copy.
await browser.defaultBrowserContext().overridePermissions(`http://127.0.0.1:${port}`, ["clipboard-read", "clipboard-write"]);
const page = await browser.newPage();
const deadline = Date.now() + 60_000;
for (;;) {
  try {
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: "domcontentloaded" });
    break;
  } catch (error) {
    if (Date.now() > deadline) await fail(`code-server did not answer: ${error}\n${serverLog}`);
    await sleep(250);
  }
}
await page.waitForSelector(".monaco-workbench .part.editor", { timeout: 60_000 });
// The explorer lists the folder once the workbench is restored and listens to keys.
await page.waitForSelector(".explorer-folders-view .monaco-list-row", { timeout: 60_000 });
await page.click(".part.editor");

// --- helpers ------------------------------------------------------------------------------
function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

let shot = 0;
async function screenshot(name) {
  shot += 1;
  const file = join(shots, `${String(shot).padStart(2, "0")}-${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/// Waits until `probe` (run in the page, or in one of its frames) returns a truthy value,
/// and returns it.
async function until(what, probe, arg, timeout = 30_000, target = page) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await target.evaluate(probe, arg).catch(() => undefined);
    if (value) return value;
    if (Date.now() > end) {
      await screenshot(`failed-${what.replace(/\W+/g, "-")}`);
      await fail(`timed out waiting for ${what}`);
    }
    await sleep(100);
  }
}

/// Does `action` until `probe` answers (a request sent before the server had analysed the
/// file may show nothing), at most `timeout` in all.
async function retrying(what, action, probe, timeout = 30_000) {
  const end = Date.now() + timeout;
  for (;;) {
    await action();
    const until = Date.now() + 3000;
    while (Date.now() < until) {
      const value = await page.evaluate(probe).catch(() => undefined);
      if (value) return value;
      await sleep(100);
    }
    if (Date.now() > end) {
      await screenshot(`failed-${what.replace(/\W+/g, "-")}`);
      await fail(`timed out waiting for ${what}`);
    }
  }
}

/// Chooses the quick pick item that starts with `label`.
async function pick(label) {
  await until(`the choice ${label}`, (l) =>
    [...document.querySelectorAll(".quick-input-list .monaco-list-row")].some((r) => r.textContent.startsWith(l)), label);
  await page.keyboard.type(label);
  await page.keyboard.press("Enter");
}

/// Types into the input box the extension shows (over what it suggests, with `replace`).
async function answer(text, { replace = false, submit = true } = {}) {
  await until("an input box", () => document.activeElement?.closest(".quick-input-widget"));
  await sleep(150);
  if (replace) await chord("Control", "a");
  if (text) await page.keyboard.type(text);
  else if (!replace) await chord("Control", "a");
  if (!text) await page.keyboard.press("Backspace");
  // Enter once the box holds the text (a file dialog completes paths as they are typed).
  await until("the typed answer", (t) => document.activeElement?.value === t, text);
  await sleep(200);
  if (submit) await page.keyboard.press("Enter");
}

/// InfluxDB 1.x on free loopback ports with authentication on, one admin user, and a
/// database `telegraf` with one point of `cpu`.
async function startInfluxd() {
  const influxd = env("INFLUXD");
  const dir = join(home, "influxd");
  mkdirSync(dir, { recursive: true });
  const [http, rpc] = [await freePort(), await freePort()];
  writeFileSync(
    join(dir, "influxd.conf"),
    `reporting-enabled = false\nbind-address = "127.0.0.1:${rpc}"\n[meta]\n  dir = "${dir}/meta"\n` +
      `[data]\n  dir = "${dir}/data"\n  wal-dir = "${dir}/wal"\n[monitor]\n  store-enabled = false\n` +
      `[http]\n  bind-address = "127.0.0.1:${http}"\n  auth-enabled = true\n  log-enabled = false\n`,
  );
  const child = spawn(influxd, ["run", "-config", join(dir, "influxd.conf")], { stdio: "ignore" });
  const url = `http://127.0.0.1:${http}`;
  const password = "pw-" + Math.random().toString(36).slice(2);
  const end = Date.now() + 20_000;
  while (!(await fetch(`${url}/ping`).then((r) => r.status === 204).catch(() => false))) {
    if (Date.now() > end) await fail("influxd did not start");
    await sleep(50);
  }
  const query = (q, auth) =>
    fetch(`${url}/query?q=${encodeURIComponent(q)}`, {
      method: "POST",
      headers: auth ? { Authorization: "Basic " + Buffer.from(`admin:${password}`).toString("base64") } : {},
    });
  // Each step is checked, and tried again for a few seconds: a fresh influxd may answer
  // before its meta store has taken the user or the database.
  const step = async (what, attempt, ok) => {
    const end = Date.now() + 10_000;
    for (;;) {
      const response = await attempt();
      const body = await response.text();
      if (ok(response.status, body)) return;
      if (Date.now() > end) await fail(`influxd: ${what}: ${response.status} ${body}`);
      await sleep(100);
    }
  };
  await step("create the admin user", () => query(`CREATE USER admin WITH PASSWORD '${password}' WITH ALL PRIVILEGES`),
    (status, body) => status === 200 && !body.includes('"error"'));
  await step("create the database", () => query("CREATE DATABASE telegraf", true),
    (status, body) => status === 200 && !body.includes('"error"'));
  await step("write a point", () =>
    fetch(`${url}/write?db=telegraf&precision=s`, {
      method: "POST",
      headers: { Authorization: "Basic " + Buffer.from(`admin:${password}`).toString("base64") },
      body: "cpu,host=a usage=1.5 1700000000\n",
    }), (status) => status === 204);
  const refused = await query("SHOW DATABASES");
  if (refused.status !== 401) await fail(`influxd answers without the password: ${refused.status}`);
  return { url, password, stop: () => child.kill() };
}

async function quickInput(opener, text) {
  await page.keyboard.down("Control");
  if (opener.shift) await page.keyboard.down("Shift");
  await page.keyboard.press(opener.key);
  if (opener.shift) await page.keyboard.up("Shift");
  await page.keyboard.up("Control");
  await until("the quick input", () => {
    const widget = document.querySelector(".quick-input-widget");
    return widget && widget.style.display !== "none" && document.activeElement?.closest(".quick-input-widget");
  });
  await page.keyboard.type(text);
}

async function openFile(name) {
  // Into the first editor group, whichever group (the results view's) has the focus.
  await chord("Control", "1");
  await quickInput({ key: "p" }, name);
  // The row Enter opens: the focused one, once the list is filtered.
  await until(`${name} in quick open`, (n) =>
    document.querySelector(".quick-input-list .monaco-list-row.focused")?.textContent.includes(n), name);
  await page.keyboard.press("Enter");
  await until(`${name} open`, (n) =>
    document.querySelector(".editor-group-container.active .tab.active")?.getAttribute("aria-label")?.startsWith(n), name);
  await until(`${name}'s editor focused`, () => document.activeElement?.closest(".monaco-editor") !== null);
}

async function command(title) {
  await quickInput({ key: "p", shift: true }, title);
  await until(`command ${title}`, (t) =>
    document.querySelector(".quick-input-list .monaco-list-row.focused")?.textContent.includes(t), title);
  await page.keyboard.press("Enter");
}

async function gotoLine(line, column) {
  await page.keyboard.down("Control");
  await page.keyboard.press("g");
  await page.keyboard.up("Control");
  await until("go to line", () => document.activeElement?.closest(".quick-input-widget"));
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press("Enter");
}

async function chord(...keys) {
  for (const k of keys.slice(0, -1)) await page.keyboard.down(k);
  await page.keyboard.press(keys[keys.length - 1]);
  for (const k of keys.slice(0, -1).reverse()) await page.keyboard.up(k);
}

/// A real mouse click in the middle of the element `find` returns: VS Code listens to the
/// mouse, not to `click()`.
async function clickAt(find) {
  const box = await page.evaluate((source) => {
    const element = new Function(`return (${source})()`)();
    const r = element?.getBoundingClientRect();
    return r ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
  }, find.toString());
  if (!box) await fail(`nothing to click: ${find}`);
  await page.mouse.click(box.x, box.y);
}

function editorText() {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll(".editor-instance .monaco-editor .view-lines .view-line")];
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines.map((l) => l.textContent.replace(/\u00a0/g, " ")).join("\n");
  });
}

/// The results webview's inner frame, once it shows `#app`.
async function resultsFrame() {
  const end = Date.now() + 30_000;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.$("#app").catch(() => null)) return frame;
    }
    if (Date.now() > end) {
      await screenshot("failed-results-frame");
      await fail("the results view did not open");
    }
    await sleep(100);
  }
}

function inFrame(frame, what, probe, arg, timeout = 30_000) {
  return until(what, probe, arg, timeout, frame);
}

function timingEvents() {
  if (!existsSync(timings)) return [];
  return readFileSync(timings, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
}

// --- 0. no server yet: a clear message, and a way to locate one -------------------------------
// The user settings name a server that does not exist; the first Flux file activates the
// extension, which says so and offers to locate one; the one inside the package is chosen.
// The setting may be overridden per machine: code-server writes it to the Machine settings.
const machineSettings = join(data, "Machine", "settings.json");
const bundledServer = join(extensions, readdirSync(extensions).find((d) => d.startsWith("flx-dev.flx-flux")), "server", "flux-lsp");
await openFile("errors.flux");
const missing = await until("the missing server's message", () =>
  [...document.querySelectorAll(".notifications-toasts .notification-list-item")]
    .map((n) => n.textContent)
    .find((t) => t.includes("cannot start the language server")));
// The toast slides in: clicked until the open dialog shows.
await retrying("the dialog to locate flux-lsp", () => clickAt(() =>
  [...document.querySelectorAll(".notifications-toasts .notification-list-item .monaco-button")].find((b) =>
    b.textContent.includes("Locate flux-lsp"))), () => document.activeElement?.closest(".quick-input-widget"));
// The file dialog lists the folder as the path is typed; its OK button takes the path
// whatever the listing is doing (Enter may be taken by the listing on a busy machine).
await answer(bundledServer, { replace: true, submit: false });
await retrying("the file dialog to close", () =>
  clickAt(() => [...document.querySelectorAll(".quick-input-widget .monaco-button")].find((b) =>
    b.textContent.includes("Use this flux-lsp"))),
  () => !document.activeElement?.closest(".quick-input-widget"));
const located = await (async () => {
  const end = Date.now() + 30_000;
  for (;;) {
    const path = existsSync(machineSettings) ? JSON.parse(readFileSync(machineSettings, "utf8"))["flux.server.path"] : null;
    const started = timingEvents().filter((e) => e.event === "server").length;
    if (path === bundledServer && started > 0) return { path, started };
    if (Date.now() > end) {
      await screenshot("failed-locate");
      await fail(`the server was not located: ${path}, ${started} starts`);
    }
    await sleep(100);
  }
})();
emit("locate", { missing, located: located.path === bundledServer, starts: located.started, file: await screenshot("server-located") });

// --- 1. a syntax error's squiggle and the Problems count -----------------------------------
await openFile("errors.flux");
const squiggles = await until("an error squiggle", () => document.querySelectorAll(".squiggly-error").length);
const problems = await until("the problems count", () => {
  const item = document.getElementById("status.problems");
  return item && /[1-9]/.test(item.textContent) ? item.getAttribute("aria-label") ?? item.textContent : undefined;
});
emit("diagnostics", { squiggles, problems, file: await screenshot("error-squiggle") });

// --- 2. completion after `r.` and a hover ----------------------------------------------------
await openFile("complete.flux");
const completeText = await editorText();
const completeLine = completeText.split("\n").findIndex((l) => l.includes("r.host"));
await gotoLine(completeLine + 1, completeText.split("\n")[completeLine].indexOf("r.host") + 3);
const suggestions = await retrying("the completion widget", () => chord("Control", "Space"), () => {
  const rows = [...document.querySelectorAll(".suggest-widget.visible .monaco-list-row .label-name")];
  return rows.length ? rows.map((r) => r.textContent) : undefined;
});
emit("completion", { items: suggestions, file: await screenshot("completion") });
await page.keyboard.press("Escape");
await gotoLine(1, 2);
const hover = await retrying("a hover", async () => {
  await chord("Control", "k");
  await chord("Control", "i");
}, () => {
  const hover = document.querySelector(".monaco-hover-content");
  return hover && hover.textContent.trim() ? hover.textContent : undefined;
});
emit("hover", { text: hover, file: await screenshot("hover") });
await page.keyboard.press("Escape");

// --- 3. format document ----------------------------------------------------------------------
await openFile("messy.flux");
const before = await editorText();
await command("Format Document");
const after = await until("the formatted text", () => {
  const lines = [...document.querySelectorAll(".editor-instance .monaco-editor .view-lines .view-line")];
  lines.sort((x, y) => parseFloat(x.style.top) - parseFloat(y.style.top));
  const text = lines.map((l) => l.textContent.replace(/\u00a0/g, " ")).join("\n");
  return text.includes("x = from(") ? text : undefined;
});
// Format on save: the file on disk is the formatted text.
await openFile("unsaved.flux");
await chord("Control", "End");
await page.keyboard.type("y=1");
await chord("Control", "s");
const saved = await (async () => {
  const end = Date.now() + 20_000;
  for (;;) {
    const text = readFileSync(join(workspace, "unsaved.flux"), "utf8");
    if (text.includes("y")) return text;
    if (Date.now() > end) await fail(`unsaved.flux was not saved: ${JSON.stringify(text)}`);
    await sleep(100);
  }
})();
emit("format", { before, after, saved, file: await screenshot("formatted") });

// --- 4. a code lens runs a statement and the results table shows its rows --------------------
await openFile("query.flux");
const lens = await until("a Run code lens", () => {
  const link = [...document.querySelectorAll(".codelens-decoration a")].find((a) => a.textContent.includes("Run"));
  return link ? link.textContent : undefined;
});
await retrying("the results view after a click on the lens", () =>
  clickAt(() => [...document.querySelectorAll(".codelens-decoration a")].find((a) => a.textContent.includes("Run"))),
  () => document.querySelector("iframe.webview"));
let frame = await resultsFrame();
const tables = await inFrame(frame, "the results tables", () => {
  const tables = [...document.querySelectorAll(".flux-table")];
  if (!tables.length) return undefined;
  return tables.map((t) => ({
    rows: Number(t.dataset.rows),
    groupKey: t.closest("section, .table-block, div")?.querySelector(".group-key")?.textContent ?? null,
    cells: [...t.querySelectorAll("[role=row], tr")].slice(0, 4).map((r) => r.textContent),
  }));
});
const groupKeys = await frame.evaluate(() => [...document.querySelectorAll(".group-key")].map((g) => g.textContent));
emit("run", { lens, tables, groupKeys, file: await screenshot("results-table") });

// --- 5. the chart: one series per group key ------------------------------------------------
await frame.click("#view-chart");
const chart = await inFrame(frame, "the chart", () => {
  const chart = document.getElementById("chart");
  const canvas = chart?.querySelector("canvas");
  return canvas ? { series: Number(chart.dataset.series), canvas: canvas.width > 0 } : undefined;
});
emit("chart", { ...chart, file: await screenshot("results-chart") });
await frame.click("#view-table");

// Copy a cell: click it, Ctrl+C; the extension writes the clipboard.
const cell = await frame.$(".flux-table tbody tr[data-row='0'] td:nth-of-type(4)");
await cell.click();
await chord("Control", "c");
const clipboard = await until("the copied cell", () => navigator.clipboard.readText().then((t) => t || undefined));

// Export as CSV: the save dialog proposes query-results.csv in the workspace.
await frame.click("#export-csv");
await until("the save dialog", () => document.activeElement?.closest(".quick-input-widget"));
await page.keyboard.press("Enter");
const exported = await (async () => {
  const path = join(workspace, "query-results.csv");
  const end = Date.now() + 20_000;
  while (!existsSync(path)) {
    if (Date.now() > end) await fail("no query-results.csv after the export");
    await sleep(100);
  }
  return readFileSync(path, "utf8");
})();
emit("export", { clipboard, csv: exported.split("\r\n").slice(0, 3) });

// --- 6. a long run, cancelled ----------------------------------------------------------------
await openFile("slow.flux");
await gotoLine(3, 1);
await chord("Control", "Enter");
frame = await resultsFrame();
await inFrame(frame, "the running state", () => document.getElementById("cancel") !== null);
const statusWhileRunning = await page.evaluate(() =>
  [...document.querySelectorAll(".statusbar-item")].map((i) => i.textContent).find((t) => t.includes("running")) ?? null);
await sleep(500);
const cancelledAt = Date.now();
await frame.click("#cancel");
const cancelled = await inFrame(frame, "the cancelled run", () => {
  const status = document.querySelector(".run-status")?.textContent ?? "";
  return status.includes("cancelled") ? status : undefined;
});
emit("cancel", { statusWhileRunning, status: cancelled, ms: Date.now() - cancelledAt, file: await screenshot("cancelled") });

// --- 7. 10,000 rows ---------------------------------------------------------------------------
await openFile("big.flux");
await chord("Control", "Shift", "Enter");
frame = await resultsFrame();
const bigRows = await inFrame(frame, "the 10,000 rows", () => {
  const tables = [...document.querySelectorAll(".flux-table")];
  const rows = tables.reduce((n, t) => n + Number(t.dataset.rows), 0);
  return rows >= 10000 ? rows : undefined;
}, undefined, 60_000);
await sleep(500);
const renders = timingEvents().filter((e) => e.event === "render" && e.rows >= 10000);
emit("big", { rows: bigRows, renders, file: await screenshot("ten-thousand-rows") });

// --- 7b. a script that cannot run: its error links to its place ---------------------------
await openFile("broken.flux");
await gotoLine(1, 1);
await chord("Control", "Shift", "Enter");
frame = await resultsFrame();
const refusal = await inFrame(frame, "the run error", () => {
  const block = document.getElementById("run-error");
  const link = block?.querySelector(".reveal");
  return block && !block.hidden && link ? { message: block.querySelector("pre")?.textContent, link: link.textContent } : undefined;
});
await frame.click("#run-error .reveal");
const revealed = await until("the cursor at the error", () => {
  const text = document.getElementById("status.editor.selection")?.textContent ?? "";
  return text.startsWith("Ln 3,") ? text : undefined;
});
emit("refused", { ...refusal, revealed, file: await screenshot("run-error") });

// --- 8. the schema explorer lists the bucket's measurements ---------------------------------
await page.evaluate(() => {
  const item = [...document.querySelectorAll(".activitybar .action-item a, .activitybar .action-label")].find((a) =>
    (a.getAttribute("aria-label") ?? "").startsWith("Flux"));
  item?.click();
});
/// Expands the tree row `label`, clicking it again when a refresh of the tree (after the
/// server restarts, say) collapsed it meanwhile.
async function treeRow(label) {
  return until(`the tree row ${label} expanded`, (l) => {
    const row = [...document.querySelectorAll(".pane-body .monaco-list-row")].find(
      (r) => r.querySelector(".label-name")?.textContent === l,
    );
    if (!row) return undefined;
    if (row.getAttribute("aria-expanded") === "true") return true;
    const now = Date.now();
    if (now - (window.__flxClicked?.[l] ?? 0) > 1500) {
      window.__flxClicked = { ...window.__flxClicked, [l]: now };
      row.click();
    }
    return undefined;
  }, label);
}
await treeRow("local");
await treeRow("sensors");
const measurements = await until("the measurements", () => {
  const rows = [...document.querySelectorAll(".pane-body .monaco-list-row")].filter(
    (r) => r.getAttribute("aria-level") === "3",
  );
  return rows.length ? rows.map((r) => r.querySelector(".label-name")?.textContent) : undefined;
});
emit("schema", { measurements, file: await screenshot("schema-explorer") });

// "Query This Measurement" opens a query of it and runs it.
await treeRow("temp");
await clickAt(() =>
  [...document.querySelectorAll(".pane-body .monaco-list-row")]
    .find((r) => r.querySelector(".label-name")?.textContent === "temp")
    ?.querySelector('.action-label[aria-label="Query This Measurement"]'));
frame = await resultsFrame();
const queried = await inFrame(frame, "the measurement's query results", () => {
  const title = document.querySelector(".run-header")?.textContent ?? "";
  const tables = [...document.querySelectorAll(".flux-table")];
  return title.includes("Untitled") && tables.length ? tables.map((t) => Number(t.dataset.rows)) : undefined;
});
const queryText = await editorText();
emit("query-measurement", { rows: queried, text: queryText, file: await screenshot("query-measurement") });

// --- 9. test cases in the Test Explorer ------------------------------------------------------
await openFile("t_test.flux");
await until("a Test code lens", () =>
  [...document.querySelectorAll(".codelens-decoration a")].some((a) => a.textContent.includes("Test")));
await command("Testing: Focus on Test Explorer View");
await until("t_test.flux in the Test Explorer", () =>
  [...document.querySelectorAll(".test-explorer .monaco-list-row")].some((r) => r.textContent.includes("t_test.flux")));
await command("Test: Run All Tests");
// The editor's gutter marks each test case passed or failed once the run is over.
const outcomes = await until("the test results", () => {
  const editor = document.querySelector(".editor-group-container.active .editor-instance");
  const count = (kind) => editor?.querySelectorAll(`.codicon-testing-${kind}-icon`).length ?? 0;
  const passed = count("passed");
  const failed = count("failed");
  return passed + failed >= 2 ? { passed, failed } : undefined;
});
// The failure opens as a diff of the tables wanted (left) and got (right) from the Test
// Results panel.
const failedRow = () => [...document.querySelectorAll(".monaco-list-row")].find((r) => r.textContent.startsWith("doubles"));
await until("the failed test in the Test Results", failedRow);
await clickAt(failedRow);
const diff = await until("the failure's diff", () => {
  const editor = document.querySelector(".monaco-diff-editor");
  const side = (which) => [...(editor?.querySelectorAll(`.editor.${which} .view-line`) ?? [])]
    .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
    .map((l) => l.textContent.replace(/\u00a0/g, " ").trimEnd())
    .join("\n");
  const wanted = side("original");
  const got = side("modified");
  return wanted && got ? { wanted, got } : undefined;
});
emit("tests", { ...outcomes, diff, file: await screenshot("test-failure-diff") });

// --- 10. a connection added in the UI, its password in SecretStorage -------------------------
// A real InfluxDB 1.x that refuses requests without the password: the schema tree can list
// its measurements only if the password went from SecretStorage to the server.
const influx = await startInfluxd();
await command("Flux: Add Connection");
await pick("InfluxDB 1.x");
await answer("legacy");
await answer(influx.url, { replace: true });
await answer("telegraf");
await answer("");
await answer("admin");
await answer(influx.password);
const tested = await until("the connection test", () =>
  [...document.querySelectorAll(".notifications-toasts .notification-list-item-message")]
    .map((m) => m.textContent)
    .find((t) => t.includes("legacy works") || t.includes("legacy does not work")));
await page.evaluate(() => {
  const item = [...document.querySelectorAll(".activitybar .action-item a, .activitybar .action-label")].find((a) =>
    (a.getAttribute("aria-label") ?? "").startsWith("Flux"));
  item?.click();
});
await treeRow("legacy");
await treeRow("telegraf");
const legacyMeasurements = await until("the measurements of legacy", () => {
  const rows = [...document.querySelectorAll(".pane-body .monaco-list-row")];
  const start = rows.findIndex((r) => r.querySelector(".label-name")?.textContent === "telegraf");
  const below = rows.slice(start + 1).filter((r) => r.getAttribute("aria-level") === "3");
  return below.length ? below.map((r) => r.querySelector(".label-name")?.textContent) : undefined;
});
const settingsFile = readFileSync(join(data, "User", "settings.json"), "utf8");
emit("connection", {
  tested,
  measurements: legacyMeasurements,
  passwordInSettings: settingsFile.includes(influx.password),
  file: await screenshot("connection-added"),
});
influx.stop();

// --- activation time, as VS Code itself measures it -----------------------------------------
await command("Show Running Extensions");
const activation = await until("the running extensions", () => {
  const row = [...document.querySelectorAll(".runtime-extensions-editor .monaco-list-row")].find((r) =>
    r.textContent.includes("Flux (flx)"));
  return row?.textContent.match(/Activation: (\d+)ms/)?.[1];
});
emit("timings", { events: timingEvents(), activationMs: Number(activation), file: await screenshot("running-extensions") });
await cleanup();
process.exit(0);
