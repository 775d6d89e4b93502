import { createHash } from "node:crypto";
import { createWriteStream, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { generateKestraLogs, writeLines } from "../../src/testing/kestra-log-generator";
import { identityOf, IdentitySet } from "./identity";

/** First timestamp of every benchmark data file (fixed, so a file is the same bytes whenever it is made). */
export const DATA_START_MS = Date.UTC(2026, 0, 1);
/** The span the records of a file cover, whatever their count, so that they fit Datadog's 18-hour window. */
const TARGET_SPAN_MS = 4 * 3_600_000;

/** What the orchestrator knows about a data file: its size, what a run must deliver, and its measured shape. */
export interface DataMeta {
  /** Changes when the generator or its parameters change (the file is then made again). */
  readonly version: string;
  readonly count: number;
  readonly seed: number;
  readonly stepMs: number;
  readonly bytes: number;
  /** Records at level >= INFO: what every row must deliver. */
  readonly kept: number;
  /** Their bytes as JSON lines (newlines included). */
  readonly keptBytes: number;
  /** Order-independent digest of the kept records' identities (see identity.ts). */
  readonly checksum: string;
  readonly firstTs: string;
  readonly lastTs: string;
  readonly shape: {
    readonly tiesPct: number;
    readonly bigPct: number;
    readonly multiLinePct: number;
    readonly nonAsciiPct: number;
    readonly levelsPct: Record<string, number>;
    readonly namespaces: number;
    readonly bytesPerRecord: number;
  };
}

/** A data file and its meta. */
export interface DataFile {
  readonly path: string;
  readonly meta: DataMeta;
}

const KEPT = new Set(["INFO", "WARN", "ERROR"]);

function stepFor(count: number): number {
  // the generator advances 85% of the records by 1 + [0, 2*step) ms: about step + 0.5 ms on average
  return Math.max(1, Math.min(50, Math.floor(TARGET_SPAN_MS / (0.85 * count) - 0.5)));
}

function versionOf(root: string, count: number, seed: number, stepMs: number): string {
  const source = readFileSync(join(root, "src/testing/kestra-log-generator.ts"));
  return createHash("sha256")
    .update(source)
    .update(`${count}/${seed}/${DATA_START_MS}/${stepMs}/identity-v1`)
    .digest("hex")
    .slice(0, 16);
}

/**
 * The data file `bench/data/logs-<count>-s<seed>.jsonl`, made with the project's Kestra log generator unless an
 * up-to-date one is already there. Its meta (`.meta.json` beside it) holds the expected delivery and the shape
 * measured while writing it.
 */
export async function ensureData(
  root: string,
  count: number,
  seed: number,
  log: (line: string) => void,
): Promise<DataFile> {
  const dir = join(root, "bench/data");
  await mkdir(dir, { recursive: true });
  const path = join(dir, `logs-${count}-s${seed}.jsonl`);
  const metaPath = `${path}.meta.json`;
  const stepMs = stepFor(count);
  const version = versionOf(root, count, seed, stepMs);
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, "utf8")) as DataMeta;
    if (meta.version === version) return { path, meta };
  }
  log(`generating ${path} (${count.toLocaleString("en-US")} records, seed ${seed}) ...`);
  const started = Date.now();
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp);
  const ids = new IdentitySet();
  const levels: Record<string, number> = {};
  const namespaces = new Set<string>();
  let bytes = 0;
  let keptBytes = 0;
  let ties = 0;
  let big = 0;
  let multi = 0;
  let nonAscii = 0;
  let prev = "";
  let firstTs = "";
  // measures each line on its way to the file
  function* measured(): Generator<string> {
    for (const line of generateKestraLogs({ count, seed, startMs: DATA_START_MS, stepMs })) {
      const e = JSON.parse(line) as { timestamp: string; level: string; namespace: string; message: string };
      const size = Buffer.byteLength(line) + 1;
      bytes += size;
      if (firstTs === "") firstTs = e.timestamp;
      if (e.timestamp === prev) ties++;
      prev = e.timestamp;
      levels[e.level] = (levels[e.level] ?? 0) + 1;
      namespaces.add(e.namespace);
      if (e.message.length >= 5000) big++;
      if (e.message.includes("\n")) multi++;
      if (Buffer.byteLength(e.message) !== e.message.length) nonAscii++;
      if (KEPT.has(e.level)) {
        ids.add(identityOf(e));
        keptBytes += size;
      }
      yield line;
    }
  }
  await writeLines(out, measured());
  if (ids.unique !== ids.total)
    throw new Error(`the generator made ${ids.total - ids.unique} identical records`);
  const pct = (n: number): number => Math.round((10000 * n) / count) / 100;
  const meta: DataMeta = {
    version,
    count,
    seed,
    stepMs,
    bytes,
    kept: ids.unique,
    keptBytes,
    checksum: ids.checksum,
    firstTs,
    lastTs: prev,
    shape: {
      tiesPct: pct(ties),
      bigPct: pct(big),
      multiLinePct: pct(multi),
      nonAsciiPct: pct(nonAscii),
      levelsPct: Object.fromEntries(
        ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"].map((l) => [l, pct(levels[l] ?? 0)]),
      ),
      namespaces: namespaces.size,
      bytesPerRecord: Math.round(bytes / count),
    },
  };
  renameSync(tmp, path);
  writeFileSync(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
  log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${(bytes / 1e6).toFixed(1)} MB`);
  return { path, meta };
}
