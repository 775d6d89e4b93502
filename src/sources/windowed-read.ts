import { isAfter, type Cursor } from "../core/cursor";
import { levelRank } from "../core/levels";
import { namespaceMatches, type LogRecord } from "../core/log-record";
import { toEpochMs } from "../core/timestamp";
import { SourceError, SourceIncompleteError } from "./errors";
import type { InvalidLine, ReadRange, SourceBatch } from "./source";

/** Receives what one pass of a {@link WindowScanner} finds. */
export interface ScanSink {
  /**
   * The store's count of the entries its query for this window selects, as given with a page (offset paging).
   * Called with every page that carries one, so that a count that changes while paging is seen.
   */
  total(count: number): void;
  /** One entry; its `pos` decides where it belongs. Returns false to stop the pass (the window is too big). */
  record(record: LogRecord): boolean;
  /** An entry that is not a valid log entry; `identity` tells its repeats apart (it counts towards the total). */
  invalid(line: InvalidLine, identity: string): void;
}

/** How one pass over a window ended, as the store said it. */
export interface PassEnd {
  /**
   * The store itself said that nothing follows: no next token or cursor, or an empty page from a store that gives
   * no total. A pass that ends otherwise (the total reached, a page limit) proves nothing by itself.
   */
  readonly exhausted: boolean;
  /** How the pass ended, for the error when the window cannot be proved, e.g. `an empty page at offset 150`. */
  readonly said?: string;
}

/**
 * A remote log store that can list the records of a time window, page by page, in any order and possibly with
 * repeats (pages that shift while they are read). The window is in whole milliseconds, both ends inclusive: a
 * record belongs to it when the millisecond of its `pos` lies in [fromMs, toMs]. A store may widen its query by
 * up to {@link EDGE_MS} on each side (exclusive or millisecond-precision filters); entries further out mean that
 * it ignores the window, and its totals are then taken for what they are (the whole store).
 *
 * Each call is one pass; `pass` (0, 1, 2) lets a store read differently when an earlier pass did not add up.
 */
export interface WindowScanner {
  scan(fromMs: number, toMs: number, sink: ScanSink, pass: number, signal?: AbortSignal): Promise<PassEnd>;
}

/** How far outside the asked window a store's query may reach (see {@link WindowScanner}). */
export const EDGE_MS = 1;
/** Passes over a window before it is narrowed, or the read fails. */
export const WINDOW_PASSES = 3;

/** Options of {@link readWindows}. */
export interface WindowedReadOptions {
  readonly batchSize: number;
  /** Most records held at once (one window); the memory bound of the read. */
  readonly maxRecords: number;
  /** The store, as errors name it (`Source.describe()`). */
  readonly source: string;
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
const idOf = (r: LogRecord): string => `${r.pos}\u0000${r.key}`;

/** The outcome of proving one window. */
type Proved =
  | { readonly kind: "proven" | "aborted" }
  | { readonly kind: "overflow"; readonly total?: number }
  | { readonly kind: "unproven"; readonly said: string; readonly read: string; readonly cause?: unknown };

/**
 * Reads a range from a {@link WindowScanner} in bounded time windows, so that the records come out in (pos, key)
 * order, each once, whatever order the store returns them in and however its pages shift; and only from windows
 * that were proved read completely:
 *
 * 1. The window starts at the cursor's millisecond (inclusive; records at or before the cursor are dropped here)
 *    and at first spans the whole range.
 * 2. A window is scanned completely into memory, deduplicated by (pos, key), sorted, then emitted in batches.
 * 3. **Completeness.** A window is emitted only when a pass proves it complete: the store gave the same total on
 *    every page of the pass and the distinct entries it returned (in that pass, or over the passes that gave the
 *    same total) add up to it; or, from a store without totals, the stream ended by the store's own sign. Else it
 *    is scanned again (up to {@link WINDOW_PASSES}), then split in halves that must each prove themselves; a
 *    single millisecond that cannot be proved, or a store that stays unavailable, fails the read with a
 *    {@link SourceIncompleteError}. Everything emitted before came from proved windows.
 * 4. When a window holds more than `maxRecords` (by the store's total, or by counting), it is narrowed (to the
 *    share the total suggests, else to where 70% of `maxRecords` were found; at least halved) and scanned again;
 *    after a window that was at most a quarter full, the next one is twice as wide.
 * 5. When one millisecond alone holds more than `maxRecords`, it is read in repeated bounded passes: each pass
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
  const signal = options.signal;
  const endMs = floorMs(to);
  let from = floorMs(after.ts);
  let width = endMs - from + 1;
  let out: LogRecord[] = [];
  let invalid = 0;
  /** The store returned entries outside the window it was asked for: its totals are not the window's. */
  let unfiltered = false;
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
  const countInvalid = (lines: Iterable<InvalidLine>): void => {
    for (const line of lines) {
      options.onInvalid?.(line);
      invalid++;
    }
  };

