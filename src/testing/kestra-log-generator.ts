import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { Writable } from "node:stream";

/**
 * A deterministic generator of realistic Kestra log entries (JSON lines), for the local example, the tests and
 * the benchmark. The shape follows real Kestra logs: about 40 executions running at once across 5 dotted
 * namespaces; timestamps increase and about 15% equal the previous one; levels TRACE 3% / DEBUG 12% / INFO 70% /
 * WARN 10% / ERROR 5%; messages mostly 60–300 characters, 0.5% of 5–20 KB (stack traces, JSON dumps), about 6%
 * non-ASCII and 7% multi-line. Same count and seed, same bytes.
 */
export interface GeneratorOptions {
  readonly count: number;
  readonly seed?: number;
  /** Timestamp of the first record (epoch ms). */
  readonly startMs: number;
  /** Average milliseconds between records that are not ties. Default 50. */
  readonly stepMs?: number;
}

/** A small, fast, seeded PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMESPACES = ["company.team", "company.team.etl", "company.data", "company.data.ml", "ops.platform"];
const FLOWS = [
  "ingest_orders",
  "daily_report",
  "sync_users",
  "train_model",
  "cleanup",
  "export_ledger",
  "notify",
];
const TASKS = ["extract", "transform", "load", "validate", "notify", "query", "upload", "python_script"];
const WORDS = [
  "processed",
  "rows",
  "from",
  "table",
  "in",
  "batch",
  "request",
  "completed",
  "retrying",
  "connection",
  "to",
  "warehouse",
  "file",
  "uploaded",
  "bytes",
  "schema",
  "validated",
  "records",
  "cache",
  "miss",
  "worker",
  "started",
  "task",
  "output",
  "written",
];
const NON_ASCII = [
  "Überprüfung abgeschlossen",
  "données traitées",
  "処理が完了しました",
  "обработано записей",
  "ß→ü ✓ ✔ 🚀",
  "naïve café — ½ done",
  "数据已同步",
];
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function id(rand: () => number, n = 22): string {
  let s = "";
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  return s;
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

function sentence(rand: () => number, min: number, max: number): string {
  const target = min + Math.floor(rand() * (max - min));
  let s = "";
  while (s.length < target)
    s += (s ? " " : "") + (rand() < 0.1 ? String(Math.floor(rand() * 100000)) : pick(rand, WORDS));
  return s;
}

function bigMessage(rand: () => number): string {
  const target = 5000 + Math.floor(rand() * 15000);
  if (rand() < 0.5) {
    let s = "java.lang.IllegalStateException: task failed\n";
    while (s.length < target)
      s += `\tat io.kestra.plugin.${pick(rand, TASKS)}.Run.${pick(rand, WORDS)}(Run.java:${Math.floor(rand() * 900)})\n`;
    return s;
  }
  const rows: Array<Record<string, unknown>> = [];
  let size = 0;
  while (size < target) {
    const row = { id: id(rand, 8), value: Math.floor(rand() * 1e6), label: sentence(rand, 10, 40) };
    rows.push(row);
    size += JSON.stringify(row).length;
  }
  return `result: ${JSON.stringify(rows)}`;
}

function message(rand: () => number): string {
  const r = rand();
  if (r < 0.005) return bigMessage(rand);
  let text = sentence(rand, 60, 300);
  if (rand() < 0.06) text = `${pick(rand, NON_ASCII)}: ${text}`;
  if (rand() < 0.07)
    text = `${text}\n  caused by: ${sentence(rand, 20, 80)}\n  at step ${Math.floor(rand() * 10)}`;
  return text;
}

function level(rand: () => number): string {
  const r = rand();
  if (r < 0.03) return "TRACE";
  if (r < 0.15) return "DEBUG";
  if (r < 0.85) return "INFO";
  if (r < 0.95) return "WARN";
  return "ERROR";
}

interface Execution {
  namespace: string;
  flowId: string;
  executionId: string;
  taskId: string;
  taskRunId: string;
  attempt: number;
  left: number;
}

/** Yields `count` JSON lines (without newlines). */
export function* generateKestraLogs(options: GeneratorOptions): Generator<string> {
  const rand = prng(options.seed ?? 42);
  const step = options.stepMs ?? 50;
  const executions: Execution[] = [];
  const newExecution = (): Execution => ({
    namespace: pick(rand, NAMESPACES),
    flowId: pick(rand, FLOWS),
    executionId: id(rand),
    taskId: pick(rand, TASKS),
    taskRunId: id(rand),
    attempt: rand() < 0.9 ? 1 : 2,
    left: 20 + Math.floor(rand() * 400),
  });
  for (let i = 0; i < 40; i++) executions.push(newExecution());
  let ms = options.startMs;
  for (let i = 0; i < options.count; i++) {
    if (i > 0 && rand() >= 0.15) ms += 1 + Math.floor(rand() * 2 * step);
    const slot = Math.floor(rand() * executions.length);
    const e = executions[slot] as Execution;
    if (rand() < 0.05) {
      e.taskId = pick(rand, TASKS);
      e.taskRunId = id(rand);
    }
    const entry = {
      tenantId: "main",
      namespace: e.namespace,
      flowId: e.flowId,
      taskId: e.taskId,
      executionId: e.executionId,
      taskRunId: e.taskRunId,
      attemptNumber: e.attempt,
      triggerId: null,
      timestamp: new Date(ms).toISOString(),
      level: level(rand),
      thread: `worker-${slot % 8}`,
      message: message(rand),
    };
    if (--e.left <= 0) executions[slot] = newExecution();
    yield JSON.stringify(entry);
  }
}

/** Writes generated logs to a file (creating its directory), streaming. */
export async function writeKestraLogFile(path: string, options: GeneratorOptions): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeLines(createWriteStream(path), generateKestraLogs(options));
}

/**
 * Writes `lines` to `out`, each followed by a newline, in chunks of about 1 MiB (waiting for `drain` when the
 * stream asks), then ends the stream and waits until it has finished. Memory stays bounded by one chunk, so
 * `lines` may be a generator of any length.
 */
export async function writeLines(out: Writable, lines: Iterable<string>): Promise<void> {
  let chunk = "";
  for (const line of lines) {
    chunk += `${line}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}
