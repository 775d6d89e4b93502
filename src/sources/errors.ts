import { LogShipperError } from "../core/errors";

/** Why a source could not be read. */
export type SourceErrorKind =
  "auth" | "not-found" | "unavailable" | "invalid-response" | "incomplete" | "other";

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

/** What a {@link SourceIncompleteError} says about the part that could not be proved read completely. */
export interface IncompleteDetail {
  /** The window (`from`–`to`, ISO-8601, inclusive) or the file that could not be proved complete. */
  readonly window: string;
  /** What the store said about its size, e.g. `total 5,059` or `nextToken after 1,000 pages`. */
  readonly said: string;
  /** What was read, e.g. `4,959 distinct records`. */
  readonly read: string;
}

/**
 * A source answered, but a part of the range (a time window, a file) could not be proved read completely after
 * the retries: fewer distinct records than the server's total, a page stream that did not end, a file that shrank
 * or vanished while it was read. Nothing of that part was emitted, so no cursor passes it; the run fails and the
 * next run reads it again.
 */
export class SourceIncompleteError extends SourceError {
  readonly detail: IncompleteDetail;

  constructor(source: string, detail: IncompleteDetail, options: { cause?: unknown } = {}) {
    super(
      "incomplete",
      `source-incomplete: ${source}: ${detail.window} could not be read completely: the source said ${detail.said}, ${detail.read} were read; no cursor moved past it, the next run reads it again`,
      { retryable: true, cause: options.cause },
    );
    this.detail = detail;
  }
}
