import { isUtf8 } from "node:buffer";
import { open, type FileHandle } from "node:fs/promises";

/** One line of a file: its text (without the newline) and the byte offset where it starts. */
export interface Line {
  readonly text: string;
  readonly offset: number;
}

/** A line that could not be decoded or was too long; it is counted as invalid and skipped. */
export interface BadLine {
  readonly offset: number;
  readonly reason: string;
}

const CHUNK = 1 << 20;

/**
 * Reads a file line by line with bounded memory: a 1 MiB buffer that grows to hold at most `maxLineBytes`.
 * Longer lines are skipped (reported through `onBad`) without being buffered. Yields arrays of lines per chunk.
 */
export async function* readLines(
  path: string,
  options: { start?: number; maxLineBytes: number; onBad: (bad: BadLine) => void },
): AsyncGenerator<Line[]> {
  const handle: FileHandle = await open(path, "r");
  try {
    let buf = Buffer.allocUnsafe(Math.max(CHUNK, 64 * 1024));
    let filled = 0; // bytes of buf in use
    let bufStart = options.start ?? 0; // file offset of buf[0]
    let readPos = bufStart;
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
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, readPos);
      readPos += bytesRead;
      const end = filled + bytesRead;
      const eof = bytesRead === 0;
      const lines: Line[] = [];
      let lineStart = 0;
      let nl = buf.indexOf(10, filled);
      if (skipping) {
        if (nl < 0 || nl >= end) {
          if (eof) {
            options.onBad({ offset: skipStart, reason: `line longer than ${options.maxLineBytes} bytes` });
            return;
          }
          bufStart += end;
          filled = 0;
          continue;
        }
        options.onBad({ offset: skipStart, reason: `line longer than ${options.maxLineBytes} bytes` });
        skipping = false;
        lineStart = nl + 1;
        nl = buf.indexOf(10, lineStart);
      }
      while (nl >= 0 && nl < end) {
        pushLine(buf, lineStart, nl, bufStart, lines, options.onBad);
        lineStart = nl + 1;
        nl = buf.indexOf(10, lineStart);
      }
      if (eof) {
        if (lineStart < end) pushLine(buf, lineStart, end, bufStart, lines, options.onBad);
        if (lines.length > 0) yield lines;
        return;
      }
      // keep the partial last line at the start of the buffer
      buf.copy(buf, 0, lineStart, end);
      bufStart += lineStart;
      filled = end - lineStart;
      if (lines.length > 0) yield lines;
    }
  } finally {
    await handle.close();
  }
}

function pushLine(
  buf: Buffer,
  start: number,
  end: number,
  base: number,
  out: Line[],
  onBad: (b: BadLine) => void,
): void {
  let stop = end;
  if (stop > start && buf[stop - 1] === 13) stop--; // CRLF
  if (stop === start) return; // blank line
  const text = buf.toString("utf8", start, stop);
  if (text.includes("\uFFFD") && !isUtf8(buf.subarray(start, stop))) {
    onBad({ offset: base + start, reason: "not valid UTF-8" });
    return;
  }
  out.push({ text, offset: base + start });
}
