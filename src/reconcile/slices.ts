/**
 * Slices of a backlog (issue 15, scale-out): pure planning and watermark arithmetic, no I/O.
 *
 * A slice is a half-open time bucket `[from, until)` of record positions, optionally restricted to some log
 * groups. The buckets of one plan are disjoint, contiguous and cover `(lowest exporter start, plan.to]`: the first
 * `from` is the lowest start's timestamp, each `until` is the next bucket's `from`, the last `until` is
 * `plan.to + 1 ns`. Slice `k` holds the records with `cursorAt(from_k) < (pos, key) < cursorAt(until_k)`.
 * This relies on record keys never being empty (every source's keys are: file@offset, event ids, archive keys),
 * so no record sits exactly on `cursorAt(t)`.
 */
import { compareCursor, cursorAt, type Cursor } from "../core/cursor";
import { LogShipperError } from "../core/errors";
import type { JsonValue } from "../core/json";
import { fromEpochNanos, justAfter, justBefore, toEpochNanos } from "../core/timestamp";

export type { JsonValue } from "../core/json";

/** One slice of a plan. */
export interface SliceSpec {
  /** `s0000`, `s0001`, … in plan order. */
  readonly id: string;
  /** Position in `SlicePlan.slices`. */
  readonly index: number;
  /** The time bucket it belongs to (several slices share a bucket when split by log groups). */
  readonly bucket: number;
  /** Inclusive lower bound of positions (sortable timestamp). */
  readonly from: string;
  /** Exclusive upper bound of positions (sortable timestamp). */
  readonly until: string;
  /** Records expected, or `null` when unknown. */
  readonly estimate: number | null;
  /** CloudWatch: only these log groups. */
  readonly groups?: string[];
  /** Opaque source-specific data (e.g. file byte offsets to seek to). */
  readonly hint?: JsonValue;
}

/** One exporter of a plan, as it was when the plan was made. */
export interface SlicePlanExporter {
  readonly id: string;
  readonly configHash: string;
  /** Its stored cursor (or lookback start) at planning time. */
  readonly start: Cursor;
}

/** A stored plan: at most one open per shipper × offsetKey. */
export interface SlicePlan {
  readonly shipper: string;
  readonly offsetKey: string;
  readonly runId: string;
  readonly createdAt: string;
  /** The lease holder running the plan (updated when a later run resumes it). */
  readonly owner: string;
  readonly leaseToken: number;
  /** Inclusive upper bound of the plan (sortable timestamp). */
  readonly to: string;
  readonly exporters: SlicePlanExporter[];
  readonly slices: SliceSpec[];
  readonly maxConcurrency: number;
}

/** Progress of one exporter in one slice. */
export interface SliceProgress {
  /** The last position committed (acknowledged) in this slice. */
  readonly cursor?: Cursor;
  /** The exporter shipped the whole slice. */
  readonly done: boolean;
  /** The exporter failed in this slice (see `error`); a later run retries it from `cursor`. */
  readonly failed?: boolean;
  readonly shipped: number;
  readonly rejected: number;
  readonly uncertain: number;
  readonly updatedAt: string;
  readonly error?: string;
  /** The fencing token of the run that wrote it: "failed in this run" means `failed` with the run's token. */
  readonly token?: number;
  /** The part of the counts written under `token` (a resumed slice also holds an earlier run's counts). */
  readonly run?: { readonly shipped: number; readonly rejected: number; readonly uncertain: number };
}

/** A progress record with its key. */
export interface ProgressEntry {
  readonly sliceId: string;
  readonly exporter: string;
  readonly progress: SliceProgress;
}

/** A bucket before ids are assigned: what `Source.planSlices` returns. */
export interface SliceDraft {
  readonly from: string;
  readonly until: string;
  readonly estimate: number | null;
  readonly groups?: string[];
  readonly hint?: JsonValue;
}

/** The key of a progress record in maps: `<sliceId>/<exporter>`. */
export function progressKey(sliceId: string, exporter: string): string {
  return `${sliceId}/${exporter}`;
}

/** Progress entries by {@link progressKey}. */
export function progressMap(entries: readonly ProgressEntry[]): Map<string, SliceProgress> {
  return new Map(entries.map((e) => [progressKey(e.sliceId, e.exporter), e.progress]));
}

/**
 * `count` equal time buckets covering `(from, to]`: the first starts at `from`, the last ends at `to + 1 ns`.
 * Bounds are rounded to whole milliseconds where that keeps every bucket non-empty. Fewer buckets come back
 * when the range has fewer nanoseconds than `count`.
 */
