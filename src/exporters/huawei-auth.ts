import { createHash, createHmac } from "node:crypto";
import { registerSecretValue } from "../secrets/redaction";
import type { HttpResponse, HttpTransport } from "../shipping/http-transport";
import { retryAfterMs, vendorMessage } from "../shipping/http-transport";
import { DeliveryError } from "./errors";
import { RETRYABLE_STATUSES, hostOf, refreshTime, TokenCache } from "./http-support";

/**
 * Huawei Cloud's AK/SK request signing (`SDK-HMAC-SHA256`, as API Gateway's "API Request Signing Guide" defines
 * it) and the temporary credentials of IAM. There is no lean npm signer for it (Huawei's own Node.js SDK core
 * brings a whole HTTP stack), so it is written here and tested against the guide's example.
 */

/** The algorithm name in the string to sign and the Authorization header. */
export const HUAWEI_ALGORITHM = "SDK-HMAC-SHA256";

/** An access key pair, with the security token of temporary credentials. */
export interface HuaweiCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly securityToken?: string;
}

/** A request to sign: the headers to sign (Host and X-Sdk-Date are added) and the exact body bytes. */
export interface HuaweiRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
}

/** `YYYYMMDDTHHMMSSZ` of a date, the form of X-Sdk-Date. */
export function sdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** RFC 3986 percent-encoding of everything but the unreserved characters. */
function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const sha256Hex = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/**
 * The canonical request of the signing guide: method, the URI-encoded path ending in `/`, the sorted and encoded
 * query, the sorted lowercase headers (`name:value` lines), the signed header names, and the body's SHA-256.
 */
export function canonicalRequest(req: HuaweiRequest, headers: Readonly<Record<string, string>>): string {
  const url = new URL(req.url);
  let path = url.pathname
    .split("/")
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join("/");
  if (!path.endsWith("/")) path += "/";
  const query = [...url.searchParams.entries()]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const names = Object.keys(headers)
    .map((n) => n.toLowerCase())
    .sort();
  const byLower = new Map(Object.entries(headers).map(([n, v]) => [n.toLowerCase(), v.trim()]));
  const canonicalHeaders = names.map((n) => `${n}:${byLower.get(n) ?? ""}\n`).join("");
  return [req.method.toUpperCase(), path, query, canonicalHeaders, names.join(";"), sha256Hex(req.body)].join(
    "\n",
  );
}

/**
 * Signs a request: returns its headers with `X-Sdk-Date`, `Host`, `X-Security-Token` (temporary credentials) and
 * `Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<names>, Signature=<hex>`. Every header given is
 * signed.
 */
export function signHuaweiRequest(
  req: HuaweiRequest,
  credentials: HuaweiCredentials,
  now: Date = new Date(),
): Record<string, string> {
  const url = new URL(req.url);
  const headers: Record<string, string> = { ...req.headers, Host: url.host, "X-Sdk-Date": sdkDate(now) };
  if (credentials.securityToken !== undefined) headers["X-Security-Token"] = credentials.securityToken;
  const date = headers["X-Sdk-Date"] as string;
  const canonical = canonicalRequest(req, headers);
  const stringToSign = `${HUAWEI_ALGORITHM}\n${date}\n${sha256Hex(canonical)}`;
  const signature = createHmac("sha256", credentials.secretAccessKey).update(stringToSign).digest("hex");
  const signed = Object.keys(headers)
    .map((n) => n.toLowerCase())
    .sort()
    .join(";");
  // Host is set by the HTTP client from the URL; sending it twice would be refused
  const { Host: _host, ...out } = headers;
  out.Authorization = `${HUAWEI_ALGORITHM} Access=${credentials.accessKeyId}, SignedHeaders=${signed}, Signature=${signature}`;
  return out;
}

/** How to obtain temporary credentials from IAM. */
export interface TemporaryCredentialsConfig {
  readonly authMethod?: "PASSWORD" | "TOKEN";
  readonly username?: string;
  readonly password?: string;
  readonly domainName?: string;
  readonly token?: string;
  readonly durationSeconds?: number;
  /** IAM base URL, `https://iam.{region}.{endpointSuffix}`. */
  readonly iamUrl: string;
  /** The project scope of a password token: the region's project, named like the region. */
  readonly region: string;
}

