import { createWriteStream, existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { generateKestraLogs, prng, writeLines } from "../../../src/testing/kestra-log-generator";

/** The clock every scenario pins (`--now`): records are generated in the hours before it. */
export const NOW = "2026-11-25T12:00:00Z";
/** Where generated records start. */
export const T0 = Date.parse("2026-11-25T08:00:00.000Z");

/**
 * Writes `count` realistic Kestra log lines (the project's generator: ties, multi-line, non-ASCII, 0.5% of 5–20 KB
 * messages) numbered for counting: each gets a `"seq":<n>` field and its message starts with `seq=<n> `, so a
 * sink finds the number whatever the destination's mapping keeps. Returns the ids written.
 */
export async function writeNumberedLogs(
  path: string,
  options: { count: number; seed?: number; startMs?: number; stepMs?: number },
): Promise<number[]> {
  const generated = generateKestraLogs({
    count: options.count,
    seed: options.seed ?? 42,
    startMs: options.startMs ?? T0,
    stepMs: options.stepMs ?? 20,
  });
  function* numbered(): Generator<string> {
    let i = 0;
    for (const line of generated) {
      const at = line.lastIndexOf(',"message":"') + 12;
      yield `${line.slice(0, at)}seq=${i} ${line.slice(at, -1)},"seq":${i}}`;
      i++;
    }
  }
  await mkdir(dirname(path), { recursive: true });
  await writeLines(createWriteStream(path), numbered());
  return [...Array(options.count).keys()];
}

const SEQ = /seq=(\d+) /;

/** The record number in a delivered payload (a JSON line, a document, a message), or undefined. */
export function seqOf(text: string): number | undefined {
  const m = SEQ.exec(text);
  return m ? Number(m[1]) : undefined;
}

/**
 * Counts, per record number, the lines of a JSON-lines file. A line that is not a whole record goes to `corrupt`
 * (a crash in the middle of a write leaves the written part of one line: see {@link tornLines}).
 */
export function countFile(path: string): { seen: Map<number, number>; corrupt: string[] } {
  const seen = new Map<number, number>();
  const corrupt: string[] = [];
  if (!existsSync(path)) return { seen, corrupt };
  const text = readFileSync(path, "utf8");
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (line === "") continue;
    const seq = seqOf(line);
    if (seq === undefined || !isJson(line)) corrupt.push(line);
    else seen.set(seq, (seen.get(seq) ?? 0) + 1);
  }
  return { seen, corrupt };
}

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

/**
 * The corrupt lines that are not the start of a source line (a torn write leaves a prefix of one record, which
 * is sent again in full; anything else, such as two records mixed in one line, is damage).
 */
export function notTorn(corrupt: readonly string[], sourceFile: string): string[] {
  if (corrupt.length === 0) return [];
  const lines = readFileSync(sourceFile, "utf8").split("\n").sort();
  return corrupt.filter((fragment) => {
    let lo = 0;
    let hi = lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((lines[mid] as string) < fragment) lo = mid + 1;
      else hi = mid;
    }
    return !(lines[lo] ?? "").startsWith(fragment);
  });
}

/** A seeded random source for the fault schedule; the seed is printed so a failure can be replayed. */
export function scenarioRandom(name: string): { seed: number; random: () => number } {
  const fromEnv = process.env.RELIABILITY_SEED;
  const seed = fromEnv !== undefined ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
  // each scenario gets its own stream from the same seed
  let h = seed;
  for (const c of name) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  return { seed, random: prng(h) };
}

/**
 * Writes `<dir>/<name>.yaml`: one shipper `name` reading `glob` (relative to `dir`) at every level, with these
 * exporters (each a YAML flow mapping) and the file source's other properties, if any (YAML flow-mapping entries,
 * e.g. `maxLineBytes: 262144`). Returns the file.
 */
export function writeShipperConfig(
  dir: string,
  name: string,
  exporters: readonly string[],
  glob = "logs/*.jsonl",
  sourceProperties = "",
): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `shippers:
  - id: ${name}
    source: { type: file, path: "${glob}"${sourceProperties ? `, ${sourceProperties}` : ""} }
    logLevelFilter: TRACE
    batchSize: 1000
    logExporters:
${exporters.map((e) => `      - ${e}`).join("\n")}
`,
  );
  return file;
}
