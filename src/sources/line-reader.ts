import { isUtf8 } from "node:buffer";
import { open, type FileHandle } from "node:fs/promises";

/**
 * One line of a file: its text (without the newline) and the byte offset where it starts; or, for a line that
 * could not be decoded or was too long, the reason instead of the text.
 */
export type Line =
  | { readonly text: string; readonly offset: number; readonly bad?: undefined }
  | { readonly text?: undefined; readonly offset: number; readonly bad: string };

const CHUNK = 256 * 1024;

/** Options of {@link readLines} and {@link splitLines}. */
export interface LineOptions {
  /** The offset reported for the first byte read (and, for a file, where reading starts). */
  readonly start?: number;
  readonly maxLineBytes: number;
  /** Told the offset where the input ended, before the last lines are yielded. */
  readonly onEnd?: (offset: number) => void;
}

/**
 * Reads up to `length` bytes into `buf` at `offset`, like `FileHandle.read` at the current position; resolves with
 * the number of bytes read, 0 at the end.
 */
export type ByteReader = (buf: Buffer, offset: number, length: number) => Promise<number>;

/**
 * Reads a file line by line with bounded memory: a 256 KiB buffer that grows to hold at most `maxLineBytes`.
 * Longer lines are skipped without being buffered, and yielded as bad lines, in file order. Yields arrays of
 * lines per chunk. `onEnd` is told the offset where the file ended (to see a file that shrank while read).
 */
export async function* readLines(path: string, options: LineOptions): AsyncGenerator<Line[]> {
  const handle: FileHandle = await open(path, "r");
  try {
    let readPos = options.start ?? 0;
    yield* splitLines(async (buf, offset, length) => {
      const { bytesRead } = await handle.read(buf, offset, length, readPos);
      readPos += bytesRead;
      return bytesRead;
    }, options);
  } finally {
    await handle.close();
  }
}

/**
 * A stream (an S3 object's body, gunzipped or not) as a {@link ByteReader}: chunks are copied into the reader's
 * buffer as it asks for them, so memory stays at one chunk plus the line buffer.
 */
export function streamReader(stream: AsyncIterable<Buffer | Uint8Array>): ByteReader {
  const it = stream[Symbol.asyncIterator]();
  let chunk: Buffer | undefined;
  let at = 0;
  return async (buf, offset, length) => {
    while (chunk === undefined || at >= chunk.length) {
      const next = await it.next();
      if (next.done) return 0;
      chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
      at = 0;
    }
    const n = chunk.copy(buf, offset, at, Math.min(chunk.length, at + length));
    at += n;
    return n;
  };
}

/**
 * Splits what `read` gives into lines, like {@link readLines} (which it serves): `start` is the offset reported for
 * the first byte read.
 */
export async function* splitLines(read: ByteReader, options: LineOptions): AsyncGenerator<Line[]> {
  let buf = Buffer.allocUnsafe(Math.max(CHUNK, 64 * 1024));
  let filled = 0; // bytes of buf in use
  let bufStart = options.start ?? 0; // offset of buf[0]
  let skipping = false; // inside an over-long line
  let skipStart = 0;
  for (;;) {
    if (filled === buf.length) {
      // the current line does not fit: grow up to the limit, else skip it
      if (buf.length < options.maxLineBytes + 1) {
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, options.maxLineBytes + 1));
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      } else {
        skipping = true;
        skipStart = bufStart;
        bufStart += filled;
        filled = 0;
      }
    }
    const bytesRead = await read(buf, filled, buf.length - filled);
    const end = filled + bytesRead;
    const eof = bytesRead === 0;
    const lines: Line[] = [];
    let lineStart = 0;
    let nl = buf.indexOf(10, filled);
    if (skipping) {
      if (nl < 0 || nl >= end) {
        if (eof) {
          options.onEnd?.(bufStart + end);
          yield [{ offset: skipStart, bad: `line longer than ${options.maxLineBytes} bytes` }];
          return;
        }
        bufStart += end;
        filled = 0;
        continue;
      }
      lines.push({ offset: skipStart, bad: `line longer than ${options.maxLineBytes} bytes` });
      skipping = false;
      lineStart = nl + 1;
      nl = buf.indexOf(10, lineStart);
    }
    while (nl >= 0 && nl < end) {
      pushLine(buf, lineStart, nl, bufStart, lines, options);
      lineStart = nl + 1;
      nl = buf.indexOf(10, lineStart);
    }
    if (eof) {
      options.onEnd?.(bufStart + end);
      if (lineStart < end) pushLine(buf, lineStart, end, bufStart, lines, options);
      if (lines.length > 0) yield lines;
      return;
    }
    // keep the partial last line at the start of the buffer
    buf.copy(buf, 0, lineStart, end);
    bufStart += lineStart;
    filled = end - lineStart;
    if (lines.length > 0) yield lines;
  }
}

function pushLine(
  buf: Buffer,
  start: number,
  end: number,
  base: number,
  out: Line[],
  options: { maxLineBytes: number },
): void {
  let stop = end;
  if (stop > start && buf[stop - 1] === 13) stop--; // CRLF
  if (stop === start) return; // blank line
  if (stop - start > options.maxLineBytes) {
    out.push({ offset: base + start, bad: `line longer than ${options.maxLineBytes} bytes` });
    return;
  }
  const text = buf.toString("utf8", start, stop);
  if (text.includes("\uFFFD") && !isUtf8(buf.subarray(start, stop))) {
    out.push({ offset: base + start, bad: "not valid UTF-8" });
    return;
  }
  out.push({ text, offset: base + start });
}
