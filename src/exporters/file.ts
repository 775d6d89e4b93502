import { existsSync } from "node:fs";
import { mkdir, open, type FileHandle } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { FileExporter as FileExporterConfig } from "../../generated/config";
import type { LogRecord } from "../core/log-record";
import { DeliveryError } from "./errors";
import type { Encoded, Exporter, ExporterLimits, SendResult } from "./exporter";
import {
  DEFAULT_LOG_FILE_PREFIX,
  DEFAULT_MAX_LINES_PER_FILE,
  encodeLogLine,
  localDateTime,
  logFileExtension,
  type LogFileFormat,
} from "./log-file-format";
import type { ExporterContext } from "./registry";

export { DEFAULT_MAX_LINES_PER_FILE } from "./log-file-format";

/**
 * Local files. With `path`, appends one JSON line per record to that file (the entry exactly as the source had
 * it). Without `path`, writes Kestra FileLogExporter-style files `<logFilePrefix>-<localDateTime>.json|ion` into
 * `directory`, rotating after `maxLinesPerFile`. Every request is fsynced before it is acknowledged.
 *
 * Requests are written one after the other, even with `concurrency` > 1: Node writes a large buffer in several
 * `write` calls, so two requests appended at once could interleave inside a line. A file that a crash left
 * ending in a partial line gets a newline before the next request, so that the partial line stays a line of its
 * own (its records were not acknowledged and are sent again) instead of swallowing the next record.
 */
export class FileExporter implements Exporter<string> {
  readonly type = "file" as const;
  readonly destination = "file";
  readonly limits: ExporterLimits;
  readonly defaultConcurrency = 1;
  private readonly format: LogFileFormat;
  private readonly path: string | undefined;
  private readonly directory: string;
  private readonly prefix: string;
  private readonly maxLines: number;
  private handle: FileHandle | undefined;
  private linesInFile = 0;
  /** The previous request's write: requests are written in turn. */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    readonly id: string,
    config: FileExporterConfig,
    chunk: number,
    baseDir: string,
    /** False when other threads append to the same file at once (see `ExporterContext.sharedAppend`). */
    private readonly repairOnOpen = true,
  ) {
    this.path = config.path !== undefined ? resolve(baseDir, config.path) : undefined;
    this.format = config.format ?? (config.path !== undefined ? "JSON" : "ION");
    this.directory = resolve(baseDir, config.directory ?? ".logshipper/files");
    this.prefix = config.logFilePrefix ?? DEFAULT_LOG_FILE_PREFIX;
    this.maxLines = config.maxLinesPerFile ?? DEFAULT_MAX_LINES_PER_FILE;
    this.limits = { maxEntries: chunk, maxBytes: Infinity };
  }

  /** Where records go: the file, or the directory of rotating files. */
  describeTarget(): string {
    return this.path ?? this.directory;
  }

  encode(record: LogRecord): Encoded<string> {
    const payload = encodeLogLine(record, this.format);
    return { record, payload, bytes: payload.length + 1 };
  }

  async send(entries: ReadonlyArray<Encoded<string>>): Promise<SendResult> {
    const write = this.writing.then(() => this.write(entries));
    this.writing = write.catch(() => undefined);
    try {
      await write;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new DeliveryError(
        {
          exporterId: this.id,
          destination: "file",
          vendorMessage: `${code ?? "error"} writing ${this.describeTarget()}: ${(err as Error).message}`,
          // a full disk or too many open files may clear up; a wrong path or permission will not
          retryable: code === "ENOSPC" || code === "EMFILE" || code === "EAGAIN",
        },
        { cause: err },
      );
    }
    return {};
  }

  private async write(entries: ReadonlyArray<Encoded<string>>): Promise<void> {
    let i = 0;
    while (i < entries.length) {
      const handle = await this.target();
      const room =
        this.path !== undefined
          ? entries.length - i
          : Math.min(entries.length - i, this.maxLines - this.linesInFile);
      let text = "";
      for (let j = 0; j < room; j++) text += `${(entries[i + j] as Encoded<string>).payload}\n`;
      await appendOnce(handle, text).catch(async (err: unknown) => {
        await this.close(); // the next request reopens the file and ends a partial line first
        throw err;
      });
      await handle.sync();
      this.linesInFile += room;
      i += room;
    }
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }

  private async target(): Promise<FileHandle> {
    if (this.handle !== undefined && (this.path !== undefined || this.linesInFile < this.maxLines))
      return this.handle;
    await this.close();
    const file = this.path ?? this.nextRotatedFile();
    await mkdir(dirname(file), { recursive: true });
    this.handle = await open(file, "a+", 0o644);
    this.linesInFile = 0;
    if (this.repairOnOpen) await endPartialLine(this.handle);
    return this.handle;
  }

  private nextRotatedFile(): string {
    const local = localDateTime(new Date(), true);
    const ext = logFileExtension(this.format);
    let name = join(this.directory, `${this.prefix}-${local}.${ext}`);
    for (let n = 1; existsSync(name); n++) name = join(this.directory, `${this.prefix}-${local}-${n}.${ext}`);
    return name;
  }
}

/**
 * Appends `text` with one `write(2)`: the file is opened with O_APPEND, so another appender (each worker thread of
 * `apply --parallel N` has its own exporter on the same file) cannot land inside it, as it could between the
 * 512 KiB chunks of `appendFile`. A short write (a full disk) fails the request; the partial line it left is
 * ended by the next open.
 */
async function appendOnce(handle: FileHandle, text: string): Promise<void> {
  const buf = Buffer.from(text, "utf8");
  const { bytesWritten } = await handle.write(buf, 0, buf.length);
  if (bytesWritten !== buf.length)
    throw Object.assign(new Error(`short write: ${bytesWritten} of ${buf.length} bytes`), { code: "ENOSPC" });
}

/** Appends a newline when the file ends inside a line (a write that a crash cut short). */
async function endPartialLine(handle: FileHandle): Promise<void> {
  const { size } = await handle.stat();
  if (size === 0) return;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  if (last[0] !== 0x0a) await handle.appendFile("\n");
}

/**
 * Ends a partial line that a crash left at the end of a `path` file exporter's file, as the exporter does when it
 * opens the file: `apply --parallel N` calls it once before its workers start, since a worker cannot tell a crash's
 * partial line from another worker's write in progress (it would add a blank line after that write).
 */
export async function endPartialLineOf(config: FileExporterConfig, baseDir: string): Promise<void> {
  if (config.path === undefined) return; // rotated files: every open starts a new file
  const file = resolve(baseDir, config.path);
  if (!existsSync(file)) return;
  const handle = await open(file, "a+");
  try {
    await endPartialLine(handle);
  } finally {
    await handle.close();
  }
}

/** Creates the file exporter. */
export async function createFileExporter(context: ExporterContext<FileExporterConfig>): Promise<Exporter> {
  return new FileExporter(
    context.resolved.id,
    context.config,
    context.resolved.chunk,
    context.baseDir,
    context.sharedAppend !== true,
  );
}
