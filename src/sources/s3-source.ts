import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import type { S3Client } from "@aws-sdk/client-s3";
import type { S3Source as S3SourceConfig } from "../../generated/config";
import type { Drift } from "../../generated/report";
import { isAfter } from "../core/cursor";
import { describeError } from "../core/errors";
import { levelRank } from "../core/levels";
import { namespaceMatches, ParsedRecord, type LogRecord } from "../core/log-record";
import { redact } from "../secrets/redaction";
import { renderSecretsIfAny } from "../secrets/render-secrets";
import { s3ClientConfig } from "../shipping/aws-client";
import { DEFAULT_BACKOFF, type BackoffPolicy } from "../shipping/backoff";
import { awsCall, type AwsCallPolicy } from "./aws-call";
import { toKestraRecord } from "./cloudwatch-source";
import { SourceError } from "./errors";
import { DEFAULT_MAX_LINE_BYTES } from "./file-source";
import { splitLines, streamReader } from "./line-reader";
import { implausibleAfter, implausibleReason, parseEntryLine } from "./log-line";
import type { SourceContext } from "./registry";
import type { ReadOptions, ReadRange, Source, SourceBatch } from "./source";

type Sdk = typeof import("@aws-sdk/client-s3");

/** Largest object (decompressed) sorted in memory: the memory bound of a read, besides one batch. */
export const DEFAULT_MAX_OBJECT_BYTES = 32 * 1024 * 1024;
const OFFSET_DIGITS = 15;
/** The object CloudWatch Logs' CreateExportTask writes to check its permission ("Permission Check Successful"). */
const WRITE_TEST = "aws-logs-write-test";
/** A line of a CloudWatch Logs export: `<ISO-8601 UTC timestamp> <message>`. */
const EXPORT_LINE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z) ([\s\S]*)$/;

/** Options that the config does not carry (tests tune them). */
export interface S3SourceOptions {
  readonly backoff?: BackoffPolicy;
  readonly maxAttempts?: number;
}

/**
 * The tiebreak key of an archive line: the object key, the line's byte offset in the (decompressed) object, and
 * the position the object starts at (the highest position of the objects before it), separated by spaces. Keys
 * of one object order by offset; keys of two objects by object key, as S3 lists them (a space sorts below every
 * character an object key may hold here: keys with control characters are refused).
 */
export function archiveKey(object: string, offset: number, base: string): string {
  return `${object} ${String(offset).padStart(OFFSET_DIGITS, "0")} ${base}`;
}

function parseArchiveKey(key: string): { object: string; offset: number; base: string } | undefined {
  const b = key.lastIndexOf(" ");
  const o = key.lastIndexOf(" ", b - 1);
  if (o <= 0) return undefined;
  const offset = Number(key.slice(o + 1, b));
  return Number.isSafeInteger(offset)
    ? { object: key.slice(0, o), offset, base: key.slice(b + 1) }
    : undefined;
}

/**
 * Log archives in S3: JSON-lines objects (plain or gzip, told by their first bytes) under a bucket and prefix, in
 * Kestra's log model as the s3/gcs/azure-blob exporters write them, or CloudWatch Logs export lines
 * (`<timestamp> <message>`, mapped like the cloudwatch source's events, with the object's folder as the log
 * stream).
 *
 * Objects are read one at a time, in key order (S3's listing order). An object is not assumed to be in time order
 * (CloudWatch's exports are not): each is sorted by timestamp in memory, so at most one object of up to
 * `maxObjectBytes` (default 32 MiB, decompressed) is held at once, besides the batch being shipped. A larger object
 * is read as a stream in its own order instead, each line at the position of the latest timestamp before it.
 *
 * Position: a record's timestamp, but never lower than the highest position of the objects before its own (so
 * that a read is in ascending order across objects whatever their time ranges), and the key
 * {@link archiveKey}. A resumed read starts at the cursor's object and goes on with the objects listed after it.
 * The source is meant for archives that are complete: an object that lands later with a key before the cursor's
 * object is not read.
 */
export class S3ArchiveSource implements Source {
  private readonly policy: AwsCallPolicy;
  private readonly prefix: string;
  private readonly maxObjectBytes: number;
  private readonly maxLineBytes: number;

  constructor(
    private readonly config: S3SourceConfig,
    private readonly sdk: Sdk,
    private readonly client: S3Client,
    options: S3SourceOptions = {},
  ) {
    this.prefix = config.prefix ?? "";
    this.maxObjectBytes = config.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES;
    this.maxLineBytes = config.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.policy = {
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      maxAttempts: Math.max(1, options.maxAttempts ?? 8),
      notFound: new Set(["NoSuchKey", "NoSuchBucket", "NotFound"]),
      permission: (what) => (what.startsWith("ListObjectsV2") ? "s3:ListBucket" : "s3:GetObject"),
    };
  }

  describe(): string {
    return `s3 s3://${this.config.bucket}/${this.prefix}`;
  }

  async check(shipper: string): Promise<Drift[]> {
    try {
      const page = await this.call(
        () =>
          this.client.send(
            new this.sdk.ListObjectsV2Command({
              Bucket: this.config.bucket,
              Prefix: this.prefix,
              MaxKeys: 1,
            }),
          ),
        "ListObjectsV2",
      );
      if ((page.Contents ?? []).length > 0) return [];
      return [
        {
          kind: "source-missing",
          shipper,
          message: `${shipper}: no object under ${this.describe().slice(3)}`,
        },
      ];
    } catch (err) {
      return [{ kind: "source-error", shipper, message: `${shipper}: ${redact(describeError(err))}` }];
    }
  }

