import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import nock from "nock";
import type { ApplyReport } from "../../generated/report";
import { loadConfigText } from "../../src/config/load";
import type { LoadedConfig } from "../../src/config/model";
import { checkEntry, type LogEntry, type LogRecord } from "../../src/core/log-record";
import { isRejection, type Exporter } from "../../src/exporters/exporter";
import { runApply } from "../../src/reconcile/reconciler";
import { EnvSecretResolver } from "../../src/secrets/env-secret-resolver";
import { clearSecretValues } from "../../src/secrets/redaction";
import type { SecretResolver } from "../../src/secrets/secret-resolver";
import { FileDeadLetter } from "../../src/shipping/dead-letter";
import { ExporterPipeline, type PipelineOutcome } from "../../src/shipping/pipeline";
import { FileStateStore } from "../../src/state/file-state-store";
import type { OffsetRef } from "../../src/state/state-store";

/** A Kestra log entry with defaults; pass fields to override. */
export function entry(fields: Partial<LogEntry> & Record<string, unknown> = {}): LogEntry {
  return {
    tenantId: "main",
    namespace: "company.team",
    flowId: "daily_report",
    taskId: "extract",
    executionId: "4wjtkzwVGBM9yKnjo1JFjD",
    taskRunId: "1ZCNy1JcVYEdJgLJ6F2JKX",
    attemptNumber: 1,
    triggerId: null,
    timestamp: "2026-11-24T10:00:00.123456789Z",
    level: "INFO",
    thread: "worker-1",
    message: "processed 42 rows",
    ...fields,
  } as LogEntry;
}

/** An ISO timestamp `ms` milliseconds before now, with the given nine-digit fraction (nanoseconds). */
export function isoAgo(ms: number, fraction = "123456789"): string {
  return `${new Date(Date.now() - ms).toISOString().slice(0, 19)}.${fraction}Z`;
}

/** A log record as a file source makes it: raw JSON text, key `file@offset`. */
export function record(
  e: LogEntry,
  key = "logs/a.jsonl@000000000000000",
  raw = JSON.stringify(e),
): LogRecord {
  const c = checkEntry(e);
  if (!c.ok) throw new Error(c.reason);
  return { ts: c.ts, pos: c.ts, key, level: c.level, entry: c.entry, raw };
}

/**
 * Encodes one record, sends it alone (first attempt) and closes the exporter. Resolves with what `send` threw, or
 * with its result when it did not throw, so that a test can assert on the error a destination's answer becomes.
 */
export async function sendAlone(exporter: Exporter, rec: LogRecord): Promise<unknown> {
  const encoded = exporter.encode(rec);
  if (isRejection(encoded)) throw new Error(`the exporter refused the record: ${encoded.rejected}`);
  try {
    return await exporter.send([encoded], { attempt: 1 }).catch((err: unknown) => err);
  } finally {
    await exporter.close?.();
  }
}

/** A request body as nock hands it to a reply function: gunzipped when it was gzipped. */
export function bodyText(body: unknown): string {
  if (Buffer.isBuffer(body)) return maybeGunzip(body);
  if (typeof body !== "string") return JSON.stringify(body);
  // nock hands binary bodies over hex-encoded
  if (/^1f8b[0-9a-f]*$/i.test(body)) return maybeGunzip(Buffer.from(body, "hex"));
  return body;
}

function maybeGunzip(buf: Buffer): string {
  return buf[0] === 0x1f && buf[1] === 0x8b ? gunzipSync(buf).toString("utf8") : buf.toString("utf8");
}

/** One request a {@link capture} interceptor answered. */
export interface Captured<T> {
  readonly headers: Record<string, string | string[] | undefined>;
  /** The body, decompressed ({@link bodyText}) and parsed. */
  readonly body: T;
  /** The decompressed body's size in bytes. */
  readonly bytes: number;
  /** The path with its query string. */
  readonly path: string;
}

