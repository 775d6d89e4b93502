import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";

/** Levels at or above INFO: what every row ships (the shipper's `logLevelFilter: INFO`). */
export const KEPT_LEVELS: ReadonlySet<string> = new Set(["INFO", "WARN", "WARNING", "ERROR"]);

/** A Kestra log entry as the peers see it. */
export interface Entry {
  readonly timestamp: string;
  readonly level: string;
  readonly namespace: string;
  readonly flowId: string;
  readonly message: string;
  readonly [field: string]: unknown;
}

/**
 * The lines of a file, a 1 MiB chunk at a time: the plain way to read JSON lines in Node, used by the peers and
 * the floors alike.
 */
export async function* readLineChunks(path: string): AsyncGenerator<string[]> {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const parts = (rest + decoder.write(chunk as Buffer)).split("\n");
    rest = parts.pop() as string;
    if (parts.length > 0) yield parts;
  }
  rest += decoder.end();
  if (rest !== "") yield [rest];
}

/** The kept entries of a file (parsed, level >= INFO), in batches of at most `size`. */
export async function* keptBatches(
  path: string,
  size: number,
): AsyncGenerator<Array<{ entry: Entry; line: string }>> {
  let batch: Array<{ entry: Entry; line: string }> = [];
  for await (const lines of readLineChunks(path)) {
    for (const line of lines) {
      if (line === "") continue;
      const entry = JSON.parse(line) as Entry;
      if (!KEPT_LEVELS.has(entry.level)) continue;
      batch.push({ entry, line });
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

/** Command-line flags of a child, `--name value`. */
export function flags(argv: readonly string[] = process.argv.slice(2)): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith("--"))
      out.set(
        a.slice(2),
        argv[i + 1] !== undefined && !argv[i + 1]?.startsWith("--") ? (argv[++i] as string) : "true",
      );
  }
  return out;
}

/** A required flag. */
export function need(f: Map<string, string>, name: string): string {
  const v = f.get(name);
  if (v === undefined) throw new Error(`--${name} is required`);
  return v;
}

/** What a child reports to the orchestrator on its last stdout line. */
export interface ChildResult {
  /** Seconds of the timed stage (floors), or from after module loading to the end (peers). */
  readonly timedS?: number;
  /** Seconds spent loading modules before the work started. */
  readonly loadS?: number;
  /** Records the child handled (kept records). */
  readonly records?: number;
  /** Bytes of the rate's numerator (see the row). */
  readonly bytes?: number;
  readonly note?: string;
  readonly [extra: string]: unknown;
}

/** Prints the child's result line. */
export function report(result: ChildResult): void {
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

/** Seconds since the process started (module loading included). */
export function uptimeS(): number {
  return process.uptime();
}
