/**
 * The watermark side of scale-out: advancing each exporter's offset over its finished slices, the running plan's
 * status for `plan`, and the end of a run ({@link finalizeRun}).
 */
import type { PlanSlices } from "../../generated/report";
import type { ResolvedShipper } from "../config/model";
import { compareCursor } from "../core/cursor";
import { redact } from "../secrets/redaction";
import type { InvalidLine } from "../sources/source";
import type { Lease, OffsetRecord, SliceState, StateStore } from "../state/state-store";
import type { ApplyContext, ExporterRun, ShipperRun } from "./apply";
import { laggingDrift } from "./drift";
import {
  attachRun,
  describeConfiguredSource,
  exporterOf,
  exporterPlanOf,
  loadRunPlan,
  sliceStateOf,
  type RunHandle,
  type SliceRun,
} from "./scale-out-common";
import {
  contiguousPrefix,
  countSlices,
  passedPlan,
  progressKey,
  progressMap,
  type SlicePlan,
  type SliceProgress,
} from "./slices";

/** True when a state store can keep slice plans. */
export function isSliceCapable(state: StateStore): state is StateStore & SliceState {
  try {
    sliceStateOf(state);
    return true;
  } catch {
    return false;
  }
}

/** Each plan exporter's stored offset. */
export async function storedOffsets(
  state: StateStore,
  plan: SlicePlan,
): Promise<Map<string, OffsetRecord | undefined>> {
  const out = new Map<string, OffsetRecord | undefined>();
  for (const e of plan.exporters)
    out.set(e.id, await state.get({ shipper: plan.shipper, offsetKey: plan.offsetKey, exporter: e.id }));
  return out;
}

/**
 * Advances each exporter's stored offset to the end of its longest run of finished buckets (compare-and-set,
 * fenced by `lease`); totals grow by the newly passed slices' counts, `configHash` is the plan's. Exporters the
 * config no longer has are left alone.
 */
export async function advancePlan(
  shipper: ResolvedShipper,
  plan: SlicePlan,
  state: StateStore & SliceState,
  lease: Lease,
): Promise<Map<string, SliceProgress>> {
  const progress = progressMap(await state.listSliceProgress(shipper.id, plan.runId));
  for (const e of plan.exporters) {
    const configured = shipper.exporters.find((x) => x.id === e.id);
    if (configured === undefined) continue;
    const ref = { shipper: shipper.id, offsetKey: plan.offsetKey, exporter: e.id };
    const stored = await state.get(ref);
    const prefix = contiguousPrefix(plan, progress, e.id, stored?.cursor);
    // the offset moves to the last record acknowledged in the finished buckets, where a serial run would be
    const next = prefix?.last;
    if (prefix === undefined || next === undefined) continue;
    if (stored !== undefined && compareCursor(next, stored.cursor) <= 0) continue;
    await state.commit(
      ref,
      stored?.cursor,
      {
        cursor: next,
        updatedAt: new Date().toISOString(),
        configHash: e.configHash,
        exporterType: configured.type,
        shipped: (stored?.shipped ?? 0) + prefix.shipped,
        rejected: (stored?.rejected ?? 0) + prefix.rejected,
      },
      lease,
    );
  }
  return progress;
}

/** Advances every exporter's watermark of a running plan (see the module's docs); attaches to the run's lease. */
export async function advanceWatermarks(
  shipper: ResolvedShipper,
  handle: RunHandle,
  context: ApplyContext,
): Promise<void> {
  const state = sliceStateOf(context.state);
  const plan = await loadRunPlan(state, shipper, handle);
  await advancePlan(shipper, plan, state, await attachRun(state, handle, context));
}

/**
 * How the shipper's open plan stands (for `plan`): its run id and how many slices are done, running, pending and
 * failed; `undefined` when there is no open plan or the state cannot keep plans. Reads only the state.
 */
export async function runningPlanStatus(
  state: StateStore,
  shipper: Pick<ResolvedShipper, "id" | "offsetKey">,
): Promise<PlanSlices | undefined> {
  if (!isSliceCapable(state)) return undefined;
  const plan = await state.getSlicePlan(shipper.id, shipper.offsetKey);
  if (plan === undefined) return undefined;
  const progress = progressMap(await state.listSliceProgress(shipper.id, plan.runId));
  const stored = await storedOffsets(state, plan);
  const since = new Map([...stored].flatMap(([id, r]) => (r !== undefined ? [[id, r.cursor] as const] : [])));
  return { runId: plan.runId, ...countSlices(plan, progress, since) };
}