/** What a capture answers: a status, a body (text, or a value nock sends as JSON; default empty), headers. */
export type NockReply = readonly [number, nock.Body?, Record<string, string>?];

/**
 * Makes `interceptor` (say `nock(BASE).post("/v1/logs").times(2)`) record each request it answers, its body
 * decompressed and parsed by `parse` (JSON by default), and answer it with `answer(request, n)`, `n` counting
 * the requests so far (1 for the first).
 * @returns the requests, in the order they came (the array fills as they do)
 */
export function capture<T>(
  interceptor: nock.Interceptor,
  answer: (request: Captured<T>, n: number) => NockReply,
  parse: (text: string) => T = (text) => JSON.parse(text) as T,
): Array<Captured<T>> {
  const seen: Array<Captured<T>> = [];
  interceptor.reply(function (uri, body) {
    const text = bodyText(body);
    const request: Captured<T> = {
      headers: this.req.headers,
      body: parse(text),
      bytes: Buffer.byteLength(text),
      path: uri,
    };
    seen.push(request);
    const [status, reply, headers] = answer(request, seen.length);
    return [status, reply ?? "", headers ?? {}];
  });
  return seen;
}

/** Parses an NDJSON body into its lines' JSON values. */
export function ndjson(text: string): unknown[] {
  expect(text.endsWith("\n")).toBe(true);
  return text
    .slice(0, -1)
    .split("\n")
    .map((l) => JSON.parse(l) as unknown);
}

/** A temp directory, removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "logshipper-contract-"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Registers, at the top level of a nock contract test file, the hooks every such file needs: no network but
 * 127.0.0.1 (moto, local servers) for the whole file; after each test, pending interceptors and registered secret
 * values are cleared; after the file, nock is cleaned and restored. Each test also gets a fresh temp directory,
 * removed after it: read it as `.dir` inside a test or a hook.
 */
export function useNockContract(): { readonly dir: string } {
  let current: { dir: string; cleanup: () => Promise<void> } | undefined;
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  beforeEach(async () => {
    current = await tempDir();
  });
  afterEach(async () => {
    nock.cleanAll();
    clearSecretValues();
    await current?.cleanup();
    current = undefined;
  });
  afterAll(() => {
    nock.cleanAll();
    nock.restore();
  });
  return {
    get dir(): string {
      if (current === undefined) throw new Error("the contract test directory exists only while a test runs");
      return current.dir;
    },
  };
}

/** What {@link ship} leaves behind: the pipeline's outcome, its state store, and where it dead-letters. */
export interface ShipResult {
  readonly outcome: PipelineOutcome;
  readonly state: FileStateStore;
  /** The offset the pipeline commits (read it with `state.get(ref)`). */
  readonly ref: OffsetRef;
  /** The dead-letter file of this exporter (read it with {@link deadLetters}). */
  readonly deadLetter: string;
}

/**
 * Drives an exporter through the real pipeline (batching, retries with a tiny backoff, 413 splitting,
 * dead-letter, offsets), with a file state store and dead-letter in `dir`; opens the exporter first and closes it
 * afterwards. `start` is the offset the exporter starts after (default: the epoch).
 */
export async function ship(
  exporter: Exporter,
  records: readonly LogRecord[],
  dir: string,
  options: { concurrency?: number; retryBudgetMs?: number; now?: number; start?: string } = {},
): Promise<ShipResult> {
  const state = new FileStateStore(join(dir, "state"));
  const deadLetter = new FileDeadLetter(join(dir, "dead-letter"));
  const ref: OffsetRef = { shipper: "s", offsetKey: "LogShipper-state", exporter: exporter.id };
  const pipeline = new ExporterPipeline({
    shipper: "s",
    exporter,
    ref,
    start: { ts: options.start ?? "1970-01-01T00:00:00.000000000Z", key: "" },
    stored: undefined,
    configHash: "h",
    concurrency: options.concurrency ?? 1,
    retryBudgetMs: options.retryBudgetMs ?? 10_000,
    state,
    deadLetter,
    runNow: options.now ?? Date.now(),
    shouldStop: () => false,
    backoff: { baseMs: 1, maxMs: 5 },
  });
  await exporter.open?.();
  try {
    for (const r of records) {
      const wait = pipeline.push(r);
      if (wait) await wait;
    }
    const outcome = await pipeline.finish();
    return { outcome, state, ref, deadLetter: deadLetter.describe("s", exporter.id) };
  } finally {
    await exporter.close?.();
  }
}

