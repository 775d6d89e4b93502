import { setTimeout as sleep } from "node:timers/promises";
import { compareCursor, type Cursor } from "../core/cursor";
import { describeError } from "../core/errors";
import { faultPoint } from "../core/fault";
import type { LogRecord } from "../core/log-record";
import { toEpochMs } from "../core/timestamp";
import { DeliveryError, RetryBudgetExceededError } from "../exporters/errors";
import {
  isRejection,
  type EncodeRejection,
  type Encoded,
  type Exporter,
  type SendResult,
} from "../exporters/exporter";
import type { Lease, OffsetRecord, OffsetRef, StateStore } from "../state/state-store";
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from "./backoff";
import { countRejected, uncertainRejections, type DeadLetter, type Rejected } from "./dead-letter";
import { withSendGate } from "./send-gate";
import { Throttle } from "./throttle";

/** Everything an exporter pipeline needs. */
export interface PipelineOptions {
  readonly shipper: string;
  readonly exporter: Exporter;
  readonly ref: OffsetRef;
  /** Records at or before this position were already shipped. */
  readonly start: Cursor;
  /** The stored offset this run started from (`undefined` for a new exporter). */
  readonly stored: OffsetRecord | undefined;
  readonly configHash: string;
  readonly concurrency: number;
  /** Longest time spent retrying one request. */
  readonly retryBudgetMs: number;
  readonly state: StateStore;
  readonly lease?: Lease;
  readonly deadLetter: DeadLetter;
  /** The run's clock (epoch ms): destination windows are checked against it. */
  readonly runNow: number;
  /** No retry may wait past this time (epoch ms), e.g. the Lambda's deadline minus a margin. */
  readonly deadline?: number;
  /** True when no new request should start (time budget used up). */
  readonly shouldStop: () => boolean;
  readonly backoff?: BackoffPolicy;
  /** Wall clock for retries and Retry-After (tests may replace it). */
  readonly clock?: () => number;
  /**
   * Where commits go instead of `state.commit(ref, …, lease)`: e.g. a slice's progress (scale-out). Called in
   * order with the cursor read before (`expected`), the next record (totals counted from `stored`) and the
   * number of uncertain records in this commit; it must be a compare-and-set on `expected` as `commit` is.
   */
  readonly commitTarget?: (
    expected: Cursor | undefined,
    next: OffsetRecord,
    uncertain: number,
  ) => Promise<void>;
}

/** How one exporter's run ended. */
export interface PipelineOutcome {
  /** ok: caught up; partial: stopped early by the time budget; failed: stopped by an error. */
  readonly status: "ok" | "partial" | "failed";
  readonly shipped: number;
  /** Records rejected, by the destination's count (see `uncertain`). */
  readonly rejected: number;
  /**
   * Records of requests the destination rejected only in part without saying which: counted in `shipped` or
   * `rejected` by its numbers, and all in the dead-letter, marked uncertain.
   */
  readonly uncertain: number;
  readonly truncated: number;
  readonly requests: number;
  readonly retries: number;
  /** The committed cursor at the end (`undefined` if nothing was ever committed). */
  readonly cursor: Cursor | undefined;
  readonly error?: unknown;
}

/** A request's worth of records, in source order. */
interface Batch {
  readonly entries: Encoded[];
  /** Records rejected before sending (destination window, per-entry limit). */
  readonly rejected: Rejected[];
  /**
   * Position of the last record (`lastTs`, `lastKey`): what the offset becomes once this batch is acknowledged.
   * Two strings rather than a cursor object, so that adding a record allocates nothing.
   */
  lastTs: string;
  lastKey: string;
  bytes: number;
  minMs: number;
  maxMs: number;
  truncated: number;
}

interface Delivery {
  readonly ok: boolean;
  readonly rejected: Rejected[];
  readonly delivered: number;
  readonly error?: unknown;
}

interface Slot {
  readonly batch: Batch;
  delivery?: Delivery;
  /** Resolves when the delivery is known. */
  settled?: Promise<void>;
}

function emptyBatch(at: Cursor): Batch {
  return {
    entries: [],
    rejected: [],
    lastTs: at.ts,
    lastKey: at.key,
    bytes: 0,
    minMs: Infinity,
    maxMs: -Infinity,
    truncated: 0,
  };
}

/**
 * Ships one exporter's share of a run: batches records to the destination's limits, sends up to `concurrency`
 * requests at once, retries what is retryable (with backoff, a destination-wide Retry-After gate, 413 splitting
 * and a retry budget), dead-letters what is rejected, and commits the offset in order after each acknowledged
 * batch. A failure stops this exporter only; its offset stays at the last acknowledged batch.
 *
 * Memory is bounded by `maxEntries × (concurrency + 1)` records.
 */
