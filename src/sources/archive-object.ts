import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { isAfter } from "../core/cursor";
import { describeError } from "../core/errors";
import { levelRank } from "../core/levels";
import { namespaceMatches, ParsedRecord, type LogRecord } from "../core/log-record";
import { toKestraRecord } from "./cloudwatch-source";
import { SourceError } from "./errors";
import { splitLines, streamReader } from "./line-reader";
import { implausibleAfter, implausibleReason, parseEntryLine } from "./log-line";
import type { ReadOptions, ReadRange } from "./source";

/**
 * One object of a log archive, read for the archive source (`./s3-source.ts`): its lines parsed (Kestra JSON
 * entries, or CloudWatch Logs export lines), sorted by time when the object fits in memory, placed at positions
 * that never go below the objects before it, and filtered to the range.
 */

/** A line of a CloudWatch Logs export: `<ISO-8601 UTC timestamp> <message>`. */
const EXPORT_LINE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z) ([\s\S]*)$/;
const OFFSET_DIGITS = 15;

/**
 * The tiebreak key of an archive line: the object key, the line's byte offset in the (decompressed) object, and
 * the position the object starts at (the highest position of the objects before it), separated by spaces. Keys
 * of one object order by offset; keys of two objects by object key, as S3 lists them (a space sorts below every
 * character an object key may hold here: keys with control characters are refused).
 */
export function archiveKey(object: string, offset: number, base: string): string {
  return `${object} ${String(offset).padStart(OFFSET_DIGITS, "0")} ${base}`;
}

/** The parts of an {@link archiveKey}, or `undefined` for another source's key. */
export function parseArchiveKey(key: string): { object: string; offset: number; base: string } | undefined {
  const b = key.lastIndexOf(" ");
  const o = key.lastIndexOf(" ", b - 1);
  if (o <= 0) return undefined;
  const offset = Number(key.slice(o + 1, b));
  return Number.isSafeInteger(offset)
    ? { object: key.slice(0, o), offset, base: key.slice(b + 1) }
    : undefined;
}

/** Where an object comes from. */
export interface ObjectStoreReader {
  /** The source, for messages. */
  describe(): string;
  /** `s3://bucket`, for the locations of invalid lines. */
  readonly location: string;
  readonly maxObjectBytes: number;
  readonly maxLineBytes: number;
  /** The object's body, or `undefined` when it no longer exists. */
  body(key: string): Promise<AsyncIterable<Uint8Array> | undefined>;
}

/** A valid line of an object: its text and what its position is made of. */
interface HeldLine {
  readonly ts: string;
  readonly level: LogRecord["level"];
  readonly raw: string;
  readonly offset: number;
  /** Passes the shipper's level and namespace filter. */
  readonly keep: boolean;
}

/** One object's read: its lines parsed, sorted (when it fits) and filtered to the range. */
export class ObjectRead {
  /** The highest position after this object (the next object's base). */
  end: string;
  /** True when a record went past the range's end: the read stops. */
  pastEnd = false;
  private readonly implausible: string;
  private readonly group: string;
  private readonly stream: string;