  /** Counting would read the whole archive: plan shows the pending work as unknown. */
  async count(ranges: readonly ReadRange[]): Promise<Array<number | null>> {
    return ranges.map((r) => (r.after.ts >= r.to ? 0 : null));
  }

  async *read(range: ReadRange, options: ReadOptions): AsyncGenerator<SourceBatch> {
    const cursor = parseArchiveKey(range.after.key);
    const state = { base: cursor?.base ?? "", invalid: 0, ended: false };
    let batch: LogRecord[] = [];
    for await (const key of this.objectKeys(cursor?.object)) {
      if (options.signal?.aborted) return;
      const reader = new ObjectRead(this, key, state.base, range, options, () => state.invalid++);
      for await (const record of reader.records()) {
        batch.push(record);
        if (batch.length >= options.batchSize) {
          yield { records: batch, invalid: state.invalid };
          batch = [];
          state.invalid = 0;
        }
      }
      state.base = reader.end;
      if (reader.pastEnd) break;
    }
    if (batch.length > 0 || state.invalid > 0) yield { records: batch, invalid: state.invalid };
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  /** The object's body as a stream, or `undefined` when it no longer exists. */
  async body(key: string): Promise<AsyncIterable<Uint8Array> | undefined> {
    try {
      const res = await this.call(
        () => this.client.send(new this.sdk.GetObjectCommand({ Bucket: this.config.bucket, Key: key })),
        `GetObject ${key}`,
      );
      return res.Body as AsyncIterable<Uint8Array> | undefined;
    } catch (err) {
      if (err instanceof SourceError && err.kind === "not-found" && !/NoSuchBucket/.test(err.message))
        return undefined;
      throw err;
    }
  }

  /** Limits of one object's read. */
  get limits(): { maxObjectBytes: number; maxLineBytes: number; bucket: string } {
    return {
      maxObjectBytes: this.maxObjectBytes,
      maxLineBytes: this.maxLineBytes,
      bucket: this.config.bucket,
    };
  }

  /** The keys to read: the cursor's object first (when there is one), then every key listed after it. */
  private async *objectKeys(from: string | undefined): AsyncGenerator<string> {
    let previous: string | undefined;
    if (from !== undefined && from.startsWith(this.prefix)) {
      yield from;
      previous = from;
    }
    let token: string | undefined;
    do {
      const page = await this.call(
        () =>
          this.client.send(
            new this.sdk.ListObjectsV2Command({
              Bucket: this.config.bucket,
              Prefix: this.prefix,
              ...(token !== undefined
                ? { ContinuationToken: token }
                : from !== undefined
                  ? { StartAfter: from }
                  : {}),
            }),
          ),
        "ListObjectsV2",
      );
      for (const o of page.Contents ?? []) {
        const key = o.Key;
        if (key === undefined || key === WRITE_TEST || key.endsWith(`/${WRITE_TEST}`)) continue;
        if (previous !== undefined && !(key > previous)) {
          throw new SourceError(
            "invalid-response",
            `${this.describe()}: object ${JSON.stringify(key)} is listed after ${JSON.stringify(previous)}, which sorts after it here; object keys with characters beyond U+FFFF cannot be ordered (rename them or narrow the prefix)`,
          );
        }
        previous = key;
        yield key;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  private call<T>(fn: () => Promise<T>, what: string): Promise<T> {
    return awsCall(fn, this.describe(), what, this.policy);
  }
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
class ObjectRead {
  /** The highest position after this object (the next object's base). */
  end: string;
  /** True when a record went past the range's end: the read stops. */
  pastEnd = false;
  private readonly implausible: string;
  private readonly group: string;
  private readonly stream: string;

  constructor(
    private readonly source: S3ArchiveSource,
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
    this.group = parts.slice(0, -3).join("/") || source.limits.bucket;
  }

  /** The object's records after the cursor and up to the range's end, in (position, key) order. */
  async *records(): AsyncGenerator<LogRecord> {
    if (/[\u0000-\u001f]/.test(this.key))
      return this.badAt(this.base, 0, "the object key holds a control character");
    if (/\.ion(\.gz)?$/.test(this.key))
      return this.badAt(this.base, 0, "Ion objects are not read (write the archive with format: JSON)");
    const body = await this.source.body(this.key);
    if (body === undefined) return;
    const { maxObjectBytes, maxLineBytes } = this.source.limits;
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
    this.options.onInvalid?.({ location: `s3://${this.source.limits.bucket}/${this.key}@${offset}`, reason });
  }
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

/** Creates the S3 archive source (the AWS SDK is loaded here, on first use). */
export async function createS3Source(
  config: S3SourceConfig,
  context: SourceContext,
  options: S3SourceOptions = {},
): Promise<S3ArchiveSource> {
  const resolved = await renderSecretsIfAny(config, context.secrets, "the s3 source's config");
  const clientConfig = s3ClientConfig(
    {
      region: resolved.region,
      accessKeyId: resolved.accessKeyId,
      secretKeyId: resolved.secretKeyId,
      sessionToken: resolved.sessionToken,
      endpointOverride: resolved.endpointOverride,
    },
    context.env,
    "the s3 source",
  );
  const sdk = await import("@aws-sdk/client-s3");
  return new S3ArchiveSource(resolved, sdk, new sdk.S3Client(clientConfig), options);
}