export class ExporterPipeline {
  private readonly exporter: Exporter;
  private readonly throttle: Throttle;
  private readonly clock: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly windowFrom: string | undefined;
  private readonly windowTo: string | undefined;
  private current: Batch;
  private readonly slots: Slot[] = [];
  private waiters: Array<() => void> = [];
  private pumping: Promise<void> | undefined;
  private committed: Cursor | undefined;
  private expected: Cursor | undefined;
  private totals: { shipped: number; rejected: number };
  private state: "running" | "partial" | "failed" | "done" = "running";
  private error: unknown;
  private shipped = 0;
  private rejectedCount = 0;
  private uncertain = 0;
  private truncated = 0;
  private requests = 0;
  private retries = 0;

  constructor(private readonly options: PipelineOptions) {
    this.exporter = options.exporter;
    this.clock = options.clock ?? Date.now;
    this.throttle = new Throttle(this.clock);
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.current = emptyBatch(options.start);
    this.committed = options.stored?.cursor;
    this.expected = options.stored?.cursor;
    this.totals = { shipped: options.stored?.shipped ?? 0, rejected: options.stored?.rejected ?? 0 };
    const w = this.exporter.window;
    this.windowFrom = w?.pastMs !== undefined ? new Date(options.runNow - w.pastMs).toISOString() : undefined;
    this.windowTo =
      w?.futureMs !== undefined ? new Date(options.runNow + w.futureMs).toISOString() : undefined;
  }

  /** True while this pipeline takes records. */
  get active(): boolean {
    return this.state === "running";
  }

  /** True when the record is after this exporter's offset (and the pipeline still runs). */
  wants(record: LogRecord): boolean {
    if (this.state !== "running") return false;
    const s = this.options.start;
    return record.pos > s.ts || (record.pos === s.ts && record.key > s.key);
  }

  /**
   * Adds a record. Returns a promise when the caller must wait (all request slots are busy), else `undefined`,
   * so the common case costs no promise. The record is compacted once encoded unless `compact` is false (a
   * caller that pushes it to several pipelines compacts it after the last, so that it is parsed once).
   */
  push(record: LogRecord, compact = true): Promise<void> | undefined {
    if (this.state !== "running") return undefined;
    const b = this.current;
    const limits = this.exporter.limits;
    if (this.windowFrom !== undefined && record.ts < this.windowFrom) {
      return this.addRejected(
        record,
        `older than ${this.exporter.destination} accepts: ${this.exporter.window?.description}`,
      );
    }
    if (this.windowTo !== undefined && record.ts > this.windowTo) {
      return this.addRejected(
        record,
        `further in the future than ${this.exporter.destination} accepts: ${this.exporter.window?.description}`,
      );
    }
    let enc: Encoded | EncodeRejection;
    try {
      enc = this.exporter.encode(record);
    } catch (err) {
      // a record the destination's encoder cannot take (e.g. nested too deeply for JSON.stringify) is this
      // record's problem, not the run's: dead-letter it instead of stopping at it on every run
      enc = { record, rejected: `cannot be encoded for ${this.exporter.destination}: ${describeError(err)}` };
    }
    if (compact) record.compact?.();
    if (isRejection(enc)) return this.addRejected(record, enc.rejected);
    const size = enc.bytes + (limits.entryOverheadBytes ?? 0);
    const overhead = limits.requestOverheadBytes ?? 0;
    if (size + overhead > limits.maxBytes) {
      return this.addRejected(
        record,
        `entry of ${enc.bytes} bytes is larger than a whole ${this.exporter.destination} request may be (${limits.maxBytes} bytes)`,
      );
    }
    const ms = limits.maxSpanMs !== undefined ? toEpochMs(record.ts) : 0;
    let wait: Promise<void> | undefined;
    if (
      b.entries.length > 0 &&
      (b.entries.length + b.rejected.length >= limits.maxEntries ||
        b.bytes + size + overhead > limits.maxBytes ||
        (limits.maxSpanMs !== undefined && Math.max(b.maxMs, ms) - Math.min(b.minMs, ms) > limits.maxSpanMs))
    ) {
      wait = this.dispatch();
    }
    const target = this.current;
    target.entries.push(enc);
    target.bytes += size;
    if (enc.truncated) target.truncated++;
    if (limits.maxSpanMs !== undefined) {
      if (ms < target.minMs) target.minMs = ms;
      if (ms > target.maxMs) target.maxMs = ms;
    }
    target.lastTs = record.pos;
    target.lastKey = record.key;
    return wait;
  }

