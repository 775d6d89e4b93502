import type { GcsExporter as GcsExporterConfig } from "../../generated/config";
import { transportOptions } from "../shipping/http-options";
import { HttpTransport, responseError, type HttpResponse } from "../shipping/http-transport";
import {
  ArchiveExporter,
  DEFAULT_ARCHIVE_CONCURRENCY,
  type ArchiveObject,
  type ObjectStore,
} from "./archive-writer";
import { DeliveryError } from "./errors";
import type { Exporter } from "./exporter";
import { loadServiceAccountKey, ServiceAccountTokens, type ServiceAccountKey } from "./gcp-auth";
import { RETRYABLE_STATUSES, TokenCache, trimBase } from "./http-support";
import type { ExporterContext } from "./registry";

/** Cloud Storage API base URL. */
export const DEFAULT_ENDPOINT = "https://storage.googleapis.com";
/** Objects larger than this go up as a resumable upload; smaller ones in one request (`uploadType=media`). */
export const DEFAULT_RESUMABLE_THRESHOLD = 8 * 1024 * 1024;
/** Chunk of a resumable upload: a multiple of 256 KiB, as Cloud Storage requires for every chunk but the last. */
export const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;
/** Times one resumable upload asks where it stands and goes on after a retryable failure, before giving up. */
const RESUMES = 3;

/** Sizes of the upload (tests make them small). */
export interface GcsUploadOptions {
  readonly resumableThreshold?: number;
  readonly chunkBytes?: number;
  readonly clock?: () => number;
}

/**
 * Google Cloud Storage, JSON API: a single-request upload (`POST /upload/storage/v1/b/{bucket}/o?uploadType=media
 * &name=…`) for objects up to the resumable threshold, a resumable upload in 256 KiB-aligned chunks above it. Both
 * replace an object of the same name. The object is acknowledged on the final 200/201. In a resumable upload a
 * chunk that fails with a retryable status (or no answer) is resumed from the offset Cloud Storage reports (a
 * `Content-Range: bytes *\/size` query answered with 308 and `Range`), up to three times; after that the pipeline
 * sends the object again. Retryable: 408, 429, 5xx and network failures (Google's retry strategy for Cloud
 * Storage); 401 is answered once with a fresh token; 403 (no `storage.objects.create`, or `storage.objects.delete`
 * for an overwrite), 404 (no bucket) and other 4xx are not retryable.
 */
export class GcsStore implements ObjectStore {
  readonly destination = "Google Cloud Storage";
  readonly tokens: TokenCache;
  private readonly base: string;
  private readonly resumableThreshold: number;
  private readonly chunkBytes: number;

  constructor(
    private readonly exporterId: string,
    private readonly bucket: string,
    endpoint: string,
    private readonly transport: HttpTransport,
    tokens: ServiceAccountTokens,
    options: GcsUploadOptions = {},
  ) {
    this.base = `${trimBase(endpoint)}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o`;
    const quantum = 256 * 1024;
    this.chunkBytes = Math.max(
      quantum,
      Math.floor((options.chunkBytes ?? DEFAULT_CHUNK_BYTES) / quantum) * quantum,
    );
    this.resumableThreshold = options.resumableThreshold ?? DEFAULT_RESUMABLE_THRESHOLD;
    this.tokens = new TokenCache(() => tokens.fetch(), options.clock);
  }

  describe(): string {
    return `gs://${this.bucket}`;
  }

  /** Fetches the first token, so that a refused key fails the exporter before any record is read. */
  async open(): Promise<void> {
    await this.tokens.warm();
  }

  async put(object: ArchiveObject): Promise<void> {
    if (object.body.length <= this.resumableThreshold) {
      const url = `${this.base}?uploadType=media&name=${encodeURIComponent(object.name)}`;
      const res = await this.tokens.authorized((token) =>
        this.transport.request("POST", url, {
          headers: { authorization: `Bearer ${token}`, "content-type": object.contentType },
          body: object.body,
        }),
      );
      if (res.status !== 200 && res.status !== 201) throw this.error(res);
      return;
    }
    await this.resumable(object);
  }

