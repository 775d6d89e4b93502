import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { loadConfigText } from "../../src/config/load";
import type { LoadedConfig } from "../../src/config/model";
import type { LogShipperConfig } from "../../generated/config";

/** A fresh temporary directory, removed by the returned `cleanup`. */
export function tempDir(prefix = "logshipper-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A Kestra log entry with sensible defaults. */
export function entry(timestamp: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    tenantId: "main",
    namespace: "company.team",
    flowId: "flow",
    taskId: "task",
    executionId: "exec",
    taskRunId: "run",
    attemptNumber: 1,
    triggerId: null,
    timestamp,
    level: "INFO",
    thread: "worker-1",
    message: `message at ${timestamp}`,
    ...over,
  };
}

/** Writes JSON lines (objects are serialized, strings written as they are). */
export function writeJsonl(file: string, lines: ReadonlyArray<Record<string, unknown> | string>): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n");
}

/** `n` entries one millisecond apart (every `tieEvery`-th shares the previous timestamp), starting at `startMs`. */
export function entries(
  n: number,
  startMs: number,
  options: { tieEvery?: number; over?: (i: number) => Record<string, unknown> } = {},
): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  let ms = startMs;
  for (let i = 0; i < n; i++) {
    if (i > 0 && !(options.tieEvery && i % options.tieEvery === 0)) ms += 1;
    out.push(entry(new Date(ms).toISOString(), { message: `m${i}`, seq: i, ...(options.over?.(i) ?? {}) }));
  }
  return out;
}

/** Loads a native config object as if from `<dir>/config.yaml`. */
export function config(
  dir: string,
  doc: LogShipperConfig | Record<string, unknown>,
  options: Parameters<typeof loadConfigText>[3] = {},
): LoadedConfig {
  return loadConfigText(join(dir, "config.yaml"), JSON.stringify(doc), dir, options);
}
