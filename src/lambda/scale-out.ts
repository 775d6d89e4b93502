// The reconciler's scale-out modes (issue 15), one per reconciler state of the shipper's state machine
// (constructs/private/state-machine.ts): `plan`, `slice` and `finalize`. The slicing, the slice progress and the
// watermark are the core's (src/reconcile/scale-out.ts); this file turns events into those calls, writes the slice
// list to S3 for the Distributed Map, and logs.
import type { LoadedConfig } from "../config/model";
import { describeError, LogShipperError } from "../core/errors";
import type { ApplyContext } from "../reconcile/apply";
import { selectShippers, shipperReport } from "../reconcile/reconciler";
import { finalizeRun, planRun, shipSlice, sliceStateOf, type RunHandle } from "../reconcile/scale-out";
import { redact } from "../secrets/redaction";
import { LeaseLostError } from "../state/errors";
import { hasSliceState } from "../state/state-store";
import { planKey } from "./plan-layout";
import type { PlanWriter } from "./plan-writer";
import { runLogLine, runMetrics, type ShipperOutcome } from "./run-report";
import type { FinalizeEvent, PlanEvent, ScaleOutEvent, SliceEvent } from "./scale-out-event";

/**
 * The lease of a scale-out run, held from `Plan` to `Finalize` by the execution: 15 minutes, the longest a Lambda
 * call can last, so that the gaps between calls (Step Functions' retries and scheduling) cannot let it lapse. Each
 * slice call renews it; a crashed execution keeps the shipper locked for at most this long.
 */
export const SCALE_OUT_LEASE_TTL_MS = 15 * 60_000;

/** The answer of `plan`: what the state machine passes on (see the definition's `ItemSelector`). */
export interface PlanResult {
  readonly shipper: string;
  /** `null` when nothing was sliced (`sliceCount: 0`: the run is already over). */
  readonly runId: string | null;
  readonly owner: string;
  readonly leaseToken: number | null;
  /** Slices to ship; 0 when the backlog was shipped inline (or the resumed plan had nothing left). */
  readonly sliceCount: number;
  readonly maxConcurrency: number;
  readonly planBucket: string | null;
  readonly planKey: string | null;
  readonly resumed: boolean;
  /** With `sliceCount: 0`, the status of the run that ended inline. */
  readonly status?: ShipperOutcome["status"];
}

/** The answer of `slice`: the child loop ends on `done`. */
export interface SliceResult {
  readonly done: boolean;
  readonly shipped: number;
  readonly rejected: number;
  /** The run lost its lease or its plan (another run took over): this child stops, the new run ships the slice. */
  readonly superseded?: true;
}

/** The answer of `finalize` (the run's report is in the log line). */
export interface FinalizeResult {
  readonly shipper: string;
  readonly runId: string;
  readonly status: ShipperOutcome["status"];
  readonly shipped: number;
  readonly rejected: number;
}

/** What any mode answers. */
export type ScaleOutResult = PlanResult | SliceResult | FinalizeResult;

/** What the modes need from the handler. */
export interface ScaleOutDeps {
  readonly config: LoadedConfig;
  /** The invocation's apply context (state, secrets, dead-letter, deadline). */
  readonly context: ApplyContext;
  readonly planBucket: string | undefined;
  readonly plans: PlanWriter;
  /** The serial run of one shipper, as a scheduled invocation does it (for backlogs too small to slice). */
  readonly applyOne: (shipper: string, owner?: string) => Promise<ShipperOutcome>;
  /** Writes one JSON log line. */
  readonly emit: (value: unknown) => void;
  readonly requestId?: string;
}

/** Runs one scale-out event. Errors other than a lost lease are thrown: the state machine retries the call. */
export async function runScaleOut(event: ScaleOutEvent, deps: ScaleOutDeps): Promise<ScaleOutResult> {
  if (event.mode === "plan") return plan(event, deps);
  if (event.mode === "slice") return slice(event, deps);
  return finalize(event, deps);
}

function contextOf(deps: ScaleOutDeps, owner?: string): ApplyContext {
  return {
    ...deps.context,
    ...(owner !== undefined ? { owner } : {}),
    leaseTtlMs: deps.context.leaseTtlMs ?? SCALE_OUT_LEASE_TTL_MS,
  };
}

function shipperOf(deps: ScaleOutDeps, id: string) {
  return selectShippers(deps.config, [id])[0] as ReturnType<typeof selectShippers>[number];
}

