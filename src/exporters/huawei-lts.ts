import type { HuaweiLtsExporter as HuaweiLtsExporterConfig } from "../../generated/config";
import { ConfigError } from "../config/errors";
import type { LogRecord } from "../core/log-record";
import { toEpochNanosString } from "../core/timestamp";
import { registerSecretValue } from "../secrets/redaction";
import {
  DEFAULT_HTTP_CONCURRENCY,
  headerCredential,
  httpBaseUrl,
  transportOptions,
} from "../shipping/http-options";
import { HttpTransport, responseError, type HttpResponse } from "../shipping/http-transport";
import type { EncodeRejection, Encoded, Exporter, ExporterLimits, SendResult } from "./exporter";
import { RETRYABLE_STATUSES } from "./http-support";
import { signHuaweiRequest, TemporaryCredentials, type HuaweiCredentials } from "./huawei-auth";
import { destinationOf, type ExporterContext } from "./registry";
import { cutToJsonBytes } from "./text-limits";

/** Limits of LTS log reporting. */
export const LTS_LIMITS = {
  /** "A single-line log event should be at most 1 MB" (API ingestion); counted as 1,000,000 bytes of `log`. */
  maxLogBytes: 1_000_000,
  /** Request body: not documented for the reporting API; 5,000,000 bytes keeps far below API Gateway's 12 MB. */
  maxRequestBytes: 5_000_000,
} as const;

/** The default domain of Huawei Cloud endpoints. */
export const HUAWEI_ENDPOINT_SUFFIX = "myhuaweicloud.com";

/** An id that goes into the URL path: letters, digits and dashes only. */
const PATH_ID = /^[A-Za-z0-9-]+$/;

/**
 * Huawei Cloud Log Tank Service, high-accuracy reporting: `POST {endpoint}/v2/{projectId}/lts/groups/{logGroupId}/
 * streams/{logStreamId}/tenant/contents/high-accuracy` (port 8102 of `lts-access.{region}.myhuaweicloud.com` unless
 * `endpointOverride` is set), body `{"contents":[{"log_time_ns": <epoch ns>, "log": "<entry JSON>"}…], "labels":
 * {…}}`, signed with AK/SK (`SDK-HMAC-SHA256`); with temporary credentials the security token goes in
 * `X-Security-Token`. Each entry keeps its nanosecond timestamp; its `log` is the entry's JSON text, so LTS's
 * structuring can read its fields. A log larger than LTS's 1 MB has its message cut to fit (and is counted as
 * truncated). The answer reports no per-log errors.
 */
export class HuaweiLtsExporter implements Exporter<string> {
  readonly type = "huawei-lts" as const;
  readonly destination = "Huawei Cloud LTS";
  readonly limits: ExporterLimits;
  readonly defaultConcurrency = DEFAULT_HTTP_CONCURRENCY;
  /** The timestamps the destination accepts (see the registry); records outside are dead-lettered. */
  readonly window = destinationOf("huawei-lts").window;
  readonly url: string;
  private readonly http: HttpTransport;
  private readonly target: { readonly exporterId: string; readonly destination: string };
  private readonly headers: Record<string, string>;
  private readonly prefix = '{"contents":[';
  private readonly suffix: string;
  private readonly credentials: HuaweiCredentials | TemporaryCredentials;

  constructor(
    readonly id: string,
    config: HuaweiLtsExporterConfig,
    chunk: number,
    concurrency: number,
    private readonly clock: () => Date = () => new Date(),
  ) {
    const ids = {
      projectId: config.projectId,
      logGroupId: config.logGroupId,
      logStreamId: config.logStreamId,
    };
    for (const [path, value] of Object.entries(ids)) {
      if (!PATH_ID.test(value.trim())) {
        throw new ConfigError(`exporter ${id}`, [
          { path, message: "must be an id (letters, digits and dashes)" },
        ]);
      }
    }
    const region = config.region.trim();
    const base =
      config.endpointOverride !== undefined
        ? httpBaseUrl(config.endpointOverride, id, "endpointOverride")
        : `https://lts-access.${region}.${HUAWEI_ENDPOINT_SUFFIX}:8102`;
    this.url =
      `${base}/v2/${ids.projectId.trim()}/lts/groups/${ids.logGroupId.trim()}` +
      `/streams/${ids.logStreamId.trim()}/tenant/contents/high-accuracy`;
    this.headers = { "Content-Type": "application/json;charset=UTF-8", "X-Project-Id": ids.projectId.trim() };
    if (config.domainId !== undefined) this.headers["X-Domain-Id"] = config.domainId.trim();
    this.suffix = `],"labels":${JSON.stringify(config.labels ?? {})}}`;
    this.limits = {
      maxEntries: chunk,
      maxBytes: LTS_LIMITS.maxRequestBytes,
      requestOverheadBytes: Buffer.byteLength(this.prefix + this.suffix, "utf8"),
      entryOverheadBytes: 1, // ,
    };
    this.target = { exporterId: id, destination: this.destination };
    this.http = new HttpTransport(
      transportOptions(config.options, { exporterId: id, destination: this.destination, concurrency }),
    );
    this.credentials = credentialsOf(id, config, region, this.http, this.target);
  }

