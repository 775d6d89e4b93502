import type { ExporterType } from "../config/exporter-types";
import type { LogRecord } from "../core/log-record";

/** How much one request may carry, as the destination's API counts it. */
export interface ExporterLimits {
  /** Entries per request: the smaller of Kestra's `chunk` and the API's own count limit. */
  readonly maxEntries: number;
  /** Request size in bytes as the API counts it (before or after compression, as documented); `Infinity` if none. */
  readonly maxBytes: number;
  /** Bytes every request adds besides its entries (e.g. `[` and `]`). */
  readonly requestOverheadBytes?: number;
  /** Bytes each entry adds besides its own encoding (e.g. a `,` separator; CloudWatch counts 26 per event). */
  readonly entryOverheadBytes?: number;
  /** Longest time between the earliest and the latest entry of one request (CloudWatch: 24 hours). */
  readonly maxSpanMs?: number;
}

/** The timestamps a destination accepts, relative to now. Entries outside are rejected (dead-lettered), never sent. */
export interface TimeWindow {
  /** How far in the past an entry may be. */
  readonly pastMs?: number;
  /** How far in the future an entry may be. */
  readonly futureMs?: number;
  /** Why, in the destination's words, e.g. "Datadog accepts logs up to 18 hours old". */
  readonly description: string;
}

/** One record encoded for a destination, with its size as the API counts it. */
export interface Encoded<P = unknown> {
  readonly record: LogRecord;
  readonly payload: P;
  readonly bytes: number;
  /** True when the message was cut to the destination's per-entry limit. */
  readonly truncated?: boolean;
}

/** A record the destination cannot take at all (e.g. over its per-entry limit where it rejects instead of truncating). */
export interface EncodeRejection {
  readonly record: LogRecord;
  readonly rejected: string;
}

/** What a destination said about one request that it accepted as a whole. */
export interface SendResult {
  /** Entries rejected for good, by index into the entries sent, with the reason. They go to the dead-letter. */
  readonly rejected?: ReadonlyArray<{ readonly index: number; readonly reason: string }>;
  /** Entries to send again (per-item retryable failures, e.g. Elasticsearch items with status 429). */
  readonly retry?: ReadonlyArray<{ readonly index: number; readonly reason: string }>;
  /** How long the destination asked to wait before that retry. */
  readonly retryAfterMs?: number;
  /**
   * The destination rejected `count` entries without saying which (OTLP partial success: "rejected N of these
   * M"). They are counted among the entries sent that are neither in `rejected` nor in `retry`: `count` of them
   * are rejected, the others delivered, and all of them go to the dead-letter marked uncertain (see
   * `src/shipping/dead-letter.ts`), so that a replay can tell what may already be stored. Never retried.
   */
  readonly unattributed?: { readonly count: number; readonly reason: string };
}

/** Context of one send. */
export interface SendContext {
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly signal?: AbortSignal;
}

/**
 * One destination. Each destination file implements only its mapping, its request and its response parsing;
 * batching to `limits`, retries with backoff and Retry-After, 413 splitting, the dead-letter and offsets are
 * shared (see `src/shipping`).
 *
 * `send` resolves when the destination acknowledged the request (possibly with per-entry rejections), and throws
 * a `DeliveryError` when the request as a whole failed (saying whether it may be retried).
 */
export interface Exporter<P = unknown> {
  readonly id: string;
  readonly type: ExporterType;
  /** The destination's name, e.g. `Datadog`. */
  readonly destination: string;
  readonly limits: ExporterLimits;
  readonly window?: TimeWindow;
  /** Requests in flight unless the config sets `concurrency`. */
  readonly defaultConcurrency: number;
  /** Prepares the destination (token, stream, file). A failure fails this exporter for the run. */
  open?(): Promise<void>;
  /** Encodes one record. */
  encode(record: LogRecord): Encoded<P> | EncodeRejection;
  send(entries: ReadonlyArray<Encoded<P>>, context: SendContext): Promise<SendResult>;
  close?(): Promise<void>;
}

/** True when an encode result is a rejection. */
export function isRejection<P>(r: Encoded<P> | EncodeRejection): r is EncodeRejection {
  return (r as EncodeRejection).rejected !== undefined;
}
