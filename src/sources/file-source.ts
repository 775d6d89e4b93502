import { stat } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { glob } from "tinyglobby";
import { isAfter, type Cursor } from "../core/cursor";
import { namespaceMatches, ParsedRecord, type LogRecord, type RecordFilter } from "../core/log-record";
import { levelRank } from "../core/levels";
import type { FileSource as FileSourceConfig } from "../../generated/config";
import type { Drift } from "../../generated/report";
import { countByReading } from "./count";
import {
  bucketsOf,
  fileKey,
  fingerprint,
  hintTo,
  scanFile,
  seekOf,
  type FileBucket,
  type FileScan,
} from "./file-slices";
import { SourceIncompleteError } from "./errors";
import { readLines, type Line } from "./line-reader";
import { implausibleAfter, implausibleReason, parseEntryLine } from "./log-line";
import type { InvalidLine, ReadOptions, ReadRange, SliceTarget, Source, SourceBatch } from "./source";

/** Default longest line; longer lines are counted as invalid. */
export const DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;
export { fileKey };

function parseKey(key: string): { rel: string; offset: number } | undefined {
  const at = key.lastIndexOf("@");
  if (at < 0) return undefined;
  const offset = Number(key.slice(at + 1));
  return Number.isSafeInteger(offset) ? { rel: key.slice(0, at), offset } : undefined;
}

/**
 * JSON-lines files in Kestra's log model, matched by a glob. Each file is read in order; a record's position is
 * (pos, `path@offset`), where `pos` is the highest timestamp seen so far in its file, so a file is always in
 * ascending order even when a line is older than the one before it. Several files are merged by position.
 * Resuming seeks straight to the cursor's line in its file; other files are read from their start, or, in a slice
 * (`range.hint`, see ./file-slices), from the checkpoint that the plan found for the slice's start.
 */
export class FileSource implements Source {
  private readonly pattern: string;
  private readonly maxLineBytes: number;

  constructor(
    config: FileSourceConfig,
    private readonly baseDir: string,
  ) {
    this.pattern = config.path;
    this.maxLineBytes = config.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }

  describe(): string {
    return `file ${this.pattern}`;
  }

  async check(shipper: string): Promise<Drift[]> {
    const files = await this.files();
    if (files.length > 0) return [];
    return [
      {
        kind: "source-missing",
        shipper,
        message: `no file matches ${this.pattern} (relative to ${this.baseDir})`,
      },
    ];
  }

  async count(ranges: readonly ReadRange[]): Promise<Array<number | null>> {
    return countByReading(this, ranges);
  }

  /**
   * Buckets of about `target.sliceTarget` records over `(range.after, range.to]`, with per-file seek hints: one
   * planning pass reads every file once (see ./file-slices).
   */
  async planSlices(range: ReadRange, target: SliceTarget): Promise<FileBucket[]> {
    const everyRecords = Math.max(1, Math.floor(target.sliceTarget / 8));
    const scans: FileScan[] = [];
    const cursorFile = parseKey(range.after.key);
    for (const abs of await this.files()) {
      const rel = relative(this.baseDir, abs);
      const at = cursorFile?.rel === rel ? cursorFile.offset : undefined;
      scans.push(await scanFile(abs, rel, range, this.maxLineBytes, everyRecords, at));
    }
    return bucketsOf(scans, range, target);
  }

  async *read(range: ReadRange, options: ReadOptions): AsyncGenerator<SourceBatch> {
    const files = await this.files();
    const hint = range.hint;
    const planTo = hintTo(hint);
    const limitTo = planTo !== undefined && planTo > range.to ? planTo : range.to;
    const readers = await Promise.all(
      files.map(
        async (abs) =>
          new FileReader(
            abs,
            relative(this.baseDir, abs),
            range,
            this.maxLineBytes,
            options.onInvalid,
            await this.sizeOf(abs),
            limitTo,
          ),
      ),
    );
    const cursorFile = parseKey(range.after.key);
    for (const reader of readers) {
      const cursorHere = cursorFile !== undefined && reader.rel === cursorFile.rel ? cursorFile : undefined;
      const seek = seekOf(hint, reader.rel);
      if (seek !== undefined && (cursorHere === undefined || seek.offset > cursorHere.offset)) {
        // the plan's checkpoint, if the file still has the same bytes before it (else: from the start)
        if (seek.offset <= reader.size && (await fingerprint(reader.abs, seek.offset)) === seek.fp)
          reader.seekCheckpoint(seek.offset, seek.before);
      } else if (cursorHere !== undefined) reader.seek(cursorHere.offset, range.after);
      await reader.fill();
    }
    try {
      yield* this.merge(readers, options);
    } finally {
      // a consumer that stops early (time budget, every exporter done) must not leave file handles open
      await Promise.all(readers.map((r) => r.close()));
    }
  }

