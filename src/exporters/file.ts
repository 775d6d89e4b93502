import { existsSync } from "node:fs";
import { mkdir, open, type FileHandle } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { FileExporter as FileExporterConfig } from "../../generated/config";
import type { LogRecord } from "../core/log-record";
import { toIso } from "../core/timestamp";
import { DeliveryError } from "./errors";
import type { Encoded, Exporter, ExporterLimits, SendResult } from "./exporter";
import { toIonText } from "./ion-text";
import type { ExporterContext } from "./registry";

/** Default rotation size, as Kestra's GCS exporter. */
export const DEFAULT_MAX_LINES_PER_FILE = 100_000;

/**
 * Local files. With `path`, appends one JSON line per record to that file (the entry exactly as the source had
 * it). Without `path`, writes Kestra FileLogExporter-style files `<logFilePrefix>-<localDateTime>.json|ion` into
 * `directory`, rotating after `maxLinesPerFile`. Every request is fsynced before it is acknowledged.
 */
export class FileExporter implements Exporter<string> {
  readonly type = "file" as const;
  readonly destination = "file";
  readonly limits: ExporterLimits;
  readonly defaultConcurrency = 1;
  private readonly format: "JSON" | "ION";
  private readonly path: string | undefined;
  private readonly directory: string;
  private readonly prefix: string;
  private readonly maxLines: number;
  private handle: FileHandle | undefined;
  private linesInFile = 0;

  constructor(
    readonly id: string,
    config: FileExporterConfig,
    chunk: number,
    baseDir: string,
  ) {
    this.path = config.path !== undefined ? resolve(baseDir, config.path) : undefined;
    this.format = config.format ?? (config.path !== undefined ? "JSON" : "ION");
    this.directory = resolve(baseDir, config.directory ?? ".logshipper/files");
    this.prefix = config.logFilePrefix ?? "kestra-log-file";
    this.maxLines = config.maxLinesPerFile ?? DEFAULT_MAX_LINES_PER_FILE;
    this.limits = { maxEntries: chunk, maxBytes: Infinity };
  }

  /** Where records go: the file, or the directory of rotating files. */
  describeTarget(): string {
    return this.path ?? this.directory;
  }

  encode(record: LogRecord): Encoded<string> {
    const payload =
      this.format === "JSON"
        ? (record.raw ?? JSON.stringify(record.entry))
        : toIonText(record.entry, toIso(record.ts));
    return { record, payload, bytes: payload.length + 1 };
  }

  async send(entries: ReadonlyArray<Encoded<string>>): Promise<SendResult> {
    try {
      await this.write(entries);
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
      await handle.appendFile(text, "utf8");
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
    this.handle = await open(file, "a", 0o644);
    this.linesInFile = 0;
    return this.handle;
  }

  private nextRotatedFile(): string {
    const now = new Date();
    const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 23);
    const ext = this.format === "JSON" ? "json" : "ion";
    let name = join(this.directory, `${this.prefix}-${local}.${ext}`);
    for (let n = 1; existsSync(name); n++) name = join(this.directory, `${this.prefix}-${local}-${n}.${ext}`);
    return name;
  }
}

/** Creates the file exporter. */
export async function createFileExporter(context: ExporterContext<FileExporterConfig>): Promise<Exporter> {
  return new FileExporter(context.resolved.id, context.config, context.resolved.chunk, context.baseDir);
}
