// A small fault proxy in front of moto_server's CloudWatch Logs API (127.0.0.1 only). It forwards every call, and
// misbehaves on FilterLogEvents the ways the real service does on a bad day: pages capped small, partial pages and
// empty pages while nextToken goes on, ThrottlingException; and it can run a hook before a call (to create or delete
// a log group mid-read). Its own nextTokens ("fp:<n>") stand for moto's, so the client pages through it unaware.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { forwardRequest } from "./http-fault-proxy";
import { closeLocal, listenLocal } from "./local-server";

/** What the proxy does to the n-th FilterLogEvents call (0-based). */
export interface CloudWatchFaults {
  /** Forces this `limit` on every FilterLogEvents (moto then pages with its own nextToken). */
  readonly limit?: number;
  /** Answers with an empty page whose nextToken resumes where this call would have started. */
  readonly empty?: (n: number) => boolean;
  /** Answers with the first half of moto's page; the rest comes on the next call. */
  readonly split?: (n: number) => boolean;
  /** Answers 400 ThrottlingException. */
  readonly throttle?: (n: number) => boolean;
  /** Runs before the call is forwarded. */
  readonly before?: (n: number) => Promise<void>;
}

type Pending =
  | { readonly kind: "resume"; readonly token?: string }
  | { readonly kind: "rest"; readonly events: unknown[]; readonly token?: string };

const FILTER = "Logs_20140328.FilterLogEvents";

/** The proxy; `calls` counts FilterLogEvents calls, `injected` the faults served. */
export class CloudWatchFaultProxy {
  calls = 0;
  /** The window and token of every FilterLogEvents call, in order. */
  readonly requests: Array<{ startTime?: number; endTime?: number; nextToken?: string }> = [];
  readonly injected = { throttled: 0, empty: 0, split: 0 };
  private server: Server | undefined;
  private readonly pending = new Map<string, Pending>();
  private nextId = 0;

  constructor(
    private readonly target: string,
    private readonly faults: CloudWatchFaults = {},
  ) {}

  /** Starts on a free port of 127.0.0.1; resolves with its endpoint. */
  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        this.handle(req.headers, req.method ?? "POST", req.url ?? "/", Buffer.concat(chunks))
          .then(([status, headers, body]) => {
            res.writeHead(status, headers);
            res.end(body);
          })
          .catch((err: unknown) => {
            res.writeHead(500, { "content-type": "text/plain" });
            res.end(String(err));
          });
      });
    });
    this.server = server;
    return listenLocal(server);
  }

  async close(): Promise<void> {
    await closeLocal(this.server);
    this.server = undefined;
  }

  private async handle(
    headers: IncomingHttpHeaders,
    method: string,
    url: string,
    body: Buffer,
  ): Promise<[number, Record<string, string>, Buffer | string]> {
    if (headers["x-amz-target"] !== FILTER) return forwardRequest(this.target, headers, method, url, body);
    const n = this.calls++;
    await this.faults.before?.(n);
    const json = (text: unknown): [number, Record<string, string>, string] => [
      200,
      { "content-type": "application/x-amz-json-1.1" },
      JSON.stringify(text),
    ];
    if (this.faults.throttle?.(n)) {
      this.injected.throttled++;
      return [
        400,
        { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": "ThrottlingException" },
        JSON.stringify({ __type: "ThrottlingException", message: "Rate exceeded" }),
      ];
    }
    const input = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
    const token = typeof input.nextToken === "string" ? input.nextToken : undefined;
    this.requests.push({
      startTime: input.startTime as number,
      endTime: input.endTime as number,
      nextToken: token,
    });
    const mine = token?.startsWith("fp:") ? this.pending.get(token) : undefined;
    if (token?.startsWith("fp:")) this.pending.delete(token);
    if (mine?.kind === "rest")
      return json({ events: mine.events, nextToken: mine.token, searchedLogStreams: [] });
    const upstreamToken = mine !== undefined ? mine.token : token;
    if (this.faults.empty?.(n)) {
      this.injected.empty++;
      return json({ events: [], nextToken: this.remember({ kind: "resume", token: upstreamToken }) });
    }
    if (upstreamToken === undefined) delete input.nextToken;
    else input.nextToken = upstreamToken;
    if (this.faults.limit !== undefined) input.limit = this.faults.limit;
    const [status, h, raw] = await forwardRequest(
      this.target,
      headers,
      method,
      url,
      Buffer.from(JSON.stringify(input)),
    );
    if (status !== 200 || !this.faults.split?.(n)) return [status, h, raw];
    const page = JSON.parse(raw.toString("utf8")) as { events?: unknown[]; nextToken?: string };
    const events = page.events ?? [];
    if (events.length < 2) return [status, h, raw];
    this.injected.split++;
    const half = Math.floor(events.length / 2);
    const rest = this.remember({ kind: "rest", events: events.slice(half), token: page.nextToken });
    return json({ ...page, events: events.slice(0, half), nextToken: rest });
  }

  private remember(p: Pending): string {
    const id = `fp:${this.nextId++}`;
    this.pending.set(id, p);
    return id;
  }
}
