// `npm run bench`: end-to-end throughput and memory of `logshipper apply`, side by side with the official
// clients and the hardware floors, in one invocation. See docs/bench.md.
//
//   npm run bench                          1,000,000 records, 3 runs per row, plus the 5M memory rows
//   npm run bench -- --quick               20,000 records, 1 run per row (smoke run, well under a minute)
//   npm run bench -- --count 200000 --runs 5 --rows ours-es,es-bulk,floor-parse --scale-count 0
//   npm run bench -- --profile --rows ours-es,ours-datadog   (writes .cpuprofile files to bench/data/profiles)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { ensureData, type DataFile } from "./lib/data";
import { describeMachine, load1 } from "./lib/machine";
import { childResult, HAS_GNU_TIME, measureNode, startSink, type Measured, type SinkStats } from "./lib/proc";
import { summarizeProfiles } from "./lib/profile";
import { renderResults, type RowSummary, type RunResult, type Target } from "./lib/report";

const ROOT = join(__dirname, "..");
const DATA = join(ROOT, "bench/data");
const BUILD = join(DATA, "build");

interface Options {
  count: number;
  seed: number;
  runs: number;
  quick: boolean;
  rows: Set<string> | undefined;
  scaleCount: number;
  out: string;
  build: boolean;
  profile: boolean;
  timeoutMs: number;
  /** The CLI bundle under test. */
  cli: string;
  /** Extra node flags for the logshipper rows (experiments, e.g. `--max-semi-space-size=32`). */
  nodeArgs: string[];
}

