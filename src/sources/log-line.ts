import { checkEntry, type EntryCheck } from "../core/log-record";
import { fromEpochMs, toEpochMs, toIso } from "../core/timestamp";

/**
 * What the line-based sources (files, archives) share about one line: parsing it as a Kestra log entry, and
 * refusing a timestamp too far in the future.
 */

/**
 * A line whose timestamp is further than this in the future (past both the wall clock and the range's end) is
 * counted as invalid instead of holding the source back: a line only slightly ahead waits for the clock (it is
 * shipped by a later run), but one bogus timestamp (a year 9999, a wrong time zone in one line) would otherwise
 * keep every line after it from shipping until that time, with nothing reported. The wall clock counts too, so
 * that a run pinned in the past (`--now`) stops at the range's end instead of calling every later line invalid.
 */
export const IMPLAUSIBLE_FUTURE_MS = 3_600_000;

/** The first millisecond after the latest timestamp a sortable timestamp can hold. */
const LAST_MS = Date.UTC(10000, 0, 1);

/** A JSON line as a Kestra log entry, or why it is not one. */
export function parseEntryLine(text: string): EntryCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `not valid JSON (${(err as Error).message.slice(0, 80)})` };
  }
  return checkEntry(value);
}

/** The sortable timestamp after which a line is implausible, for a read that ends at `to`. */
export function implausibleAfter(to: string, now: number = Date.now()): string {
  const limit = Math.max(now, toEpochMs(to)) + IMPLAUSIBLE_FUTURE_MS;
  return limit < LAST_MS ? fromEpochMs(limit) : "9999-12-31T23:59:59.999999999Z";
}

/** Why a line with timestamp `ts` (after `limit`) is invalid. */
export function implausibleReason(ts: string, limit: string): string {
  return `\`timestamp\` ${toIso(ts)} is more than ${IMPLAUSIBLE_FUTURE_MS / 3_600_000} hour in the future (after ${toIso(limit)}); a clock or time-zone error?`;
}
