/**
 * Scale-out (issue 15): a backlog split into slices shipped in parallel, with one correct watermark per exporter.
 * The entry points the CLI (`apply --parallel N`) and the Lambda modes (`plan`, `slice`, `finalize`) call:
 * {@link planRun}, {@link shipSlice}, {@link advanceWatermarks}, {@link finalizeRun}, and the in-process engine
 * {@link runSliced}. Defaults are in {@link ScaleOutSettings}.
 */
import { randomBytes } from "node:crypto";
import type { PlanSlices } from "../../generated/report";
import type { ResolvedShipper } from "../config/model";
import { compareCursor } from "../core/cursor";
import { describeError } from "../core/errors";
import { redact } from "../secrets/redaction";
import type { InvalidLine } from "../sources/source";
import { LeaseLostError, LockHeldError } from "../state/errors";
import type { Lease, OffsetRecord, SliceState, StateStore } from "../state/state-store";
import { acquire, applyShipper, type ApplyContext, type ExporterRun, type ShipperRun } from "./apply";
import { openSource } from "./fan-out";
import { planShipper } from "./plan";
import {
  attachRun,
  describeConfiguredSource,
  exporterOf,
  exporterPlanOf,
  loadRunPlan,
  planMatches,
  resolveSettings,
  sliceStateOf,
  type RunHandle,
  type ScaleOutSettings,
  type SliceRun,
} from "./scale-out-common";
import { draftSlices } from "./slice-planning";
import { shipSlice } from "./slice-ship";
import {
  contiguousPrefix,
  countSlices,
  isPast,
  lowestStart,
  numberSlices,
  passedPlan,
  progressKey,
  progressMap,
  type SlicePlan,
  type SliceProgress,
  type SliceSpec,
} from "./slices";

export * from "./scale-out-common";
export { shipSlice } from "./slice-ship";

/** What {@link planRun} decided. */
export interface PlannedRun {
  /** The run's lease (kept); `undefined` when the run is serial or the shipper is locked. */
  readonly handle: RunHandle | undefined;
  readonly plan: SlicePlan | undefined;
  /** Slices some exporter still has to ship. */
  readonly pending: SliceSpec[];
  /** True when an open plan was resumed. */
  readonly resumed: boolean;
}

const SERIAL: PlannedRun = { handle: undefined, plan: undefined, pending: [], resumed: false };

/**
 * Takes the shipper's lease and KEEPS it, then resumes the open plan or makes a new one. An open plan whose
 * exporters differ from the config (ids or config hashes) is abandoned with a warning after advancing what it
 * can. Returns `plan: undefined` (lease released) when the state cannot keep plans, the shipper is locked by
 * another run, or the backlog is too small to slice: the caller then runs the serial `applyShipper`.
 */
export async function planRun(
  shipper: ResolvedShipper,
  context: ApplyContext,
  settings?: ScaleOutSettings,
): Promise<PlannedRun> {
  const state = context.state;
  if (!isSliceCapable(state)) return SERIAL;
  let lease: Lease;
  try {
    lease = await acquire(shipper.id, context);
  } catch (err) {
    if (err instanceof LockHeldError) return SERIAL;
    throw err;
  }
  try {
    const open = await state.getSlicePlan(shipper.id, shipper.offsetKey);
    if (open !== undefined && planMatches(open, shipper)) {
      const plan: SlicePlan = { ...open, owner: lease.owner, leaseToken: lease.token };
      await state.putSlicePlan(plan, lease);
      const pending = await pendingSlices(state, plan);
      return { handle: handleOf(plan), plan, pending, resumed: true };
    }
    if (open !== undefined) {
      (context.warn ?? (() => undefined))(
        `${shipper.id}: the open slice plan ${open.runId} was made for other exporters or configs; it is abandoned after advancing each exporter's offset as far as its finished slices reach`,
      );
      await advancePlan(shipper, open, state, lease);
      await state.deleteSlicePlan(open, lease);
    }
    const plan = await newPlan(shipper, context, settings, lease);
    if (plan === undefined) {
      await lease.release();
      return SERIAL;
    }
    await state.putSlicePlan(plan, lease);
    return { handle: handleOf(plan), plan, pending: [...plan.slices], resumed: false };
  } catch (err) {
    await lease.release().catch(() => undefined);
    throw err;
  }
}

function isSliceCapable(state: StateStore): state is StateStore & SliceState {
  try {
    sliceStateOf(state);
    return true;
  } catch {
    return false;
  }
}

function handleOf(plan: SlicePlan): RunHandle {
  return { shipper: plan.shipper, runId: plan.runId, owner: plan.owner, leaseToken: plan.leaseToken };
}

/** A new run id: sortable by time, unique by its random tail. */
function newRunId(now: Date): string {
  return `r${now
    .toISOString()
    .replace(/[-:.TZ]/g, "")
    .slice(0, 14)}-${randomBytes(4).toString("hex")}`;
}

