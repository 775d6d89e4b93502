import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { isAfter } from "../core/cursor";
import { namespaceMatches } from "../core/log-record";
import { levelRank } from "../core/levels";
import { readLines } from "./line-reader";
import { implausibleAfter, parseEntryLine } from "./log-line";
import type { JsonValue } from "../core/json";
import { justAfter, normalizeTimestamp } from "../core/timestamp";
import type { ReadRange, SliceTarget, SourceSlice } from "./source";

/**
 * Slicing a file backlog (`FileSource.planSlices`): one planning pass reads every file once, with the same line
 * reader and parser as a read, and keeps per file a few **checkpoints**: a line start `offset` and `before`, the
 * highest timestamp of the valid lines before it (or a bound above it: see {@link quickTimestamp}). A record's position is the running maximum timestamp of its
 * file, so a reader that starts at `offset` with `before` as its running maximum computes exactly the positions a
 * read from the file start computes for every line after it. A slice `[from, until)` seeks each file to its last
 * checkpoint with `before < from`: every line before that point is at a position below `from`, so none of them
 * belongs to the slice, and every line after it is positioned exactly. (Seeking by a line's own timestamp is
 * wrong: a line older than one before it sits at the earlier line's position.)
 */

const OFFSET_DIGITS = 15;

/** The tiebreak key of a file line: its path relative to the base directory and its byte offset. */
export function fileKey(rel: string, offset: number): string {
  return `${rel}@${String(offset).padStart(OFFSET_DIGITS, "0")}`;
}

/** Bytes between two checkpoints of a file at most (a checkpoint is also taken every `target / 8` records). */
export const CHECKPOINT_BYTES = 4 * 1024 * 1024;
/** Bytes before a checkpoint that its fingerprint covers (to see a file rewritten between plan and slice). */
const FINGERPRINT_BYTES = 4096;
/** Files named in one slice's hint at most; other files are read from their start (exact, only slower). */
export const MAX_HINT_FILES = 256;
/**
 * Bytes of hint JSON in one plan at most, shared by its slices: the plan is one state item, and a DynamoDB item
 * holds 400 KB, about half of it taken by 1 000 slices without hints. One seek takes about 80 bytes plus its path.
 */
export const MAX_PLAN_HINT_BYTES = 150_000;

/** One place to start reading a file: a line start and the highest valid timestamp before it. */
export interface FileCheckpoint {
  readonly offset: number;
  /** The running maximum timestamp before `offset` ("" when no valid line precedes it). */
  readonly before: string;
  /** Records in the range (and passing the filter) before `offset`. */
  readonly records: number;
}

/** What the planning pass learnt about one file. */
export interface FileScan {
  readonly rel: string;
  readonly abs: string;
  readonly checkpoints: FileCheckpoint[];
}

/** A slice's seek hint for one file: `[rel, offset, before, fingerprint]`. */
export type FileSeek = [string, number, string, string];

/** The `hint` of a file slice. `to` is the plan's end (the implausible-future limit of the planning pass). */
export type FileSliceHint = {
  readonly v: 1;
  readonly to: string;
  readonly files: FileSeek[];
};

/** One bucket of a file plan, as `Source.planSlices` returns it. */
export interface FileBucket extends SourceSlice {
  readonly hint?: FileSliceHint & JsonValue;
}

/**
 * Reads one file from its start to the first line past `range.to`, and returns its checkpoints: the file start,
 * one every `everyRecords` records or {@link CHECKPOINT_BYTES} bytes, and the point where the scan stopped.
 */
export async function scanFile(
  abs: string,
  rel: string,
  range: ReadRange,
  maxLineBytes: number,
  everyRecords: number,
  cursorOffset?: number,
): Promise<FileScan> {
  if (cursorOffset !== undefined && cursorOffset > 0) {
    const resumed = await scanFrom(abs, rel, range, maxLineBytes, everyRecords, cursorOffset);
    if (resumed !== undefined) return resumed;
  }
  return (await scanFrom(abs, rel, range, maxLineBytes, everyRecords, 0)) as FileScan;
}

/**
 * The scan from `start`: 0, or the line of the range's cursor (`range.after`, whose key names this file), which a
 * read seeks to as well. From the cursor line, the running maximum is the cursor's timestamp (the line's own
 * timestamp must not be above it, else the file changed: `undefined`, scan it from the start).
 */
