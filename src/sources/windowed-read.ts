import { isAfter, type Cursor } from "../core/cursor";
import { levelRank } from "../core/levels";
import { namespaceMatches, type LogRecord } from "../core/log-record";
import { toEpochMs } from "../core/timestamp";
import type { InvalidLine, ReadRange, SourceBatch } from "./source";

/** Receives what a {@link WindowScanner} finds; each method returns false to stop the scan early. */
export interface ScanSink {
  /** The server's count of records in the window (when it says), before the records. */
  total(count: number): boolean;
  /** One record; its `pos` decides where it belongs. */
  record(record: LogRecord): boolean;
  /** An entry that is not a valid log entry. */
  invalid(line: InvalidLine): void;
}

/**
 * A remote log store that can list the records of a time window, page by page, in any order and possibly with
 * repeats (pages that shift while they are read). The window is in whole milliseconds, both ends inclusive: a
 * record belongs to it when the millisecond of its `pos` lies in [fromMs, toMs].
 */
export interface WindowScanner {
  scan(fromMs: number, toMs: number, sink: ScanSink, signal?: AbortSignal): Promise<void>;
}

/** Options of {@link readWindows}. */
export interface WindowedReadOptions {
  readonly batchSize: number;
  /** Most records held at once (one window); the memory bound of the read. */
  readonly maxRecords: number;
  readonly onInvalid?: (line: InvalidLine) => void;
  readonly signal?: AbortSignal;
}

/** How records are ordered: (pos, key), as cursors compare. */
export function compareRecords(a: LogRecord, b: LogRecord): number {
  if (a.pos !== b.pos) return a.pos < b.pos ? -1 : 1;
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
}

const floorMs = (ts: string): number => toEpochMs(ts);

/**
 * Reads a range from a {@link WindowScanner} in bounded time windows, so that the records come out in (pos, key)
 * order, each once, whatever order the store returns them in and however its pages shift:
 *
 * 1. The window starts at the cursor's millisecond (inclusive; records at or before the cursor are dropped here)
 *    and at first spans the whole range.
 * 2. A window is scanned completely into memory, deduplicated by (pos, key), sorted, then emitted in batches.
 * 3. When a window holds more than `maxRecords` (by the store's total, or by counting), it is narrowed (to the
 *    share the total suggests, else to where 70% of `maxRecords` were found; at least halved) and scanned again;
 *    after a window that was at most a quarter full, the next one is twice as wide.
 * 4. When one millisecond alone holds more than `maxRecords`, it is read in repeated bounded passes: each pass
 *    scans the whole millisecond and keeps only the `maxRecords` smallest records after the last one emitted (a
 *    bounded max-heap), so memory stays bounded at the cost of reading that millisecond once per `maxRecords`.
 */
export async function* readWindows(
  scanner: WindowScanner,
  range: ReadRange,
  options: WindowedReadOptions,
): AsyncGenerator<SourceBatch> {
  const { after, to, filter } = range;
  const wanted = (r: LogRecord): boolean =>
    r.pos <= to &&
    isAfter(r.pos, r.key, after) &&
    levelRank(r.level) >= filter.minLevelRank &&
    namespaceMatches(r.entry.namespace, filter.namespace);
  const max = Math.max(1, options.maxRecords);
  const endMs = floorMs(to);
  let from = floorMs(after.ts);
  let width = endMs - from + 1;
  let out: LogRecord[] = [];
  let invalid = 0;
  /** Adds records to the batch, yielding each full batch. */
  function* emit(records: Iterable<LogRecord>): Generator<SourceBatch> {
    for (const r of records) {
      out.push(r);
      if (out.length >= options.batchSize) {
        yield { records: out, invalid };
        out = [];
        invalid = 0;
      }
    }
  }
  const countInvalid = (lines: InvalidLine[]): void => {
    for (const line of lines) options.onInvalid?.(line);
    invalid += lines.length;
  };

  while (from <= endMs) {
    if (options.signal?.aborted) return;
    const end = Math.min(endMs, from + width - 1);
    const found = new Map<string, LogRecord>();
    const bad: InvalidLine[] = [];
    let total: number | undefined;
    let overflow = false;
    await scanner.scan(
      from,
      end,
      {
        total: (n) => {
          total = n;
          if (n > max && end > from) overflow = true;
          return !overflow;
        },
        record: (r) => {
          const ms = floorMs(r.pos);
          if (ms < from || ms > end || !wanted(r)) return true;
          found.set(`${r.pos}\u0000${r.key}`, r);
          if (found.size > max) overflow = true;
          return !overflow;
        },
        invalid: (line) => void bad.push(line),
      },
      options.signal,
    );
    if (overflow) {
      const span = end - from + 1;
      if (span > 1) {
        width = Math.max(1, Math.min(Math.floor(span / 2), narrowed(span, total, found, from, max)));
        continue;
      }
      // one millisecond holds more than `max` records
      countInvalid(bad);
      for await (const records of selectionPasses(scanner, from, wanted, after, max, options.signal)) {
        yield* emit(records);
      }
      from = end + 1;
      width = 1;
      continue;
    }
    countInvalid(bad);
    const sorted = [...found.values()].sort(compareRecords);
    found.clear();
    yield* emit(sorted);
    from = end + 1;
    if (sorted.length * 4 <= max) width = Math.min(width * 2, Math.max(1, endMs - from + 1));
  }
  if (out.length > 0 || invalid > 0) yield { records: out, invalid };
}

