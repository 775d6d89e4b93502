import { cursorAt } from "../core/cursor";
import { fromEpochNanos, justAfter, toEpochMs, toEpochNanos } from "../core/timestamp";
import type { ReadRange, Source } from "../sources/source";
import type { ScaleOutSettings } from "./scale-out-common";
import { fixedBuckets, type SliceDraft } from "./slices";

/** Most `count` calls that planning by counts may make (one call counts every boundary of a round). */
const MAX_COUNT_ROUNDS = 40;

/**
 * The buckets of a new plan over `(range.after, range.to]`, or `undefined` when the backlog is too small to
 * slice (the run is then serial):
 *
 * - a source with `planSlices` proposes them; serial when they are fewer than two, or when every estimate is
 *   known and their sum is below `minRecordsToSlice`;
 * - a source that counts cheaply (`countable`: Kestra's `total`) is split by counts: the range is halved where a
 *   piece holds more than `sliceTarget` records, counting the new bounds each round, so that a backlog bunched
 *   in time still gets even slices (at most `maxSlices`); serial below `minRecordsToSlice`;
 * - otherwise (CloudWatch, whose reads would spend the `FilterLogEvents` budget; S3) equal buckets of
 *   `sliceSpanMs`; serial when the range is shorter than two spans.
 */
export async function draftSlices(
  source: Source,
  range: ReadRange,
  settings: Required<ScaleOutSettings>,
  countable: boolean,
): Promise<SliceDraft[] | undefined> {
  if (source.planSlices !== undefined) {
    const drafts = await source.planSlices(range, {
      sliceTarget: settings.sliceTarget,
      maxSlices: settings.maxSlices,
      maxConcurrency: settings.maxConcurrency,
      sliceSpanMs: settings.sliceSpanMs,
    });
    if (drafts.length < 2) return undefined;
    const known = drafts.every((d) => d.estimate !== null);
    const total = drafts.reduce((n, d) => n + (d.estimate ?? 0), 0);
    return known && total < settings.minRecordsToSlice ? undefined : drafts;
  }
  const counted = countable ? await splitByCounts(source, range, settings) : null;
  if (counted !== null) return counted;
  const drafts = timeBuckets(range, settings.sliceSpanMs, settings.maxSlices);
  return drafts.length < 2 ? undefined : drafts;
}

/**
 * The time buckets of a source that cannot count: equal buckets of about `sliceSpanMs` over
 * `(range.after, range.to]`, at most `maxBuckets` (estimates unknown); a single bucket over the whole range when
 * it is shorter than two spans (one bucket alone is shipped serially). Sources that add their own split to these
 * buckets (CloudWatch log groups) call it too, so both follow one rule.
 */
export function timeBuckets(
  range: Pick<ReadRange, "after" | "to">,
  sliceSpanMs: number,
  maxBuckets: number,
): SliceDraft[] {
  const span = toEpochMs(range.to) - toEpochMs(range.after.ts);
  const count = span < 2 * sliceSpanMs ? 1 : Math.min(Math.ceil(span / sliceSpanMs), maxBuckets);
  return fixedBuckets(range.after.ts, range.to, Math.max(1, count), null);
}

/**
 * Splits by prefix counts: `C(x)` = records after `cursorAt(x)` (after `range.after` for the first bound), so a
 * piece `[a, b)` holds `C(a) − C(b)`. Returns `undefined` (serial) below `minRecordsToSlice`, `null` when the
 * source cannot count the range.
 */
async function splitByCounts(
  source: Source,
  range: ReadRange,
  settings: Required<ScaleOutSettings>,
): Promise<SliceDraft[] | undefined | null> {
  const prefix = async (bounds: readonly bigint[]): Promise<Array<number | null>> =>
    source.count(
      bounds.map((b, i) => ({
        ...range,
        after: i === 0 && b === start ? range.after : cursorAt(fromEpochNanos(b)),
      })),
    );
  const start = toEpochNanos(range.after.ts);
  const end = toEpochNanos(justAfter(range.to));
  let total: number | null;
  try {
    [total = null] = await prefix([start]);
  } catch {
    return null; // planning by time instead; the read reports the source's error
  }
  if (total === null) return null;
  if (total < settings.minRecordsToSlice) return undefined;
  // pieces [bound_i, bound_i+1) with their counts
  let pieces: Array<{ from: bigint; until: bigint; count: number }> = [
    { from: start, until: end, count: total },
  ];
  for (let round = 0; round < MAX_COUNT_ROUNDS; round++) {
    const big = pieces.filter((p) => p.count > settings.sliceTarget && p.until - p.from > 1_000_000n);
    if (big.length === 0 || pieces.length + big.length > settings.maxSlices) break;
    const mids = big.map((p) => {
      const mid = p.from + (p.until - p.from) / 2n;
      return (mid / 1_000_000n) * 1_000_000n > p.from ? (mid / 1_000_000n) * 1_000_000n : mid;
    });
    // the whole range is counted again with the bounds: a source that counts small ranges by reading them (Kestra
    // below 10 000 records) then answers all of them from its totals, one request each
    const counts = (await prefix([start, ...mids]).catch(() => [null, ...mids.map(() => null)])).slice(1);
    if (counts.some((c) => c === null)) break;
    const after = new Map(big.map((p, i) => [p, { mid: mids[i] as bigint, rest: counts[i] as number }]));
    const next: typeof pieces = [];
    for (const p of pieces) {
      const split = after.get(p);
      if (split === undefined) {
        next.push(p);
        continue;
      }
      // C(mid) − C(until): C(until) is what follows the piece, the sum of the later pieces
      const later = pieces.filter((q) => q.from >= p.until).reduce((n, q) => n + q.count, 0);
      const second = Math.max(0, Math.min(p.count, split.rest - later));
      next.push({ from: p.from, until: split.mid, count: p.count - second });
      next.push({ from: split.mid, until: p.until, count: second });
    }
    pieces = next;
  }
  const drafts = merge(pieces, settings.sliceTarget).map((p, i) => ({
    from: i === 0 ? range.after.ts : fromEpochNanos(p.from),
    until: fromEpochNanos(p.until),
    estimate: p.count,
  }));
  return drafts.length < 2 ? undefined : drafts;
}

/** Joins neighbouring pieces while together they stay within `target` records (empty stretches collapse). */
function merge<T extends { from: bigint; until: bigint; count: number }>(
  pieces: readonly T[],
  target: number,
): T[] {
  const out: T[] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if (last !== undefined && last.count + p.count <= target)
      out[out.length - 1] = { ...last, until: p.until, count: last.count + p.count };
    else out.push({ ...p });
  }
  return out;
}
