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
  constructor(
    readonly exporterId: string,
    last: unknown,
    budgetMs: number,
  ) {
    super(
      "RETRY_BUDGET_EXCEEDED",
      `exporter ${exporterId}: gave up after retrying for ${Math.round(budgetMs / 1000)}s; last error: ${last instanceof Error ? last.message : String(last)}`,
      { cause: last },
    );
  }
}