  async open(): Promise<void> {
    if (this.credentials instanceof TemporaryCredentials) await this.credentials.warm();
  }

  encode(record: LogRecord): Encoded<string> | EncodeRejection {
    const raw = record.raw;
    let log = raw !== undefined && raw.charCodeAt(0) === 123 ? raw : JSON.stringify(record.entry);
    let truncated = false;
    if (Buffer.byteLength(log, "utf8") > LTS_LIMITS.maxLogBytes) {
      // too large for one LTS log: cut the message so that the entry's JSON fits, and say so
      const entry = { ...record.entry, message: "", logshipperTruncated: true };
      const room = LTS_LIMITS.maxLogBytes - Buffer.byteLength(JSON.stringify(entry), "utf8");
      if (room < 0)
        return { record, rejected: `the entry is larger than LTS's 1 MB per log even without its message` };
      entry.message = cutToJsonBytes(record.entry.message, room);
      log = JSON.stringify(entry);
      truncated = true;
    }
    const payload = `{"log_time_ns":${toEpochNanosString(record.ts)},"log":${JSON.stringify(log)}}`;
    const bytes = Buffer.byteLength(payload, "utf8");
    return truncated ? { record, payload, bytes, truncated } : { record, payload, bytes };
  }

  async send(entries: ReadonlyArray<Encoded<string>>): Promise<SendResult> {
    const body = `${this.prefix}${entries.map((e) => e.payload).join(",")}${this.suffix}`;
    let res = await this.post(body, await this.current());
    if (res.status === 401 && this.credentials instanceof TemporaryCredentials) {
      // temporary credentials expired or revoked early: once more with fresh ones
      this.credentials.invalidate(await this.credentials.get());
      res = await this.post(body, await this.current());
    }
    if (res.status >= 200 && res.status < 300) return {};
    throw responseError(res, this.target, { retryable: RETRYABLE_STATUSES });
  }

  async close(): Promise<void> {
    this.http.close();
  }

  private async current(): Promise<HuaweiCredentials> {
    return this.credentials instanceof TemporaryCredentials ? this.credentials.get() : this.credentials;
  }

  private post(body: string, credentials: HuaweiCredentials): Promise<HttpResponse> {
    const headers = signHuaweiRequest(
      { method: "POST", url: this.url, headers: this.headers, body },
      credentials,
      this.clock(),
    );
    return this.http.request("POST", this.url, { headers, body });
  }
}

/** Static AK/SK (with a security token when given), or temporary credentials obtained from IAM. */
function credentialsOf(
  id: string,
  config: HuaweiLtsExporterConfig,
  region: string,
  http: HttpTransport,
  target: { readonly exporterId: string; readonly destination: string },
): HuaweiCredentials | TemporaryCredentials {
  const t = config.temporaryCredentials;
  if (t !== undefined) {
    const method = t.authMethod ?? (t.token !== undefined ? "TOKEN" : "PASSWORD");
    const needed =
      method === "TOKEN" ? (["token"] as const) : (["username", "password", "domainName"] as const);
    for (const key of needed) {
      if (t[key] === undefined || t[key].trim() === "") {
        throw new ConfigError(`exporter ${id}`, [
          { path: `temporaryCredentials.${key}`, message: `is required with authMethod ${method}` },
        ]);
      }
      registerSecretValue(t[key].trim());
    }
    const iamUrl =
      t.iamEndpoint !== undefined
        ? httpBaseUrl(t.iamEndpoint, id, "temporaryCredentials.iamEndpoint")
        : `https://iam.${region}.${t.endpointSuffix ?? HUAWEI_ENDPOINT_SUFFIX}`;
    return new TemporaryCredentials(
      http,
      {
        authMethod: method,
        username: t.username?.trim(),
        password: t.password?.trim(),
        domainName: t.domainName?.trim(),
        token: t.token?.trim(),
        durationSeconds: t.durationSeconds,
        iamUrl,
        region,
      },
      target,
    );
  }
  if (config.accessKeyId === undefined || config.secretAccessKey === undefined) {
    throw new ConfigError(`exporter ${id}`, [
      {
        path: config.accessKeyId === undefined ? "accessKeyId" : "secretAccessKey",
        message: "accessKeyId and secretAccessKey are required unless temporaryCredentials is set",
      },
    ]);
  }
  const accessKeyId = headerCredential(config.accessKeyId, id, "accessKeyId");
  const secretAccessKey = headerCredential(config.secretAccessKey, id, "secretAccessKey");
  const securityToken =
    config.securityToken !== undefined
      ? headerCredential(config.securityToken, id, "securityToken")
      : undefined;
  return securityToken !== undefined
    ? { accessKeyId, secretAccessKey, securityToken }
    : { accessKeyId, secretAccessKey };
}

/** Creates the Huawei Cloud LTS exporter. */
export async function createHuaweiLtsExporter(
  context: ExporterContext<HuaweiLtsExporterConfig>,
): Promise<Exporter> {
  const r = context.resolved;
  return new HuaweiLtsExporter(r.id, context.config, r.chunk, r.concurrency ?? DEFAULT_HTTP_CONCURRENCY);
}
