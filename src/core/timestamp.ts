/**
 * Timestamps inside log-shipper are *sortable strings*: UTC, always with nine fractional digits,
 * `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`. Comparing two of them as strings compares the instants, at full precision,
 * which JavaScript's millisecond `Date` cannot do.
 */

/** A normalized timestamp string, `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`. */
export type SortableTimestamp = string;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|z|[+-]\d{2}(?::?\d{2})?)$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ZEROS = "000000000";

/**
 * Parses an ISO-8601 date-time with a zone (`Z` or an offset) into a sortable timestamp, keeping up to nanosecond
 * precision. Returns `undefined` when the text is not such a date-time.
 */
export function normalizeTimestamp(text: string): SortableTimestamp | undefined {
  const m = ISO.exec(text);
  if (m === null) return undefined;
  const [, ys, mos, ds, hs, mis, ss, frac = "", zone] = m as unknown as string[];
  const month = Number(mos);
  const day = Number(ds);
  const hour = Number(hs);
  const minute = Number(mis);
  const second = Number(ss);
  if (month < 1 || month > 12 || day < 1 || day > (DAYS[month - 1] as number)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const year = Number(ys);
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)))
    return undefined;
  const nanos = frac + ZEROS.slice(frac.length);
  if (zone === "Z" || zone === "z") {
    return `${ys}-${mos}-${ds}T${hs}:${mis}:${ss}.${nanos}Z`;
  }
  const sign = (zone as string).startsWith("-") ? -1 : 1;
  const digits = (zone as string).slice(1).replace(":", "");
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0");
  if (offsetMinutes > 18 * 60) return undefined;
  const utcMs = Date.UTC(year, month - 1, day, hour, minute, second) - sign * offsetMinutes * 60_000;
  const shifted = new Date(utcMs);
  if (Number.isNaN(shifted.getTime()) || shifted.getUTCFullYear() < 0 || shifted.getUTCFullYear() > 9999) {
    return undefined;
  }
  return `${shifted.toISOString().slice(0, 19)}.${nanos}Z`;
}

/** The sortable timestamp of a JavaScript epoch-milliseconds value. */
export function fromEpochMs(ms: number): SortableTimestamp {
  const whole = Math.floor(ms);
  const iso = new Date(whole).toISOString();
  return `${iso.slice(0, 23)}000000Z`;
}

/** The sortable timestamp of a `Date`. */
export function fromDate(date: Date): SortableTimestamp {
  return fromEpochMs(date.getTime());
}

/** Epoch milliseconds of a sortable timestamp (sub-millisecond digits are dropped). */
export function toEpochMs(ts: SortableTimestamp): number {
  return Date.parse(`${ts.slice(0, 23)}Z`);
}

/** Epoch nanoseconds of a sortable timestamp, as a decimal string (for APIs that take int64 nanoseconds). */
export function toEpochNanosString(ts: SortableTimestamp): string {
  const seconds = Math.floor(Date.parse(`${ts.slice(0, 19)}Z`) / 1000);
  const nanos = ts.slice(20, 29);
  if (seconds > 0) return `${seconds}${nanos}`;
  return (BigInt(seconds) * 1_000_000_000n + BigInt(nanos)).toString();
}

/**
 * Formats a sortable timestamp as conventional ISO-8601: milliseconds when the rest is zero, else micro- or
 * nanoseconds. `2026-01-02T03:04:05.120000000Z` becomes `2026-01-02T03:04:05.120Z`.
 */
export function toIso(ts: SortableTimestamp): string {
  const frac = ts.slice(20, 29);
  let digits = 9;
  if (frac.endsWith("000000")) digits = 3;
  else if (frac.endsWith("000")) digits = 6;
  return `${ts.slice(0, 20)}${frac.slice(0, digits)}Z`;
}
