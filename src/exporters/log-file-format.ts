import type { LogRecord } from "../core/log-record";
import { toIso } from "../core/timestamp";
import { toIonText } from "./ion-text";

/**
 * Kestra's log files, as its FileLogExporter and its storage exporters (S3, GCS, Azure Blob) write them: one entry
 * per line, JSON or Ion text, in files named `<logFilePrefix>-<localDateTime>.json|ion`. Shared by the file
 * exporter and the archive writer.
 */

/** Kestra's `format` of log files. */
export type LogFileFormat = "JSON" | "ION";

/** Default rotation size (`maxLinesPerFile`), as Kestra's GCS exporter. */
export const DEFAULT_MAX_LINES_PER_FILE = 100_000;

/** Kestra's default `logFilePrefix`. */
export const DEFAULT_LOG_FILE_PREFIX = "kestra-log-file";

/**
 * One record as a line of a log file (without its newline): in JSON the entry exactly as the source had it (its
 * raw text when there is one), in Ion a struct whose `timestamp` is an Ion timestamp.
 */
export function encodeLogLine(record: LogRecord, format: LogFileFormat): string {
  return format === "JSON"
    ? (record.raw ?? JSON.stringify(record.entry))
    : toIonText(record.entry, toIso(record.ts));
}

/** The file extension of a format, without the dot. */
export function logFileExtension(format: LogFileFormat): "json" | "ion" {
  return format === "JSON" ? "json" : "ion";
}

/**
 * A date as Java's `LocalDateTime.toString()` prints it at millisecond precision, which Kestra puts in its file
 * names: `2026-11-24T10:00:00.123`. `local` chooses the machine's time zone (Kestra's `LocalDateTime.now()`)
 * instead of UTC.
 */
export function localDateTime(date: Date, local: boolean): string {
  const shift = local ? date.getTimezoneOffset() * 60_000 : 0;
  return new Date(date.getTime() - shift).toISOString().slice(0, 23);
}
