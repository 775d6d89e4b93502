import type { ResolvedShipper } from "../config/model";
import { cursorAt, type Cursor } from "../core/cursor";
import { describeError, LogShipperError } from "../core/errors";
import type { Exporter } from "../exporters/exporter";
import { redact } from "../secrets/redaction";
import type { PipelineOutcome } from "../shipping/pipeline";
import type { InvalidLine, Source } from "../sources/source";
import type { Lease, OffsetRecord, SliceState, StateStore } from "../state/state-store";
import type { ApplyContext } from "./apply";
import { fanOut, openPipelines, openSource, type OpenPipeline, type PipelineTarget } from "./fan-out";
import {
  attachRun,
  exporterPlanOf,
  loadRunPlan,
  sliceStateOf,
  type RunHandle,
  type SliceExporterRun,
  type SliceRun,
} from "./scale-out-common";
import {
  isPast,
  laterCursor,
  progressKey,
  progressMap,
  sliceReadRange,
  type SlicePlan,
  type SliceProgress,
  type SliceSpec,
} from "./slices";

/** One exporter's progress writer in a slice: the pipeline's commit target, plus the final done/failed marks. */
class ProgressWriter {
  private last: SliceProgress | undefined;
  /** Counts of the progress before this run's token wrote it. */
  private readonly base: { shipped: number; rejected: number; uncertain: number };

  constructor(
    private readonly state: SliceState,
    private readonly ref: { shipper: string; runId: string; sliceId: string; exporter: string },
    private readonly lease: Lease,
    private readonly token: number,
    initial: SliceProgress | undefined,
  ) {
    this.last = initial;
    const mine = initial?.token === token;
    this.base = {
      shipped: (initial?.shipped ?? 0) - (mine ? (initial?.run?.shipped ?? 0) : 0),
      rejected: (initial?.rejected ?? 0) - (mine ? (initial?.run?.rejected ?? 0) : 0),
      uncertain: (initial?.uncertain ?? 0) - (mine ? (initial?.run?.uncertain ?? 0) : 0),
    };
  }

  /** What the pipeline starts from: the progress cursor and counts (`undefined` without a cursor). */
  stored(configHash: string): OffsetRecord | undefined {
    const p = this.last;
    if (p?.cursor === undefined) return undefined;
    return { cursor: p.cursor, updatedAt: p.updatedAt, configHash, shipped: p.shipped, rejected: p.rejected };
  }

  /** The pipeline's commit target: a compare-and-set of the progress cursor. */
  readonly commit = async (expected: Cursor | undefined, next: OffsetRecord, uncertain: number) => {
    await this.write(expected, {
      cursor: next.cursor,
      done: false,
      shipped: next.shipped,
      rejected: next.rejected,
      uncertain: (this.last?.uncertain ?? 0) + uncertain,
      updatedAt: next.updatedAt,
      token: this.token,
    });
  };

  /** Marks the slice done (`error` undefined) or failed for this exporter. */
  async finish(error?: string): Promise<void> {
    const p = this.last;
    await this.write(p?.cursor, {
      ...(p?.cursor !== undefined ? { cursor: p.cursor } : {}),
      done: error === undefined,
      ...(error !== undefined ? { failed: true, error } : {}),
      shipped: p?.shipped ?? 0,
      rejected: p?.rejected ?? 0,
      uncertain: p?.uncertain ?? 0,
      updatedAt: new Date().toISOString(),
      token: this.token,
    });
  }

  private async write(expected: Cursor | undefined, progress: SliceProgress): Promise<void> {
    const next: SliceProgress = {
      ...progress,
      run: {
        shipped: progress.shipped - this.base.shipped,
        rejected: progress.rejected - this.base.rejected,
        uncertain: progress.uncertain - this.base.uncertain,
      },
    };
    await this.state.commitSliceProgress(this.ref, expected, next, this.lease);
    this.last = next;
  }
}

const ZERO = { shipped: 0, rejected: 0, uncertain: 0, requests: 0, retries: 0, truncated: 0 };

