/**
 * Cutting strings to a destination's per-value limits without breaking characters: a cut never separates the two
 * halves of a UTF-16 surrogate pair, so the result is always valid Unicode (and valid UTF-8 once encoded).
 */

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** `n`, moved back by one when it would cut a surrogate pair in `s` in two. */
export function safeCut(s: string, n: number): number {
  if (n <= 0) return 0;
  if (n >= s.length) return s.length;
  return isHighSurrogate(s.charCodeAt(n - 1)) ? n - 1 : n;
}

/**
 * The largest `n` (a cut position, see {@link safeCut}) for which `fits(n)` holds, by binary search; `fits` must
 * be monotone (true up to some length, false after). Returns 0 when not even the empty prefix fits.
 */
export function longestPrefix(s: string, fits: (n: number) => boolean): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(safeCut(s, mid))) lo = mid;
    else hi = mid - 1;
  }
  return safeCut(s, lo);
}

/** UTF-8 bytes of a string once JSON-encoded, without the two quotes (escapes such as `\n` count 2 bytes). */
export function jsonContentBytes(s: string): number {
  return Buffer.byteLength(JSON.stringify(s), "utf8") - 2;
}

/** The longest prefix of `s` whose JSON encoding (without quotes) takes at most `maxBytes` UTF-8 bytes. */
export function cutToJsonBytes(s: string, maxBytes: number): string {
  if (jsonContentBytes(s) <= maxBytes) return s;
  return s.slice(
    0,
    longestPrefix(s, (n) => jsonContentBytes(s.slice(0, n)) <= maxBytes),
  );
}

/** The longest prefix of `text` whose UTF-8 encoding fits in `maxBytes`, never cutting a character in two. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return "";
  // a UTF-16 code unit is at most 3 UTF-8 bytes
  if (text.length * 3 <= maxBytes) return text;
  const buf = Buffer.from(text, "utf8");
  if (buf.length <= maxBytes) return text;
  let cut = maxBytes;
  while (cut > 0 && ((buf[cut] as number) & 0xc0) === 0x80) cut--;
  return buf.toString("utf8", 0, cut);
}

/** What is appended to a message cut to a destination's per-entry limit. */
export const TRUNCATION_MARK = " …[truncated by log-shipper]";

/**
 * Cuts `message` so that it takes at most `maxBytes` UTF-8 bytes including {@link TRUNCATION_MARK}. Returns the
 * message unchanged when it already fits.
 */
export function truncateMessage(message: string, maxBytes: number): { text: string; truncated: boolean } {
  if (message.length * 3 <= maxBytes || Buffer.byteLength(message, "utf8") <= maxBytes) {
    return { text: message, truncated: false };
  }
  const room = maxBytes - Buffer.byteLength(TRUNCATION_MARK, "utf8");
  return { text: truncateUtf8(message, room) + TRUNCATION_MARK, truncated: true };
}
