import { isAfter } from "../core/cursor";
import type { ReadRange, Source } from "./source";

/**
 * Counts the records of each range by reading the lowest of them once, through the source's own `read` (so the
 * count is proved complete the same way a read is, and a read that cannot be proved fails the count too). With
 * `limit`, stops after that many records and answers `null` (unknown) for every range. Ranges share the filter
 * and the upper bound; only `after` differs.
 */
export async function countByReading(
  source: Pick<Source, "read">,
  ranges: readonly ReadRange[],
  limit = Number.POSITIVE_INFINITY,
): Promise<Array<number | null>> {
  const counts = ranges.map(() => 0);
  if (ranges.length === 0) return counts;
  const first = ranges.reduce((a, b) => (isAfter(a.after.ts, a.after.key, b.after) ? b : a));
  if (first.after.ts >= first.to) return counts;
  let read = 0;
  for await (const batch of source.read(first, { batchSize: 4096 })) {
    for (const r of batch.records) {
      if (++read > limit) return ranges.map(() => null);
      ranges.forEach((range, i) => {
        if (isAfter(r.pos, r.key, range.after)) counts[i] = (counts[i] as number) + 1;
      });
    }
  }
  return counts;
}
