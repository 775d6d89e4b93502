import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import got, { RequestError, type Got } from "got";
import { DeliveryError } from "../exporters/errors";
import { redact } from "../secrets/redaction";
import { sendGate } from "./send-gate";

/** Options of an exporter's HTTP transport. */
export interface HttpTransportOptions {
  readonly exporterId: string;
  readonly destination: string;
  /** Whole-request timeout in milliseconds. Default 30 s. */
  readonly timeoutMs?: number;
  /** Longest wait for the TCP (and TLS) connection, in milliseconds (Kestra's `connectTimeout`). */
  readonly connectTimeoutMs?: number;
  /** Longest silence on the socket once connected, in milliseconds (Kestra's `readIdleTimeout`). */
  readonly idleTimeoutMs?: number;
  /** Turns TLS certificate verification off (`trustAllSsl`). Warned about by `validate` and `plan`. */
  readonly insecure?: boolean;
  /** Connections kept per host; at least the exporter's concurrency. */
  readonly maxSockets?: number;
}

/** A response, whatever its status. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** Network error codes that no retry can mend: TLS certificate failures and a bad URL. */
export const PERMANENT_NETWORK_CODES: ReadonlySet<string> = new Set([
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_INVALID_URL",
]);

/**
 * One keep-alive HTTP client per exporter, built on got. got's own retries are off: the shipping pipeline retries
 * (it must coordinate Retry-After across requests and split on 413). Redirects are never followed, so
 * credentials never go to another host. Transport failures become retryable `DeliveryError`s (TLS certificate
 * problems excepted).
 */
export class HttpTransport {
  private readonly client: Got;
  private readonly agents: { http: HttpAgent; https: HttpsAgent };

  constructor(private readonly options: HttpTransportOptions) {
    const maxSockets = Math.max(1, options.maxSockets ?? 8);
    this.agents = {
      http: new HttpAgent({ keepAlive: true, maxSockets }),
      https: new HttpsAgent({ keepAlive: true, maxSockets, rejectUnauthorized: !options.insecure }),
    };
    this.client = got.extend({
      agent: this.agents,
      retry: { limit: 0 },
      throwHttpErrors: false,
      followRedirect: false,
      decompress: true,
      timeout: {
        request: options.timeoutMs ?? 30_000,
        ...(options.connectTimeoutMs !== undefined ? { connect: options.connectTimeoutMs } : {}),
        ...(options.idleTimeoutMs !== undefined ? { socket: options.idleTimeoutMs } : {}),
      },
      https: { rejectUnauthorized: !options.insecure },
    });
  }

  /** Sends a request and returns the response whatever its status; throws `DeliveryError` without a response. */
  async request(
    method: "GET" | "POST" | "PUT",
    url: string,
    init: { headers?: Record<string, string>; body?: string | Buffer; form?: Record<string, string> } = {},
  ): Promise<HttpResponse> {
    // a Retry-After received by another request while this one was being prepared holds it back too
    await sendGate();
    try {
      const res = await this.client(url, { method, headers: init.headers, body: init.body, form: init.form });
      return { status: res.statusCode, headers: res.headers, body: res.body };
    } catch (err) {
      const code = err instanceof RequestError ? err.code : undefined;
      throw new DeliveryError(
        {
          exporterId: this.options.exporterId,
          destination: this.options.destination,
          vendorMessage: redact(`${code ?? "request failed"}: ${(err as Error).message}`),
          retryable: !(code !== undefined && PERMANENT_NETWORK_CODES.has(code)),
        },
        { cause: err },
      );
    }
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}

/** Milliseconds to wait from a `Retry-After` header (seconds or an HTTP date), if present and sane. */
export function retryAfterMs(headers: HttpResponse["headers"], now: number = Date.now()): number | undefined {
  const raw = headers["retry-after"];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value.trim() === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.min(Number(value) * 1000, 3_600_000);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), 3_600_000);
}

/** How a destination classifies statuses. */
export interface StatusRules {
  /** Statuses worth retrying (the destination's documented list). */
  readonly retryable: ReadonlySet<number>;
}

/** The vendor's message from an error body: common JSON shapes, else the text itself (shortened, redacted). */
export function vendorMessage(body: string): string | undefined {
  const text = body.trim();
  if (text === "") return undefined;
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const pick = (v: unknown): string | undefined => {
      if (typeof v === "string") return v;
      if (Array.isArray(v)) return v.map(pick).filter(Boolean).join("; ") || undefined;
      if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        return (
          pick(o.message) ??
          pick(o.reason) ??
          pick(o.error) ??
          pick(o.errors) ??
          pick(o.detail) ??
          pick(o.code)
        );
      }
      return undefined;
    };
    const found = pick(json);
    if (found) return redact(found.slice(0, 300));
  } catch {
    // not JSON
  }
  return redact(text.slice(0, 300));
}

/** Turns a non-success response into a `DeliveryError`, retryable per the destination's rules; 413 means "split". */
export function responseError(
  res: HttpResponse,
  target: { exporterId: string; destination: string },
  rules: StatusRules,
): DeliveryError {
  const redirect = res.status >= 300 && res.status < 400;
  const location = res.headers.location;
  return new DeliveryError({
    exporterId: target.exporterId,
    destination: target.destination,
    status: res.status,
    vendorMessage: redirect
      ? `redirect to ${String(location ?? "?")} not followed (credentials are never sent to another URL); fix the endpoint`
      : vendorMessage(res.body),
    retryable: rules.retryable.has(res.status),
    retryAfterMs: retryAfterMs(res.headers),
    tooLarge: res.status === 413,
  });
}
