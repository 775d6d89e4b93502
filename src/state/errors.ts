import { LogShipperError } from "../core/errors";

/** Stored state that cannot be read or has the wrong shape. Nothing is overwritten until a `state` command fixes it. */
export class StateCorruptError extends LogShipperError {
  constructor(
    readonly location: string,
    reason: string,
  ) {
    super(
      "STATE_CORRUPT",
      `state ${location} is unreadable: ${reason}. Nothing was changed; inspect it with \`logshipper state list\` and repair it with \`logshipper state rm\` or \`logshipper state set-offset\``,
    );
  }
}

/** A write whose expected cursor no longer matches the stored one: another writer moved it. */
export class StaleCursorError extends LogShipperError {
  constructor(
    readonly ref: string,
    expected: string,
    found: string,
  ) {
    super(
      "STATE_STALE_WRITE",
      `offset ${ref} was changed by another writer (expected ${expected}, found ${found}); this run stops without moving it`,
    );
  }
}

/** A write that would move a cursor backwards. Cursors only move forward (except with `state set-offset`). */
export class CursorRegressionError extends LogShipperError {
  constructor(
    readonly ref: string,
    from: string,
    to: string,
  ) {
    super("STATE_CURSOR_BACKWARDS", `offset ${ref} would move backwards from ${from} to ${to}; refused`);
  }
}

/** Another run holds the shipper's lock or lease. */
export class LockHeldError extends LogShipperError {
  constructor(
    readonly shipper: string,
    readonly holder: string,
  ) {
    super(
      "STATE_LOCKED",
      `shipper ${shipper} is locked by ${holder}; another apply is running. Try again when it ends, or wait with --lock-timeout`,
    );
  }
}

/** This run's lease was taken over (it expired, or it was broken): the run must stop writing. */
export class LeaseLostError extends LogShipperError {
  constructor(
    readonly shipper: string,
    detail: string,
  ) {
    super(
      "STATE_LEASE_LOST",
      `lost the lease on shipper ${shipper}: ${detail}; stopping without further commits`,
    );
  }
}

/** A slice plan cannot be stored: another open plan exists for the shipper × offsetKey. */
export class SlicePlanExistsError extends LogShipperError {
  constructor(
    readonly shipper: string,
    readonly offsetKey: string,
    readonly runId: string,
  ) {
    super(
      "STATE_PLAN_EXISTS",
      `shipper ${shipper} (offsetKey ${offsetKey}) already has an open slice plan, run ${runId}; it is resumed, not replaced`,
    );
  }
}
