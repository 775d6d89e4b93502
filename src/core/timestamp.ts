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
  if (text.length === 24 && isMillisecondUtc(text)) return `${text.slice(0, 23)}000000Z`;
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

const ZERO = 48;

/** The number of two digits at `i`, or -1 when they are not digits. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - ZERO;
  const b = text.charCodeAt(i + 1) - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The common case, checked without a regular expression: `YYYY-MM-DDTHH:MM:SS.mmmZ` (what Kestra, Jackson and
 * `Date.toISOString()` write), with every field in range. Whatever else is left to the general parser.
 */
function isMillisecondUtc(text: string): boolean {
  if (
    text.charCodeAt(4) !== 45 /* - */ ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 /* T */ ||
    text.charCodeAt(13) !== 58 /* : */ ||
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 46 /* . */ ||
    text.charCodeAt(23) !== 90 /* Z */
  )
    return false;
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  const ms = twoDigits(text, 20);
  const msLast = text.charCodeAt(22) - ZERO;
  if (century < 0 || yy < 0 || ms < 0 || msLast < 0 || msLast > 9) return false;
  if (month < 1 || month > 12 || day < 1 || day > (DAYS[month - 1] as number)) return false;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  if (month === 2 && day === 29) {
    const year = century * 100 + yy;
    if (!(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return false;
  }
  return true;
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

/**
 * Epoch seconds of a sortable timestamp as JSON number text with `digits` decimals (1 to 9), e.g.
 * `1772600767.123456` (Splunk HEC's `time`, GELF's `timestamp`). Written as text, so no digit is lost to a double.
 */
export function toEpochSecondsText(ts: SortableTimestamp, digits: number): string {
  const seconds = Math.floor(Date.parse(`${ts.slice(0, 19)}Z`) / 1000);
  const d = Math.min(9, Math.max(1, Math.trunc(digits)));
  if (seconds >= 0) return `${seconds}.${ts.slice(20, 20 + d)}`;
  // before 1970: seconds is negative and the fraction counts forward from it
  return (seconds + Number(`0.${ts.slice(20, 20 + d)}`)).toFixed(d);
}

const NS_PER_S = 1_000_000_000n;

/** Epoch nanoseconds of a sortable timestamp, as a bigint. */
export function toEpochNanos(ts: SortableTimestamp): bigint {
  return BigInt(toEpochNanosString(ts));
}

/** The sortable timestamp of epoch nanoseconds (the inverse of {@link toEpochNanos}). */
export function fromEpochNanos(ns: bigint): SortableTimestamp {
  let seconds = ns / NS_PER_S;
  let nanos = ns % NS_PER_S;
  if (nanos < 0n) {
    nanos += NS_PER_S;
    seconds -= 1n;
  }
  const iso = new Date(Number(seconds) * 1000).toISOString();
  return `${iso.slice(0, 19)}.${nanos.toString().padStart(9, "0")}Z`;
}

/** The instant one nanosecond after `ts`. */
export function justAfter(ts: SortableTimestamp): SortableTimestamp {
  return fromEpochNanos(toEpochNanos(ts) + 1n);
}

/** The instant one nanosecond before `ts`. */
export function justBefore(ts: SortableTimestamp): SortableTimestamp {
  return fromEpochNanos(toEpochNanos(ts) - 1n);
}
