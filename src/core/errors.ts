/**
 * The root of log-shipper's typed errors. Every error the CLI prints as one line (without a stack trace) is a
 * `LogShipperError`; anything else is a bug and is printed with its stack.
 */
export class LogShipperError extends Error {
  /** A stable, machine-readable code such as `CONFIG_INVALID` or `DELIVERY_FAILED`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** True when `err` is one of log-shipper's typed errors. */
export function isLogShipperError(err: unknown): err is LogShipperError {
  return err instanceof LogShipperError;
}

/** A short, single-line description of any thrown value, for reports and logs. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
