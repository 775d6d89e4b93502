import type { AzureBlobExporter as AzureBlobConfig } from "../../generated/config";
import { transportOptions } from "../shipping/http-options";
import { HttpTransport, responseError, type HttpResponse } from "../shipping/http-transport";
import {
  ArchiveExporter,
  DEFAULT_ARCHIVE_CONCURRENCY,
  type ArchiveObject,
  type ObjectStore,
} from "./archive-writer";
import { azureStorageAuth, sharedKeyAuthorization, type AzureStorageAuth } from "./azure-storage-auth";
import { DeliveryError } from "./errors";
import type { Exporter } from "./exporter";
import { entraTokenRequest, requestToken, RETRYABLE_STATUSES, TokenCache, trimBase } from "./http-support";
import type { ExporterContext } from "./registry";

/** Blob service REST API version sent as `x-ms-version` (bearer tokens need 2017-11-09 or later). */
export const API_VERSION = "2021-12-02";
/** Token scope of Azure Storage. */
export const STORAGE_SCOPE = "https://storage.azure.com/.default";
/** Blobs larger than this are uploaded as blocks (`Put Block` + `Put Block List`), smaller ones with `Put Blob`. */
export const DEFAULT_BLOCK_THRESHOLD = 64 * 1024 * 1024;
/** Size of one block (Azure takes up to 4,000 MiB per block and 50,000 blocks per blob). */
export const DEFAULT_BLOCK_BYTES = 16 * 1024 * 1024;

/** Sizes of the upload (tests make them small). */
export interface AzureUploadOptions {
  readonly blockThreshold?: number;
  readonly blockBytes?: number;
  readonly clock?: () => number;
}

/**
 * Azure Blob Storage block blobs over the REST API: `Put Blob` (201) for a blob up to the block threshold, else
 * `Put Block` for each block (201) and `Put Block List` (201) to commit them, which replaces a blob of the same
 * name. Uncommitted blocks of a failed upload are dropped by Azure (after a week) or replaced by the next attempt.
 * The object is acknowledged on the final 201. Authorization: Shared Key (signed here), a SAS token in the query,
 * or a Microsoft Entra bearer token (cached; fetched again once on a 401). Retryable: 408, 429, 500
 * (`OperationTimedOut`, `InternalError`), 502, 503 (`ServerBusy`), 504 and network failures; not retryable: 403
 * (`AuthenticationFailed`, `AuthorizationPermissionMismatch`), 404 (`ContainerNotFound`) and other 4xx; 413
 * (`RequestBodyTooLarge`) splits the batch.
 */
export class AzureBlobStore implements ObjectStore {
  readonly destination = "Azure Blob Storage";
  private readonly base: string;
  private readonly tokens: TokenCache | undefined;
  private readonly blockThreshold: number;
  private readonly blockBytes: number;

  constructor(
    private readonly exporterId: string,
    endpoint: string,
    container: string,
    private readonly auth: AzureStorageAuth,
    private readonly transport: HttpTransport,
    options: AzureUploadOptions = {},
  ) {
    this.base = `${trimBase(endpoint)}/${encodeURIComponent(container)}`;
    this.blockBytes = options.blockBytes ?? DEFAULT_BLOCK_BYTES;
    this.blockThreshold = Math.max(this.blockBytes, options.blockThreshold ?? DEFAULT_BLOCK_THRESHOLD);
    if (auth.kind === "entra") {
      const { url, form } = entraTokenRequest({ ...auth, scope: STORAGE_SCOPE });
      const target = { exporterId, destination: this.destination };
      const clock = options.clock ?? Date.now;
      this.tokens = new TokenCache(() => requestToken(transport, url, form, target, clock), clock);
    }
  }

  describe(): string {
    return `${this.base}`;
  }

  /** Fetches the first Entra token, so that refused credentials fail the exporter before any record is read. */
  async open(): Promise<void> {
    await this.tokens?.warm();
  }

