// A generic HTTP fault proxy (127.0.0.1 only) in front of a real server (moto_server, Azurite): it forwards each
// request whole to the target, and for the requests a schedule picks it misbehaves instead, the ways an object
// store does on a bad day: an error answer in the store's own shape (not forwarded), a connection reset in the
// middle of the request (not forwarded), a reset after the target stored the request (processed, never
// answered), or a stall past the client's read timeout (forwarded, then no answer). A success is answered only
// once the target answered, so a 200 always means the target has the request.
import { createServer, request, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import { prng } from "../../src/testing/kestra-log-generator";
import { closeLocal, listenLocal } from "./local-server";

/** What the proxy does to one request instead of a plain forward. */
export type ProxyFault =
  | {
      readonly kind: "answer";
      readonly status: number;
      readonly headers: Record<string, string>;
      readonly body: string;
    }
  /** Destroys the connection after the first body bytes arrived: the target never sees the request. */
  | { readonly kind: "reset" }
  /** Forwards the request, lets the target answer, then destroys the connection instead of answering. */
  | { readonly kind: "reset-after-forward" }
  /** Forwards the request, then sends nothing until the client gives up (or `stallMs` passed). */
  | { readonly kind: "stall" };

/** One request that went through the proxy. */
export interface ProxiedRequest {
  readonly n: number;
  readonly method: string;
  readonly url: string;
  /** The fault's label, or `forwarded`. */
  readonly outcome: string;
  /** The target's status, for requests it answered. */
  status?: number;
}

/** Which faults to inject: labels and how each is answered, their rates, and labels forced on given requests. */
export interface FaultSchedule {
  readonly faults: Readonly<Record<string, ProxyFault>>;
  /** Probability per request of each label (seeded). */
  readonly rates: Readonly<Record<string, number>>;
  /** Request number (0-based among the requests `applies` selects) → label, so that every kind happens. */
  readonly forced?: Readonly<Record<number, string>>;
  readonly seed: number;
  /** The requests faults may hit (others are forwarded untouched); all by default. */
  readonly applies?: (method: string, url: string) => boolean;
  /** Longest stall, in ms (a client that never times out is answered after it). */
  readonly stallMs?: number;
}

/** The proxy; `requests` lists every request it saw, in order. */
export class HttpFaultProxy {
  readonly requests: ProxiedRequest[] = [];
  private server: Server | undefined;
  private readonly random: () => number;
  private selected = 0;
  private readonly stalls = new Set<NodeJS.Timeout>();

  constructor(
    private readonly target: string,
    readonly schedule: FaultSchedule,
  ) {
    this.random = prng(schedule.seed);
  }

  /** Starts on a free port of 127.0.0.1; resolves with its base URL. */
  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      const method = req.method ?? "GET";
      const url = req.url ?? "/";
      const label = this.pick(method, url);
      const entry: ProxiedRequest = { n: this.requests.length, method, url, outcome: label ?? "forwarded" };
      this.requests.push(entry);
      const fault = label === undefined ? undefined : this.schedule.faults[label];
      if (fault?.kind === "reset") {
        req.once("data", () => req.socket.destroy());
        req.once("end", () => req.socket.destroy());
        return;
      }
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        if (fault?.kind === "answer") {
          res.writeHead(fault.status, { ...fault.headers, "content-length": Buffer.byteLength(fault.body) });
          res.end(fault.body);
          return;
        }
        forwardRequest(this.target, req.headers, method, url, body)
          .then(([status, headers, answer]) => {
            entry.status = status;
            if (fault?.kind === "reset-after-forward") req.socket.destroy();
            else if (fault?.kind === "stall") this.stall(res, status, headers, answer);
            else reply(res, status, headers, answer);
          })
          .catch(() => req.socket.destroy());
      });
    });
    this.server = server;
    return listenLocal(server);
  }

  /** Stops accepting and drops open connections (stalled ones included). */
  async close(): Promise<void> {
    for (const t of this.stalls) clearTimeout(t);
    this.stalls.clear();
    this.server?.closeAllConnections();
    await closeLocal(this.server);
    this.server = undefined;
  }

  /** Requests per outcome label (`forwarded` included). */
  outcomes(): Record<string, number> {
    const by: Record<string, number> = {};
    for (const r of this.requests) by[r.outcome] = (by[r.outcome] ?? 0) + 1;
    return by;
  }

  private pick(method: string, url: string): string | undefined {
    if (this.schedule.applies && !this.schedule.applies(method, url)) return undefined;
    const n = this.selected++;
    const forced = this.schedule.forced?.[n];
    if (forced !== undefined) return forced;
    let x = this.random();
    for (const [label, rate] of Object.entries(this.schedule.rates)) {
      if (x < rate) return label;
      x -= rate;
    }
    return undefined;
  }

  private stall(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
    const timer = setTimeout(() => {
      this.stalls.delete(timer);
      reply(res, status, headers, body);
    }, this.schedule.stallMs ?? 60_000);
    this.stalls.add(timer);
    res.once("close", () => {
      clearTimeout(timer);
      this.stalls.delete(timer);
    });
  }
}

/**
 * Sends a request whole to `target` (the same method, path and headers, `host` and `content-length` set for it);
 * resolves with the status, the headers (framing ones dropped) and the body.
 */
export function forwardRequest(
  base: string,
  headers: IncomingHttpHeaders,
  method: string,
  url: string,
  body: Buffer,
): Promise<[number, Record<string, string>, Buffer]> {
  const target = new URL(url, base);
  const framing = new Set(["content-length", "transfer-encoding", "connection"]);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (typeof v === "string" && k !== "transfer-encoding" && k !== "connection") out[k] = v;
  }
  out.host = target.host;
  out["content-length"] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = request(target, { method, headers: out }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers))
          if (typeof v === "string" && !framing.has(k)) h[k] = v;
        resolve([res.statusCode ?? 502, h, Buffer.concat(chunks)]);
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

function reply(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  res.writeHead(status, { ...headers, "content-length": body.length });
  res.end(body);
}

/** An S3 error answer as S3 sends it (REST error XML, no Retry-After), e.g. `503 SlowDown`. */
export function s3ErrorAnswer(status: number, code: string, message: string): ProxyFault {
  return {
    kind: "answer",
    status,
    headers: { "content-type": "application/xml", "x-amz-request-id": "FAULTPROXY0000001" },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>FAULTPROXY0000001</RequestId><HostId>fault-proxy</HostId></Error>`,
  };
}

/** An Azure Storage error answer as the Blob service sends it (`x-ms-error-code` and error XML). */
export function azureErrorAnswer(status: number, code: string, message: string): ProxyFault {
  return {
    kind: "answer",
    status,
    headers: {
      "content-type": "application/xml",
      "x-ms-error-code": code,
      "x-ms-request-id": "00000000-0000-0000-0000-000000000001",
      "x-ms-version": "2021-12-02",
    },
    body: `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}\nRequestId:00000000-0000-0000-0000-000000000001\nTime:2026-11-25T12:00:00.0000000Z</Message></Error>`,
  };
}
