import type { Level } from "../core/levels";
import type { LogRecord } from "../core/log-record";
import { longestPrefix, TRUNCATION_MARK } from "./text-limits";

/**
 * RFC 5424 messages with an ArcSight CEF payload, and their framing.
 *
 * RFC 5424: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG`, with PRI = facility × 8 +
 * severity, TIMESTAMP at most 6 fractional digits (TIME-SECFRAC = "." 1*6DIGIT), `-` for nil fields. MSG is the CEF
 * text without a BOM (MSG-ANY): CEF collectors look for `CEF:` at its start.
 *
 * CEF: `CEF:0|Vendor|Product|Version|SignatureID|Name|Severity|Extension`. In the seven header fields `\` and `|`
 * are escaped with a backslash (a line break cannot appear, it becomes a space); in extension values `\` and `=`
 * are escaped and line breaks are written `\n` and `\r`, so that one record is always one line.
 */

/** Transport of the messages. */
export type SyslogProtocol = "UDP" | "TCP" | "TLS";

/** Defaults of Kestra's syslog exporter (plugin page) and of log-shipper's extensions (RFC 5425, RFC 5426). */
export const SYSLOG_DEFAULTS = {
  protocol: "UDP" as SyslogProtocol,
  port: { UDP: 514, TCP: 514, TLS: 6514 } as Readonly<Record<SyslogProtocol, number>>,
  connectionTimeout: "PT10S",
  writeTimeout: "PT60S",
  facility: 16, // local0
  appName: "kestra",
  /** RFC 5426: receivers SHOULD take 2048-octet datagrams; RFC 5425: 8192-octet messages over TLS. */
  maxMessageBytes: { UDP: 2048, TCP: 8192, TLS: 8192 } as Readonly<Record<SyslogProtocol, number>>,
} as const;

/** `udp://host:port`, `tcp://…` or `tls://…`, with the protocol's default port when none is given. */
export function syslogTarget(protocol: SyslogProtocol | undefined, host: string, port?: number): string {
  const p = protocol ?? SYSLOG_DEFAULTS.protocol;
  return `${p.toLowerCase()}://${host}:${port ?? SYSLOG_DEFAULTS.port[p]}`;
}

/** Syslog severity (RFC 5424 table 2) of each Kestra level. */
export const SYSLOG_SEVERITY: Readonly<Record<Level, number>> = {
  TRACE: 7, // debug
  DEBUG: 7, // debug
  INFO: 6, // informational
  WARN: 4, // warning
  ERROR: 3, // error
};

/** CEF severity, 0 (lowest) to 10: Low 0-3, Medium 4-6, High 7-8, Very-High 9-10. */
export const CEF_SEVERITY: Readonly<Record<Level, number>> = {
  TRACE: 0,
  DEBUG: 1,
  INFO: 3,
  WARN: 6,
  ERROR: 8,
};

/** Longest CEF Name: the first line of the message, cut (ArcSight's `name` field holds 512 characters). */
export const CEF_NAME_CHARS = 128;

/** A CEF header field: `\` → `\\`, `|` → `\|`, line breaks → a space. */
export function cefHeaderEscape(value: string): string {
  return value.replace(/[\\|\r\n]/g, (c) => (c === "\\" ? "\\\\" : c === "|" ? "\\|" : " "));
}

/** A CEF extension value: `\` → `\\`, `=` → `\=`, LF → `\n`, CR → `\r`. */
export function cefExtensionEscape(value: string): string {
  return value.replace(/[\\=\r\n]/g, (c) =>
    c === "\\" ? "\\\\" : c === "=" ? "\\=" : c === "\n" ? "\\n" : "\\r",
  );
}

/** What every message of one exporter shares. */
export interface SyslogFormatOptions {
  /** 0-23. */
  readonly facility: number;
  /** RFC 5424 HOSTNAME, already printable US-ASCII. */
  readonly hostname: string;
  readonly appName: string;
  /** Largest message (without the octet-counting frame). */
  readonly maxMessageBytes: number;
}

/** A record as one syslog message, or why it cannot be one. */
export type FormattedMessage =
  | { readonly text: string; readonly bytes: number; readonly truncated: boolean }
  | { readonly rejected: string };