  async put(object: ArchiveObject): Promise<void> {
    const path = `/${object.name.split("/").map(encodeURIComponent).join("/")}`;
    if (object.body.length <= this.blockThreshold) {
      await this.request(path, "", object.body, {
        "x-ms-blob-type": "BlockBlob",
        "content-type": object.contentType,
      });
      return;
    }
    const ids: string[] = [];
    for (let offset = 0, n = 0; offset < object.body.length; offset += this.blockBytes, n++) {
      const id = Buffer.from(`block-${String(n).padStart(6, "0")}`).toString("base64");
      ids.push(id);
      const block = object.body.subarray(offset, offset + this.blockBytes);
      await this.request(path, `comp=block&blockid=${encodeURIComponent(id)}`, block, {
        "content-type": "application/octet-stream",
      });
    }
    const list = `<?xml version="1.0" encoding="utf-8"?><BlockList>${ids.map((id) => `<Latest>${id}</Latest>`).join("")}</BlockList>`;
    await this.request(path, "comp=blocklist", Buffer.from(list, "utf8"), {
      "content-type": "application/xml; charset=utf-8",
      "x-ms-blob-content-type": object.contentType,
    });
  }

  async close(): Promise<void> {
    this.transport.close();
  }

  /** One authorized PUT; resolves on 201, throws a `DeliveryError` otherwise. */
  private async request(
    path: string,
    query: string,
    body: Buffer,
    extra: Record<string, string>,
  ): Promise<void> {
    const sas = this.auth.kind === "sas" ? this.auth.sas : "";
    const q = [query, sas].filter((s) => s !== "").join("&");
    const url = `${this.base}${path}${q !== "" ? `?${q}` : ""}`;
    const send = (token?: string): Promise<HttpResponse> => {
      const headers: Record<string, string> = {
        ...extra,
        "content-length": String(body.length),
        "x-ms-date": new Date().toUTCString(),
        "x-ms-version": API_VERSION,
      };
      if (this.auth.kind === "shared-key")
        headers.authorization = sharedKeyAuthorization(this.auth, "PUT", new URL(url), headers);
      else if (token !== undefined) headers.authorization = `Bearer ${token}`;
      return this.transport.request("PUT", url, { headers, body });
    };
    const res = this.tokens !== undefined ? await this.tokens.authorized(send) : await send();
    if (res.status !== 201) throw this.error(res);
  }

  private error(res: HttpResponse): DeliveryError {
    const failure = responseError(
      res,
      { exporterId: this.exporterId, destination: this.destination },
      { retryable: RETRYABLE_STATUSES },
    );
    const code = res.headers["x-ms-error-code"];
    const message = /<Message>([^<]*)<\/Message>/.exec(res.body)?.[1]?.split("\n")[0];
    if (code === undefined && message === undefined) return failure;
    return new DeliveryError({
      exporterId: failure.exporterId,
      destination: failure.destination,
      status: failure.status,
      vendorMessage: [code, message].filter(Boolean).join(": ").slice(0, 300),
      retryable: failure.retryable,
      retryAfterMs: failure.retryAfterMs,
      tooLarge: failure.tooLarge,
    });
  }
}

/** Creates the Azure Blob Storage archive exporter. */
export async function createAzureBlobExporter(
  context: ExporterContext<AzureBlobConfig>,
  options: AzureUploadOptions = {},
): Promise<Exporter> {
  const r = context.resolved;
  const config = context.config;
  const { endpoint, auth } = azureStorageAuth(config, { shipperId: context.shipperId, exporterId: r.id });
  const transport = new HttpTransport(
    transportOptions(config.options, {
      exporterId: r.id,
      destination: "Azure Blob Storage",
      concurrency: r.concurrency ?? DEFAULT_ARCHIVE_CONCURRENCY,
    }),
  );
  const store = new AzureBlobStore(r.id, endpoint, config.containerName, auth, transport, options);
  return new ArchiveExporter(r.id, "azure-blob", context.shipperId, config, store);
}
