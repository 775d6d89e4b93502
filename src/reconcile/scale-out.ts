/**
 * Scale-out (issue 15): a backlog split into slices shipped in parallel, with one correct watermark per exporter.
 * The entry points the CLI (`apply --parallel N`) and the Lambda modes (`plan`, `slice`, `finalize`) call:
 * {@link planRun}, {@link shipSlice}, {@link advanceWatermarks}, {@link finalizeRun}, and the in-process engine
 * {@link runSliced}. Defaults are in {@link ScaleOutSettings}.
 */
import { randomBytes } from "node:crypto";
import type { ResolvedShipper } from "../config/model";
import { compareCursor, type Cursor } from "../core/cursor";
import { describeError } from "../core/errors";
import { redact } from "../secrets/redaction";
import { LeaseLostError, LockHeldError } from "../state/errors";
import type { Lease, SliceState, StateStore } from "../state/state-store";
import { acquire, applyShipper, type ApplyContext, type ShipperRun } from "./apply";
import { openSource } from "./fan-out";
import { planShipper } from "./plan";
import {
  planMatches,
  resolveSettings,
  type RunHandle,
  type ScaleOutSettings,
  type SliceRun,
} from "./scale-out-common";
import { draftSlices } from "./slice-planning";
import { advancePlan, advanceWatermarks, finalizeRun, isSliceCapable, storedOffsets } from "./watermarks";
import { shipSlice } from "./slice-ship";
import {
  contiguousPrefix,
  isPast,
  lowestStart,
  numberSlices,
  progressKey,
  progressMap,
  type SlicePlan,
  type SliceSpec,
} from "./slices";

export * from "./scale-out-common";
export { shipSlice } from "./slice-ship";
export { advanceWatermarks, finalizeRun, runningPlanStatus, type RunTally } from "./watermarks";

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
    const rewound = open !== undefined ? await rewoundExporters(state, open) : [];
    if (open !== undefined && rewound.length === 0 && planMatches(open, shipper)) {
      const plan: SlicePlan = { ...open, owner: lease.owner, leaseToken: lease.token };
      await state.putSlicePlan(plan, lease);
      const pending = await pendingSlices(state, plan);
      return { handle: handleOf(plan), plan, pending, resumed: true };
    }
    if (open !== undefined) {
      const warn = context.warn ?? (() => undefined);
      if (rewound.length > 0) {
        // `state set-offset` moved an offset behind the plan: advancing would skip what it asks to ship again
        warn(
          `${shipper.id}: the offsets of ${rewound.join(", ")} were set behind the open slice plan ${open.runId}; the plan is abandoned and a new one starts from the offsets`,
        );
      } else {
        warn(
          `${shipper.id}: the open slice plan ${open.runId} was made for other exporters or configs; it is abandoned after advancing each exporter's offset as far as its finished slices reach`,
        );
        await advancePlan(shipper, open, state, lease);
      }
      await state.deleteSlicePlan(open, lease);
    }
    const plan = await whileRenewing(lease, context, () => newPlan(shipper, context, settings, lease));
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

/**
 * Exporters whose offset was moved back (`state set-offset`) into or before the plan's finished part: the stored
 * cursor is behind the last record of the exporter's finished buckets and is none of the places this engine (or
 * a crash before its next advance) leaves it: the plan start, a progress cursor of the plan, a bucket bound.
 */
async function rewoundExporters(state: StateStore & SliceState, plan: SlicePlan): Promise<string[]> {
  const stored = await storedOffsets(state, plan);
  const entries = await state.listSliceProgress(plan.shipper, plan.runId);
  const progress = progressMap(entries);
  const bounds = new Set(plan.slices.map((s) => s.until));
  const same = (a: Cursor, b: Cursor | undefined): boolean => b !== undefined && compareCursor(a, b) === 0;
  return plan.exporters.flatMap((e) => {
    const offset = stored.get(e.id)?.cursor;
    if (offset === undefined) return [];
    if (compareCursor(offset, e.start) < 0) return [e.id];
    if (same(offset, e.start) || (offset.key === "" && bounds.has(offset.ts))) return [];
    if (entries.some((x) => x.exporter === e.id && same(offset, x.progress.cursor))) return [];
    const last = contiguousPrefix(plan, progress, e.id)?.last;
    return last !== undefined && compareCursor(offset, last) < 0 ? [e.id] : [];
  });
}

/** Runs `work` while renewing `lease` every third of its TTL (planning may count a large source). */
async function whileRenewing<T>(lease: Lease, context: ApplyContext, work: () => Promise<T>): Promise<T> {
  let lost: unknown;
  const ttl = context.leaseTtlMs ?? 60_000;
  const timer = setInterval(
    () => lease.renew().catch((err: unknown) => (lost ??= err)),
    Math.max(50, ttl / 3),
  );
  timer.unref();
  try {
    const result = await work();
    if (lost !== undefined) throw lost;
    return result;
  } finally {
    clearInterval(timer);
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
      // CloudWatch counts by reading, which spends the FilterLogEvents budget; S3 cannot count
      shipper.source.type !== "cloudwatch" && shipper.source.type !== "s3",
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
  let queued = false;
  // one advance at a time; slices that end while one runs share the next one
  const advance = (): void => {
    if (queued) return;
    queued = true;
    advancing = advancing
      .then(() => {
        queued = false;
        return advanceWatermarks(shipper, handle, context);
      })
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
