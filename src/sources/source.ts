import type { Cursor } from "../core/cursor";
import type { JsonValue } from "../core/json";
import type { LogRecord, RecordFilter } from "../core/log-record";
import type { Drift } from "../../generated/report";

/** What to read: records strictly after `after`, up to and including `to`, that pass `filter`. */
export interface ReadRange {
  /** Exclusive lower bound. `{ ts: now − lookback, key: "" }` when no offset exists. */
  readonly after: Cursor;
  /** Inclusive upper bound on the ordering timestamp (now − settleDelay), sortable form. */
  readonly to: string;
  readonly filter: RecordFilter;
  /**
   * Scale-out: the opaque hint of the slice being read (from this source's `planSlices`, e.g. byte offsets to
   * seek to). A source may use it to start reading near `after`; it must still yield exactly the records of the
   * range, hint or not.
   */
  readonly hint?: JsonValue;
  /** Scale-out: read only these log groups (set only for slices a source's own `planSlices` split by groups). */
  readonly groups?: readonly string[];
}

/** What a plan asks of a source's slicing. */
export interface SliceTarget {
  /** Records wanted per slice. */
  readonly sliceTarget: number;
  /** Most slices. */
  readonly maxSlices: number;
  /** Most slices shipped at once (the plan's `maxConcurrency`); CloudWatch sizes its log-group sets by it. */
  readonly maxConcurrency?: number;
  /** The time span of a bucket for sources that cannot count (`sliceSpanMs`, see `timeBuckets`). */
  readonly sliceSpanMs?: number;
}

/** One bucket that a source proposes (see `Source.planSlices`). */
export interface SourceSlice {
  readonly from: string;
  readonly until: string;
  readonly estimate: number | null;
  readonly groups?: string[];
  readonly hint?: JsonValue;
}

/** One batch from a source: records in ascending (pos, key) order, and how many lines were invalid. */
export interface SourceBatch {
  readonly records: LogRecord[];
  /** Lines in this part of the source that could not be parsed as log entries. */
  readonly invalid: number;
}

/** A line that could not be parsed, for the report. */
export interface InvalidLine {
  readonly location: string;
  readonly reason: string;
}

/** Options of one read. */
export interface ReadOptions {
  /** Records per batch (the shipper's `batchSize`). */
  readonly batchSize: number;
  /** Called for each invalid line (the caller keeps a few samples). */
  readonly onInvalid?: (line: InvalidLine) => void;
  /** Stops the read early. */
  readonly signal?: AbortSignal;
}

/**
 * Where logs come from. A source is read once per run, from the lowest cursor of the shipper's exporters, and
 * yields bounded batches in ascending (pos, key) order, whatever the size of the backlog.
 */
export interface Source {
  /** A short description, e.g. `file ./logs/*.jsonl`. */
  describe(): string;
  /** Streams the records of `range` in order. */
  read(range: ReadRange, options: ReadOptions): AsyncIterable<SourceBatch>;
  /**
   * Counts the records of each range (for `plan`), or `null` where that cannot be known cheaply.
   * Ranges share the filter, the upper bound and `groups`; only `after` differs.
   */
  count(ranges: readonly ReadRange[]): Promise<Array<number | null>>;
  /**
   * Scale-out: splits `(range.after, range.to]` into contiguous half-open buckets `[from, until)` of about
   * `target.sliceTarget` records: the first `from` is `range.after.ts`, each `until` the next `from`, the last
   * `until` is `range.to + 1 ns` (see `reconcile/slices.ts`). Buckets may repeat with disjoint `groups`.
   * Without it, the planner makes fixed time buckets from `count` or the range's length.
   */
  planSlices?(range: ReadRange, target: SliceTarget): Promise<SourceSlice[]>;
  /** Problems with the source itself (a missing log group, unreachable API), as drift. */
  check(shipper: string): Promise<Drift[]>;
  /** Releases resources. */
  close?(): Promise<void>;
}
