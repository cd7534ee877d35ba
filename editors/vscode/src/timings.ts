// Measurements the end-to-end test reads: activation, server start and the results view's
// render times go to the output channel, and as JSON lines to the file named by
// FLUX_VSCODE_TIMINGS when that variable is set (the test sets it for code-server).

import * as fs from "node:fs";
import type * as vscode from "vscode";

let channel: vscode.OutputChannel | undefined;

export function useChannel(output: vscode.OutputChannel): void {
  channel = output;
}

export function record(event: string, data: Record<string, unknown>): void {
  channel?.appendLine(`${event}: ${JSON.stringify(data)}`);
  const file = process.env.FLUX_VSCODE_TIMINGS;
  if (file) fs.appendFileSync(file, JSON.stringify({ event, ...data }) + "\n");
}