  private async *merge(readers: FileReader[], options: ReadOptions): AsyncGenerator<SourceBatch> {
    let batch: LogRecord[] = [];
    let invalid = 0;
    const flushInvalid = (): number => {
      let n = 0;
      for (const r of readers) n += r.takeInvalid();
      return n;
    };
    let live = readers.filter((r) => !r.done);
    while (live.length > 0) {
      if (options.signal?.aborted) return;
      // the reader with the lowest head, and the head it must stay below
      let min = live[0] as FileReader;
      let bound: LogRecord | undefined;
      for (let i = 1; i < live.length; i++) {
        const r = live[i] as FileReader;
        if (before(r.head(), min.head())) {
          bound = min.head();
          min = r;
        } else if (bound === undefined || before(r.head(), bound)) bound = r.head();
      }
      for (;;) {
        const rec = min.take();
        batch.push(rec);
        if (batch.length >= options.batchSize) {
          invalid += flushInvalid();
          yield { records: batch, invalid };
          batch = [];
          invalid = 0;
        }
        if (!min.hasBuffered()) await min.fill();
        if (min.done || (bound !== undefined && !before(min.head(), bound))) break;
      }
      live = live.filter((r) => !r.done);
    }
    invalid += flushInvalid();
    if (batch.length > 0 || invalid > 0) yield { records: batch, invalid };
  }

  /**
   * The size of a listed file: its end, which the read must reach. A file gone since it was listed (renamed
   * away, deleted) fails the read, so that no cursor passes its lines; the next run lists the files again.
   */
  private async sizeOf(abs: string): Promise<number> {
    try {
      return (await stat(abs)).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      const rel = relative(this.baseDir, abs);
      throw new SourceIncompleteError(this.describe(), {
        window: `the file ${rel}`,
        said: "it was listed",
        read: "nothing: it vanished before it could be opened (renamed or deleted)",
      });
    }
  }

  private async files(): Promise<string[]> {
    const found = await glob(this.pattern, {
      cwd: this.baseDir,
      absolute: true,
      onlyFiles: true,
      dot: false,
    });
    return found
      .map((f) => resolve(f))
      .sort((a, b) => (relative(this.baseDir, a) < relative(this.baseDir, b) ? -1 : 1));
  }
}

function before(a: LogRecord, b: LogRecord): boolean {
  return a.pos < b.pos || (a.pos === b.pos && a.key < b.key);
}

/** Reads one file into a small buffer of parsed, filtered records in position order. */
class FileReader {
  /** No more lines will be read (end of file, or past the range's end). */
  private exhausted = false;
  private buffer: LogRecord[] = [];
  private index = 0;
  private lines: AsyncGenerator<Line[]> | undefined;
  private start = 0;
  private lastPos = "";
  private invalid = 0;
  /** Invalid lines before the first valid one: counted once we know whether the read starts before them. */
  private leadingInvalid = 0;
  private sawValid = false;
  private readonly minRank: number;
  private readonly namespace: string | undefined;

  constructor(
    readonly abs: string,
    readonly rel: string,
    private readonly range: ReadRange,
    private readonly maxLineBytes: number,
    private readonly onInvalid: ((line: InvalidLine) => void) | undefined,
    readonly size: number,
    limitTo: string,
  ) {
    const f: RecordFilter = range.filter;
    this.minRank = f.minLevelRank;
    this.namespace = f.namespace;
    this.implausibleAfter = implausibleAfter(limitTo);
  }

  /** Timestamps after this are implausible (see `IMPLAUSIBLE_FUTURE_MS` in ./log-line). */
  private readonly implausibleAfter: string;

  /** Starts at the cursor's line (which is then skipped as not after the cursor) instead of the file start. */
  seek(offset: number, cursor: Cursor): void {
    if (offset >= this.size) return; // truncated or replaced: read it from the start
    this.start = offset;
    this.lastPos = cursor.ts;
    this.sawValid = true;
    this.verifySeek = true;
  }

  private verifySeek = false;

  /**
   * Starts at a line start whose preceding lines all have timestamps up to `before` (a slice plan's checkpoint):
   * positions after it are then the same as in a read from the file start.
   */
  seekCheckpoint(offset: number, before: string): void {
    this.start = offset;
    this.lastPos = before;
    this.sawValid = true;
  }

