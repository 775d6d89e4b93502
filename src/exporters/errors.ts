import { LogShipperError } from "../core/errors";

/** What is known about a failed delivery. */
export interface DeliveryFailure {
  readonly exporterId: string;
  readonly destination: string;
  /** HTTP status (or the AWS error's status), when there was a response. */
  readonly status?: number;
  /** The vendor's own message or error code. */
  readonly vendorMessage?: string;
  /** True when the same request may succeed later (throttling, 5xx, network). */
  readonly retryable: boolean;
  /** Delay the destination asked for (Retry-After). */
  readonly retryAfterMs?: number;
  /** True for "request too large" (HTTP 413): split the batch, never resend it unchanged. */
  readonly tooLarge?: boolean;
}

/**
 * A request that a destination did not accept as a whole. Its message names the exporter, the destination,
 * the status, the vendor's message, and whether it will be retried.
 */
export class DeliveryError extends LogShipperError implements DeliveryFailure {
  readonly exporterId: string;
  readonly destination: string;
  readonly status?: number;
  readonly vendorMessage?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly tooLarge?: boolean;

  constructor(failure: DeliveryFailure, options?: { cause?: unknown }) {
    const status = failure.status !== undefined ? `HTTP ${failure.status}` : "no response";
    const vendor = failure.vendorMessage ? `: ${failure.vendorMessage.slice(0, 300)}` : "";
    const what = failure.tooLarge
      ? "too large; the batch is split"
      : failure.retryable
        ? "retryable"
        : "not retryable";
    super(
      "DELIVERY_FAILED",
      `exporter ${failure.exporterId} (${failure.destination}): ${status}${vendor} (${what})`,
      options,
    );
    this.exporterId = failure.exporterId;
    this.destination = failure.destination;
    this.status = failure.status;
    this.vendorMessage = failure.vendorMessage;
    this.retryable = failure.retryable;
    this.retryAfterMs = failure.retryAfterMs;
    this.tooLarge = failure.tooLarge;
  }
}

/** Retries of one request ran out of time; the exporter stops for this run and its offset stays put. */
export class RetryBudgetExceededError extends LogShipperError {
  /**
   * @param spentMs how long the request was tried and retried
   * @param budgetMs the retry budget it had (the exporter's `retryBudget`, or less near a Lambda's deadline)
   */
  constructor(
    readonly exporterId: string,
    last: unknown,
    spentMs: number,
    budgetMs: number,
  ) {
    super(
      "RETRY_BUDGET_EXCEEDED",
      `exporter ${exporterId}: gave up after retrying for ${seconds(spentMs)} (retry budget ${seconds(budgetMs)}); last error: ${last instanceof Error ? last.message : String(last)}`,
      { cause: last },
    );
  }
}

/** `350ms` below a second, `1.6s` below ten seconds, `42s` above. */
function seconds(ms: number): string {
  const t = Math.max(0, Math.round(ms));
  if (t < 1000) return `${t}ms`;
  return t < 10_000 ? `${(t / 1000).toFixed(1)}s` : `${Math.round(t / 1000)}s`;
}
