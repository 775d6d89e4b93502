import { hash } from "node:crypto";
import type { ExporterType } from "../config/exporter-types";
import type { LogRecord } from "../core/log-record";
import { toEpochMs } from "../core/timestamp";
import { gzipBody } from "../shipping/http-options";
import type { Encoded, Exporter, ExporterLimits, SendContext, SendResult } from "./exporter";
import {
  DEFAULT_LOG_FILE_PREFIX,
  DEFAULT_MAX_LINES_PER_FILE,
  encodeLogLine,
  localDateTime,
  logFileExtension,
  type LogFileFormat,
} from "./log-file-format";

/**
 * The object writer shared by the archive destinations (S3, Google Cloud Storage, Azure Blob Storage). Each request
 * of the pipeline becomes one object, written whole: up to `maxLinesPerFile` lines (Kestra's rotation) and
 * `maxBytesPerFile` bytes, one Kestra log entry per line in JSON or Ion text, optionally gzipped. The object is
 * acknowledged once the store has confirmed it, so the offset never passes an object that is not stored.
 *
 * Names are deterministic: `<logFilePrefix>-<localDateTime>-<id>.<json|ion>[.gz]`, where `localDateTime` is the
 * first record's position (UTC, in Java's `LocalDateTime` form as Kestra's names have it) and `id` a hash of the
 * shipper, the exporter and that position. A crash between the upload and the offset commit makes the next run
 * send the same records again, starting at the same record: the object gets the same name and overwrites the one
 * the crash left, so an archive never holds a record twice.
 */

/** Most bytes per object (before compression) unless `maxBytesPerFile` says otherwise. */
export const DEFAULT_MAX_BYTES_PER_FILE = 32 * 1024 * 1024;
/** Uploads in flight unless the config sets `concurrency`. */
export const DEFAULT_ARCHIVE_CONCURRENCY = 2;
/** gzip level of archived objects: stored for long, so smaller beats faster (zlib's default). */
export const ARCHIVE_GZIP_LEVEL = 6;

/** The archive properties every archive exporter has (Kestra's, plus `maxBytesPerFile` and `gzip`). */
export interface ArchiveConfig {
  readonly format?: LogFileFormat;
  readonly logFilePrefix?: string;
  readonly maxLinesPerFile?: number;
  readonly maxBytesPerFile?: number;
  readonly gzip?: boolean;
}

/** One object to store. */
export interface ArchiveObject {
  /** The object's name (key) inside the bucket or container. */
  readonly name: string;
  readonly body: Buffer;
  readonly contentType: string;
  /** Lines in the object. */
  readonly lines: number;
}

/**
 * The upload call of one store: the only part that differs between S3, GCS and Azure Blob. `put` resolves once
 * the store has confirmed the whole object (and replaces an object of the same name), and throws a
 * `DeliveryError` saying whether it may be retried.
 */
export interface ObjectStore {
  /** The destination's name, e.g. `S3`. */
  readonly destination: string;
  /** Where objects go, for messages: `s3://bucket`. */
  describe(): string;
  /** Checks access (e.g. fetches a token) before any record is read. */
  open?(): Promise<void>;
  put(object: ArchiveObject, context?: SendContext): Promise<void>;
  close?(): Promise<void>;
}

/** The name of the object whose first record is `first` (see the module comment). */
export function objectName(
  settings: { readonly prefix: string; readonly format: LogFileFormat; readonly gzip: boolean },
  shipper: string,
  exporter: string,
  first: Pick<LogRecord, "pos" | "key">,
): string {
  const at = localDateTime(new Date(toEpochMs(first.pos)), false);
  const id = hash("sha256", `${shipper}\n${exporter}\n${first.pos}\n${first.key}`, "hex").slice(0, 16);
  return `${settings.prefix}-${at}-${id}.${logFileExtension(settings.format)}${settings.gzip ? ".gz" : ""}`;
}

/** An archive destination: the shared writer around one store's upload call. */
export class ArchiveExporter implements Exporter<string> {
  readonly destination: string;
  readonly limits: ExporterLimits;
  readonly defaultConcurrency = DEFAULT_ARCHIVE_CONCURRENCY;
  private readonly settings: { prefix: string; format: LogFileFormat; gzip: boolean };

  constructor(
    readonly id: string,
    readonly type: ExporterType,
    private readonly shipper: string,
    config: ArchiveConfig,
    readonly store: ObjectStore,
  ) {
    this.destination = store.destination;
    this.settings = {
      prefix: config.logFilePrefix ?? DEFAULT_LOG_FILE_PREFIX,
      format: config.format ?? "JSON",
      gzip: config.gzip === true,
    };
    this.limits = {
      maxEntries: config.maxLinesPerFile ?? DEFAULT_MAX_LINES_PER_FILE,
      maxBytes: config.maxBytesPerFile ?? DEFAULT_MAX_BYTES_PER_FILE,
      entryOverheadBytes: 1, // the newline
    };
  }

  open(): Promise<void> {
    return this.store.open?.() ?? Promise.resolve();
  }

  encode(record: LogRecord): Encoded<string> {
    const payload = encodeLogLine(record, this.settings.format);
    return { record, payload, bytes: Buffer.byteLength(payload, "utf8") };
  }

  async send(entries: ReadonlyArray<Encoded<string>>, context?: SendContext): Promise<SendResult> {
    const first = entries[0];
    if (first === undefined) return {};
    let text = "";
    for (const e of entries) text += `${e.payload}\n`;
    const body = this.settings.gzip ? await gzipBody(text, ARCHIVE_GZIP_LEVEL) : Buffer.from(text, "utf8");
    await this.store.put(
      {
        name: objectName(this.settings, this.shipper, this.id, first.record),
        body,
        contentType: this.contentType(),
        lines: entries.length,
      },
      context,
    );
    return {};
  }

  async close(): Promise<void> {
    await this.store.close?.();
  }

  private contentType(): string {
    if (this.settings.gzip) return "application/gzip";
    return this.settings.format === "JSON" ? "application/x-ndjson" : "text/plain; charset=utf-8";
  }
}