  /** True when every record of this file has been taken. */
  get done(): boolean {
    return this.exhausted && this.index >= this.buffer.length;
  }

  head(): LogRecord {
    return this.buffer[this.index] as LogRecord;
  }

  hasBuffered(): boolean {
    return this.index < this.buffer.length;
  }

  take(): LogRecord {
    return this.buffer[this.index++] as LogRecord;
  }

  takeInvalid(): number {
    const n = this.invalid;
    this.invalid = 0;
    return n;
  }

  /** Reads until at least one record is buffered or the file (or the range) ends. */
  async fill(): Promise<void> {
    this.buffer = [];
    this.index = 0;
    if (this.exhausted) return;
    this.lines ??= this.open(this.start);
    while (this.buffer.length === 0) {
      const next = await this.lines.next();
      if (next.done) {
        this.finish();
        this.checkEnd();
        return;
      }
      for (const line of next.value) {
        if (line.bad !== undefined) {
          this.bad(line.offset, line.bad);
          continue;
        }
        if (this.verifySeek) {
          this.verifySeek = false;
          if (!this.seekLooksRight(line.text, line.offset)) {
            // the file changed under the cursor (truncated or rewritten): read it from the start instead
            await this.lines.return(undefined);
            this.lines = this.open(0);
            this.start = 0;
            this.lastPos = "";
            this.sawValid = false;
            break;
          }
        }
        if (!this.line(line.text, line.offset)) {
          this.finish();
          return;
        }
      }
    }
  }

  private open(start: number): AsyncGenerator<Line[]> {
    return readLines(this.abs, {
      start,
      maxLineBytes: this.maxLineBytes,
      onEnd: (offset) => (this.endedAt = offset),
    });
  }

  /** Where the file ended when read to its end. */
  private endedAt: number | undefined;

  /**
   * The file's end is its size when the read started: a read that ends before it saw the file shrink under it
   * (truncated, `copytruncate`), and the lines between are not read; the read fails so that no cursor passes
   * them (a rotated copy that the glob matches ships them in the next run).
   */
  private checkEnd(): void {
    if (this.endedAt === undefined || this.endedAt >= this.size) return;
    throw new SourceIncompleteError(`file ${this.rel}`, {
      window: `the file ${this.rel}`,
      said: `${this.size.toLocaleString("en-US")} bytes when the read started`,
      read: `its lines up to byte ${this.endedAt.toLocaleString("en-US")}, where it ended (truncated while read)`,
    });
  }

  /** Closes the file (when reading stops before its end). */
  async close(): Promise<void> {
    this.exhausted = true;
    await this.lines?.return(undefined);
  }

  private seekLooksRight(text: string, offset: number): boolean {
    if (offset !== this.start) return false;
    const c = parseEntryLine(text);
    return c.ok && c.ts <= this.lastPos;
  }

  private finish(): void {
    this.exhausted = true;
    if (!this.sawValid && this.leadingInvalid > 0) {
      this.invalid += this.leadingInvalid;
      this.leadingInvalid = 0;
    }
    void this.lines?.return(undefined);
  }

  /** Handles one line; returns false when the file has gone past the range's end. */
  private line(text: string, offset: number): boolean {
    const c = parseEntryLine(text);
    if (!c.ok) {
      this.bad(offset, c.reason);
      return true;
    }
    if (c.ts > this.implausibleAfter) {
      this.bad(offset, implausibleReason(c.ts, this.implausibleAfter));
      return true;
    }
    const pos = c.ts > this.lastPos ? c.ts : this.lastPos;
    if (pos > this.range.to) return false;
    const key = fileKey(this.rel, offset);
    const after = isAfter(pos, key, this.range.after);
    if (!this.sawValid) {
      this.sawValid = true;
      if (after) this.invalid += this.leadingInvalid;
      this.leadingInvalid = 0;
    }
    this.lastPos = pos;
    if (!after) return true;
    if (levelRank(c.level) < this.minRank || !namespaceMatches(c.entry.namespace, this.namespace))
      return true;
    this.buffer.push(new ParsedRecord(c.ts, pos, key, c.level, c.entry, text));
    return true;
  }

  private bad(offset: number, reason: string): void {
    // an invalid line sits at the position of the valid line before it; count it when that is inside the range
    if (!this.sawValid) {
      this.leadingInvalid++;
    } else if (isAfter(this.lastPos, fileKey(this.rel, offset), this.range.after)) {
      this.invalid++;
    } else {
      return;
    }
    this.onInvalid?.({ location: `${this.rel}@${offset}`, reason });
  }
}
