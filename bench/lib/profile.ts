import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The parts of a V8 `.cpuprofile` this summary reads. */
interface CpuProfile {
  readonly nodes: ReadonlyArray<{
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string };
    readonly children?: readonly number[];
  }>;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Where a sample's time goes: the first of our functions up its stack decides, V8's own entries stand alone. */
const BUCKETS: ReadonlyArray<readonly [string, RegExp]> = [
  [
    "source (read, split, JSON.parse, checks)",
    /^(line|fill|readLines|pushLine|checkEntry|normalizeTimestamp|isMillisecondUtc|twoDigits|fileKey|take|head|hasBuffered|seekLooksRight|bad|normalizeLevel|levelRank|namespaceMatches|isAfter|before|ParsedRecord)$/,
  ],
  [
    "pipeline and apply",
    /^(push|wants|dispatch|deliver|sendWithRetry|pump|kick|wake|commit|drain|applyShipper|addRejected|finish|emptyBatch|compact)$/,
  ],
  [
    "exporter (encode, body, response)",
    /^(encode|encodeFields|send|body|documentId|items|post|pick|prefix|tags|jsonArrayBody|postGzippedJson|gzipBody|gzip\d*|hasReservedKey)$/,
  ],
];

/**
 * Self time of a CPU profile by part of the program, as fractions of the busy (non-idle) time. Time in Node's
 * HTTP and stream internals is "http", in zlib's JavaScript (the main thread's share of async gzip) "zlib".
 */
export function summarizeProfile(file: string): string {
  const p = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });
  const buckets = new Map<string, number>();
  for (const [id, t] of self) {
    const cf = byId.get(id)?.callFrame;
    let bucket: string | undefined;
    if (cf && ["(garbage collector)", "(idle)", "(program)"].includes(cf.functionName))
      bucket = cf.functionName;
    else if (cf && /zlib/.test(cf.url)) bucket = "zlib (main thread's share of async gzip)";
    for (let x: number | undefined = id; bucket === undefined && x !== undefined; x = parent.get(x)) {
      const f = byId.get(x)?.callFrame;
      if (f === undefined) break;
      if (/dist\/cli\.js$/.test(f.url)) bucket = BUCKETS.find(([, re]) => re.test(f.functionName))?.[0];
      if (bucket === undefined && /(^|\/)(_http_|net|stream|got\/|http_client)/.test(f.url))
        bucket = "http (got, node:http, sockets)";
      if (bucket === undefined && /loader|Module\._/.test(`${f.url} ${f.functionName}`))
        bucket = "module loading";
    }
    bucket ??= "other";
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + t);
  }
  const idle = buckets.get("(idle)") ?? 0;
  const busy = total - idle;
  const lines = [
    `${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy, ${(idle / 1e6).toFixed(1)} s idle (waiting for I/O)`,
  ];
  for (const [k, t] of [...buckets].sort((a, b) => b[1] - a[1])) {
    if (k === "(idle)") continue;
    lines.push(
      `  ${((100 * t) / busy).toFixed(1).padStart(5)}%  ${(t / 1e6).toFixed(2).padStart(6)} s  ${k}`,
    );
  }
  return lines.join("\n");
}

/** Summaries of the main-thread profiles in a directory (worker-thread profiles are skipped). */
export function summarizeProfiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.0\.\d+\.cpuprofile$/.test(f))
    .map((f) => `${f}\n${summarizeProfile(join(dir, f))}`);
}