/** One dead-letter line, parsed (`uncertain` when the destination rejected part of a request without saying which). */
export interface DeadLetterLine {
  readonly reason: string;
  readonly entry: LogEntry;
  readonly uncertain?: { readonly request: string; readonly rejected: number; readonly of: number };
}

/** Lines of a dead-letter file ([] when there is none). */
export async function deadLetters(file: string): Promise<DeadLetterLine[]> {
  try {
    const text = await readFile(file, "utf8");
    return text
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as DeadLetterLine);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
}

/**
 * Runs `apply` for real: a JSON-lines file in `dir`, a native config with one shipper whose only exporter is
 * `exporterYaml` (indented under `logExporters:`), a FileStateStore and a file dead-letter in `dir`.
 */
export async function applyOnce(
  dir: string,
  lines: readonly LogEntry[] | readonly string[],
  exporterYaml: string,
  options: { env?: NodeJS.ProcessEnv; now?: Date; append?: boolean } = {},
): Promise<{ report: ApplyReport; state: FileStateStore; deadLetter: string }> {
  const text = lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n";
  if (options.append) {
    const previous = await readFile(join(dir, "logs.jsonl"), "utf8").catch(() => "");
    await writeFile(join(dir, "logs.jsonl"), previous + text);
  } else {
    await writeFile(join(dir, "logs.jsonl"), text);
  }
  const yaml = [
    "shippers:",
    "  - id: s",
    "    source: { type: file, path: logs.jsonl }",
    "    logLevelFilter: TRACE",
    "    lookbackPeriod: P30D",
    "    logExporters:",
    exporterYaml
      .trim()
      .split("\n")
      .map((l) => `      ${l}`)
      .join("\n"),
    "",
  ].join("\n");
  const config = loadConfigText(join(dir, "logshipper.yaml"), yaml, dir);
  const { report, state, deadLetter } = await applyIn(dir, config, options);
  return { report, state, deadLetter: deadLetter.describe("s", "out") };
}

/** What {@link applyIn} returns: the apply report and the stores the run used. */
export interface Applied {
  readonly report: ApplyReport;
  readonly state: FileStateStore;
  readonly deadLetter: FileDeadLetter;
}

/**
 * Runs `apply` for real on a loaded config: offsets in a FileStateStore in `dir/state` (or `options.state`, to
 * apply again on the same store), a file dead-letter in `dir/dead`, secrets from `options.env` through an
 * EnvSecretResolver (`SECRET_<NAME>` in base64, see {@link secretEnv}) unless `options.secrets` is given, and
 * the pipeline's tiny test backoff.
 */
export async function applyIn(
  dir: string,
  config: LoadedConfig,
  options: { env?: NodeJS.ProcessEnv; secrets?: SecretResolver; state?: FileStateStore; now?: Date } = {},
): Promise<Applied> {
  const env = options.env ?? {};
  const state = options.state ?? new FileStateStore(join(dir, "state"));
  const deadLetter = new FileDeadLetter(join(dir, "dead"));
  const { report } = await runApply(config, {
    state,
    secrets: options.secrets ?? new EnvSecretResolver(env),
    deadLetter,
    now: options.now ?? new Date(),
    owner: "test",
    env,
    backoff: { baseMs: 1, maxMs: 5 },
  });
  return { report, state, deadLetter };
}

/** Base64 as EnvSecretResolver expects `SECRET_<NAME>` values. */
export function secretEnv(values: Record<string, string>): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [`SECRET_${k}`, Buffer.from(v).toString("base64")]),
  );
}
