import { LogShipperError } from "../core/errors";

/** Why a source could not be read. */
export type SourceErrorKind = "auth" | "not-found" | "unavailable" | "invalid-response" | "other";

/**
 * A source that cannot be read: refused credentials, a missing tenant or log group, a server that stays
 * unavailable after retries. The message says what to do; it never holds a secret.
 */
export class SourceError extends LogShipperError {
  readonly kind: SourceErrorKind;
  /** True when the same request may succeed later (it was already retried). */
  readonly retryable: boolean;
  /** HTTP status, when there was a response. */
  readonly status?: number;

  constructor(
    kind: SourceErrorKind,
    message: string,
    options: { retryable?: boolean; status?: number; cause?: unknown } = {},
  ) {
    super("SOURCE_FAILED", message, { cause: options.cause });
    this.kind = kind;
    this.retryable = options.retryable ?? false;
    this.status = options.status;
  }
}
