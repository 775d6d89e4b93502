import type {
  ApplyExporter,
  ApplyReport,
  ApplyShipper,
  PlanReport,
  PlanSlices,
} from "../../generated/report";
import type { LoadedConfig, ResolvedShipper } from "../config/model";
import { LogShipperError } from "../core/errors";
import { toIso } from "../core/timestamp";
import { redact } from "../secrets/redaction";
import { createSource } from "../sources/registry";
import type { SourceContext } from "../sources/registry";
import type { Source } from "../sources/source";
import type { StateStore, StoredOffset } from "../state/state-store";
import { applyShipper, type ApplyContext, type ShipperRun } from "./apply";
import { orphanedState, type Drift } from "./drift";
import { planShipper, type PlanContext, type ShipperPlan } from "./plan";
import { runningPlanStatus } from "./scale-out";

/** Picks the shippers named by `--shipper` (all when none). Throws for an unknown id. */
export function selectShippers(config: LoadedConfig, ids: readonly string[] | undefined): ResolvedShipper[] {
  if (ids === undefined || ids.length === 0) return [...config.shippers];
  const known = new Map(config.shippers.map((s) => [s.id, s]));
  return ids.map((id) => {
    const s = known.get(id);
    if (s === undefined) {
      throw new LogShipperError(
        "UNKNOWN_SHIPPER",
        `--shipper ${id}: no such shipper in ${config.file}; declared: ${[...known.keys()].join(", ")}`,
      );
    }
    return s;
  });
}

/** Inputs of a whole plan. */
export interface RunPlanOptions extends Omit<PlanContext, "source"> {
  readonly shippers?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly createSource?: (shipper: ResolvedShipper, context: SourceContext) => Promise<Source>;
}

/** Plans every selected shipper and checks for orphaned state. */
export async function runPlan(
  config: LoadedConfig,
  options: RunPlanOptions,
): Promise<{ report: PlanReport; plans: ShipperPlan[] }> {
  const selected = selectShippers(config, options.shippers);
  const plans: ShipperPlan[] = [];
  const running = new Map<string, PlanSlices>();
  const drift: Drift[] = [];
  for (const shipper of selected) {
    // remote sources (Kestra API, CloudWatch) need their credentials to check and count
    const context: SourceContext = {
      baseDir: shipper.baseDir,
      env: options.env ?? process.env,
      secrets: options.secrets,
    };
    const source = options.createSource
      ? await options.createSource(shipper, context)
      : await createSource(shipper.source, context);
    try {
      const plan = await planShipper(shipper, { ...options, source });
      plans.push(plan);
      const slices = await runningPlanStatus(options.state, shipper);
      if (slices !== undefined) running.set(shipper.id, slices);
      drift.push(...plan.drift);
    } finally {
      await source.close?.();
    }
  }
  const only = options.shippers && options.shippers.length > 0 ? new Set(options.shippers) : undefined;
  drift.push(...orphanedState(config.shippers, await storedOffsets(options.state, only), only));
  const report: PlanReport = {
    command: "plan",
    now: options.now.toISOString(),
    state: options.state.describe(),
    shippers: plans.map((p) => ({
      id: p.shipper.id,
      source: describeSource(p),
      exporters: p.exporters.map((e) => ({
        id: e.exporter.id,
        type: e.exporter.type,
        from: toIso(e.start.ts),
        to: toIso(e.to),
        pending: e.pending,
        action: e.action,
        cursor: e.stored?.cursor ?? null,
      })),
      ...(running.has(p.shipper.id) ? { slices: running.get(p.shipper.id) } : {}),
    })),
    drift: drift.map(redactDrift),
    warnings: [...config.warnings],
  };
  return { report, plans };
}

function describeSource(p: ShipperPlan): string {
  const s = p.shipper.source;
  return s.type === "file" ? `file ${s.path}` : s.type;
}

/** Inputs of a whole apply. */
export interface RunApplyOptions extends ApplyContext {
  readonly shippers?: readonly string[];
}

/**
 * Applies every selected shipper in turn, then checks for orphaned state. `runShipper` runs one shipper
 * (default `applyShipper`; `apply --parallel N` passes one that calls `runSliced`).
 */
export async function runApply(
  config: LoadedConfig,
  options: RunApplyOptions,
  runShipper: (shipper: ResolvedShipper) => Promise<ShipperRun> = (s) => applyShipper(s, options),
): Promise<{ report: ApplyReport; runs: ShipperRun[] }> {
  const started = Date.now();
  const selected = selectShippers(config, options.shippers);
  const runs: ShipperRun[] = [];
  for (const shipper of selected) runs.push(await runShipper(shipper));
  const only = options.shippers && options.shippers.length > 0 ? new Set(options.shippers) : undefined;
  const drift = [
    ...runs.flatMap((r) => r.drift),
    ...orphanedState(config.shippers, await storedOffsets(options.state, only), only),
  ];
  const report: ApplyReport = {
    command: "apply",
    now: options.now.toISOString(),
    state: options.state.describe(),
    shippers: runs.map(shipperReport),
    drift: drift.map(redactDrift),
    invalidLines: runs.reduce((n, r) => n + r.invalid, 0),
    invalidSamples: runs.flatMap((r) =>
      r.invalidSamples.map((s) => ({ location: `${r.shipper.id}: ${s.location}`, reason: s.reason })),
    ),
    warnings: [...config.warnings],
    durationMs: Date.now() - started,
  };
  return { report, runs };
}

/**
 * The stored offsets that the orphan check judges: only the selected shippers' when `--shipper` is given. Listing
 * them one shipper at a time keeps a DynamoDB state to `Query` on each shipper's partition (no table `Scan`, which
 * the Lambda's IAM policy, restricted to its shippers' leading keys, does not grant).
 */
async function storedOffsets(
  state: StateStore,
  only: ReadonlySet<string> | undefined,
): Promise<StoredOffset[]> {
  if (only === undefined) return state.list();
  const lists = await Promise.all([...only].map((id) => state.list(id)));
  return lists.flat();
}

/** One shipper's part of the apply report, from its run (also the Lambda's `finalize` report of a sliced run). */
export function shipperReport(r: ShipperRun): ApplyShipper {
  return {
    id: r.shipper.id,
    source: r.source,
    status: r.status,
    ...(r.message ? { message: redact(r.message) } : {}),
    read: r.read,
    invalidLines: r.invalid,
    durationMs: r.durationMs,
    exporters: r.exporters.map((e): ApplyExporter => ({
      id: e.plan.exporter.id,
      type: e.plan.exporter.type,
      from: toIso(e.plan.start.ts),
      to: toIso(e.plan.to),
      shipped: e.outcome?.shipped ?? 0,
      rejected: e.outcome?.rejected ?? 0,
      uncertain: e.outcome?.uncertain ?? 0,
      status: e.status,
      requests: e.outcome?.requests ?? 0,
      retries: e.outcome?.retries ?? 0,
      truncated: e.outcome?.truncated ?? 0,
      ...(e.error ? { error: e.error } : {}),
      cursor: e.outcome?.cursor ?? e.plan.stored?.cursor ?? null,
      deadLetter: e.deadLetter,
    })),
  };
}

function redactDrift(d: Drift): Drift {
  return { ...d, message: redact(d.message) };
}
