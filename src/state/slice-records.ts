import { validateSlicePlan, validateSliceProgress } from "../config/schema";
import { compareCursor, type Cursor } from "../core/cursor";
import type { SlicePlan, SliceProgress } from "../reconcile/slices";
import { CursorRegressionError, StaleCursorError, StateCorruptError } from "./errors";
import { describeSliceRef, showCursor, type SliceRef } from "./state-store";

/** The stored form of a plan (with its format version). */
export function planRecord(plan: SlicePlan): SlicePlan & { version: 1 } {
  return { version: 1, ...plan };
}

/** Reads a stored plan; throws `StateCorruptError` (naming `where`) for a wrong shape. */
export function parseSlicePlan(value: unknown, where: string): SlicePlan {
  const errors = validateSlicePlan(value);
  if (errors.length > 0) {
    const e = errors[0];
    throw new StateCorruptError(
      where,
      `wrong shape at ${e?.instancePath || "/"}: ${e?.message ?? "invalid"}`,
    );
  }
  const { version: _version, ...plan } = value as SlicePlan & { version: 1 };
  return plan;
}

/** Reads a stored progress record; throws `StateCorruptError` (naming `where`) for a wrong shape. */
export function parseSliceProgress(value: unknown, where: string): SliceProgress {
  const errors = validateSliceProgress(value);
  if (errors.length > 0) {
    const e = errors[0];
    throw new StateCorruptError(
      where,
      `wrong shape at ${e?.instancePath || "/"}: ${e?.message ?? "invalid"}`,
    );
  }
  return value as SliceProgress;
}

/**
 * The compare-and-set of a progress commit: `current` must carry the cursor `expected` (both may be missing) and
 * `next` must not move behind it. Throws `StaleCursorError` or `CursorRegressionError`.
 */
export function checkProgressCas(
  ref: SliceRef,
  current: SliceProgress | undefined,
  expected: Cursor | undefined,
  next: SliceProgress,
): void {
  const found = current?.cursor;
  const same =
    found === undefined
      ? expected === undefined
      : expected !== undefined && compareCursor(found, expected) === 0;
  if (!same) throw new StaleCursorError(describeSliceRef(ref), showCursor(expected), showCursor(found));
  if (found !== undefined && (next.cursor === undefined || compareCursor(next.cursor, found) < 0))
    throw new CursorRegressionError(describeSliceRef(ref), showCursor(found), showCursor(next.cursor));
}

/** A progress record without `undefined` members (JSON and DynamoDB both drop them). */
export function cleanProgress(p: SliceProgress): SliceProgress {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as unknown as SliceProgress;
}