function parseArgs(argv: readonly string[]): Options {
  const quick = argv.includes("--quick");
  const o: Options = {
    count: quick ? 20_000 : 1_000_000,
    seed: 42,
    runs: quick ? 1 : 3,
    quick,
    rows: undefined,
    scaleCount: quick ? 0 : 5_000_000,
    out: quick ? join(DATA, "results-quick.md") : join(ROOT, "bench/results.md"),
    build: true,
    profile: false,
    timeoutMs: 15 * 60_000,
    cli: join(ROOT, "dist/cli.js"),
    nodeArgs: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = (): number => {
      const n = Number(value().replace(/_/g, ""));
      if (!Number.isInteger(n) || n < 0) throw new Error(`${a}: expected a non-negative integer`);
      return n;
    };
    if (a === "--quick") continue;
    else if (a === "--count") o.count = int();
    else if (a === "--seed") o.seed = int();
    else if (a === "--runs") o.runs = Math.max(1, int());
    else if (a === "--rows") o.rows = new Set(value().split(","));
    else if (a === "--scale-count") o.scaleCount = int();
    else if (a === "--out") o.out = value();
    else if (a === "--no-build") o.build = false;
    else if (a === "--profile") o.profile = true;
    else if (a === "--cli") {
      o.cli = resolve(value());
      o.build = false;
    } else if (a === "--node-args") o.nodeArgs = value().split(" ").filter(Boolean);
    else if (a === "--timeout-s") o.timeoutMs = int() * 1000;
    else if (a === "--help" || a === "-h") {
      console.log(
        "usage: npm run bench -- [--quick] [--count N] [--seed S] [--runs N] [--rows a,b] [--scale-count N|0] [--out FILE] [--no-build] [--profile] [--timeout-s S] [--cli dist/cli.js] [--node-args FLAGS]",
      );
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  return o;
}

/** What a row's process needs to know. */
interface RunContext {
  readonly data: DataFile;
  readonly sinkUrl: string | undefined;
  readonly dir: string;
  readonly cli: string;
}

/** One row of the table. */
interface RowSpec {
  readonly id: string;
  readonly what: string;
  readonly sink?: "datadog" | "es" | "ingest" | "discard";
  /** `wall`: kept records over the process's wall time; `timed`: the child's own timed stage. */
  readonly basis: "wall" | "timed";
  /** The command: `node <args>`. */
  readonly args: (c: RunContext) => string[];
  readonly ours?: boolean;
  /** How many exporters the logshipper row runs (each must ship every kept record); 1 unless set. */
  readonly exporters?: number;
  /** `apply --parallel N` rows: the sink must see every kept record exactly once. */
  readonly parallel?: number;
}

const child = (name: string): string => join(BUILD, `${name}.js`);

/** Rows that `--profile` runs under `node --cpu-prof`: logshipper's and the lean yardsticks. */
const profiled = (row: RowSpec): boolean => row.ours === true || row.id.startsWith("lean-");

function shipperConfig(c: RunContext, exporter: string): void {
  const source = relative(c.dir, c.data.path);
  const yaml = [
    "shippers:",
    "  - id: bench",
    "    source:",
    "      type: file",
    `      path: ${JSON.stringify(source)}`,
    "    logLevelFilter: INFO",
    "    lookbackPeriod: P1D",
    "    logExporters:",
    exporter,
    "",
  ].join("\n");
  writeFileSync(join(c.dir, "logshipper.yaml"), yaml);
}

function applyArgs(c: RunContext): string[] {
  const now = new Date(Date.parse(c.data.meta.lastTs) + 1000).toISOString();
  return [
    c.cli,
    "apply",
    "--config",
    join(c.dir, "logshipper.yaml"),
    "--state",
    join(c.dir, "state"),
    "--dead-letter",
    join(c.dir, "dead-letter"),
    "--now",
    now,
    "--json",
  ];
}

function datadogExporter(id: string, c: RunContext): string {
  return [
    `      - id: ${id}`,
    "        type: datadog",
    `        basePath: ${JSON.stringify(c.sinkUrl)}`,
    "        apiKey: bench-api-key",
  ].join("\n");
}

const ROWS: readonly RowSpec[] = [
  {
    id: "floor-parse",
    what: "floor: read (1 MiB chunks) + split + JSON.parse every line",
    basis: "timed",
    args: (c) => [child("floor-cpu"), "--file", c.data.path, "--mode", "parse"],
  },
  {
    id: "floor-stringify",
    what: "floor: JSON.stringify of the kept records, batches of 1000",
    basis: "timed",
    args: (c) => [child("floor-cpu"), "--file", c.data.path, "--mode", "stringify"],
  },
  {
    id: "floor-gzip1",
    what: "floor: gzip level 1 of the serialized batches (node:zlib)",
    basis: "timed",
    args: (c) => [child("floor-cpu"), "--file", c.data.path, "--mode", "gzip1"],
  },
  {
    id: "floor-gzip6",
    what: "floor: gzip level 6 of the serialized batches (node:zlib)",
    basis: "timed",
    args: (c) => [child("floor-cpu"), "--file", c.data.path, "--mode", "gzip6"],
  },
  {
    id: "floor-http-ingest",
    what: "floor: 1 keep-alive client, 1 MB NDJSON bodies → sink /ingest (sink parses)",
    sink: "ingest",
    basis: "timed",
    args: (c) => [child("floor-http"), "--file", c.data.path, "--url", `${c.sinkUrl}/ingest`],
  },
  {
    id: "floor-http-discard",
    what: "floor: 1 keep-alive client, 1 MB bodies → sink /discard (no parsing)",
    sink: "discard",
    basis: "timed",
    args: (c) => [child("floor-http"), "--file", c.data.path, "--url", `${c.sinkUrl}/discard`],
  },
  {
    id: "ours-es",
    what: "logshipper apply: file → Elasticsearch-shaped sink (_bulk, gzip)",
    sink: "es",
    basis: "wall",
    ours: true,
    args: (c) => {
      shipperConfig(
        c,
        [
          "      - id: es",
          "        type: elasticsearch",
          "        connection:",
          `          hosts: [${JSON.stringify(c.sinkUrl)}]`,
          "        indexName: kestra-logs",
        ].join("\n"),
      );
      return applyArgs(c);
    },
  },
  {
    id: "ours-datadog",
    what: "logshipper apply: file → Datadog-shaped sink (gzip)",
    sink: "datadog",
    basis: "wall",
    ours: true,
    args: (c) => {
      shipperConfig(c, datadogExporter("datadog", c));
      return applyArgs(c);
    },
  },
  {
    id: "ours-datadog-x2",
    what: "logshipper apply: one file source, two Datadog exporters (every record shipped twice)",
    sink: "datadog",
    basis: "wall",
    ours: true,
    exporters: 2,
    args: (c) => {
      shipperConfig(c, `${datadogExporter("datadog-a", c)}\n${datadogExporter("datadog-b", c)}`);
      return applyArgs(c);
    },
  },
  ...[1, 2, 4].map((n): RowSpec => ({
    id: `ours-parallel-${n}`,
    what: `logshipper apply --parallel ${n}: file → Datadog-shaped sink${n > 1 ? ", in slices of count/16 records (plan pass included)" : " (the serial path)"}`,
    sink: "datadog",
    basis: "wall",
    ours: true,
    parallel: n,
    args: (c) => {
      shipperConfig(c, datadogExporter("datadog", c));
      const target = Math.max(1000, Math.ceil(c.data.meta.kept / 16));
      return [...applyArgs(c), "--parallel", String(n), ...(n > 1 ? ["--slice-target", String(target)] : [])];
    },
  })),
  {
    id: "lean-es",
    what: "yardstick: lean hand-written loop → Elasticsearch (1 MB NDJSON, async gzip-1, 4 in flight)",
    sink: "es",
    basis: "wall",
    args: (c) => [child("lean"), "--mode", "es", "--file", c.data.path, "--url", c.sinkUrl as string],
  },
  {
    id: "lean-datadog",
    what: "yardstick: lean hand-written loop → Datadog (1000/batch, async gzip-1, 4 in flight)",
    sink: "datadog",
    basis: "wall",
    args: (c) => [child("lean"), "--mode", "datadog", "--file", c.data.path, "--url", c.sinkUrl as string],
  },
  {
    id: "es-bulk",
    what: "@elastic/elasticsearch helpers.bulk (flushBytes 5 MB, concurrency 5)",
    sink: "es",
    basis: "wall",
    args: (c) => [child("peer-es"), "--file", c.data.path, "--url", c.sinkUrl as string],
  },
  {
    id: "datadog-c1",
    what: "@datadog/datadog-api-client submitLog, 1000/batch, gzip, 1 in flight",
    sink: "datadog",
    basis: "wall",
    args: (c) => [
      child("peer-datadog"),
      "--file",
      c.data.path,
      "--url",
      c.sinkUrl as string,
      "--inflight",
      "1",
    ],
  },
  {
    id: "datadog-c4",
    what: "@datadog/datadog-api-client submitLog, 1000/batch, gzip, 4 in flight",
    sink: "datadog",
    basis: "wall",
    args: (c) => [
      child("peer-datadog"),
      "--file",
      c.data.path,
      "--url",
      c.sinkUrl as string,
      "--inflight",
      "4",
    ],
  },
];

/** Why a run does not count, or `undefined` when it does. */
function invalidReason(
  row: RowSpec,
  data: DataFile,
  m: Measured,
  result: Record<string, unknown> | undefined,
  sink: SinkStats | undefined,
): string | undefined {
  if (m.timedOut) return "timed out";
  if (m.code !== 0) {
    const failed = row.ours ? parseReport(m.stdout)?.shippers?.[0]?.exporters?.[0]?.error : undefined;
    return `exit ${m.code ?? m.signal}: ${failed ?? (lastLine(m.stderr) || lastLine(m.stdout))}`;
  }
  const meta = data.meta;
  if (sink !== undefined) {
    if (row.sink === "discard") {
      if (sink.records !== meta.kept || sink.bodyBytes !== meta.keptBytes)
        return `sink saw ${sink.records} records / ${sink.bodyBytes} bytes, expected ${meta.kept} / ${meta.keptBytes}`;
    } else if (sink.unique !== meta.kept || sink.checksum !== meta.checksum) {
      return `sink saw ${sink.unique} unique records (${sink.records} in all, checksum ${sink.checksum}), expected ${meta.kept} (${meta.checksum})${sink.errors.length ? `; ${sink.errors[0]}` : ""}`;
    } else if (row.parallel !== undefined && sink.records !== meta.kept) {
      return `sink saw ${sink.records} records in all, expected each of the ${meta.kept} once`;
    } else if (row.exporters !== undefined && sink.records < row.exporters * meta.kept) {
      return `sink saw ${sink.records} records from ${row.exporters} exporters, expected ${row.exporters} × ${meta.kept}`;
    }
  } else if (result?.records !== meta.kept) {
    return `handled ${String(result?.records)} records, expected ${meta.kept}`;
  }
  if (row.ours) {
    const exporters = parseReport(m.stdout)?.shippers?.[0]?.exporters ?? [];
    if (exporters.length !== (row.exporters ?? 1)) return `apply reported ${exporters.length} exporters`;
    for (const exp of exporters)
      if (exp?.status !== "ok" || exp.shipped !== meta.kept)
        return `apply reported ${exp?.status ?? "nothing"}, shipped ${String(exp?.shipped)}: ${exp?.error ?? ""}`;
  }
  return undefined;
}

interface ApplyJson {
  shippers?: Array<{
    exporters?: Array<{
      status?: string;
      shipped?: number;
      requests?: number;
      retries?: number;
      rejected?: number;
      error?: string;
    }>;
  }>;
}

function parseReport(stdout: string): ApplyJson | undefined {
  try {
    return JSON.parse(stdout) as ApplyJson;
  } catch {
    return undefined;
  }
}

function lastLine(text: string): string {
  const lines = text.trim().split("\n");
  return (lines[lines.length - 1] ?? "").slice(0, 300);
}

async function runOnce(row: RowSpec, data: DataFile, o: Options, round: number): Promise<RunResult> {
  const dir = join(DATA, "run", `${row.id}-${round}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const sink = row.sink !== undefined ? await startSink(child("sink")) : undefined;
  try {
    const ctx: RunContext = { data, sinkUrl: sink?.url, dir, cli: o.cli };
    const args = row.args(ctx);
    const nodeArgs = row.ours ? [...o.nodeArgs] : [];
    if (o.profile && profiled(row))
      nodeArgs.push("--cpu-prof", "--cpu-prof-dir", join(DATA, "profiles", row.id));
    const m = await measureNode(nodeArgs, args, {
      preload: child("usage-preload"),
      cwd: dir,
      env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", CHECKPOINT_DISABLE: "1" },
      timeoutMs: o.timeoutMs,
    });
    const stats = sink !== undefined ? await sink.stats() : undefined;
    const result = childResult(m.stdout);
    const why = invalidReason(row, data, m, result, stats);
    const timedS = typeof result?.timedS === "number" ? result.timedS : undefined;
    const seconds = row.basis === "wall" ? m.wallS : (timedS ?? NaN);
    const records = row.basis === "wall" ? data.meta.kept : Number(result?.records ?? NaN);
    const mbBytes =
      row.basis === "wall"
        ? data.meta.keptBytes
        : row.id === "floor-parse"
          ? data.meta.bytes
          : Number(result?.bytes ?? NaN);
    const report = row.ours ? parseReport(m.stdout)?.shippers?.[0]?.exporters?.[0] : undefined;
    const notes: string[] = [];
    if (typeof result?.note === "string") notes.push(result.note);
    if (stats && row.sink !== "discard" && stats.records > stats.unique)
      notes.push(`${stats.records - stats.unique} duplicates`);
    if (report?.retries) notes.push(`${report.retries} retries`);
    if (report?.rejected) notes.push(`${report.rejected} rejected`);
    return {
      row: row.id,
      count: data.meta.count,
      valid: why === undefined,
      why,
      wallS: m.wallS,
      seconds,
      rate: records / seconds,
      mbps: mbBytes / 1e6 / seconds,
      rssMiB: m.maxRssKb !== undefined ? m.maxRssKb / 1024 : undefined,
      cpuS: m.cpuS,
      sinkCpuS: stats?.cpuS,
      requests: stats?.requests,
      wireMB: stats !== undefined ? stats.wireBytes / 1e6 : undefined,
      notes,
      clientRate:
        row.basis === "wall" && typeof result?.timedS === "number" && typeof result.records === "number"
          ? result.records / result.timedS
          : undefined,
      loadS: typeof result?.loadS === "number" ? result.loadS : undefined,
      load: load1(),
    };
  } finally {
    await sink?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function fmtProgress(r: RunResult): string {
  const rss = r.rssMiB !== undefined ? `${r.rssMiB.toFixed(0)} MiB` : "?";
  const rate = Number.isFinite(r.rate) ? Math.round(r.rate).toLocaleString("en-US") : "-";
  return `${r.row.padEnd(20)} ${r.wallS.toFixed(2).padStart(7)} s  ${rate.padStart(10)} rec/s  RSS ${rss.padStart(8)}  load ${r.load}  ${r.valid ? "valid" : `INVALID: ${r.why}`}`;
}

async function buildAll(o: Options): Promise<void> {
  if (o.build) {
    const b = spawnSync(process.execPath, [join(ROOT, "scripts/build.js")], { cwd: ROOT, stdio: "inherit" });
    if (b.status !== 0) throw new Error("npm run build failed");
  }
  if (!existsSync(o.cli)) throw new Error(`${o.cli} is missing: run npm run build`);
  const dir = join(__dirname, "children");
  await build({
    entryPoints: readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && f !== "common.ts")
      .map((f) => join(dir, f)),
    outdir: BUILD,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
}

/** Size and cold import time of the Lambda bundle, when the build makes one. */
async function lambdaReadiness(
  o: Options,
): Promise<{ text: string; bytes?: number; importMs?: number; nodeMs?: number }> {
  const mod = (await import(pathToFileURL(join(ROOT, "scripts/build.js")).href)) as {
    bundleLambda?: (outdir: string) => Promise<{ file: string; bytes: number }>;
    default?: { bundleLambda?: (outdir: string) => Promise<{ file: string; bytes: number }> };
  };
  const bundleLambda = mod.bundleLambda ?? mod.default?.bundleLambda;
  let file: string | undefined;
  if (bundleLambda !== undefined) file = (await bundleLambda(join(DATA, "lambda"))).file;
  else if (existsSync(join(ROOT, "dist/lambda/index.js"))) file = join(ROOT, "dist/lambda/index.js");
  if (file === undefined) return { text: "n/a (no bundle: scripts/build.js makes no Lambda handler yet)" };
  const bytes = statSync(file).size;
  const n = Math.max(3, o.runs);
  const time = (args: string[]): number[] => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, args, {
        stdio: "pipe",
        env: { ...process.env, NODE_OPTIONS: "" },
      });
      if (r.status !== 0) throw new Error(`cold import failed: ${r.stderr.toString().slice(0, 300)}`);
      out.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return out;
  };
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
  try {
    const importMs = median(time(["-e", "require(process.argv[1])", file]));
    const nodeMs = median(time(["-e", "0"]));
    return {
      text: `${relative(ROOT, file)}: ${(bytes / 1024).toFixed(0)} KiB; cold \`node -e 'require(bundle)'\` ${importMs.toFixed(0)} ms (bare \`node -e 0\` ${nodeMs.toFixed(0)} ms, so ${(importMs - nodeMs).toFixed(0)} ms for the bundle), median of ${n}`,
      bytes,
      importMs,
      nodeMs,
    };
  } catch (err) {
    return {
      text: `${relative(ROOT, file)}: ${(bytes / 1024).toFixed(0)} KiB; ${(err as Error).message}`,
      bytes,
    };
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function summarize(row: RowSpec, runs: RunResult[]): RowSummary {
  const valid = runs.filter((r) => r.valid);
  const med = (f: (r: RunResult) => number | undefined): number | undefined => {
    const xs = valid.map(f).filter((x): x is number => x !== undefined && Number.isFinite(x));
    return xs.length ? median(xs) : undefined;
  };
  const notes = [...new Set(valid.flatMap((r) => r.notes))];
  const clientRate = med((r) => r.clientRate);
  if (clientRate !== undefined)
    notes.unshift(
      `${Math.round(clientRate).toLocaleString("en-US")} rec/s timed inside the client, after ${med((r) => r.loadS)?.toFixed(1)} s of module loading`,
    );
  if (valid.length === 0 && runs[0]?.why) notes.push(`invalid: ${runs[0].why}`);
  return {
    id: row.id,
    what: row.what,
    basis: row.basis,
    runs: runs.length,
    valid: valid.length,
    wallS: med((r) => r.wallS),
    rate: med((r) => r.rate),
    mbps: med((r) => r.mbps),
    rssMedianMiB: med((r) => r.rssMiB),
    rssMaxMiB: valid.length ? Math.max(...valid.map((r) => r.rssMiB ?? 0)) : undefined,
    cpuS: med((r) => r.cpuS),
    sinkCpuS: row.sink ? med((r) => r.sinkCpuS) : undefined,
    requests: row.sink ? med((r) => r.requests) : undefined,
    wireMB: row.sink ? med((r) => r.wireMB) : undefined,
    notes,
  };
}

function targets(rows: Map<string, RowSummary>, scale: Map<string, RowSummary>, o: Options): Target[] {
  const rate = (id: string): number | undefined => rows.get(id)?.rate;
  const ratio = (a: number | undefined, b: number | undefined): number | undefined =>
    a !== undefined && b !== undefined && b > 0 ? a / b : undefined;
  const ddPeer = Math.max(rate("datadog-c1") ?? 0, rate("datadog-c4") ?? 0) || undefined;
  const cpu = (id: string): number | undefined => rows.get(id)?.cpuS;
  /** A ceiling on the ratio of two rows' CPU seconds (the rows ship the same records). */
  const cpuRatio = (what: string, goal: number, row: string, base: string): Target => ({
    what,
    goal,
    measured: ratio(cpu(row), cpu(base)),
    lowerIsBetter: true,
  });
  const out: Target[] = [
    cpuRatio(
      "CPU per shipped record, logshipper → ES-shaped sink ≤ 1.0× the lean hand-written loop (lean-es)",
      1,
      "ours-es",
      "lean-es",
    ),
    cpuRatio(
      "CPU per shipped record, logshipper → Datadog-shaped sink ≤ 0.8× the lean hand-written loop (lean-datadog)",
      0.8,
      "ours-datadog",
      "lean-datadog",
    ),
    cpuRatio(
      "CPU per record with two exporters on one shipper ≤ 1.4× one exporter (ours-datadog-x2 / ours-datadog)",
      1.4,
      "ours-datadog-x2",
      "ours-datadog",
    ),
    {
      what: "file → ES-shaped sink ≥ 2× the official ES client (records/s)",
      goal: 2,
      measured: ratio(rate("ours-es"), rate("es-bulk")),
    },
    {
      what: "file → ES-shaped sink ≥ 0.7× the read+parse floor (records/s)",
      goal: 0.7,
      measured: ratio(rate("ours-es"), rate("floor-parse")),
    },
    {
      what: "file → Datadog-shaped sink (gzip) ≥ 3× the official Datadog client (its best of 1 and 4 in flight)",
      goal: 3,
      measured: ratio(rate("ours-datadog"), ddPeer),
    },
  ];
  const LIMIT_MIB = 150e6 / 2 ** 20;
  const peak = (m: Map<string, RowSummary>): number | undefined => {
    const xs = ["ours-es", "ours-datadog"]
      .map((id) => m.get(id)?.rssMaxMiB)
      .filter((x): x is number => x !== undefined);
    return xs.length ? Math.max(...xs) : undefined;
  };
  const p1 = peak(rows);
  out.push({
    what: `peak RSS of logshipper apply ≤ 150 MB (${LIMIT_MIB.toFixed(1)} MiB) with ${o.count.toLocaleString("en-US")} records in the backlog${o.count === 1_000_000 ? "" : " (the goal is stated at 1,000,000)"}`,
    goal: LIMIT_MIB,
    measured: p1,
    unit: "MiB",
    lowerIsBetter: true,
  });
  const p5 = peak(scale);
  out.push({
    what: `peak RSS at ${o.scaleCount > 0 ? o.scaleCount.toLocaleString("en-US") : "5,000,000"} records ≤ 1.1× the peak at ${o.count.toLocaleString("en-US")}`,
    goal: 1.1,
    measured: ratio(p5, p1),
    lowerIsBetter: true,
    missing: o.scaleCount > 0 ? undefined : "not measured (run with --scale-count 5000000)",
  });
  return out;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const loadStart = load1();
  const log = (line: string): void => console.log(line);
  await buildAll(o);
  if (o.profile) rmSync(join(DATA, "profiles"), { recursive: true, force: true });
  const data = await ensureData(ROOT, o.count, o.seed, log);
  const rows = ROWS.filter((r) => o.rows === undefined || o.rows.has(r.id));
  const results = new Map<string, RunResult[]>(rows.map((r) => [r.id, []]));
  log(
    `bench: ${data.meta.count.toLocaleString("en-US")} records (${(data.meta.bytes / 1e6).toFixed(1)} MB), ${data.meta.kept.toLocaleString("en-US")} kept; ${rows.length} rows × ${o.runs} runs; load ${loadStart}`,
  );
  for (let round = 0; round < o.runs; round++) {
    // interleaved, and each round starts at a different row so that no row always follows the same one
    for (let k = 0; k < rows.length; k++) {
      const row = rows[(k + round) % rows.length] as RowSpec;
      const r = await runOnce(row, data, o, round);
      (results.get(row.id) as RunResult[]).push(r);
      log(`[${round + 1}/${o.runs}] ${fmtProgress(r)}`);
    }
  }
  const summaries = new Map(rows.map((r) => [r.id, summarize(r, results.get(r.id) as RunResult[])]));
  const scale = new Map<string, RowSummary>();
  let scaleData: DataFile | undefined;
  if (o.scaleCount > 0) {
    scaleData = await ensureData(ROOT, o.scaleCount, o.seed, log);
    for (const row of rows.filter((r) => r.ours && r.exporters === undefined)) {
      const r = await runOnce(row, scaleData, o, 0);
      log(`[${o.scaleCount.toLocaleString("en-US")}] ${fmtProgress(r)}`);
      scale.set(row.id, summarize(row, [r]));
    }
  }
  const lambda = await lambdaReadiness(o);
  log(`lambda: ${lambda.text}`);
  const text = renderResults({
    date: new Date(started).toISOString(),
    durationS: (Date.now() - started) / 1000,
    options: { count: o.count, seed: o.seed, runs: o.runs, quick: o.quick, scaleCount: o.scaleCount },
    machine: describeMachine(ROOT),
    load: { start: loadStart, end: load1() },
    gnuTime: HAS_GNU_TIME,
    data: data.meta,
    scaleData: scaleData?.meta,
    rows: [...summaries.values()],
    scaleRows: [...scale.values()],
    targets: targets(summaries, scale, o),
    lambda: lambda.text,
    invalid: [...results.values()]
      .flat()
      .filter((r) => !r.valid)
      .map((r) => `${r.row}: ${r.why}`),
  });
  mkdirSync(dirname(o.out), { recursive: true });
  writeFileSync(o.out, text);
  log("");
  log(text);
  log(`written to ${relative(process.cwd(), o.out)}`);
  if (o.profile) {
    for (const row of rows.filter(profiled)) {
      const dir = join(DATA, "profiles", row.id);
      if (existsSync(dir)) for (const s of summarizeProfiles(dir)) log(`\nprofile of ${row.id}: ${s}`);
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