  /**
   * Scans [lo, hi] until a pass proves it complete (step 3). `keep` takes each entry and returns false when the
   * window is too big; `sizeByTotal` stops a pass as soon as the store's total says so.
   */
  async function prove(
    lo: number,
    hi: number,
    keep: (r: LogRecord, ms: number) => boolean,
    bad: Map<string, InvalidLine>,
    sizeByTotal: boolean,
  ): Promise<Proved> {
    const proof = new WindowProof(Math.max(4 * max, 20_000));
    let last: Proved = { kind: "unproven", said: "nothing", read: "nothing" };
    for (let pass = 0; pass < WINDOW_PASSES; pass++) {
      if (signal?.aborted) return { kind: "aborted" };
      proof.begin();
      let overflow = false;
      const sink: ScanSink = {
        total: (n) => proof.total(n),
        record: (r) => {
          proof.see(idOf(r));
          const ms = floorMs(r.pos);
          if (ms < lo - EDGE_MS || ms > hi + EDGE_MS) unfiltered = true;
          const t = proof.passTotal;
          overflow ||= !keep(r, ms) || (sizeByTotal && !unfiltered && hi > lo && t !== undefined && t > max);
          return !overflow;
        },
        invalid: (line, identity) => {
          proof.see(`\u0002${identity}`);
          if (bad.size < max) bad.set(identity, line);
        },
      };
      let end: PassEnd;
      try {
        end = await scanner.scan(lo, hi, sink, pass, signal);
      } catch (err) {
        // a store that stays unavailable (after the retries of each request) leaves the window unproved
        if (!(err instanceof SourceError) || !err.retryable || err instanceof SourceIncompleteError)
          throw err;
        return { kind: "unproven", said: err.message, read: proof.read(), cause: err };
      }
      if (signal?.aborted) return { kind: "aborted" };
      if (overflow) return { kind: "overflow", total: unfiltered ? undefined : proof.passTotal };
      const why = proof.end(end.exhausted);
      if (why === undefined) return { kind: "proven" };
      last = { kind: "unproven", said: end.said ? `${why}; ${end.said}` : why, read: proof.read() };
    }
    return last;
  }

  const fail = (lo: number, hi: number, p: Proved & { kind: "unproven" }): never => {
    const window = `the window ${new Date(lo).toISOString()} – ${new Date(hi).toISOString()}`;
    throw new SourceIncompleteError(
      options.source,
      { window, said: p.said, read: p.read },
      { cause: p.cause },
    );
  };