export function fixedBuckets(from: string, to: string, count: number, estimate: number | null): SliceDraft[] {
  const start = toEpochNanos(from);
  const end = toEpochNanos(justAfter(to));
  if (end <= start) return [];
  const span = end - start;
  const asked = BigInt(Math.max(1, Math.floor(count)));
  const n = asked > span ? span : asked;
  const bounds: bigint[] = [start];
  for (let i = 1n; i < n; i++) {
    let b = start + (span * i) / n;
    const ms = (b / 1_000_000n) * 1_000_000n;
    if (ms > (bounds[bounds.length - 1] as bigint)) b = ms;
    if (b > (bounds[bounds.length - 1] as bigint) && b < end) bounds.push(b);
  }
  bounds.push(end);
  const each = estimate === null ? null : Math.ceil(estimate / (bounds.length - 1));
  const out: SliceDraft[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    out.push({
      from: i === 0 ? from : fromEpochNanos(bounds[i] as bigint),
      until: fromEpochNanos(bounds[i + 1] as bigint),
      estimate: each,
    });
  }
  return out;
}

/**
 * Numbers drafts into slices (`s0000`…) and buckets (consecutive drafts with the same bounds share one).
 * Throws when the drafts are not contiguous, or do not start at `from` and end at `to + 1 ns`.
 */
export function numberSlices(drafts: readonly SliceDraft[], from: string, to: string): SliceSpec[] {
  const end = justAfter(to);
  const out: SliceSpec[] = [];
  let bucket = -1;
  let prev: SliceDraft | undefined;
  for (const [index, d] of drafts.entries()) {
    const same = prev !== undefined && prev.from === d.from && prev.until === d.until;
    if (!same) {
      const expected = prev === undefined ? from : prev.until;
      if (d.from !== expected || d.until <= d.from)
        throw new LogShipperError(
          "SLICE_PLAN_INVALID",
          `slice ${index} [${d.from}, ${d.until}) does not continue at ${expected}: slices must be contiguous and non-empty`,
        );
      bucket++;
    }
    out.push({
      id: `s${String(index).padStart(4, "0")}`,
      index,
      bucket,
      from: d.from,
      until: d.until,
      estimate: d.estimate,
      ...(d.groups !== undefined ? { groups: d.groups } : {}),
      ...(d.hint !== undefined ? { hint: d.hint } : {}),
    });
    prev = d;
  }
  if (prev !== undefined && prev.until !== end)
    throw new LogShipperError(
      "SLICE_PLAN_INVALID",
      `the last slice ends at ${prev.until}, not at ${end} (the plan's end + 1 ns)`,
    );
  return out;
}

/** The lowest start cursor of a plan's exporters. */
export function lowestStart(plan: Pick<SlicePlan, "exporters">): Cursor {
  return plan.exporters.map((e) => e.start).reduce((a, b) => (compareCursor(b, a) < 0 ? b : a));
}

/** The later of two cursors (`b` may be missing). */
export function laterCursor(a: Cursor, b: Cursor | undefined): Cursor {
  return b !== undefined && compareCursor(b, a) > 0 ? b : a;
}

/**
 * True when an exporter has nothing to do in `slice`: its start (or its stored offset `since`) is at or past the
 * slice's end.
 */
export function isPast(slice: SliceSpec, start: Cursor, since?: Cursor): boolean {
  return compareCursor(laterCursor(start, since), cursorAt(slice.until)) >= 0;
}

/** The end of the longest run of finished buckets for one exporter (see {@link contiguousPrefix}). */
export interface Prefix {
  /** The last bucket of the run. */
  readonly bucket: number;
  /** `cursorAt(until)` of that bucket: the bound the run of finished buckets reaches. */
  readonly cursor: Cursor;
  /**
   * The position of the last record acknowledged in the run (the highest progress cursor of its slices), or
   * `undefined` when they held none: what the exporter's offset advances to. It is where a serial run that read
   * the same buckets would have left the offset, so a record that shows up late between it and the bound is
   * still shipped by the next run, as it would be serially.
   */
  readonly last: Cursor | undefined;
  /** Sums over the run's slices with records beyond `since` (a slice counts once over repeated advances). */
  readonly shipped: number;
  readonly rejected: number;
  readonly uncertain: number;
}

/**
 * The longest run of buckets `0..k` finished by `exporterId`, or `undefined` when bucket 0 is not. A bucket is
 * finished when each of its slices is done (and not failed) for the exporter, or lies wholly behind the
 * exporter's plan start or its stored offset `since`. Totals count only slices whose progress cursor is beyond
 * `since` (the offset an earlier advance left at their last record), so advancing twice never counts a slice
 * twice. Returns `undefined` for an exporter the plan does not know.
 */