/**
 * Temporary AK/SK and security token from IAM (`POST /v3.0/OS-CREDENTIAL/securitytokens`), renewed before they
 * expire. With PASSWORD, an IAM token is first obtained with the user's name, password and domain
 * (`POST /v3/auth/tokens`, the token comes back in `X-Subject-Token`); with TOKEN, the configured token is used.
 */
export class TemporaryCredentials {
  private readonly cache: TokenCache;

  constructor(
    private readonly http: HttpTransport,
    private readonly config: TemporaryCredentialsConfig,
    private readonly target: { readonly exporterId: string; readonly destination: string },
    now: () => number = Date.now,
  ) {
    this.cache = new TokenCache(async () => {
      const c = await this.fetch();
      return {
        value: JSON.stringify(c.credentials),
        refreshAt: refreshTime(now(), (c.expiresAt - now()) / 1000),
      };
    }, now);
  }

  /** Valid credentials, fetched when there are none or they are about to expire. */
  async get(): Promise<HuaweiCredentials> {
    return JSON.parse(await this.cache.get()) as HuaweiCredentials;
  }

  /** Forgets credentials the service refused (401), so that the next `get` fetches new ones. */
  invalidate(credentials: HuaweiCredentials): void {
    this.cache.invalidate(JSON.stringify(credentials));
  }

  /** Fetches the first credentials ahead of time; refused ones fail the exporter before anything is read. */
  warm(): Promise<void> {
    return this.cache.warm();
  }

  private async fetch(): Promise<{ credentials: HuaweiCredentials; expiresAt: number }> {
    const iamToken = this.config.authMethod === "PASSWORD" ? await this.passwordToken() : this.config.token;
    if (iamToken === undefined || iamToken === "") throw this.failure(undefined, "no IAM token to exchange");
    const res = await this.http.request("POST", `${this.config.iamUrl}/v3.0/OS-CREDENTIAL/securitytokens`, {
      headers: { "Content-Type": "application/json;charset=utf8", "X-Auth-Token": iamToken },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ["token"],
            token: { duration_seconds: this.config.durationSeconds ?? 900 },
          },
        },
      }),
    });
    if (res.status !== 201 && res.status !== 200)
      throw this.failure(res, "temporary credentials request failed");
    let c: Record<string, unknown> = {};
    try {
      c = (JSON.parse(res.body) as { credential?: Record<string, unknown> }).credential ?? {};
    } catch {
      // not JSON: reported below
    }
    const { access, secret, securitytoken, expires_at: expires } = c;
    if (typeof access !== "string" || typeof secret !== "string" || typeof securitytoken !== "string") {
      throw this.failure(res, "the temporary credentials answer has no access, secret and securitytoken");
    }
    for (const v of [access, secret, securitytoken]) registerSecretValue(v);
    const expiresAt = typeof expires === "string" ? Date.parse(expires) : NaN;
    return {
      credentials: { accessKeyId: access, secretAccessKey: secret, securityToken: securitytoken },
      expiresAt: Number.isFinite(expiresAt)
        ? expiresAt
        : Date.now() + (this.config.durationSeconds ?? 900) * 1000,
    };
  }

  /** An IAM user token from name, password and domain (`X-Subject-Token` of `POST /v3/auth/tokens`). */
  private async passwordToken(): Promise<string> {
    const { username, password, domainName, region } = this.config;
    const res = await this.http.request("POST", `${this.config.iamUrl}/v3/auth/tokens`, {
      headers: { "Content-Type": "application/json;charset=utf8" },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ["password"],
            password: { user: { name: username, password, domain: { name: domainName } } },
          },
          scope: { project: { name: region } },
        },
      }),
    });
    const token = res.headers["x-subject-token"];
    const value = Array.isArray(token) ? token[0] : token;
    if (res.status !== 201 || value === undefined || value === "")
      throw this.failure(res, "IAM password login failed");
    registerSecretValue(value);
    return value;
  }

  private failure(res: HttpResponse | undefined, what: string): DeliveryError {
    const detail = res !== undefined ? vendorMessage(res.body) : undefined;
    return new DeliveryError({
      exporterId: this.target.exporterId,
      destination: this.target.destination,
      status: res?.status,
      vendorMessage: `${what} at ${hostOf(this.config.iamUrl)}${detail ? `: ${detail}` : ""}`,
      retryable: res !== undefined && RETRYABLE_STATUSES.has(res.status),
      retryAfterMs: res !== undefined ? retryAfterMs(res.headers) : undefined,
    });
  }
}
