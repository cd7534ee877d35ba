// Builds the .vsix packages: one without a server (any platform; it runs the flux-lsp on
// PATH or the one `flux.server.path` names) and one for this machine's platform with the
// server binary inside. Usage:
//   node scripts/package.mjs [--server path/to/flux-lsp] [--out dir]
// The server defaults to ../../target/release/flux-lsp. Prints each package's size.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const argument = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : resolve(process.argv[i + 1]);
};
const executable = process.platform === "win32" ? "flux-lsp.exe" : "flux-lsp";
const serverBinary = argument("--server", join(root, "..", "..", "target", "release", executable));
const out = argument("--out", join(root, "out", "vsix"));
const { name, version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const platform = `${process.platform === "win32" ? "win32" : process.platform}-${process.arch}`;

const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: "inherit" });
const vsce = (args) => run(process.execPath, [join(root, "node_modules", "@vscode", "vsce", "vsce"), ...args]);

run(process.execPath, [join(root, "scripts", "build.mjs"), "--production"]);
mkdirSync(out, { recursive: true });
rmSync(join(root, "server"), { recursive: true, force: true });

const universal = join(out, `${name}-${version}.vsix`);
vsce(["package", "--no-dependencies", "--allow-missing-repository", "-o", universal]);

mkdirSync(join(root, "server"), { recursive: true });
// The release profile keeps line tables for backtraces; the package does without them.
const packed = join(root, "server", executable);
try {
  execFileSync("strip", ["--strip-debug", "-o", packed, serverBinary]);
} catch {
  copyFileSync(serverBinary, packed);
}
chmodSync(packed, 0o755);
const bundled = join(out, `${name}-${platform}-${version}.vsix`);
try {
  vsce(["package", "--no-dependencies", "--allow-missing-repository", "--target", platform, "-o", bundled]);
} finally {
  rmSync(join(root, "server"), { recursive: true, force: true });
}
for (const file of [universal, bundled]) {
  console.log(`${file}: ${(statSync(file).size / 1024).toFixed(0)} KiB`);
}