async function plan(event: PlanEvent, deps: ScaleOutDeps): Promise<PlanResult> {
  const shipper = shipperOf(deps, event.shipper);
  const bucket = deps.planBucket;
  if (bucket === undefined)
    throw new LogShipperError(
      "LAMBDA_SETTINGS",
      "LOGSHIPPER_PLAN_BUCKET is not set: the S3 bucket the plan step writes the slice list to (the construct sets it with scaleOut)",
    );
  const owner = event.execution ?? deps.context.owner;
  const context = contextOf(deps, owner);
  await releaseOwnPlan(context, shipper.id, shipper.offsetKey, owner);
  const planned = await planRun(shipper, context, event.settings);
  const none = { shipper: shipper.id, owner, planBucket: null, planKey: null, resumed: planned.resumed };
  if (planned.plan === undefined || planned.handle === undefined) {
    // nothing to slice (small backlog, another run holds the lease, or the source cannot be planned): today's run
    const outcome = await deps.applyOne(shipper.id, owner);
    report(deps, outcome);
    return {
      ...none,
      runId: null,
      leaseToken: null,
      sliceCount: 0,
      maxConcurrency: 1,
      status: outcome.status,
    };
  }
  const handle = planned.handle;
  if (planned.pending.length === 0) {
    // a resumed plan whose slices are all finished: only the watermarks are left to advance
    const done = await finalizeOutcome(shipper, handle, context);
    report(deps, done.outcome);
    return {
      ...none,
      runId: handle.runId,
      leaseToken: handle.leaseToken,
      sliceCount: 0,
      maxConcurrency: planned.plan.maxConcurrency,
      status: done.outcome.status,
    };
  }
  const key = planKey(shipper.id, handle.runId);
  try {
    await deps.plans.write(
      bucket,
      key,
      planned.pending.map((s) => ({ id: s.id })),
    );
  } catch (err) {
    // the plan stays stored (the next run resumes it); free the shipper now rather than at the lease's expiry
    await sliceStateOf(context.state)
      .attachLease(handle.shipper, handle.owner, handle.leaseToken, SCALE_OUT_LEASE_TTL_MS)
      .release()
      .catch(() => undefined);
    throw err;
  }
  deps.emit({
    level: "INFO",
    type: "logshipper.plan",
    message: `shipper ${shipper.id}: ${planned.resumed ? "resumed" : "planned"} run ${handle.runId}, ${planned.pending.length} of ${planned.plan.slices.length} slices to ship, ${planned.plan.maxConcurrency} at a time`,
    shipper: shipper.id,
    runId: handle.runId,
    slices: planned.plan.slices.length,
    pending: planned.pending.length,
    maxConcurrency: planned.plan.maxConcurrency,
    resumed: planned.resumed,
    ...(deps.requestId !== undefined ? { requestId: deps.requestId } : {}),
  });
  return {
    ...none,
    runId: handle.runId,
    owner: handle.owner,
    leaseToken: handle.leaseToken,
    sliceCount: planned.pending.length,
    maxConcurrency: planned.plan.maxConcurrency,
    planBucket: bucket,
    planKey: key,
  };
}

async function slice(event: SliceEvent, deps: ScaleOutDeps): Promise<SliceResult> {
  const shipper = shipperOf(deps, event.shipper);
  const handle = handleOf(event);
  const base = { shipper: shipper.id, runId: handle.runId, slice: event.slice.id };
  try {
    const run = await shipSlice(shipper, handle, event.slice.id, contextOf(deps));
    const shipped = run.exporters.reduce((n, e) => n + e.shipped, 0);
    const rejected = run.exporters.reduce((n, e) => n + e.rejected, 0);
    const failed = run.exporters.some((e) => e.status === "failed");
    if (!run.done && !failed && shipped + rejected === 0) throw noProgress(shipper.id, event.slice.id);
    deps.emit({
      level: failed ? "WARN" : "INFO",
      type: "logshipper.slice",
      message: `shipper ${shipper.id}: slice ${event.slice.id} ${run.done ? "done" : "stopped at the time budget"}, shipped ${shipped}, rejected ${rejected}`,
      ...base,
      done: run.done,
      read: run.read,
      shipped,
      rejected,
      exporters: run.exporters.map((e) => ({
        id: e.id,
        status: e.status,
        shipped: e.shipped,
        rejected: e.rejected,
        ...(e.error !== undefined ? { error: redact(e.error) } : {}),
      })),
      ...(run.message !== undefined ? { error: redact(run.message) } : {}),
    });
    return { done: run.done, shipped, rejected };
  } catch (err) {
    if (!superseded(err)) throw err;
    deps.emit({
      level: "WARN",
      type: "logshipper.slice",
      message: `shipper ${shipper.id}: slice ${event.slice.id} not shipped by run ${handle.runId}: ${redact(describeError(err))}`,
      ...base,
      done: true,
      superseded: true,
    });
    return { done: true, shipped: 0, rejected: 0, superseded: true };
  }
}