/**
 * Ships one slice of a running plan to every exporter behind it, with the same pipeline as `apply` (batching,
 * limits, retries, dead-letter), committing each exporter's slice progress after each acknowledged batch. A retried
 * slice resumes from its progress. An exporter that failed earlier in this run (same lease token) is not shipped:
 * its progress here is marked failed too. Works from any process: it attaches to the planner's lease (owner and
 * token) and renews it. `done` is true once every exporter of the slice is done or failed; false when the time
 * budget (`context.deadline`) stopped it, and then the next call resumes.
 */
export async function shipSlice(
  shipper: ResolvedShipper,
  handle: RunHandle,
  sliceId: string,
  context: ApplyContext,
): Promise<SliceRun> {
  const state = sliceStateOf(context.state);
  const plan = await loadRunPlan(state, shipper, handle);
  const slice = plan.slices.find((s) => s.id === sliceId);
  if (slice === undefined)
    throw new LogShipperError("SLICE_UNKNOWN", `run ${plan.runId} of ${shipper.id} has no slice ${sliceId}`);
  const lease = await attachRun(state, handle, context);
  let leaseError: unknown;
  const ttl = context.leaseTtlMs ?? 60_000;
  const renew = setInterval(
    () => lease.renew().catch((err: unknown) => (leaseError ??= err)),
    Math.max(50, ttl / 3),
  );
  renew.unref();
  const opened: Exporter[] = [];
  let source: Source | undefined;
  try {
    const { results, targets, writers } = await sortExporters(shipper, state, plan, slice, handle, lease);
    const samples: InvalidLine[] = [];
    let read = 0;
    let invalid = 0;
    let message: string | undefined;
    if (targets.length > 0) {
      const margin = context.safetyMarginMs ?? 0;
      const shouldStop = (): boolean =>
        leaseError !== undefined ||
        context.signal?.aborted === true ||
        (context.deadline !== undefined && Date.now() >= context.deadline - margin);
      const open = await openPipelines(shipper, targets, context, { lease, shouldStop }, opened);
      for (const f of open.failed) {
        await (writers.get(f.plan.exporter.id) as ProgressWriter).finish(f.error);
        results.set(f.plan.exporter.id, {
          id: f.plan.exporter.id,
          status: "failed",
          ...ZERO,
          error: f.error,
        });
      }
      source = await openSource(shipper, context);
      const range = sliceReadRange(
        plan,
        slice,
        open.pipelines.map((p) => startOf(targets, p)),
      );
      let sourceError: unknown;
      let complete = true;
      if (range !== undefined && open.pipelines.length > 0) {
        const result = await fanOut(source, { ...range, filter: shipper.filter }, open.pipelines, {
          batchSize: shipper.batchSize,
          samples,
          signal: context.signal,
          shouldStop,
          onBatch: (n) => context.onProgress?.({ shipper: shipper.id, read: n, shipped: 0 }),
        });
        ({ read, invalid, complete } = result);
        sourceError = result.error;
        if (sourceError !== undefined)
          message = `${shipper.id}: reading ${source.describe()} failed: ${redact(describeError(sourceError))}`;
      }
      for (const p of open.pipelines) {
        const outcome = await p.pipeline.finish();
        const writer = writers.get(p.plan.exporter.id) as ProgressWriter;
        results.set(p.plan.exporter.id, await settle(p, outcome, complete, writer, message, leaseError));
      }
    }
    if (leaseError !== undefined) throw leaseError;
    const exporters = plan.exporters.map((e) => results.get(e.id) as SliceExporterRun);
    const done = exporters.every((e) => e.status !== "partial");
    return {
      sliceId,
      done,
      exporters,
      read,
      invalid,
      invalidSamples: samples,
      ...(message ? { message } : {}),
    };
  } finally {
    clearInterval(renew);
    const warn = context.warn ?? (() => undefined);
    for (const exporter of opened)
      await exporter
        .close?.()
        .catch((err: unknown) => warn(`closing exporter ${exporter.id}: ${describeError(err)}`));
    await source?.close?.().catch(() => undefined);
  }
}

