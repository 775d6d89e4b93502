import {
  createServer as createHttpServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { gunzipSync } from "node:zlib";
import { prng } from "../../../src/testing/kestra-log-generator";
import { seqOf } from "./data";

/** The API a sink speaks. */
export type SinkKind = "datadog" | "elasticsearch" | "splunk";

/** What can go wrong, per request (probabilities) or always. */
export interface FaultProfile {
  /** Share of requests answered 500. */
  readonly http500?: number;
  /** Share of requests answered 429 with `Retry-After: retryAfterS`. */
  readonly http429?: number;
  readonly retryAfterS?: number;
  /** Share of requests whose connection is reset before anything is processed. */
  readonly reset?: number;
  /** Share of requests processed (counted) but never answered: the client times out. */
  readonly stall?: number;
  /** Requests whose decompressed body is larger than this get 413. */
  readonly maxBodyBytes?: number;
  /** Elasticsearch: share of items answered 429 inside a 200 (per-item retry). */
  readonly itemRetry?: number;
  /** Elasticsearch: records refused for good inside a 200 (a 400 mapper_parsing_exception item). */
  readonly poison?: (seq: number) => boolean;
  /** Every request gets this status (the budget test). */
  readonly always?: number;
  /** Every request is answered with a redirect to this URL. */
  readonly redirectTo?: string;
  /** Error bodies and item reasons repeat the request's credentials (as a careless proxy or API might). */
  readonly echoCredentials?: boolean;
  /**
   * Faults forced on given requests (1-based arrival order), so that each kind happens at least once; a forced
   * request is not refused for its size.
   */
  readonly forced?: Readonly<Record<number, "reset" | "500" | "429" | "stall">>;
}

/** One request as the sink saw it. */
export interface SinkRequest {
  /** When it arrived and when it was answered (epoch ms). */
  readonly at: number;
  end?: number;
  outcome?: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  items: number;
}

/**
 * A local destination that speaks Datadog's logs intake (`POST /api/v2/logs`, a gzipped JSON array, 202), Splunk
 * HEC (`POST /services/collector/event`, events one per line, an `ackId` acknowledged at the first query) or
 * Elasticsearch's `_bulk` (gzipped NDJSON `create` pairs, 200 with per-item results, 409 for an `_id` already
 * indexed), injects the faults of a {@link FaultProfile} from a seeded random source, and counts every record it
 * accepted by its number (`seq=<n>` in the message).
 */
export class Sink {
  /** Acceptances per record number (a re-sent record counts again, even where Elasticsearch answers 409). */
  readonly seen = new Map<number, number>();
  /** Elasticsearch: the `_id`s indexed (what a search would return). */
  readonly stored = new Set<string>();
  /** Records refused for good (poison items). */
  readonly refused = new Set<number>();
  readonly requests: SinkRequest[] = [];
  /** Items that could not be read (no record number). */
  readonly corrupt: string[] = [];
  /** Elasticsearch: items answered with an error inside a 200 (429s and 400s). */
  itemErrors = 0;
  /** Splunk: the next ackId to hand out. */
  private nextAckId = 0;
  /** Set by `hold`: the next request waits for this promise before it is processed. */
  private gate: { onRequest: () => Promise<void> } | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly random: () => number;
  url = "";

  private constructor(
    readonly kind: SinkKind,
    private readonly faults: FaultProfile,
    seed: number,
    private readonly server: Server,
  ) {
    this.random = prng(seed);
  }

  /** Starts a sink on 127.0.0.1 (HTTPS with `tls`). */
  static async start(
    kind: SinkKind,
    options: { faults?: FaultProfile; seed?: number; tls?: { key: string; cert: string } } = {},
  ): Promise<Sink> {
    const server = options.tls ? createHttpsServer(options.tls) : createHttpServer();
    const sink = new Sink(kind, options.faults ?? {}, options.seed ?? 1, server);
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      sink.handle(req, res).catch((err: unknown) => {
        res.statusCode = 599;
        res.end(String(err));
      });
    });
    server.on("connection", (s: Socket) => {
      sink.sockets.add(s);
      s.on("close", () => sink.sockets.delete(s));
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    sink.url = `${options.tls ? "https" : "http"}://127.0.0.1:${port}`;
    return sink;
  }

  /** Calls `onRequest` when each request arrives, before it is processed (e.g. to kill the client then). */
  intercept(onRequest: (() => Promise<void>) | undefined): void {
    this.gate = onRequest ? { onRequest } : undefined;
  }

  /** Records accepted so far (re-sends included). */
  accepted(): number {
    let n = 0;
    for (const c of this.seen.values()) n += c;
    return n;
  }

  /** Deliveries per record number, for `tally`. */
  count(): { seen: Map<number, number>; corrupt: string[] } {
    return { seen: this.seen, corrupt: this.corrupt };
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Splunk's indexer acknowledgement queries are answered at once and kept out of the fault plan and the log
    if (this.kind === "splunk" && req.url === "/services/collector/ack") return this.splunkAck(req, res);
    const log: SinkRequest = { at: Date.now(), path: req.url ?? "", headers: req.headers, items: 0 };
    this.requests.push(log);
    const answer = (status: number, body: string, headers: Record<string, string> = {}): void => {
      log.outcome ??= String(status);
      log.end = Date.now();
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(body);
    };
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (this.gate) await this.gate.onRequest();
    const f = this.faults;
    if (f.redirectTo !== undefined) return answer(307, "", { location: `${f.redirectTo}${req.url ?? ""}` });
    const echo = f.echoCredentials
      ? ` (credentials received: ${JSON.stringify({ apiKey: req.headers["dd-api-key"], authorization: req.headers.authorization })})`
      : "";
    if (f.always !== undefined)
      return answer(f.always, JSON.stringify({ error: `always ${f.always}${echo}` }));
    const forced = f.forced?.[this.requests.length];
    const r = this.random();
    let edge = f.reset ?? 0;
    if (forced === "reset" || (forced === undefined && r < edge)) {
      log.outcome = "reset";
      log.end = Date.now();
      req.socket.destroy();
      return;
    }
    if (r < (edge += f.http500 ?? 0))
      return answer(500, JSON.stringify({ error: "internal error (injected)" }));
    if (forced === "429" || (forced === undefined && r < (edge += f.http429 ?? 0)))
      return answer(429, JSON.stringify({ error: "rate limited (injected)" }), {
        "retry-after": String(f.retryAfterS ?? 1),
      });
    const raw = Buffer.concat(chunks);
    const body = req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
    if (forced === undefined && f.maxBodyBytes !== undefined && body.length > f.maxBodyBytes)
      return answer(
        413,
        JSON.stringify({ error: `request of ${body.length} bytes is too large (injected)` }),
      );
    const stall = forced === "stall" || (forced === undefined && r < (edge += f.stall ?? 0));
    const reply =
      this.kind === "datadog"
        ? this.datadog(body.toString("utf8"), log)
        : this.kind === "splunk"
          ? this.splunk(body.toString("utf8"), log)
          : this.bulk(body.toString("utf8"), log, echo);
    if (stall) {
      log.outcome = "stall"; // processed, never answered: the client's timeout fires
      return;
    }
    answer(reply.status, reply.body);
  }

  private count1(seq: number | undefined, text: string): void {
    if (seq === undefined) this.corrupt.push(text.slice(0, 200));
    else this.seen.set(seq, (this.seen.get(seq) ?? 0) + 1);
  }

  private datadog(text: string, log: SinkRequest): { status: number; body: string } {
    const items = JSON.parse(text) as Array<{ message?: unknown }>;
    log.items = items.length;
    for (const item of items) this.count1(seqOf(String(item.message ?? "")), JSON.stringify(item));
    return { status: 202, body: "{}" };
  }

  /** Splunk HEC: one event object per line, answered with an ackId (acknowledged at the first query). */
  private splunk(text: string, log: SinkRequest): { status: number; body: string } {
    const events = text.split("\n").filter((l) => l !== "");
    log.items = events.length;
    for (const e of events) this.count1(seqOf(e), e);
    return { status: 200, body: JSON.stringify({ text: "Success", code: 0, ackId: this.nextAckId++ }) };
  }

  private async splunkAck(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const { acks } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { acks: number[] };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({ acks: Object.fromEntries(acks.map((id) => [String(id), id < this.nextAckId])) }),
    );
  }

  private bulk(text: string, log: SinkRequest, echo: string): { status: number; body: string } {
    const lines = text.split("\n");
    if (lines.at(-1) === "") lines.pop();
    const items: string[] = [];
    let errors = false;
    for (let i = 0; i + 1 < lines.length; i += 2) {
      const action = JSON.parse(lines[i] as string) as { create?: { _id?: string } };
      const source = lines[i + 1] as string;
      const id = action.create?._id ?? "";
      const seq = seqOf(source);
      if (seq !== undefined && this.faults.poison?.(seq)) {
        this.refused.add(seq);
        this.itemErrors++;
        errors = true;
        items.push(
          `{"create":{"status":400,"error":{"type":"mapper_parsing_exception","reason":${JSON.stringify(`failed to parse field [message] (injected)${echo}`)}}}}`,
        );
      } else if (this.random() < (this.faults.itemRetry ?? 0)) {
        this.itemErrors++;
        errors = true;
        items.push(
          `{"create":{"status":429,"error":{"type":"es_rejected_execution_exception","reason":"queue full (injected)"}}}`,
        );
      } else if (this.stored.has(id)) {
        this.count1(seq, source);
        errors = true;
        items.push(
          `{"create":{"status":409,"error":{"type":"version_conflict_engine_exception","reason":"document already exists"}}}`,
        );
      } else {
        this.count1(seq, source);
        this.stored.add(id);
        items.push(`{"create":{"status":201}}`);
      }
    }
    log.items = items.length;
    return { status: 200, body: `{"errors":${errors},"items":[${items.join(",")}]}` };
  }
}
