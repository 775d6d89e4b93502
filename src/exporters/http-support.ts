import { hash } from "node:crypto";
import { ConfigError } from "../config/errors";
import type { LogRecord } from "../core/log-record";
import { redact, registerSecretValue } from "../secrets/redaction";
import { retryAfterMs, type HttpResponse, type HttpTransport } from "../shipping/http-transport";
import { DeliveryError } from "./errors";

/**
 * Helpers shared by the HTTP destinations of this file's siblings (Elasticsearch, Azure Monitor, Google Cloud
 * Logging): deterministic record ids, config errors and a cache for OAuth access tokens (gzip and transport
 * options are in `../shipping/http-options`, UTF-8-safe truncation in `./text-limits`). Nothing here retries or batches: that is the shipping pipeline's job.
 */

/** Statuses worth retrying on the HTTP APIs of this family: timeouts, throttling and transient server errors. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * A deterministic, 22-character (132-bit) base64url id of a record: SHA-256 of its source key and its JSON text.
 * The same record read again (a re-sent batch, a re-run after a crash) gets the same id; two records that share
 * a timestamp do not (their keys differ), and a record whose text changed at the same position does not either.
 */
export function recordDigest(record: LogRecord): string {
  const text = record.raw ?? JSON.stringify(record.entry);
  return hash("sha256", `${record.key}\n${text}`, "base64url").slice(0, 22);
}

/** A config problem found when an exporter is created (after secrets are resolved). */
export function exporterConfigError(
  shipperId: string,
  exporterId: string,
  path: string,
  message: string,
): ConfigError {
  return new ConfigError(`shipper ${shipperId}`, [
    { path: `logExporters[id=${exporterId}]${path ? `.${path}` : ""}`, message },
  ]);
}

/** Strips trailing slashes from a base URL. */
export function trimBase(url: string): string {
  return url.replace(/\/+$/, "");
}

/** An OAuth access token and when to stop using it (epoch ms). */
export interface AccessToken {
  readonly value: string;
  /** Refresh at or after this time. */
  readonly refreshAt: number;
}

/**
 * The refresh time of a token that lives `expiresInS` seconds from `now`: five minutes before it expires (as
 * MSAL and google-auth-library do), or halfway through a shorter life.
 */
export function refreshTime(now: number, expiresInS: number): number {
  const life = Math.max(0, expiresInS) * 1000;
  return now + life - Math.min(300_000, life / 2);
}

/**
 * Caches one access token until shortly before it expires. Concurrent requests share one fetch; `invalidate`
 * drops a token the API refused (HTTP 401), so the next `get` fetches a new one.
 */
export class TokenCache {
  private current: AccessToken | undefined;
  private pending: Promise<AccessToken> | undefined;

  constructor(
    private readonly fetchToken: () => Promise<AccessToken>,
    private readonly clock: () => number = Date.now,
  ) {}

  /** A valid token, fetched when there is none or it is about to expire. */
  async get(): Promise<string> {
    const t = this.current;
    if (t !== undefined && this.clock() < t.refreshAt) return t.value;
    if (this.pending === undefined) {
      this.pending = this.fetchToken()
        .then((token) => {
          this.current = token;
          return token;
        })
        .finally(() => {
          this.pending = undefined;
        });
    }
    return (await this.pending).value;
  }

  /** Forgets `value` if it is the cached token. */
  invalidate(value: string): void {
    if (this.current?.value === value) this.current = undefined;
  }

  /**
   * Fetches the first token ahead of time (an exporter's `open`), so that refused credentials fail the exporter
   * before anything is read. A retryable failure is left for the first request, which the pipeline retries.
   */
  async warm(): Promise<void> {
    try {
      await this.get();
    } catch (err) {
      if (!(err instanceof DeliveryError) || !err.retryable) throw err;
    }
  }