/**
 * A slice call that ends unfinished without one acknowledged batch would loop for ever in the state machine's child
 * (`ShipSlice → SliceDone → ShipSlice`): a request that outlasts the whole invocation, a Retry-After longer than
 * the budget, a source slower than the budget. It fails the call instead; the state machine retries it a few
 * times, then the Map fails and `Finalize` reports the run failed, with the slice's progress kept for the next run.
 */
function noProgress(shipper: string, sliceId: string): LogShipperError {
  return new LogShipperError(
    "SLICE_NO_PROGRESS",
    `shipper ${shipper}: slice ${sliceId} stopped at the invocation's time budget before any batch was acknowledged; nothing was committed, so calling it again would not get further (raise the function's timeout, lower batchSize, or check the destination)`,
  );
}

async function finalize(event: FinalizeEvent, deps: ScaleOutDeps): Promise<FinalizeResult> {
  const shipper = shipperOf(deps, event.shipper);
  const handle = handleOf(event);
  let outcome: ShipperOutcome;
  try {
    outcome = (await finalizeOutcome(shipper, handle, contextOf(deps))).outcome;
  } catch (err) {
    if (!superseded(err)) throw err;
    outcome = {
      shipper: shipper.id,
      status: "skipped",
      drift: [],
      message: `run ${handle.runId} was taken over by another run: ${redact(describeError(err))}`,
    };
  }
  report(deps, outcome);
  const exporters = outcome.report?.exporters ?? [];
  return {
    shipper: shipper.id,
    runId: handle.runId,
    status: outcome.status,
    shipped: exporters.reduce((n, e) => n + e.shipped, 0),
    rejected: exporters.reduce((n, e) => n + e.rejected, 0),
  };
}

async function finalizeOutcome(
  shipper: ReturnType<typeof shipperOf>,
  handle: RunHandle,
  context: ApplyContext,
): Promise<{ outcome: ShipperOutcome }> {
  const run = await finalizeRun(shipper, handle, context);
  const r = shipperReport(run);
  return {
    outcome: {
      shipper: shipper.id,
      report: r,
      status: r.status ?? "ok",
      drift: run.drift,
      ...(r.message !== undefined ? { message: r.message } : {}),
    },
  };
}

/** The run log line and EMF of a run that ended in this invocation (as a scheduled invocation writes them). */
function report(deps: ScaleOutDeps, outcome: ShipperOutcome): void {
  deps.emit(runLogLine(outcome, { requestId: deps.requestId, hop: 0 }));
  for (const doc of runMetrics(outcome)) deps.emit(doc);
}

/**
 * A `Plan` call retried by the state machine after it had planned (its answer was lost) finds the lease held by its
 * own execution: that lease is released so that `planRun` takes it again and resumes the plan. An execution id is
 * unique, so no other run's lease is touched.
 */
async function releaseOwnPlan(
  context: ApplyContext,
  shipper: string,
  offsetKey: string,
  owner: string,
): Promise<void> {
  if (!hasSliceState(context.state)) return;
  const open = await context.state.getSlicePlan(shipper, offsetKey);
  if (open === undefined || open.owner !== owner) return;
  await context.state
    .attachLease(shipper, owner, open.leaseToken, SCALE_OUT_LEASE_TTL_MS)
    .release()
    .catch(() => undefined);
}

function handleOf(event: SliceEvent | FinalizeEvent): RunHandle {
  return { shipper: event.shipper, runId: event.runId, owner: event.owner, leaseToken: event.leaseToken };
}

/** A lost lease or a finished/replaced plan: another run owns the shipper now. */
function superseded(err: unknown): boolean {
  return err instanceof LeaseLostError || (err instanceof LogShipperError && err.code === "SLICE_PLAN_GONE");
}
