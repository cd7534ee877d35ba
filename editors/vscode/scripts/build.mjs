// Bundles the extension (Node, CommonJS, `vscode` external) and the results webview (a
// browser script and its stylesheet, uPlot inside: the webview loads nothing from the net).
// `--test` also builds the webview's pure modules as ES modules for `node --test`.
import * as esbuild from "esbuild";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const production = process.argv.includes("--production");
const common = { bundle: true, minify: production, sourcemap: !production, logLevel: "warning", absWorkingDir: root };

await esbuild.build({
  ...common,
  entryPoints: ["src/extension.ts"],
  outfile: "dist/extension.js",
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["vscode"],
});
await esbuild.build({
  ...common,
  entryPoints: ["webview/main.ts"],
  outfile: "dist/webview.js",
  platform: "browser",
  format: "iife",
  target: "chrome120",
});
mkdirSync(join(root, "dist"), { recursive: true });
writeFileSync(
  join(root, "dist/webview.css"),
  readFileSync(join(root, "node_modules/uplot/dist/uPlot.min.css"), "utf8") +
    "\n" +
    readFileSync(join(root, "webview/results.css"), "utf8"),
);
if (process.argv.includes("--test")) {
  await esbuild.build({
    ...common,
    sourcemap: false,
    entryPoints: ["webview/model.ts"],
    outdir: "out/test",
    outExtension: { ".js": ".mjs" },
    platform: "node",
    format: "esm",
    target: "node20",
  });
}