  try {
    while (from <= endMs) {
      if (signal?.aborted) return;
      const end = Math.min(endMs, from + width - 1);
      const span = end - from + 1;
      const found = new Map<string, LogRecord>();
      const bad = new Map<string, InvalidLine>();
      const keep = (r: LogRecord, ms: number): boolean => {
        if (ms < from || ms > end || !wanted(r)) return true;
        found.set(idOf(r), r);
        return found.size <= max;
      };
      const p = await prove(from, end, keep, bad, true);
      if (p.kind === "aborted") return;
      if (p.kind === "unproven") {
        if (span > 1 && p.cause === undefined) {
          width = Math.max(1, Math.floor(span / 2)); // a narrower window may prove itself
          continue;
        }
        fail(from, end, p);
      }
      if (p.kind === "overflow") {
        if (span > 1) {
          width = Math.max(1, Math.min(Math.floor(span / 2), narrowed(span, p.total, found, from, max)));
          continue;
        }
        // one millisecond holds more than `max` records
        countInvalid(bad.values());
        for await (const records of selectionPasses(from)) yield* emit(records);
        from = end + 1;
        width = 1;
        continue;
      }
      countInvalid(bad.values());
      const sorted = [...found.values()].sort(compareRecords);
      found.clear();
      yield* emit(sorted);
      from = end + 1;
      if (sorted.length * 4 <= max) width = Math.min(width * 2, Math.max(1, endMs - from + 1));
    }
  } catch (err) {
    // the records of windows proved before the failure go out (and may be committed); then the read fails
    if (err instanceof SourceIncompleteError && out.length > 0) yield { records: out, invalid };
    throw err;
  }
  if (out.length > 0 || invalid > 0) yield { records: out, invalid };

  /** Reads one overfull millisecond in bounded passes (step 5), each proved like a window. */
  async function* selectionPasses(ms: number): AsyncGenerator<LogRecord[]> {
    let lower: Cursor = after;
    for (;;) {
      if (signal?.aborted) return;
      const heap = new BoundedMaxHeap(max);
      const floor = lower;
      const keep = (r: LogRecord, at: number): boolean => {
        if (at === ms && wanted(r) && isAfter(r.pos, r.key, floor)) heap.offer(r);
        return true;
      };
      const p = await prove(ms, ms, keep, new Map(), false);
      if (p.kind === "aborted") return;
      if (p.kind === "unproven") fail(ms, ms, p);
      const records = heap.sorted();
      if (records.length === 0) return;
      yield records;
      const last = records[records.length - 1] as LogRecord;
      lower = { ts: last.pos, key: last.key };
      if (records.length < max) return;
    }
  }
}

/**
 * The completeness proof of one window (see {@link readWindows}, step 3): the distinct entries of each pass, and
 * their union over the passes that gave the same total. Bounded: past `limit` distinct entries nothing is proved.
 */
class WindowProof {
  private pass = new Set<string>();
  private union = new Set<string>();
  private unionTotal: number | undefined;
  private first: number | undefined;
  private last: number | undefined;
  private full = false;

  constructor(private readonly limit: number) {}

  begin(): void {
    this.pass = new Set();
    this.first = undefined;
    this.last = undefined;
    this.full = false;
  }

  /** The latest total of this pass. */
  get passTotal(): number | undefined {
    return this.last;
  }

  total(n: number): void {
    this.first ??= n;
    this.last = n;
  }

  see(id: string): void {
    if (this.pass.size < this.limit) this.pass.add(id);
    else if (!this.pass.has(id)) this.full = true;
  }

  /** What was read, for the error. */
  read(): string {
    const n = this.pass.size;
    const u = this.union.size;
    return `${n.toLocaleString("en-US")} distinct entries${u > n ? ` (${u.toLocaleString("en-US")} over the passes)` : ""}`;
  }

  /** Ends a pass: `undefined` when it proved the window complete, else why not. */
  end(exhausted: boolean): string | undefined {
    const t = this.first;
    if (t === undefined) return exhausted ? undefined : "no total, and the stream did not end";
    const said = `a total of ${t.toLocaleString("en-US")}`;
    if (this.full) return `${said}, more distinct entries than can be counted (${this.limit})`;
    if (this.last !== t) {
      this.union.clear();
      this.unionTotal = undefined;
      return `a total that changed while paging (${t} to ${this.last})`;
    }
    if (this.unionTotal === t) for (const id of this.pass) this.union.add(id);
    else {
      this.union = new Set(this.pass);
      this.unionTotal = t;
    }
    return this.pass.size === t || this.union.size === t ? undefined : said;
  }
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
