import { join } from "node:path";
import { loadConfigText } from "../../src/config/load";
import type { LoadedConfig } from "../../src/config/model";
import { checkEntry, type LogEntry, type LogRecord } from "../../src/core/log-record";
import { normalizeTimestamp } from "../../src/core/timestamp";
import type { Exporter } from "../../src/exporters/exporter";
import type { PipelineOutcome } from "../../src/shipping/pipeline";
import type { OffsetRecord } from "../../src/state/state-store";
import { deadLetters, ship, tempDir, type DeadLetterLine } from "./exporter-harness";
import { writeJsonl } from "./fixtures";

/** A complete Kestra log entry, `minutesAgo` minutes old (inside every destination's window). */
export function kestraEntry(i: number, overrides: Partial<LogEntry> = {}, minutesAgo = 5): LogEntry {
  const ms = Date.now() - minutesAgo * 60_000 + i;
  return {
    tenantId: "main",
    namespace: "company.team",
    flowId: "etl",
    taskId: "extract",
    executionId: `exec${Math.floor(i / 10)}`,
    taskRunId: `run${i}`,
    attemptNumber: 1,
    triggerId: null,
    timestamp: new Date(ms).toISOString(),
    level: "INFO",
    thread: "worker-1",
    message: `message ${i}`,
    executionKind: null,
    ...overrides,
  };
}

/**
 * A record as a source makes it: validated, with the raw JSON text unless `raw: false`. `key` orders records
 * that share a timestamp.
 */
export function toRecord(entry: LogEntry, i: number, options: { raw?: boolean } = {}): LogRecord {
  const check = checkEntry(entry);
  if (!check.ok) throw new Error(`test entry is invalid: ${check.reason}`);
  return {
    ts: check.ts,
    pos: check.ts,
    key: String(i).padStart(8, "0"),
    level: check.level,
    entry: check.entry,
    ...(options.raw === false ? {} : { raw: JSON.stringify(entry) }),
  };
}

/** `n` records, in order. */
export function kestraRecords(
  n: number,
  overrides: (i: number) => Partial<LogEntry> = () => ({}),
): LogRecord[] {
  return Array.from({ length: n }, (_, i) => toRecord(kestraEntry(i, overrides(i)), i));
}

/** The sortable timestamp of an ISO text (throws when invalid). */
export function ts(text: string): string {
  const t = normalizeTimestamp(text);
  if (t === undefined) throw new Error(`bad timestamp ${text}`);
  return t;
}

/** What one pipeline run did. */
export interface Shipped {
  readonly outcome: PipelineOutcome;
  /** The stored offset afterwards. */
  readonly stored: OffsetRecord | undefined;
  /** Dead-letter lines, parsed. */
  readonly deadLetters: DeadLetterLine[];
}

/**
 * Ships records through the real pipeline with {@link ship} (offsets starting before any record, a 20 s retry
 * budget) in a temp directory, then reads the stored offset and the dead-letters and removes the directory.
 */
export async function shipThrough(
  exporter: Exporter,
  records: readonly LogRecord[],
  options: { concurrency?: number; retryBudgetMs?: number } = {},
): Promise<Shipped> {
  const { dir, cleanup } = await tempDir();
  try {
    const { outcome, state, ref, deadLetter } = await ship(exporter, records, dir, {
      start: "0000-01-01T00:00:00.000000000Z",
      retryBudgetMs: 20_000,
      ...options,
    });
    return { outcome, stored: await state.get(ref), deadLetters: await deadLetters(deadLetter) };
  } finally {
    await cleanup();
  }
}

/** Awaits `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A Kestra flow as Kestra publishes it (namespace `system`, one LogShipper task) whose only exporter is
 * `exporter` (its YAML lines, unindented: `- id: …`, `  type: …`), loaded with a file source that reads
 * `dir/logs.jsonl`, where `count` Kestra entries (`ligne <i>`) are written first.
 */
export function kestraFlowWith(
  dir: string,
  exporter: readonly string[],
  count: number,
): { config: LoadedConfig; entries: LogEntry[] } {
  const entries = Array.from({ length: count }, (_, i) => kestraEntry(i, { message: `ligne ${i}` }));
  writeJsonl(join(dir, "logs.jsonl"), entries);
  const flow = [
    "id: log_shipper",
    "namespace: system",
    "tasks:",
    "  - id: ship",
    "    type: io.kestra.plugin.ee.core.log.LogShipper",
    "    logExporters:",
    ...exporter.map((l) => `      ${l}`),
  ].join("\n");
  const config = loadConfigText(join(dir, "flow.yaml"), flow, dir, {
    strictVars: true,
    source: { type: "file", path: join(dir, "*.jsonl") },
  });
  return { config, entries };
}