export function contiguousPrefix(
  plan: SlicePlan,
  progress: ReadonlyMap<string, SliceProgress> | readonly ProgressEntry[],
  exporterId: string,
  since?: Cursor,
): Prefix | undefined {
  const exporter = plan.exporters.find((e) => e.id === exporterId);
  if (exporter === undefined) return undefined;
  const map = progress instanceof Map ? progress : progressMap(progress as readonly ProgressEntry[]);
  let best: Prefix | undefined;
  let last: Cursor | undefined;
  let shipped = 0;
  let rejected = 0;
  let uncertain = 0;
  let i = 0;
  const slices = plan.slices;
  while (i < slices.length) {
    const bucket = (slices[i] as SliceSpec).bucket;
    let finished = true;
    let j = i;
    for (; j < slices.length && (slices[j] as SliceSpec).bucket === bucket; j++) {
      const s = slices[j] as SliceSpec;
      if (since !== undefined && compareCursor(since, cursorAt(s.until)) >= 0) continue;
      if (isPast(s, exporter.start)) continue;
      const p = map.get(progressKey(s.id, exporterId));
      if (p === undefined || !p.done || p.failed === true) {
        finished = false;
        break;
      }
      if (p.cursor !== undefined && (since === undefined || compareCursor(p.cursor, since) > 0)) {
        shipped += p.shipped;
        rejected += p.rejected;
        uncertain += p.uncertain;
        if (last === undefined || compareCursor(p.cursor, last) > 0) last = p.cursor;
      }
    }
    if (!finished) break;
    const end = slices[j - 1] as SliceSpec;
    best = { bucket, cursor: cursorAt(end.until), last, shipped, rejected, uncertain };
    i = j;
  }
  return best;
}

/** True when the exporter finished every bucket of the plan. */
export function passedPlan(
  plan: SlicePlan,
  progress: ReadonlyMap<string, SliceProgress>,
  exporterId: string,
  since?: Cursor,
): boolean {
  const last = plan.slices[plan.slices.length - 1];
  const prefix = contiguousPrefix(plan, progress, exporterId, since);
  return last === undefined || (prefix !== undefined && prefix.bucket === last.bucket);
}

/** What to read for one slice: like a source `ReadRange` without the filter. */
export interface SliceRange {
  /** Exclusive lower bound. */
  readonly after: Cursor;
  /** Inclusive upper bound: `until − 1 ns`. */
  readonly to: string;
  readonly groups?: string[];
  readonly hint?: JsonValue;
}

/**
 * The read range of a slice for the exporters behind it: after `max(cursorAt(from), lowest of their starts)`, up
 * to `until − 1 ns` inclusive. `exporterStarts` are the positions each exporter resumes from (plan start, stored
 * offset, slice progress, whichever is latest); `undefined` when none of them is behind the slice's end.
 */
export function sliceReadRange(
  plan: Pick<SlicePlan, "to">,
  slice: SliceSpec,
  exporterStarts: readonly Cursor[],
): SliceRange | undefined {
  const end = cursorAt(slice.until);
  const behind = exporterStarts.filter((c) => compareCursor(c, end) < 0);
  if (behind.length === 0) return undefined;
  const lowest = behind.reduce((a, b) => (compareCursor(b, a) < 0 ? b : a));
  const to = justBefore(slice.until);
  return {
    after: laterCursor(cursorAt(slice.from), lowest),
    to: to > plan.to ? plan.to : to,
    ...(slice.groups !== undefined ? { groups: slice.groups } : {}),
    ...(slice.hint !== undefined ? { hint: slice.hint } : {}),
  };
}

/** How a plan's slices stand, for `plan` (a slice counts once: failed > done > running > pending). */
export interface SliceCounts {
  readonly done: number;
  readonly running: number;
  readonly pending: number;
  readonly failed: number;
}

/**
 * Counts the slices of a plan: `failed` when an exporter failed in it, `done` when every exporter behind it is
 * done, `running` when some progress exists, else `pending`. `since` holds each exporter's stored offset.
 */
export function countSlices(
  plan: SlicePlan,
  progress: ReadonlyMap<string, SliceProgress>,
  since: ReadonlyMap<string, Cursor> = new Map(),
): SliceCounts {
  let done = 0;
  let running = 0;
  let pending = 0;
  let failed = 0;
  for (const s of plan.slices) {
    const states = plan.exporters
      .filter((e) => !isPast(s, e.start, since.get(e.id)))
      .map((e) => progress.get(progressKey(s.id, e.id)));
    if (states.some((p) => p?.failed === true)) failed++;
    else if (states.every((p) => p?.done === true)) done++;
    else if (states.some((p) => p !== undefined)) running++;
    else pending++;
  }
  return { done, running, pending, failed };
}