async function newPlan(
  shipper: ResolvedShipper,
  context: ApplyContext,
  settings: ScaleOutSettings | undefined,
  lease: Lease,
): Promise<SlicePlan | undefined> {
  const resolved = resolveSettings(shipper, settings);
  const source = await openSource(shipper, context);
  try {
    const planned = await planShipper(shipper, {
      state: context.state,
      source,
      now: context.now,
      count: false,
    });
    if (planned.drift.some((d) => d.kind === "source-missing" || d.kind === "source-error")) return undefined;
    const exporters = planned.exporters.map((e) => ({
      id: e.exporter.id,
      configHash: e.exporter.configHash,
      start: e.start,
    }));
    if (exporters.length === 0) return undefined;
    const from = lowestStart({ exporters });
    if (from.ts >= planned.to) return undefined;
    const drafts = await draftSlices(
      source,
      { after: from, to: planned.to, filter: shipper.filter },
      resolved,
    );
    if (drafts === undefined) return undefined;
    return {
      shipper: shipper.id,
      offsetKey: shipper.offsetKey,
      runId: newRunId(context.now),
      createdAt: new Date().toISOString(),
      owner: lease.owner,
      leaseToken: lease.token,
      to: planned.to,
      exporters,
      slices: numberSlices(drafts, from.ts, planned.to),
      maxConcurrency: resolved.maxConcurrency,
    };
  } finally {
    await source.close?.().catch(() => undefined);
  }
}

/** The slices that some exporter behind them has not finished (failed ones included: a new run retries them). */
async function pendingSlices(state: StateStore & SliceState, plan: SlicePlan): Promise<SliceSpec[]> {
  const progress = progressMap(await state.listSliceProgress(plan.shipper, plan.runId));
  const stored = await storedOffsets(state, plan);
  return plan.slices.filter((s) =>
    plan.exporters.some((e) => {
      if (isPast(s, e.start, stored.get(e.id)?.cursor)) return false;
      const p = progress.get(progressKey(s.id, e.id));
      return p?.done !== true || p.failed === true;
    }),
  );
}

async function storedOffsets(
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
async function advancePlan(
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
    if (prefix === undefined || (stored !== undefined && compareCursor(prefix.cursor, stored.cursor) <= 0))
      continue;
    await state.commit(
      ref,
      stored?.cursor,
      {
        cursor: prefix.cursor,
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
      drift: [],
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
      shipped: sum((p) => p.shipped),
      rejected: sum((p) => p.rejected),
      uncertain: sum((p) => p.uncertain),
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

/**
 * The in-process engine: plans (or resumes), runs the pending slices `concurrency` at a time (at most the plan's
 * `maxConcurrency`) through `runSlice`, advances the watermarks after each, and finalizes. `runSlice` defaults to
 * {@link shipSlice} in this process; the worker-thread engine passes one that ships in a worker. A slice that ends
 * `done: false` (time budget) stops further scheduling. Without a plan, this is `applyShipper`.
 */
export async function runSliced(
  shipper: ResolvedShipper,
  context: ApplyContext,
  settings: ScaleOutSettings | undefined,
  runSlice?: (sliceId: string, handle: RunHandle) => Promise<SliceRun>,
  concurrency = 1,
): Promise<ShipperRun> {
  const startedAt = Date.now();
  const planned = await planRun(shipper, context, settings);
  if (planned.handle === undefined || planned.plan === undefined) return applyShipper(shipper, context);
  const handle = planned.handle;
  const run = runSlice ?? ((id: string, h: RunHandle) => shipSlice(shipper, h, id, context));
  const queue = [...planned.pending];
  const slices: SliceRun[] = [];
  const errors: string[] = [];
  let stop = false;
  let advancing: Promise<void> = Promise.resolve();
  const advance = (): void => {
    advancing = advancing
      .then(() => advanceWatermarks(shipper, handle, context))
      .catch((err: unknown) => void errors.push(`advancing the watermarks: ${redact(describeError(err))}`));
  };
  const worker = async (): Promise<void> => {
    while (!stop && queue.length > 0) {
      const slice = queue.shift() as SliceSpec;
      try {
        const result = await run(slice.id, handle);
        slices.push(result);
        if (!result.done) stop = true;
      } catch (err) {
        errors.push(`slice ${slice.id}: ${redact(describeError(err))}`);
        if (err instanceof LeaseLostError) stop = true;
      }
      advance();
    }
  };
  const width = Math.max(1, Math.min(concurrency, planned.plan.maxConcurrency));
  await Promise.all(Array.from({ length: width }, worker));
  await advancing;
  return finalizeRun(shipper, handle, context, { startedAt, slices, errors });
}
