// Runs one shipper in-process (the real reconciler, pipeline, file exporter and file state) against a hostile
// source, and judges the outcome by the one rule of the hostile-source suite: the run ends ok with every record in
// range delivered exactly once, or it fails with source-incomplete, and every record its cursor passed was
// delivered exactly once. Zero scenarios may end ok with a record missing.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ResolvedShipper } from "../../../src/config/model";
import { loadConfigText } from "../../../src/config/load";
import type { LogEntry } from "../../../src/core/log-record";
import { normalizeTimestamp } from "../../../src/core/timestamp";
import { runApply, runPlan } from "../../../src/reconcile/reconciler";
import { EnvSecretResolver } from "../../../src/secrets/env-secret-resolver";
import { FileDeadLetter } from "../../../src/shipping/dead-letter";
import type { SourceContext } from "../../../src/sources/registry";
import type { Source } from "../../../src/sources/source";
import { FileStateStore } from "../../../src/state/file-state-store";
import { recordResult, tally } from "./results";

/** How one apply ended, as the suite judges it. */
export interface HostileRun {
  readonly status: string;
  readonly drift: string[];
  readonly message?: string;
  /** The committed cursor's timestamp (sortable form), if any. */
  readonly cursorTs?: string;
  /** Deliveries per record number, over every apply so far. */
  readonly seen: Map<number, number>;
}

/** One shipper, its directory and its state, applied as often as a scenario needs. */
export class HostileShipper {
  readonly state: FileStateStore;

  constructor(
    readonly dir: string,
    private readonly source: Record<string, unknown>,
    private readonly createSource?: (shipper: ResolvedShipper, context: SourceContext) => Promise<Source>,
    private readonly shipper: Record<string, unknown> = {},
  ) {
    this.state = new FileStateStore(join(dir, "state"));
  }

  private config() {
    const config = {
      shippers: [
        {
          id: "hostile",
          source: this.source,
          logLevelFilter: "INFO",
          lookbackPeriod: "PT2H",
          batchSize: 250,
          ...this.shipper,
          logExporters: [{ id: "out", type: "file", path: "out/logs.jsonl", chunk: 100 }],
        },
      ],
    };
    return loadConfigText(join(this.dir, "cfg.json"), JSON.stringify(config), this.dir, { strictVars: true });
  }

  /** `plan`: the pending count and the drift kinds. */
  async plan(now: Date): Promise<{ pending: number | null | undefined; drift: string[] }> {
    const { report } = await runPlan(this.config(), {
      state: this.state,
      now,
      secrets: new EnvSecretResolver({}),
      env: {},
      createSource: this.createSource,
    });
    return { pending: report.shippers[0]?.exporters[0]?.pending, drift: report.drift.map((d) => d.kind) };
  }

  /** `apply` once. */
  async apply(now: Date): Promise<HostileRun> {
    const { runs } = await runApply(this.config(), {
      state: this.state,
      secrets: new EnvSecretResolver({}),
      deadLetter: new FileDeadLetter(join(this.dir, "dead")),
      now,
      owner: "hostile-test",
      env: {},
      backoff: { baseMs: 1, maxMs: 5 },
      createSource: this.createSource,
    });
    const run = runs[0]!;
    const stored = await this.state.get({
      shipper: "hostile",
      offsetKey: "LogShipper-state",
      exporter: "out",
    });
    return {
      status: run.status,
      drift: run.drift.map((d) => d.kind),
      message: run.message,
      cursorTs: stored?.cursor.ts,
      seen: delivered(join(this.dir, "out", "logs.jsonl")),
    };
  }
}

/** Deliveries per record number (the trailing number of each message) in a JSON-lines output file. */
export function delivered(path: string): Map<number, number> {
  const seen = new Map<number, number>();
  if (!existsSync(path)) return seen;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line === "") continue;
    const n = Number(/(\d+)$/.exec((JSON.parse(line) as LogEntry).message)?.[1]);
    seen.set(n, (seen.get(n) ?? 0) + 1);
  }
  return seen;
}

/** A record the scenario expects: its number and timestamp. */
export interface Expected {
  readonly n: number;
  readonly timestamp: string;
}

/**
 * Judges a run (see the file comment) and records its row in the reliability summary. `mustFail`: the scenario
 * cannot be read completely, so it must end source-incomplete; otherwise it must end ok. `maybe`: records that may or may not arrive (late
 * inserts, purged logs), at most once. `never`: records outside the range or below the level, never delivered.
 */
export function judge(
  scenario: string,
  faults: string,
  run: HostileRun,
  expected: readonly Expected[],
  options: { mustFail?: boolean; maybe?: readonly number[]; never?: readonly number[]; note?: string } = {},
): void {
  const t = tally(
    expected.map((e) => e.n),
    run.seen,
  );
  const passed = run.cursorTs;
  // every record the cursor passed (strictly older than it) was delivered exactly once
  const lostBehindCursor =
    passed === undefined
      ? []
      : expected.filter((e) => (normalizeTimestamp(e.timestamp) as string) < passed && !run.seen.has(e.n));
  const repeated = [...run.seen.entries()].filter(([, c]) => c > 1).map(([n]) => n);
  recordResult({
    scenario,
    faults,
    expected: t.expected,
    delivered: t.delivered,
    duplicated: t.duplicated,
    lost: run.status === "ok" ? t.lost : lostBehindCursor.length,
    note: `${run.status}${run.drift.includes("source-incomplete") ? " source-incomplete" : ""}${options.note ? `; ${options.note}` : ""}`,
  });
  expect(repeated).toEqual([]);
  for (const n of options.never ?? []) expect(run.seen.has(n)).toBe(false);
  // each scenario has one right outcome: a server that can be read completely must be (no failing "to be safe")
  expect(run.status).toBe(options.mustFail ? "failed" : "ok");
  if (options.mustFail) {
    expect({ status: run.status, incomplete: run.drift.includes("source-incomplete") }).toEqual({
      status: "failed",
      incomplete: true,
    });
    expect(lostBehindCursor.map((e) => e.n)).toEqual([]);
    return;
  }
  expect(t.missing).toEqual([]);
  expect(t.lost).toBe(0);
}
