import type { SortableTimestamp } from "./timestamp";

/**
 * A position in a source: the ordering timestamp of a record plus a source-specific tiebreak. Records that share
 * a timestamp (common: about 15% of real logs) are ordered by `key`, so a cursor falls *between* two of them and
 * neither is lost nor sent twice across a batch boundary or across runs.
 */
export interface Cursor {
  /** Sortable timestamp, `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`. */
  readonly ts: SortableTimestamp;
  /** Tiebreak among records with the same `ts`; compared as a string. The empty string sorts first. */
  readonly key: string;
}

/** Compares two positions: negative when `a` comes first, zero when equal, positive when `a` comes later. */
export function compareCursor(a: Cursor, b: Cursor): number {
  if (a.ts !== b.ts) return a.ts < b.ts ? -1 : 1;
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
}

/** True when position (`ts`, `key`) comes strictly after `cursor`. */
export function isAfter(ts: string, key: string, cursor: Cursor): boolean {
  return ts > cursor.ts || (ts === cursor.ts && key > cursor.key);
}

/** The position just before every record at or after `ts`: (`ts`, ""). */
export function cursorAt(ts: SortableTimestamp): Cursor {
  return { ts, key: "" };
}