/**
 * The width of the next try after a window overflowed: from the store's total when it gave one (aiming at 80% of
 * `max`), else up to the millisecond below which 70% of `max` records were already found (there are at least that
 * many, whatever order the store returned them in).
 */
function narrowed(
  span: number,
  total: number | undefined,
  found: Map<string, LogRecord>,
  from: number,
  max: number,
): number {
  if (total !== undefined && total > 0) return Math.floor((span * max * 0.8) / total);
  const ms = [...found.values()].map((r) => floorMs(r.pos)).sort((a, b) => a - b);
  const k = Math.min(ms.length - 1, Math.floor(max * 0.7));
  return k >= 0 ? (ms[k] as number) - from + 1 : Math.floor(span / 2);
}

/** Reads one overfull millisecond in bounded passes (see {@link readWindows}, step 4). */
async function* selectionPasses(
  scanner: WindowScanner,
  ms: number,
  wanted: (r: LogRecord) => boolean,
  after: Cursor,
  max: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<LogRecord[]> {
  let lower: Cursor = after;
  for (;;) {
    if (signal?.aborted) return;
    const heap = new BoundedMaxHeap(max);
    const floor = lower;
    await scanner.scan(
      ms,
      ms,
      {
        total: () => true,
        record: (r) => {
          if (floorMs(r.pos) === ms && wanted(r) && isAfter(r.pos, r.key, floor)) heap.offer(r);
          return true;
        },
        invalid: () => undefined,
      },
      signal,
    );
    const records = heap.sorted();
    if (records.length === 0) return;
    yield records;
    const last = records[records.length - 1] as LogRecord;
    lower = { ts: last.pos, key: last.key };
    if (records.length < max) return;
  }
}

/** The `capacity` smallest distinct records offered, by (pos, key). */
class BoundedMaxHeap {
  private readonly items: LogRecord[] = [];
  private readonly keys = new Set<string>();

  constructor(private readonly capacity: number) {}

  offer(r: LogRecord): void {
    const id = `${r.pos}\u0000${r.key}`;
    if (this.keys.has(id)) return;
    if (this.items.length < this.capacity) {
      this.items.push(r);
      this.keys.add(id);
      this.up(this.items.length - 1);
      return;
    }
    const top = this.items[0] as LogRecord;
    if (compareRecords(r, top) >= 0) return;
    this.keys.delete(`${top.pos}\u0000${top.key}`);
    this.items[0] = r;
    this.keys.add(id);
    this.down(0);
  }

  sorted(): LogRecord[] {
    return [...this.items].sort(compareRecords);
  }

  private up(i: number): void {
    const a = this.items;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (compareRecords(a[i] as LogRecord, a[p] as LogRecord) <= 0) return;
      [a[i], a[p]] = [a[p] as LogRecord, a[i] as LogRecord];
      i = p;
    }
  }

  private down(i: number): void {
    const a = this.items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && compareRecords(a[l] as LogRecord, a[m] as LogRecord) > 0) m = l;
      if (r < a.length && compareRecords(a[r] as LogRecord, a[m] as LogRecord) > 0) m = r;
      if (m === i) return;
      [a[i], a[m]] = [a[m] as LogRecord, a[i] as LogRecord];
      i = m;
    }
  }
}