  /** Sends what is left, waits for every request and commit, and reports how the run ended. */
  async finish(): Promise<PipelineOutcome> {
    if (this.state === "running" && (this.current.entries.length > 0 || this.current.rejected.length > 0)) {
      const wait = this.dispatch();
      if (wait) await wait;
    }
    await this.drain();
    if (this.state === "running") {
      this.state = "done";
      // caught up with nothing new to ship under a changed config: record the new config hash all the same
      const stored = this.options.stored;
      if (
        stored !== undefined &&
        stored.configHash !== this.options.configHash &&
        this.committed !== undefined &&
        this.expected === stored.cursor
      ) {
        try {
          await this.commit(this.committed, 0, [], 0, true);
        } catch (err) {
          this.error = err;
        }
      }
    }
    const status = this.error !== undefined ? "failed" : this.stoppedEarly ? "partial" : "ok";
    return {
      status,
      shipped: this.shipped,
      rejected: this.rejectedCount,
      uncertain: this.uncertain,
      truncated: this.truncated,
      requests: this.requests,
      retries: this.retries,
      cursor: this.committed,
      error: this.error,
    };
  }

  private stoppedEarly = false;

  private addRejected(record: LogRecord, reason: string): Promise<void> | undefined {
    let wait: Promise<void> | undefined;
    if (this.current.entries.length + this.current.rejected.length >= this.exporter.limits.maxEntries)
      wait = this.dispatch();
    this.current.rejected.push({ record, reason });
    this.current.lastTs = record.pos;
    this.current.lastKey = record.key;
    return wait;
  }

