import { toEpochMs } from "../core/timestamp";
import type { ReadRange, Source } from "../sources/source";
import type { ScaleOutSettings } from "./scale-out-common";
import { fixedBuckets, type SliceDraft } from "./slices";

/**
 * The buckets of a new plan over `(range.after, range.to]`, or `undefined` when the backlog is too small to
 * slice (the run is then serial):
 *
 * - a source with `planSlices` proposes them; the plan is serial when they are fewer than two, or when every
 *   estimate is known and their sum is below `minRecordsToSlice`;
 * - else, when the source counts the range, `ceil(count / sliceTarget)` equal time buckets (at most `maxSlices`),
 *   serial below `minRecordsToSlice`;
 * - else (no count, e.g. CloudWatch) buckets of `sliceSpanMs`, serial when the range is shorter than two spans.
 *
 * Equal time buckets assume an even spread of records in time; the adaptive windows of the readers absorb the
 * unevenness inside a bucket.
 */
export async function draftSlices(
  source: Source,
  range: ReadRange,
  settings: Required<ScaleOutSettings>,
): Promise<SliceDraft[] | undefined> {
  const from = range.after.ts;
  if (source.planSlices !== undefined) {
    const drafts = await source.planSlices(range, {
      sliceTarget: settings.sliceTarget,
      maxSlices: settings.maxSlices,
    });
    if (drafts.length < 2) return undefined;
    const known = drafts.every((d) => d.estimate !== null);
    const total = drafts.reduce((n, d) => n + (d.estimate ?? 0), 0);
    return known && total < settings.minRecordsToSlice ? undefined : drafts;
  }
  let count: number | null = null;
  try {
    [count = null] = await source.count([range]);
  } catch {
    count = null; // planning by time instead; the read reports the source's error
  }
  let n: number;
  if (count !== null) {
    if (count < settings.minRecordsToSlice) return undefined;
    n = Math.ceil(count / settings.sliceTarget);
  } else {
    const span = toEpochMs(range.to) - toEpochMs(from);
    if (span < 2 * settings.sliceSpanMs) return undefined;
    n = Math.ceil(span / settings.sliceSpanMs);
  }
  n = Math.min(n, settings.maxSlices);
  if (n < 2) return undefined;
  const drafts = fixedBuckets(from, range.to, n, count);
  return drafts.length < 2 ? undefined : drafts;
}