  /**
   * Sends a request with the current token. On a 401 (a token expired or revoked early) the token is dropped
   * and the request sent once more with a fresh one; the second answer is returned whatever it is.
   */
  async authorized(send: (token: string) => Promise<HttpResponse>): Promise<HttpResponse> {
    const token = await this.get();
    const res = await send(token);
    if (res.status !== 401) return res;
    this.invalidate(token);
    return send(await this.get());
  }
}

/**
 * Posts an OAuth token request (a form) and reads the access token. A refused request becomes a `DeliveryError`
 * with the OAuth `error` and `error_description` (redacted), retryable for 408/429/5xx only, so refused
 * credentials fail the exporter. The token is registered for redaction.
 */
export async function requestToken(
  transport: HttpTransport,
  url: string,
  form: Record<string, string>,
  target: { exporterId: string; destination: string },
  now: () => number,
): Promise<AccessToken> {
  const res = await transport.request("POST", url, { form });
  if (res.status !== 200) throw tokenError(res, target, hostOf(url));
  const token = parseTokenResponse(res, target, hostOf(url), now());
  registerSecretValue(token.value);
  return token;
}

function tokenError(
  res: HttpResponse,
  target: { exporterId: string; destination: string },
  tokenHost: string,
): DeliveryError {
  let detail = res.body.trim().slice(0, 300);
  try {
    const json = JSON.parse(res.body) as { error?: unknown; error_description?: unknown };
    const parts = [json.error, json.error_description].filter((v) => typeof v === "string");
    if (parts.length > 0) detail = parts.join(": ");
  } catch {
    // not JSON: keep the text
  }
  return new DeliveryError({
    exporterId: target.exporterId,
    destination: target.destination,
    status: res.status,
    vendorMessage: redact(`token request to ${tokenHost} failed${detail ? `: ${detail.slice(0, 300)}` : ""}`),
    retryable: RETRYABLE_STATUSES.has(res.status),
    retryAfterMs: retryAfterMs(res.headers),
  });
}

/** Reads `access_token` and `expires_in` from a token response body; throws a non-retryable error otherwise. */
function parseTokenResponse(
  res: HttpResponse,
  target: { exporterId: string; destination: string },
  tokenHost: string,
  now: number,
): AccessToken {
  let json: { access_token?: unknown; expires_in?: unknown } | undefined;
  try {
    json = JSON.parse(res.body) as typeof json;
  } catch {
    json = undefined;
  }
  const value = json?.access_token;
  const expires = Number(json?.expires_in ?? 3600);
  if (typeof value !== "string" || value === "" || !Number.isFinite(expires)) {
    throw new DeliveryError({
      exporterId: target.exporterId,
      destination: target.destination,
      status: res.status,
      vendorMessage: `token response from ${tokenHost} has no access_token`,
      retryable: false,
    });
  }
  return { value, refreshAt: refreshTime(now, expires) };
}

/** Microsoft Entra authority of the public cloud. */
export const DEFAULT_ENTRA_AUTHORITY = "https://login.microsoftonline.com";

/**
 * The Microsoft Entra client-credentials token request of an app (tenant, client id and secret) for `scope`
 * (Azure Monitor's, Azure Storage's), at `authorityHost` (default: the public cloud's). Post it with
 * {@link requestToken}. The secret is registered for redaction.
 */
export function entraTokenRequest(app: {
  readonly authorityHost?: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope: string;
}): { url: string; form: Record<string, string> } {
  registerSecretValue(app.clientSecret);
  const authority = trimBase(app.authorityHost ?? DEFAULT_ENTRA_AUTHORITY);
  return {
    url: `${authority}/${encodeURIComponent(app.tenantId)}/oauth2/v2.0/token`,
    form: {
      grant_type: "client_credentials",
      client_id: app.clientId,
      client_secret: app.clientSecret,
      scope: app.scope,
    },
  };
}

/** The host of a URL, for messages (never the path or query, which may carry ids). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(invalid URL)";
  }
}