  constructor(
    private readonly source: ObjectStoreReader,
    private readonly key: string,
    private readonly base: string,
    private readonly range: ReadRange,
    private readonly options: ReadOptions,
    private readonly countInvalid: () => void,
  ) {
    this.end = base;
    this.implausible = implausibleAfter(range.to);
    const parts = key.split("/");
    this.stream = parts.length >= 2 ? (parts[parts.length - 2] as string) : "";
    this.group = parts.slice(0, -3).join("/") || source.location.replace(/^[a-z0-9]+:\/\//, "");
  }

  /** The object's records after the cursor and up to the range's end, in (position, key) order. */
  async *records(): AsyncGenerator<LogRecord> {
    if (hasControlCharacter(this.key))
      return this.badAt(this.base, 0, "the object key holds a control character");
    if (/\.ion(\.gz)?$/.test(this.key))
      return this.badAt(this.base, 0, "Ion objects are not read (write the archive with format: JSON)");
    const body = await this.source.body(this.key);
    if (body === undefined) return;
    const { maxObjectBytes, maxLineBytes } = this.source;
    // the object's lines, while it fits in memory; undefined once it is read as a stream
    let held: HeldLine[] | undefined = [];
    let heldBytes = 0;
    let maxTs = "";
    let minTs: string | undefined;
    const bad: Array<{ offset: number; reason: string }> = [];
    const invalid = (offset: number, reason: string): void => {
      if (held === undefined) this.badAt(this.end, offset, reason);
      else bad.push({ offset, reason });
    };
    try {
      for await (const lines of splitLines(streamReader(gunzipIfNeeded(body)), { maxLineBytes })) {
        for (const line of lines) {
          if (line.bad !== undefined) {
            invalid(line.offset, line.bad);
            continue;
          }
          const parsed = this.parse(line.text, line.offset);
          if (typeof parsed === "string") {
            invalid(line.offset, parsed);
            continue;
          }
          if (held === undefined) {
            const out = this.inOrder(parsed);
            if (out === "end") return;
            if (out !== undefined) yield out;
            continue;
          }
          const ts = parsed.ts;
          if (ts > maxTs) maxTs = ts;
          if (minTs === undefined || ts < minTs) minTs = ts;
          held.push(parsed);
          heldBytes += line.text.length;
          if (heldBytes <= maxObjectBytes) continue;
          // too large to sort: go on in the object's own order, from its start
          for (const b of bad) this.badAt(max(this.base, minTs), b.offset, b.reason);
          bad.length = 0;
          const first = held;
          held = undefined;
          for (const h of first) {
            const out = this.inOrder(h);
            if (out === "end") return;
            if (out !== undefined) yield out;
          }
        }
      }
    } catch (err) {
      if (err instanceof SourceError) throw err;
      if (!(err as NodeJS.ErrnoException).code?.startsWith("Z_")) {
        throw new SourceError(
          "unavailable",
          `${this.source.describe()}: reading ${this.key}: ${describeError(err)}`,
          {
            retryable: true,
            cause: err,
          },
        );
      }
      // a corrupt gzip stream: what came before the damage is read, the rest is one invalid line
      invalid(0, `not a valid gzip stream: ${(err as Error).message}`);
    }
    if (held === undefined) return;
    for (const b of bad) this.badAt(max(this.base, minTs), b.offset, b.reason);
    this.end = max(this.base, maxTs);
    // sorted: a record's position is its timestamp, or the object's base when that is higher
    const sorted = held.flatMap((h) => (h.keep ? [this.at(h, max(this.base, h.ts))] : []));
    sorted.sort(byPosition);
    for (const r of sorted) {
      const out = this.emit(r);
      if (out === "end") return;
      if (out !== undefined) yield out;
    }
  }

  /** A record of an object read in its own order, at the highest timestamp so far. */
  private inOrder(line: HeldLine): LogRecord | "end" | undefined {
    const pos = max(this.end, line.ts);
    this.end = pos;
    if (pos > this.range.to) {
      this.pastEnd = true;
      return "end";
    }
    return line.keep ? this.emit(this.at(line, pos)) : undefined;
  }

  /** The record if it is inside the range; "end" past the range's end. */
  private emit(r: LogRecord): LogRecord | "end" | undefined {
    if (r.pos > this.range.to) {
      this.pastEnd = true;
      return "end";
    }
    return isAfter(r.pos, r.key, this.range.after) ? r : undefined;
  }

  /** The line as a record at `pos`; its entry is parsed from its text when it is asked for. */
  private at(line: HeldLine, pos: string): ParsedRecord {
    const key = archiveKey(this.key, line.offset, this.base);
    return new ParsedRecord(line.ts, pos, key, line.level, undefined, line.raw);
  }

  /** A line as a {@link HeldLine}, or why it is invalid. */
  private parse(text: string, offset: number): HeldLine | string {
    const c = parseEntryLine(text);
    let line: HeldLine;
    const f = this.range.filter;
    const keep = (level: LogRecord["level"], namespace: string): boolean =>
      levelRank(level) >= f.minLevelRank && namespaceMatches(namespace, f.namespace);
    if (c.ok) {
      line = { ts: c.ts, level: c.level, raw: text, offset, keep: keep(c.level, c.entry.namespace) };
    } else {
      const m = EXPORT_LINE.exec(text);
      const ms = m ? Date.parse(m[1] as string) : NaN;
      if (!m || Number.isNaN(ms)) return c.reason;
      const rec = toKestraRecord(this.group, { timestamp: ms, message: m[2], logStreamName: this.stream });
      if (rec === undefined) return c.reason;
      const raw = JSON.stringify(rec.entry);
      line = { ts: rec.ts, level: rec.level, raw, offset, keep: keep(rec.level, rec.entry.namespace) };
    }
    if (line.ts > this.implausible) return implausibleReason(line.ts, this.implausible);
    return line;
  }

  private badAt(pos: string, offset: number, reason: string): void {
    if (!isAfter(pos, archiveKey(this.key, offset, this.base), this.range.after)) return;
    this.countInvalid();
    this.options.onInvalid?.({ location: `${this.source.location}/${this.key}@${offset}`, reason });
  }
}

/** True when a key holds a character below a space (which would break the order of {@link archiveKey}s). */
function hasControlCharacter(key: string): boolean {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) < 0x20) return true;
  return false;
}

function max(a: string, b: string | undefined): string {
  return b !== undefined && b > a ? b : a;
}

function byPosition(a: LogRecord, b: LogRecord): number {
  if (a.pos !== b.pos) return a.pos < b.pos ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** The body as it is, or gunzipped when it starts with gzip's magic bytes. */
async function* gunzipIfNeeded(body: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const it = body[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const head = Buffer.from(first.value);
  async function* all(): AsyncGenerator<Buffer> {
    yield head;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield Buffer.from(next.value);
    }
  }
  if (head.length < 2 || head[0] !== 0x1f || head[1] !== 0x8b) {
    yield* all();
    return;
  }
  // pipe() does not pass a failing body on: the gunzip stream is destroyed with its error instead
  const gunzip = createGunzip();
  const source = Readable.from(all());
  source.on("error", (err) => gunzip.destroy(err));
  yield* source.pipe(gunzip) as AsyncIterable<Buffer>;
}