/** Kestra fields in CEF's custom string slots, with their labels, in order. */
const CUSTOM_STRINGS = [
  ["cs1", "namespace"],
  ["cs2", "flowId"],
  ["cs3", "taskId"],
  ["cs4", "executionId"],
  ["cs5", "taskRunId"],
  ["cs6", "tenantId"],
] as const;

/** Other Kestra fields, as CEF custom extension keys. */
const OTHER_FIELDS = [
  ["kestraTriggerId", "triggerId"],
  ["kestraThread", "thread"],
  ["kestraExecutionKind", "executionKind"],
] as const;

/**
 * One record as an RFC 5424 message with a CEF payload. The message is the last extension (`msg=`), so that when
 * the whole would pass `maxMessageBytes` it is cut there, and marked with {@link TRUNCATION_MARK}.
 */
export function formatMessage(record: LogRecord, options: SyslogFormatOptions): FormattedMessage {
  const e = record.entry;
  const pri = options.facility * 8 + SYSLOG_SEVERITY[record.level];
  // RFC 5424 keeps microseconds; the full-precision time travels in kestraTimestamp
  const timestamp = `${record.ts.slice(0, 26)}Z`;
  const message = typeof e.message === "string" ? e.message : String(e.message ?? "");
  const firstLine = message.split(/\r?\n/, 1)[0] ?? "";
  const name = firstLine.length > CEF_NAME_CHARS ? firstLine.slice(0, CEF_NAME_CHARS) : firstLine;
  let head =
    `<${pri}>1 ${timestamp} ${options.hostname} ${options.appName} - - - ` +
    `CEF:0|Kestra|Kestra|1|${record.level}|${cefHeaderEscape(name === "" ? record.level : name)}|${CEF_SEVERITY[record.level]}|` +
    `rt=${Date.parse(`${record.ts.slice(0, 23)}Z`)}`;
  for (const [key, field] of CUSTOM_STRINGS) {
    const value = e[field];
    if (typeof value === "string" && value !== "")
      head += ` ${key}Label=${field} ${key}=${cefExtensionEscape(value)}`;
  }
  if (typeof e.attemptNumber === "number") head += ` cn1Label=attemptNumber cn1=${e.attemptNumber}`;
  for (const [key, field] of OTHER_FIELDS) {
    const value = e[field];
    if (typeof value === "string" && value !== "") head += ` ${key}=${cefExtensionEscape(value)}`;
  }
  head += ` kestraTimestamp=${record.ts} msg=`;

  const headBytes = Buffer.byteLength(head, "utf8");
  const body = cefExtensionEscape(message);
  const bodyBytes = Buffer.byteLength(body, "utf8");
  if (headBytes + bodyBytes <= options.maxMessageBytes)
    return { text: head + body, bytes: headBytes + bodyBytes, truncated: false };

  const room = options.maxMessageBytes - headBytes - Buffer.byteLength(TRUNCATION_MARK, "utf8");
  if (room < 0)
    return {
      rejected: `the syslog message is larger than maxMessageBytes (${options.maxMessageBytes}) even without its message text`,
    };
  const cut = longestPrefix(
    message,
    (n) => Buffer.byteLength(cefExtensionEscape(message.slice(0, n)), "utf8") <= room,
  );
  const text = head + cefExtensionEscape(message.slice(0, cut)) + TRUNCATION_MARK;
  return { text, bytes: Buffer.byteLength(text, "utf8"), truncated: true };
}

/** RFC 5425 / RFC 6587 octet counting: `MSG-LEN SP SYSLOG-MSG`, MSG-LEN in bytes. */
export function octetCounted(message: string, bytes = Buffer.byteLength(message, "utf8")): string {
  return `${bytes} ${message}`;
}

/** A host name as RFC 5424 HOSTNAME: printable US-ASCII (others become `_`), at most 255 characters, `-` if empty. */
export function syslogHostname(name: string): string {
  const clean = name.replace(/[^!-~]/g, "_").slice(0, 255);
  return clean === "" ? "-" : clean;
}
