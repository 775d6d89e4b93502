import type { Cursor } from "../core/cursor";
import type { LogRecord, RecordFilter } from "../core/log-record";
import type { Drift } from "../../generated/report";

/** What to read: records strictly after `after`, up to and including `to`, that pass `filter`. */
export interface ReadRange {
  /** Exclusive lower bound. `{ ts: now − lookback, key: "" }` when no offset exists. */
  readonly after: Cursor;
  /** Inclusive upper bound on the ordering timestamp (now − settleDelay), sortable form. */
  readonly to: string;
  readonly filter: RecordFilter;
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
   * Ranges share the filter and the upper bound; only `after` differs.
   */
  count(ranges: readonly ReadRange[]): Promise<Array<number | null>>;
  /** Problems with the source itself (a missing log group, unreachable API), as drift. */
  check(shipper: string): Promise<Drift[]>;
  /** Releases resources. */
  close?(): Promise<void>;
}