async function scanFrom(
  abs: string,
  rel: string,
  range: ReadRange,
  maxLineBytes: number,
  everyRecords: number,
  start: number,
): Promise<FileScan | undefined> {
  const limit = implausibleAfter(range.to);
  const minRank = range.filter.minLevelRank;
  const checkpoints: FileCheckpoint[] = [
    { offset: start, before: start > 0 ? range.after.ts : "", records: 0 },
  ];
  let lastPos = start > 0 ? range.after.ts : "";
  let verify = start > 0;
  let records = 0;
  let last = checkpoints[0] as FileCheckpoint;
  let end = start;
  // after the first valid line, a line's timestamp is taken without parsing it when that is unambiguous
  let confirmed = start > 0;
  const lines = readLines(abs, { start, maxLineBytes, onEnd: (o) => (end = o) });
  scan: for await (const chunk of lines) {
    for (const line of chunk) {
      if (line.bad !== undefined) continue;
      const quick = confirmed && !verify ? quickTimestamp(line.text) : undefined;
      const c = quick !== undefined ? undefined : parseEntryLine(line.text);
      if (verify) {
        verify = false;
        if (line.offset !== start || !c?.ok || c.ts > range.after.ts) {
          await lines.return(undefined);
          return undefined;
        }
      }
      const ts = quick ?? (c?.ok ? c.ts : undefined);
      if (ts === undefined || ts > limit) continue;
      confirmed = true;
      const pos = ts > lastPos ? ts : lastPos;
      if (
        lastPos !== "" &&
        (records - last.records >= everyRecords || line.offset - last.offset >= CHECKPOINT_BYTES)
      ) {
        last = { offset: line.offset, before: lastPos, records };
        checkpoints.push(last);
      }
      if (pos > range.to) {
        end = line.offset;
        break scan;
      }
      lastPos = pos;
      // the estimate: a line taken without parsing counts whatever its level and namespace
      if (
        isAfter(pos, fileKey(rel, line.offset), range.after) &&
        (c === undefined ||
          (c.ok &&
            levelRank(c.level) >= minRank &&
            namespaceMatches(c.entry.namespace, range.filter.namespace)))
      )
        records++;
    }
  }
  if (lastPos !== "" && end > last.offset) checkpoints.push({ offset: end, before: lastPos, records });
  return { rel, abs, checkpoints };
}

const TS_KEY = '"timestamp"';

/**
 * The `timestamp` of a JSON line without parsing it, when the line holds the key `"timestamp"` exactly once, with a
 * plain string value; else `undefined` (the caller parses the line). For a valid entry this is its timestamp. An
 * invalid line may get one too, which can only raise a checkpoint's running maximum, never lower it, and a seek
 * stays exact for every position at or after the slice's start as long as that maximum stays below it (it is
 * only used when it does): lines before the seek are then all below the start, and from the seek on the running
 * maximum of the lines read decides every position at or above the start.
 */
export function quickTimestamp(text: string): string | undefined {
  const at = text.indexOf(TS_KEY);
  if (at < 0 || text.indexOf(TS_KEY, at + TS_KEY.length) >= 0) return undefined;
  let i = skipSpace(text, at + TS_KEY.length);
  if (text.charCodeAt(i) !== 58 /* : */) return undefined;
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) !== 34 /* " */) return undefined;
  const close = text.indexOf('"', i + 1);
  if (close < 0) return undefined;
  const raw = text.slice(i + 1, close);
  return raw.includes("\\") ? undefined : normalizeTimestamp(raw);
}

function skipSpace(text: string, i: number): number {
  let j = i;
  for (let c = text.charCodeAt(j); c === 32 || c === 9 || c === 13; c = text.charCodeAt(++j));
  return j;
}

/**
 * Cuts the scanned files into buckets of about `target.sliceTarget` records covering `(range.after.ts, range.to]`:
 * the first starts at `range.after.ts`, the last ends 1 ns after `range.to`. Bounds come from the checkpoints'
 * positions, so a bucket's size is exact to a checkpoint interval per file.
 */