function startOf(targets: readonly PipelineTarget[], p: OpenPipeline): Cursor {
  return (targets.find((t) => t.plan.exporter.id === p.plan.exporter.id)?.start ?? p.plan.start) as Cursor;
}

/**
 * Splits the plan's exporters into those with nothing to do in the slice (past it, done, or failed in this run:
 * their result is final) and the targets to ship, each with its progress writer and start position.
 */
async function sortExporters(
  shipper: ResolvedShipper,
  state: StateStore & SliceState,
  plan: SlicePlan,
  slice: SliceSpec,
  handle: RunHandle,
  lease: Lease,
): Promise<{
  results: Map<string, SliceExporterRun>;
  targets: PipelineTarget[];
  writers: Map<string, ProgressWriter>;
}> {
  const entries = await state.listSliceProgress(shipper.id, plan.runId);
  const progress = progressMap(entries);
  const failedIn = new Map<string, string>();
  for (const e of entries)
    if (e.progress.failed === true && e.progress.token === handle.leaseToken && !failedIn.has(e.exporter))
      failedIn.set(e.exporter, e.sliceId);
  const results = new Map<string, SliceExporterRun>();
  const targets: PipelineTarget[] = [];
  const writers = new Map<string, ProgressWriter>();
  for (const e of plan.exporters) {
    const ref = { shipper: shipper.id, offsetKey: shipper.offsetKey, exporter: e.id };
    const stored = await state.get(ref);
    const p = progress.get(progressKey(slice.id, e.id));
    const ep = exporterPlanOf(shipper, plan, e, stored);
    if (isPast(slice, e.start, stored?.cursor) || p?.done === true) {
      results.set(e.id, { id: e.id, status: "skipped", ...ZERO });
      continue;
    }
    const sliceRef = { shipper: shipper.id, runId: plan.runId, sliceId: slice.id, exporter: e.id };
    const writer = new ProgressWriter(state, sliceRef, lease, handle.leaseToken, p);
    if (p?.failed === true && p.token === handle.leaseToken) {
      results.set(e.id, { id: e.id, status: "failed", ...ZERO, error: p.error });
      continue;
    }
    const earlier = failedIn.get(e.id);
    if (earlier !== undefined) {
      const error = `not shipped: exporter ${e.id} failed in slice ${earlier} of this run`;
      await writer.finish(error);
      results.set(e.id, { id: e.id, status: "failed", ...ZERO, error });
      continue;
    }
    writers.set(e.id, writer);
    const start = laterCursor(
      laterCursor(cursorAt(slice.from), e.start),
      laterCursor(stored?.cursor ?? e.start, p?.cursor),
    );
    targets.push({ plan: ep, start, stored: writer.stored(e.configHash), commitTarget: writer.commit });
  }
  return { results, targets, writers };
}

/** Records how a pipeline ended in the slice's progress and returns the exporter's result. */
async function settle(
  p: OpenPipeline,
  outcome: PipelineOutcome,
  complete: boolean,
  writer: ProgressWriter,
  sourceMessage: string | undefined,
  leaseError: unknown,
): Promise<SliceExporterRun> {
  const counts = {
    shipped: outcome.shipped,
    rejected: outcome.rejected,
    uncertain: outcome.uncertain,
    requests: outcome.requests,
    retries: outcome.retries,
    truncated: outcome.truncated,
  };
  const id = p.plan.exporter.id;
  let error = outcome.error !== undefined ? redact(describeError(outcome.error)) : undefined;
  if (outcome.status === "ok" && sourceMessage !== undefined) error = sourceMessage;
  if (leaseError !== undefined)
    return { id, status: "failed", ...counts, error: error ?? describeError(leaseError) };
  // not read to the end (time budget, abort): not done, even for an exporter that got nothing to ship yet
  if ((outcome.status === "partial" || !complete) && error === undefined)
    return { id, status: "partial", ...counts };
  try {
    await writer.finish(error);
  } catch (err) {
    error ??= redact(describeError(err));
    return { id, status: "failed", ...counts, error };
  }
  return { id, status: error === undefined ? "ok" : "failed", ...counts, ...(error ? { error } : {}) };
}
