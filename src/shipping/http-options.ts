import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { HttpOptions } from "../../generated/config";
import { ConfigError } from "../config/errors";
import { parseDuration } from "../core/duration";
import { bodyBuffer, recycleBody } from "./body-pool";
import { redact, registerSecretValue } from "../secrets/redaction";
import {
  responseError,
  type HttpResponse,
  type HttpTransport,
  type HttpTransportOptions,
} from "./http-transport";

/** Requests in flight for an HTTP destination unless the config sets `concurrency`. */
export const DEFAULT_HTTP_CONCURRENCY = 4;

/** Whole-request timeout unless Kestra's `options.readTimeout` sets one (Vector's default for HTTP sinks). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/**
 * gzip level for request bodies. Level 1 compresses Kestra's JSON logs about 5× at roughly three times the speed
 * of zlib's default level 6 (which reaches about 6.7×): compression is the largest CPU cost per record after
 * parsing, and the uplink is rarely what limits a shipper at 5×. Measured in `docs/destinations-datadog-newrelic-otlp.md`.
 */
export const GZIP_LEVEL = 1;

const gzipAsync = promisify(gzip);

/**
 * zlib's output chunk for request bodies. Its default (16 KiB) makes an async gzip come back to the main thread
 * once per 16 KiB of output (8 round trips for a 650 KB body at level 1); 256 KiB holds a whole compressed body
 * of ours in one, which cut the main thread's share of compressing from 50–140 ms to 20–30 ms per 120 bodies.
 */
export const GZIP_CHUNK_BYTES = 256 * 1024;

/**
 * Compresses a request body on libuv's thread pool, so the main thread keeps encoding records meanwhile. A body
 * from the body pool (`bodyBuffer`, as `jsonArrayBody` makes them) is given back to it once compressed: the caller
 * must not use it afterwards.
 */
export async function gzipBody(body: string | Buffer, level: number = GZIP_LEVEL): Promise<Buffer> {
  const gz = await gzipAsync(body, { level, chunkSize: GZIP_CHUNK_BYTES });
  if (typeof body !== "string") recycleBody(body);
  return gz;
}

/**
 * The transport options of an HTTP exporter from Kestra's `options` (HttpConfiguration): `readTimeout` bounds the
 * whole request, `connectTimeout` the connection, `readIdleTimeout` the silence on the socket (the
 * `timeout.*` spellings win over the deprecated top-level ones), and `ssl.insecureTrustAllCertificates` turns TLS
 * verification off. Redirects are never followed whatever `followRedirects` says (credentials stay on the
 * configured host). One kept-alive socket per request in flight.
 */
export function transportOptions(
  options: HttpOptions | undefined,
  target: {
    readonly exporterId: string;
    readonly destination: string;
    readonly concurrency: number;
    /** TLS verification off by the destination's own switch (Elasticsearch's `connection.trustAllSsl`). */
    readonly insecure?: boolean;
  },
): HttpTransportOptions {
  const ms = (value: string | undefined): number | undefined =>
    value === undefined ? undefined : parseDuration(value);
  return {
    exporterId: target.exporterId,
    destination: target.destination,
    timeoutMs: ms(options?.readTimeout) ?? DEFAULT_REQUEST_TIMEOUT_MS,
    connectTimeoutMs: ms(options?.timeout?.connectTimeout ?? options?.connectTimeout),
    idleTimeoutMs: ms(options?.timeout?.readIdleTimeout ?? options?.readIdleTimeout),
    insecure: target.insecure === true || options?.ssl?.insecureTrustAllCertificates === true,
    maxSockets: target.concurrency,
  };
}

/**
 * Checks that a value (possibly rendered from a secret) is an http(s) URL and returns it without trailing
 * slashes. Throws `ConfigError` naming the exporter and the property; the value itself is shown only redacted.
 */
export function httpBaseUrl(value: string, exporterId: string, property: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value.trim());
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new ConfigError(`exporter ${exporterId}`, [
      {
        path: property,
        message: `${JSON.stringify(redact(value.slice(0, 80)))} is not an http(s) URL (after rendering templates and secrets)`,
      },
    ]);
  }
  return value.trim().replace(/\/+$/, "");
}

/** True when a header value holds no control character (a tab is allowed), so it can be sent as is. */
export function isSafeHeaderValue(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 32 && c !== 9) || c === 127) return false;
  }
  return true;
}

/**
 * A credential sent in a header (API key, token), trimmed and checked. It is registered for redaction: a value
 * written literally in the config is as secret as one read from a secret store. Throws `ConfigError` when it is
 * empty or holds control characters.
 */
export function headerCredential(value: string, exporterId: string, property: string): string {
  const v = value.trim();
  if (v === "" || !isSafeHeaderValue(v)) {
    throw new ConfigError(`exporter ${exporterId}`, [
      { path: property, message: "is empty or holds control characters (after rendering secrets)" },
    ]);
  }
  registerSecretValue(v);
  return v;
}

/** Headers of a gzipped JSON request. */
export const GZIP_JSON_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "application/json",
  "Content-Encoding": "gzip",
  Accept: "application/json",
};

/**
 * The JSON array `[a,b,…]` of encoded entries whose payload is JSON text and whose `bytes` is its UTF-8 length,
 * written straight into one Buffer. Joining the payloads into one string first and letting zlib convert it cost
 * about 14× more CPU (a 0.5 MB string of 1000 concatenations, often two-byte because of one non-ASCII log, then
 * re-encoded as a whole). An exporter whose payload is not the text itself passes `write`, which writes one
 * entry's `bytes` bytes at `at` and returns how many it wrote. The body comes from the body pool: `gzipBody` gives
 * it back.
 */
export function jsonArrayBody(
  entries: ReadonlyArray<{ readonly payload: string; readonly bytes: number }>,
): Buffer;
export function jsonArrayBody<E extends { readonly bytes: number }>(
  entries: ReadonlyArray<E>,
  write: (entry: E, body: Buffer, at: number) => number,
): Buffer;
export function jsonArrayBody<E extends { readonly bytes: number }>(
  entries: ReadonlyArray<E>,
  write?: (entry: E, body: Buffer, at: number) => number,
): Buffer {
  let size = 1 + Math.max(1, entries.length);
  for (const e of entries) size += e.bytes;
  const body = bodyBuffer(size);
  let at = 0;
  body[at++] = 0x5b; // [
  for (let i = 0; i < entries.length; i++) {
    if (i > 0) body[at++] = 0x2c; // ,
    const e = entries[i] as E;
    const written =
      write !== undefined
        ? write(e, body, at)
        : body.write((e as unknown as { payload: string }).payload, at);
    if (written !== e.bytes) throw new Error(`an encoded entry claims ${e.bytes} bytes but has ${written}`);
    at += written;
  }
  body[at++] = 0x5d; // ]
  return body.subarray(0, at);
}

/**
 * POSTs a JSON body gzipped. Resolves with a 2xx response; any other status becomes a `DeliveryError`, retryable
 * when the destination lists the status in `retryable` (413 means "split the batch").
 */
export async function postGzippedJson(
  http: HttpTransport,
  url: string,
  headers: Record<string, string>,
  json: string | Buffer,
  target: { readonly exporterId: string; readonly destination: string },
  retryable: ReadonlySet<number>,
): Promise<HttpResponse> {
  const res = await http.request("POST", url, { headers, body: await gzipBody(json) });
  if (res.status >= 200 && res.status < 300) return res;
  throw responseError(res, target, { retryable });
}