export async function bucketsOf(
  scans: readonly FileScan[],
  range: ReadRange,
  target: SliceTarget,
): Promise<FileBucket[]> {
  // each stretch between two checkpoints: its records, and the position of its last line
  const stretches: Array<{ end: string; records: number }> = [];
  let total = 0;
  for (const s of scans) {
    for (let i = 1; i < s.checkpoints.length; i++) {
      const a = s.checkpoints[i - 1] as FileCheckpoint;
      const b = s.checkpoints[i] as FileCheckpoint;
      if (b.records > a.records) stretches.push({ end: b.before, records: b.records - a.records });
      total += b.records - a.records;
    }
  }
  stretches.sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
  const per = Math.max(1, target.sliceTarget, Math.ceil(total / Math.max(1, target.maxSlices ?? Infinity)));
  const bounds: string[] = [range.after.ts];
  const estimates: number[] = [];
  let acc = 0;
  for (const st of stretches) {
    acc += st.records;
    const bound = justAfter(st.end);
    if (acc >= per && bound > (bounds[bounds.length - 1] as string) && bound <= range.to) {
      bounds.push(bound);
      estimates.push(acc);
      acc = 0;
    }
  }
  bounds.push(justAfter(range.to));
  estimates.push(acc);
  const buckets: FileBucket[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k] as string;
    const hint = await hintFor(scans, from, range.to, Math.floor(MAX_PLAN_HINT_BYTES / (bounds.length - 1)));
    buckets.push({ from, until: bounds[k + 1] as string, estimate: estimates[k] as number, hint });
  }
  return buckets;
}

/**
 * Each file's last checkpoint before `from` (past the file start), with its fingerprint: the furthest seeks first,
 * as many as fit in `maxBytes` of JSON.
 */
async function hintFor(
  scans: readonly FileScan[],
  from: string,
  to: string,
  maxBytes: number,
): Promise<FileBucket["hint"]> {
  const seeks: Array<{ scan: FileScan; cp: FileCheckpoint }> = [];
  for (const scan of scans) {
    let best: FileCheckpoint | undefined;
    for (const cp of scan.checkpoints) {
      if (cp.offset > 0 && cp.before !== "" && cp.before < from) best = cp;
      else if (cp.before >= from) break;
    }
    if (best !== undefined) seeks.push({ scan, cp: best });
  }
  if (seeks.length === 0) return undefined;
  seeks.sort((a, b) => b.cp.offset - a.cp.offset);
  const files: FileSeek[] = [];
  let bytes = JSON.stringify({ v: 1, to, files }).length;
  for (const { scan, cp } of seeks.slice(0, MAX_HINT_FILES)) {
    const fp = await fingerprint(scan.abs, cp.offset);
    if (fp === undefined) continue;
    const seek: FileSeek = [scan.rel, cp.offset, cp.before, fp];
    bytes += JSON.stringify(seek).length + 1;
    if (bytes > maxBytes) break;
    files.push(seek);
  }
  return files.length > 0 ? { v: 1, to, files } : undefined;
}

/**
 * A digest of the bytes just before `offset`, which must end with a newline (a line start); `undefined` when the
 * file is shorter or `offset` is not a line start.
 */
export async function fingerprint(abs: string, offset: number): Promise<string | undefined> {
  const length = Math.min(offset, FINGERPRINT_BYTES);
  const buf = Buffer.alloc(length);
  let handle;
  try {
    handle = await open(abs, "r");
  } catch {
    return undefined;
  }
  try {
    const { bytesRead } = await handle.read(buf, 0, length, offset - length);
    if (bytesRead !== length || buf[length - 1] !== 10) return undefined;
  } finally {
    await handle.close();
  }
  return createHash("sha256").update(buf).digest("base64url").slice(0, 16);
}

/** The seek of `rel` in a slice's hint, or undefined (a missing or malformed hint: read from the start). */
export function seekOf(
  hint: unknown,
  rel: string,
): { offset: number; before: string; fp: string } | undefined {
  if (typeof hint !== "object" || hint === null || (hint as { v?: unknown }).v !== 1) return undefined;
  const files = (hint as { files?: unknown }).files;
  if (!Array.isArray(files)) return undefined;
  for (const f of files as unknown[]) {
    if (!Array.isArray(f) || f[0] !== rel) continue;
    const [, offset, before, fp] = f as unknown[];
    if (typeof offset === "number" && typeof before === "string" && typeof fp === "string")
      return { offset, before, fp };
  }
  return undefined;
}

/** The plan's end recorded in a hint, if any. */
export function hintTo(hint: unknown): string | undefined {
  const to = (hint as { to?: unknown } | null | undefined)?.to;
  return typeof to === "string" ? to : undefined;
}
