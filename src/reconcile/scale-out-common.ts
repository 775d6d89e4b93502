import { availableParallelism } from "node:os";
import type { ResolvedExporter, ResolvedShipper } from "../config/model";
import { LogShipperError } from "../core/errors";
import type { InvalidLine } from "../sources/source";
import type { Lease, OffsetRecord, SliceState, StateStore } from "../state/state-store";
import { hasSliceState } from "../state/state-store";
import type { ApplyContext } from "./apply";
import type { ExporterPlan } from "./plan";
import type { SlicePlan, SlicePlanExporter } from "./slices";

/**
 * How a backlog is sliced (issue 15). Every field has a default:
 *
 * - `sliceTarget`: records per slice, **50 000** (a few Lambda invocations of work per slice at typical rates);
 * - `maxSlices`: most slices in one plan, **1 000** (the slice list stays far below Step Functions' limits);
 * - `maxConcurrency`: most slices shipped at once; default per source type, {@link DEFAULT_MAX_CONCURRENCY};
 * - `minRecordsToSlice`: a counted backlog below this is shipped serially, **2 × sliceTarget** (100 000);
 * - `sliceSpanMs`: for sources that cannot count (CloudWatch), the time span per slice, **1 hour**; a range
 *   shorter than two spans is shipped serially.
 */
export interface ScaleOutSettings {
  readonly sliceTarget?: number;
  readonly maxSlices?: number;
  readonly maxConcurrency?: number;
  readonly minRecordsToSlice?: number;
  readonly sliceSpanMs?: number;
}

/** Default records per slice. */
export const DEFAULT_SLICE_TARGET = 50_000;
/** Default most slices per plan. */
export const DEFAULT_MAX_SLICES = 1_000;
/** Default time span of a slice when the source cannot count: one hour. */
export const DEFAULT_SLICE_SPAN_MS = 3_600_000;

/**
 * Default slice concurrency per source type: CloudWatch **4** (`FilterLogEvents` allows 5 TPS per account and
 * Region, not raisable; one is left for everything else), Kestra **8**, S3 **8**, files the number of cores
 * (`os.availableParallelism()`; the CLI passes the `--parallel` worker count).
 */
export const DEFAULT_MAX_CONCURRENCY: Readonly<Record<ResolvedShipper["source"]["type"], number>> = {
  cloudwatch: 4,
  kestra: 8,
  s3: 8,
  file: Math.max(1, availableParallelism()),
};

/** The settings with their defaults applied, for one shipper. */
export function resolveSettings(
  shipper: ResolvedShipper,
  settings: ScaleOutSettings = {},
): Required<ScaleOutSettings> {
  const sliceTarget = Math.max(1, settings.sliceTarget ?? DEFAULT_SLICE_TARGET);
  return {
    sliceTarget,
    maxSlices: Math.max(1, settings.maxSlices ?? DEFAULT_MAX_SLICES),
    maxConcurrency: Math.max(1, settings.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY[shipper.source.type]),
    minRecordsToSlice: Math.max(0, settings.minRecordsToSlice ?? 2 * sliceTarget),
    sliceSpanMs: Math.max(1, settings.sliceSpanMs ?? DEFAULT_SLICE_SPAN_MS),
  };
}

/** Identifies a running plan and the lease it runs under (what Step Functions passes between its states). */
export interface RunHandle {
  readonly shipper: string;
  readonly runId: string;
  readonly owner: string;
  readonly leaseToken: number;
}

/** How one exporter's part of one slice ended. */
export interface SliceExporterRun {
  readonly id: string;
  /** skipped: nothing to do (already past the slice, or done before); partial: stopped by the time budget. */
  readonly status: "ok" | "failed" | "partial" | "skipped";
  readonly shipped: number;
  readonly rejected: number;
  readonly uncertain: number;
  readonly requests: number;
  readonly retries: number;
  readonly truncated: number;
  readonly error?: string;
}

/** How one `shipSlice` call ended. */
export interface SliceRun {
  readonly sliceId: string;
  /** True once every exporter of the slice is done or failed: a Step Functions child loop ends on it. */
  readonly done: boolean;
  readonly exporters: SliceExporterRun[];
  /** Records read (after the filters). */
  readonly read: number;
  readonly invalid: number;
  readonly invalidSamples: InvalidLine[];
  /** The source's error, when the read failed. */
  readonly message?: string;
}

/** The context's state as a slice state, or a typed error naming the store. */
export function sliceStateOf(state: StateStore): StateStore & SliceState {
  if (!hasSliceState(state))
    throw new LogShipperError(
      "STATE_NO_SLICES",
      `state ${state.describe()} cannot keep slice plans; use a state directory or a DynamoDB table`,
    );
  return state;
}

/** The stored plan of a run; a typed error when it is gone or belongs to another run. */
export async function loadRunPlan(
  state: SliceState,
  shipper: ResolvedShipper,
  handle: RunHandle,
): Promise<SlicePlan> {
  const plan = await state.getSlicePlan(shipper.id, shipper.offsetKey);
  if (plan === undefined || plan.runId !== handle.runId)
    throw new LogShipperError(
      "SLICE_PLAN_GONE",
      `shipper ${shipper.id}: run ${handle.runId} has no open slice plan${plan ? ` (the open plan is run ${plan.runId})` : ""}; it was finished or replaced`,
    );
  return plan;
}

/** A handle on the run's lease (held by the planner), renewed once to check that it is still held. */
export async function attachRun(state: SliceState, handle: RunHandle, context: ApplyContext): Promise<Lease> {
  const lease = state.attachLease(
    handle.shipper,
    handle.owner,
    handle.leaseToken,
    context.leaseTtlMs ?? 60_000,
  );
  await lease.renew();
  return lease;
}

/** The configured exporter a plan exporter stands for; a typed error when the config no longer has it. */
export function exporterOf(shipper: ResolvedShipper, e: SlicePlanExporter): ResolvedExporter {
  const found = shipper.exporters.find((x) => x.id === e.id);
  if (found === undefined)
    throw new LogShipperError(
      "SLICE_PLAN_MISMATCH",
      `shipper ${shipper.id}: the slice plan names exporter ${e.id}, which the config no longer has`,
    );
  return found;
}

/** An `ExporterPlan` for a plan exporter (what the pipelines and the report builder take). */
export function exporterPlanOf(
  shipper: ResolvedShipper,
  plan: SlicePlan,
  e: SlicePlanExporter,
  stored: OffsetRecord | undefined,
): ExporterPlan {
  const exporter = exporterOf(shipper, e);
  return {
    exporter,
    ref: { shipper: shipper.id, offsetKey: shipper.offsetKey, exporter: e.id },
    stored,
    start: e.start,
    to: plan.to,
    pending: null,
    action: stored !== undefined ? "ship" : "backfill",
  };
}

/** True when the plan's exporters (ids and config hashes) are the shipper's. */
export function planMatches(plan: SlicePlan, shipper: ResolvedShipper): boolean {
  if (plan.exporters.length !== shipper.exporters.length) return false;
  return plan.exporters.every((e) =>
    shipper.exporters.some((x) => x.id === e.id && x.configHash === e.configHash),
  );
}

/** A short description of a shipper's source, for reports written without opening it. */
export function describeConfiguredSource(shipper: ResolvedShipper): string {
  const s = shipper.source;
  return s.type === "file" ? `file ${s.path}` : s.type;
}