  /** Starts sending the current batch; returns a promise when all slots are busy. */
  private dispatch(): Promise<void> | undefined {
    const batch = this.current;
    this.current = emptyBatch({ ts: batch.lastTs, key: batch.lastKey });
    if (this.options.shouldStop()) {
      // time budget: no new request; what is not committed is read again next run
      this.stoppedEarly = true;
      this.state = "partial";
      return undefined;
    }
    const slot: Slot = { batch };
    this.slots.push(slot);
    slot.settled = this.deliver(batch).then((d) => {
      slot.delivery = d;
      this.kick();
    });
    if (this.slots.length >= this.concurrency()) {
      return new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return undefined;
  }

  private concurrency(): number {
    return Math.max(1, this.options.concurrency);
  }

  private kick(): void {
    if (this.pumping !== undefined || this.state === "failed") return;
    this.pumping = this.pump().finally(() => {
      this.pumping = undefined;
      if (this.state !== "failed" && this.slots[0]?.delivery !== undefined) this.kick();
      else this.wake();
    });
  }

  private wake(): void {
    if (this.slots.length < this.concurrency() || this.state !== "running") {
      const w = this.waiters;
      this.waiters = [];
      for (const resolve of w) resolve();
    }
  }

  /** Commits every acknowledged batch at the head of the queue, in order. */
  private async pump(): Promise<void> {
    while (this.state !== "failed" && this.slots[0]?.delivery !== undefined) {
      let n = 0;
      const rejected: Rejected[] = [];
      let delivered = 0;
      let truncated = 0;
      let failure: unknown;
      while (n < this.slots.length) {
        const d = (this.slots[n] as Slot).delivery;
        if (d === undefined) break;
        if (!d.ok) {
          failure = d.error;
          break;
        }
        rejected.push(...d.rejected);
        delivered += d.delivered;
        truncated += (this.slots[n] as Slot).batch.truncated;
        n++;
      }
      if (n > 0) {
        const lastBatch = (this.slots[n - 1] as Slot).batch;
        const last: Cursor = { ts: lastBatch.lastTs, key: lastBatch.lastKey };
        try {
          const counts = countRejected(rejected);
          await this.commit(last, delivered, rejected, counts.rejected, false, counts.uncertain);
          this.shipped += delivered;
          this.rejectedCount += counts.rejected;
          this.uncertain += counts.uncertain;
          this.truncated += truncated;
        } catch (err) {
          failure = err;
        }
        this.slots.splice(0, n);
      }
      if (failure !== undefined) {
        this.fail(failure);
        return;
      }
      this.wake();
    }
  }

  private async commit(
    cursor: Cursor,
    delivered: number,
    rejected: Rejected[],
    rejectedCount: number,
    force = false,
    uncertain = 0,
  ): Promise<void> {
    if (rejected.length > 0)
      await this.options.deadLetter.write(this.options.shipper, this.exporter.id, rejected);
    if (
      !force &&
      this.committed !== undefined &&
      compareCursor(cursor, this.committed) <= 0 &&
      delivered === 0 &&
      rejected.length === 0
    )
      return;
    const totals = {
      shipped: this.totals.shipped + delivered,
      rejected: this.totals.rejected + rejectedCount,
    };
    const record: OffsetRecord = {
      cursor: { ts: cursor.ts, key: cursor.key },
      updatedAt: new Date(this.clock()).toISOString(),
      configHash: this.options.configHash,
      exporterType: this.exporter.type,
      shipped: totals.shipped,
      rejected: totals.rejected,
    };
    faultPoint("before-commit");
    if (this.options.commitTarget !== undefined)
      await this.options.commitTarget(this.expected, record, uncertain);
    else await this.options.state.commit(this.options.ref, this.expected, record, this.options.lease);
    faultPoint("after-commit");
    this.expected = record.cursor;
    this.committed = record.cursor;
    this.totals = totals;
  }

  private fail(err: unknown): void {
    if (this.error === undefined) this.error = err;
    this.state = "failed";
    this.wake();
  }

  /** Waits until every dispatched request is delivered (or abandoned after a failure) and committed. */
  private async drain(): Promise<void> {
    while (this.slots.length > 0) {
      await Promise.all(this.slots.map((slot) => slot.settled));
      this.kick();
      if (this.pumping) await this.pumping;
      if (this.state === "failed") {
        // requests after the failed one were delivered or not; they are not committed and are sent again next run
        this.slots.length = 0;
      }
    }
  }

  /** Sends one batch with retries; never throws (the outcome carries the error). */
  private async deliver(batch: Batch): Promise<Delivery> {
    try {
      const start = this.clock();
      const budget = {
        start,
        end: Math.min(start + this.options.retryBudgetMs, this.options.deadline ?? Infinity),
      };
      const rejected = batch.entries.length > 0 ? await this.sendWithRetry(batch.entries, budget) : [];
      return {
        ok: true,
        rejected: [...batch.rejected, ...rejected],
        delivered: batch.entries.length - countRejected(rejected).rejected,
      };
    } catch (error) {
      return { ok: false, rejected: [], delivered: 0, error };
    }
  }

  /** Sends entries until each is delivered or rejected for good; returns the rejected ones. */
  private async sendWithRetry(
    entries: ReadonlyArray<Encoded>,
    budget: { readonly start: number; readonly end: number },
  ): Promise<Rejected[]> {
    const rejected: Rejected[] = [];
    let pending: ReadonlyArray<Encoded> = entries;
    let attempt = 0;
    while (pending.length > 0) {
      await this.throttle.ready();
      attempt++;
      let retryAfterMs: number | undefined;
      let lastError: unknown;
      try {
        this.requests++;
        const result = await withSendGate(
          () => this.throttle.ready(),
          () => this.exporter.send(pending, { attempt }),
        );
        faultPoint("after-send");
        for (const r of result.rejected ?? []) {
          const e = pending[r.index];
          if (e) rejected.push({ record: e.record, reason: r.reason });
        }
        rejected.push(...unattributedRejections(pending, result));
        const again = (result.retry ?? []).flatMap((r) => pending[r.index] ?? []);
        if (again.length === 0) return rejected;
        pending = again;
        retryAfterMs = result.retryAfterMs;
        lastError = new Error(`${again.length} entries to retry: ${result.retry?.[0]?.reason ?? ""}`);
      } catch (err) {
        if (err instanceof DeliveryError && err.tooLarge) {
          if (pending.length === 1) {
            rejected.push({
              record: (pending[0] as Encoded).record,
              reason: `${this.exporter.destination} refused the entry as too large (HTTP 413)`,
            });
            return rejected;
          }
          const mid = pending.length >> 1;
          rejected.push(...(await this.sendWithRetry(pending.slice(0, mid), budget)));
          rejected.push(...(await this.sendWithRetry(pending.slice(mid), budget)));
          return rejected;
        }
        if (!(err instanceof DeliveryError) || !err.retryable) throw err;
        retryAfterMs = err.retryAfterMs;
        lastError = err;
      }
      if (retryAfterMs !== undefined) this.throttle.block(retryAfterMs);
      const delay = Math.max(backoffDelay(this.backoff, attempt), this.throttle.remaining());
      if (this.clock() + delay > budget.end) {
        throw new RetryBudgetExceededError(
          this.exporter.id,
          lastError,
          this.clock() - budget.start,
          budget.end - budget.start,
        );
      }
      this.retries++;
      await sleep(delay);
    }
    return rejected;
  }
}

/**
 * The dead-letter items for `result.unattributed` ("N of these M rejected, unknown which"): every entry sent that
 * is neither rejected by index nor to be retried, marked uncertain.
 */
function unattributedRejections(pending: ReadonlyArray<Encoded>, result: SendResult): Rejected[] {
  const u = result.unattributed;
  if (u === undefined || u.count <= 0) return [];
  const named = new Set([...(result.rejected ?? []), ...(result.retry ?? [])].map((r) => r.index));
  const rest = pending.flatMap((e, i) => (named.has(i) ? [] : [e.record]));
  return uncertainRejections(rest, u.count, u.reason);
}

/** A readable one-liner for a pipeline's error. */
export function pipelineError(outcome: PipelineOutcome): string | undefined {
  return outcome.error === undefined ? undefined : describeError(outcome.error);
}
