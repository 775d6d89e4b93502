import type { DataMeta } from "./data";
import type { Machine } from "./machine";

/** One measured run of a row. */
export interface RunResult {
  readonly row: string;
  readonly count: number;
  readonly valid: boolean;
  readonly why?: string;
  /** Process wall time, launch to exit. */
  readonly wallS: number;
  /** The seconds the rate is computed on (wall, or the child's timed stage). */
  readonly seconds: number;
  readonly rate: number;
  readonly mbps: number;
  readonly rssMiB?: number;
  readonly cpuS?: number;
  readonly sinkCpuS?: number;
  readonly requests?: number;
  readonly wireMB?: number;
  readonly notes: string[];
  /** Peers: kept records per second timed inside the client, after its modules loaded. */
  readonly clientRate?: number;
  /** Peers: seconds spent loading modules. */
  readonly loadS?: number;
  /** 1-minute load average when the run ended. */
  readonly load: number;
}

/** Medians over a row's valid runs. */
export interface RowSummary {
  readonly id: string;
  readonly what: string;
  readonly basis: "wall" | "timed";
  readonly runs: number;
  readonly valid: number;
  readonly wallS?: number;
  readonly rate?: number;
  readonly mbps?: number;
  readonly rssMedianMiB?: number;
  readonly rssMaxMiB?: number;
  readonly cpuS?: number;
  readonly sinkCpuS?: number;
  readonly requests?: number;
  readonly wireMB?: number;
  readonly notes: string[];
}

/** A goal and what this run measured. */
export interface Target {
  readonly what: string;
  readonly goal: number;
  readonly measured?: number;
  readonly unit?: string;
  /** The goal is a ceiling (memory), not a floor (throughput). */
  readonly lowerIsBetter?: boolean;
  /** Why it was not measured. */
  readonly missing?: string;
}

/** Everything results.md shows. */
export interface Results {
  readonly date: string;
  readonly durationS: number;
  readonly options: { count: number; seed: number; runs: number; quick: boolean; scaleCount: number };
  readonly machine: Machine;
  readonly load: { start: number; end: number };
  readonly gnuTime: boolean;
  readonly data: DataMeta;
  readonly scaleData?: DataMeta;
  readonly rows: RowSummary[];
  readonly scaleRows: RowSummary[];
  readonly targets: Target[];
  readonly lambda: string;
  readonly invalid: string[];
}

const int = (n: number | undefined): string =>
  n === undefined ? "—" : Math.round(n).toLocaleString("en-US");
const fix = (n: number | undefined, d = 1): string => (n === undefined ? "—" : n.toFixed(d));

/** MET, MISSED, or why it was not measured. */
export function verdict(t: Target): string {
  if (t.measured === undefined) return t.missing ?? "not measured (a row was missing or invalid)";
  const met = t.lowerIsBetter ? t.measured <= t.goal : t.measured >= t.goal;
  return met ? "MET" : "MISSED";
}

function table(rows: RowSummary[]): string[] {
  const out = [
    "| row | what | valid runs | wall s (process) | records/s | MB/s | peak RSS MiB (median / max) | CPU s (process) | CPU s (sink) | requests | wire MB | notes |",
    "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const r of rows) {
    out.push(
      `| ${r.id} | ${r.what} | ${r.valid}/${r.runs} | ${fix(r.wallS)} | ${int(r.rate)} | ${fix(r.mbps)} | ${int(r.rssMedianMiB)} / ${int(r.rssMaxMiB)} | ${fix(r.cpuS)} | ${fix(r.sinkCpuS)} | ${int(r.requests)} | ${fix(r.wireMB)} | ${r.notes.join("; ")} |`,
    );
  }
  return out;
}

function describeData(d: DataMeta): string {
  const levels = Object.entries(d.shape.levelsPct)
    .map(([l, p]) => `${l} ${p}%`)
    .join(", ");
  return (
    `${d.count.toLocaleString("en-US")} records, ${(d.bytes / 1e6).toFixed(1)} MB (${d.shape.bytesPerRecord} B/record), ` +
    `seed ${d.seed}, ${d.firstTs} → ${d.lastTs}; levels ${levels}; ${d.shape.tiesPct}% tied timestamps, ` +
    `${d.shape.bigPct}% messages of 5–20 KB, ${d.shape.multiLinePct}% multi-line, ${d.shape.nonAsciiPct}% non-ASCII, ` +
    `${d.shape.namespaces} namespaces. Kept (level ≥ INFO): ${d.kept.toLocaleString("en-US")} records, ${(d.keptBytes / 1e6).toFixed(1)} MB as JSONL.`
  );
}

/** The results as Markdown (results.md, and what the run prints). */
export function renderResults(r: Results): string {
  const m = r.machine;
  const lines: string[] = [
    "# Benchmark results",
    "",
    `Measured on ${r.date} in ${r.durationS.toFixed(0)} s (count ${r.options.count.toLocaleString("en-US")}, seed ${r.options.seed}, ${r.options.runs} run(s) per row${r.options.quick ? ", --quick" : ""}). Produced by \`npm run bench\`; see docs/bench.md for what each row means.`,
    "",
    `- Machine: ${m.os}, ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB RAM, Linux ${m.kernel}. The shipper (or peer) and the sink share these cores.`,
    `- Load average (1 min) at start ${r.load.start}, at end ${r.load.end}${r.load.start > m.cores || r.load.end > m.cores ? ": **the machine was busy with other work; absolute figures are low, compare ratios within this run**" : ""}.`,
    `- Versions: Node ${m.node}; ${Object.entries(m.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join("; ")}.`,
    `- Peak RSS and CPU from ${r.gnuTime ? "GNU `time -v`" : "the process's own `process.resourceUsage()`"}.`,
    `- Data: ${describeData(r.data)}`,
    "",
    ...table(r.rows),
    "",
    "**records/s** = kept records per second: for `wall` rows (logshipper and the peers) over the whole process from launch to exit; for floors over the timed stage only. **MB/s**: logshipper and peers = kept JSONL MB per second; floor-parse = whole file; stringify = serialized output; gzip = uncompressed input; HTTP floors = body MB. **wire MB** = bytes the sink received (compressed where the client compresses). A run is valid only when the sink saw exactly the kept records (unique identities and their checksum).",
    "",
  ];
  if (r.scaleRows.length > 0 && r.scaleData) {
    lines.push(
      `## Memory at ${r.scaleData.count.toLocaleString("en-US")} records`,
      "",
      `Data: ${describeData(r.scaleData)}`,
      "",
      ...table(r.scaleRows),
      "",
    );
  }
  lines.push("## Targets", "", "| target | goal | measured | |", "|---|---:|---:|---|");
  for (const t of r.targets) {
    const goal = t.unit
      ? `${t.lowerIsBetter ? "≤" : "≥"} ${t.goal.toFixed(1)} ${t.unit}`
      : `${t.lowerIsBetter ? "≤" : "≥"} ${t.goal}×`;
    const measured =
      t.measured === undefined
        ? "—"
        : t.unit
          ? `${t.measured.toFixed(1)} ${t.unit}`
          : `${t.measured.toFixed(2)}×`;
    lines.push(`| ${t.what} | ${goal} | ${measured} | ${verdict(t)} |`);
  }
  lines.push("", "## Lambda readiness", "", `- ${r.lambda}`, "");
  if (r.invalid.length > 0) {
    lines.push("## Invalid runs", "", ...r.invalid.map((i) => `- ${i}`), "");
  } else {
    lines.push("Every run was valid.", "");
  }
  return lines.join("\n");
}