  async close(): Promise<void> {
    this.transport.close();
  }

  private async resumable(object: ArchiveObject): Promise<void> {
    const size = object.body.length;
    const start = await this.tokens.authorized((token) =>
      this.transport.request(
        "POST",
        `${this.base}?uploadType=resumable&name=${encodeURIComponent(object.name)}`,
        {
          headers: {
            authorization: `Bearer ${token}`,
            "content-type": "application/json; charset=utf-8",
            "x-upload-content-type": object.contentType,
            "x-upload-content-length": String(size),
          },
          body: JSON.stringify({ name: object.name, contentType: object.contentType }),
        },
      ),
    );
    const session = header(start, "location");
    if (start.status !== 200 || session === undefined) throw this.error(start);
    let offset = 0;
    let resumes = 0;
    for (;;) {
      const end = Math.min(size, offset + this.chunkBytes);
      let res: HttpResponse;
      try {
        res = await this.chunk(
          session,
          object.body.subarray(offset, end),
          `bytes ${offset}-${end - 1}/${size}`,
        );
      } catch (err) {
        if (!(err instanceof DeliveryError) || !err.retryable || ++resumes > RESUMES) throw err;
        offset = await this.committedOffset(session, size);
        continue;
      }
      if (res.status === 200 || res.status === 201) return;
      if (res.status === 308) {
        offset = rangeEnd(res) ?? offset;
        continue;
      }
      const failure = this.error(res);
      if (!failure.retryable || ++resumes > RESUMES) throw failure;
      offset = await this.committedOffset(session, size);
    }
  }

  /** Sends one chunk of a resumable upload (the session URI is the credential; the token goes along all the same). */
  private chunk(session: string, body: Buffer, range: string): Promise<HttpResponse> {
    return this.tokens.authorized((token) =>
      this.transport.request("PUT", session, {
        headers: { authorization: `Bearer ${token}`, "content-range": range },
        body,
      }),
    );
  }

  /** Asks how much of a resumable upload Cloud Storage has (308 with `Range: bytes=0-N`, or none yet). */
  private async committedOffset(session: string, size: number): Promise<number> {
    const res = await this.chunk(session, Buffer.alloc(0), `bytes */${size}`);
    if (res.status === 308) return rangeEnd(res) ?? 0;
    if (res.status === 200 || res.status === 201) return size;
    throw this.error(res);
  }

  private error(res: HttpResponse): DeliveryError {
    return responseError(
      res,
      { exporterId: this.exporterId, destination: this.destination },
      { retryable: RETRYABLE_STATUSES },
    );
  }
}

function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The next byte to send after a 308: one past the end of its `Range: bytes=0-N` (none: nothing stored yet). */
function rangeEnd(res: HttpResponse): number | undefined {
  const m = /^bytes=0-(\d+)$/.exec(header(res, "range") ?? "");
  return m ? Number(m[1]) + 1 : header(res, "range") === undefined ? 0 : undefined;
}

/** Creates the Google Cloud Storage archive exporter. */
export async function createGcsExporter(
  context: ExporterContext<GcsExporterConfig>,
  options: GcsUploadOptions = {},
): Promise<Exporter> {
  const r = context.resolved;
  const config = context.config;
  const key: ServiceAccountKey = await loadServiceAccountKey(context);
  const destination = "Google Cloud Storage";
  const transport = new HttpTransport(
    transportOptions(config.options, {
      exporterId: r.id,
      destination,
      concurrency: r.concurrency ?? DEFAULT_ARCHIVE_CONCURRENCY,
    }),
  );
  const clock = options.clock ?? Date.now;
  const tokens = new ServiceAccountTokens(
    key,
    config.scopes,
    transport,
    { exporterId: r.id, destination, shipperId: context.shipperId },
    clock,
  );
  const store = new GcsStore(r.id, config.bucket, config.endpoint ?? DEFAULT_ENDPOINT, transport, tokens, {
    ...options,
    clock,
  });
  return new ArchiveExporter(r.id, "gcs", context.shipperId, config, store);
}