/** What the engine that ran the slices knows beyond the state (optional input of {@link finalizeRun}). */
export interface RunTally {
  readonly startedAt?: number;
  readonly slices?: readonly SliceRun[];
  /** Errors of slices that could not be run (a worker died, a Lambda failed). */
  readonly errors?: readonly string[];
}

/**
 * Ends a run: advances the watermarks, deletes the plan when every exporter passed its last bucket, releases the
 * lease, and returns a `ShipperRun` for the report builder. Counts are this run's (progress written under its
 * lease token). An exporter is `failed` when a slice failed for it, `partial` when slices remain, else `ok`.
 */
export async function finalizeRun(
  shipper: ResolvedShipper,
  handle: RunHandle,
  context: ApplyContext,
  tally: RunTally = {},
): Promise<ShipperRun> {
  const state = sliceStateOf(context.state);
  const plan = await loadRunPlan(state, shipper, handle);
  const lease = await attachRun(state, handle, context);
  try {
    const progress = await advancePlan(shipper, plan, state, lease);
    const stored = await storedOffsets(state, plan);
    const finished = plan.exporters.every((e) => passedPlan(plan, progress, e.id, stored.get(e.id)?.cursor));
    if (finished) await state.deleteSlicePlan(plan, lease);
    const exporters = plan.exporters.map((e) =>
      exporterRun(
        shipper,
        plan,
        handle,
        progress,
        e.id,
        stored,
        tally,
        context.deadLetter.describe(shipper.id, e.id),
      ),
    );
    const errors = tally.errors ?? [];
    const statuses = exporters.map((e) => e.status);
    const status =
      errors.length > 0 || statuses.includes("failed")
        ? "failed"
        : statuses.includes("partial")
          ? "partial"
          : "ok";
    const slices = tally.slices ?? [];
    const samples: InvalidLine[] = slices.flatMap((s) => s.invalidSamples).slice(0, 5);
    const messages = [...errors, ...slices.flatMap((s) => s.message ?? [])];
    return {
      shipper,
      source: describeConfiguredSource(shipper),
      status,
      ...(messages.length > 0 ? { message: redact(messages.join("; ")) } : {}),
      exporters,
      drift: exporters
        .filter((e) => e.status === "partial")
        .map((e) =>
          laggingDrift(
            shipper,
            e.plan.exporter.id,
            (e.outcome?.cursor ?? e.plan.start).ts,
            plan.to,
            `slices of run ${plan.runId} remain; the next run resumes them`,
          ),
        ),
      read: slices.reduce((n, s) => n + s.read, 0),
      invalid: slices.reduce((n, s) => n + s.invalid, 0),
      invalidSamples: samples,
      durationMs: Date.now() - (tally.startedAt ?? Date.parse(plan.createdAt)),
    };
  } finally {
    await lease.release().catch(() => undefined);
  }
}

function exporterRun(
  shipper: ResolvedShipper,
  plan: SlicePlan,
  handle: RunHandle,
  progress: ReadonlyMap<string, SliceProgress>,
  id: string,
  stored: ReadonlyMap<string, OffsetRecord | undefined>,
  tally: RunTally,
  deadLetter: string,
): ExporterRun {
  const e = plan.exporters.find((x) => x.id === id) as SlicePlan["exporters"][number];
  exporterOf(shipper, e);
  const offset = stored.get(id);
  const mine = plan.slices.flatMap((s) => {
    const p = progress.get(progressKey(s.id, id));
    return p !== undefined && p.token === handle.leaseToken ? [p] : [];
  });
  const failed = plan.slices.flatMap((s) => {
    const p = progress.get(progressKey(s.id, id));
    return p?.failed === true ? [p] : [];
  });
  const ran = (tally.slices ?? []).flatMap((s) => s.exporters.filter((x) => x.id === id));
  const status =
    failed.length > 0 ? "failed" : passedPlan(plan, progress, id, offset?.cursor) ? "ok" : "partial";
  const error = failed[0]?.error;
  const sum = (f: (p: SliceProgress) => number): number => mine.reduce((n, p) => n + f(p), 0);
  return {
    plan: exporterPlanOf(shipper, plan, e, offset),
    status,
    outcome: {
      status,
      shipped: sum((p) => p.run?.shipped ?? p.shipped),
      rejected: sum((p) => p.run?.rejected ?? p.rejected),
      uncertain: sum((p) => p.run?.uncertain ?? p.uncertain),
      truncated: ran.reduce((n, x) => n + x.truncated, 0),
      requests: ran.reduce((n, x) => n + x.requests, 0),
      retries: ran.reduce((n, x) => n + x.retries, 0),
      cursor: offset?.cursor,
      ...(error !== undefined ? { error: new Error(error) } : {}),
    },
    ...(error !== undefined ? { error } : {}),
    deadLetter,
  };
}
