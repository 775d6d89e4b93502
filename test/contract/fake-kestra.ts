// A fake Kestra log search API, for nock (install) or as a real HTTP server on 127.0.0.1 (listen); not a test file
// itself. It implements the documented contract of GET /api/v1/{tenant}/logs/search: filters[...] (falling back
// to the legacy parameters), min-level, namespace PREFIX, startDate >= / endDate <= on the timestamp, sort,
// page/size with `total` (PagedResults), or cursor paging (CursorOrOffsetPagedResults, type CURSOR). Switches make
// it misbehave the ways real servers and the proxies in front of them do (see FakeKestraOptions).
import { createServer, type Server } from "node:http";
import { closeLocal, listenLocal } from "../support/local-server";
import nock from "nock";
import { levelRank, normalizeLevel } from "../../src/core/levels";
import type { LogEntry } from "../../src/core/log-record";
import { normalizeTimestamp } from "../../src/core/timestamp";
import { prng } from "../../src/testing/kestra-log-generator";

/** What the fake saw of one request. */
export interface SeenRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization?: string;
}

/** Misbehaviours and options. */
export interface FakeKestraOptions {
  /** Path prefix, e.g. `/api/v1/main` (default) or `/api/v1` (legacy). */
  readonly prefix?: string;
  /** Ignore `sort` and always return newest first (as one repository version did). */
  readonly ignoreSort?: boolean;
  /** Answer with 2.0 cursor pages (`type: CURSOR`, `nextCursor`, no `total`). */
  readonly cursor?: boolean;
  /** Order equal timestamps differently on every query (LIMIT/OFFSET over a non-unique sort key). */
  readonly shuffleTies?: boolean;
  /** The Authorization header the server accepts; anything else is 401. */
  readonly authorization?: string;
  /** Returns at most this many results per page, whatever `size` asks (a server or proxy cap). */
  readonly pageCap?: number;
  /**
   * With `pageCap`, what `page` counts: pages of the capped size (page 2 of size 500 capped at 50 is entries
   * 51–100), or of the asked size (entries 501–550). Default "capped".
   */
  readonly pageMeans?: "capped" | "asked";
  /** Only the legacy `startDate`/`endDate` parameters, exclusive (`>` and `<`), at millisecond precision. */
  readonly legacyExclusive?: boolean;
  /** Ignores the date filters (returns logs of any time; total counts them all). */
  readonly ignoreDates?: boolean;
  /** Adds this to every `total` (a count of entries it never returns: an empty page with a non-zero total). */
  readonly phantom?: number;
  /** Gives each entry an `id` (`all`), none (`none`, default), or every other one (`some`). */
  readonly ids?: "all" | "none" | "some";
}

/** A scripted response served before the normal ones. */
export interface Scripted {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

const ns = (a: string) => normalizeTimestamp(a) as string;

/** The fake server's state and behaviour. */
export class FakeKestra {
  logs: LogEntry[] = [];
  readonly requests: SeenRequest[] = [];
  /** Served (in order) before the normal responses. */
  readonly script: Scripted[] = [];
  /** Called before each normal response with the count of normal responses so far (to change the data mid-read). */
  beforeResponse?: (n: number) => void;
  /** Called before each request with the count of requests so far: a response to serve instead (faults). */
  fault?: (n: number) => Scripted | undefined;
  /** Called with the count of normal responses so far: true answers this one with an empty page (and the total). */
  emptyPage?: (n: number) => boolean;
  private served = 0;
  private server: Server | undefined;
  private readonly random = prng(42);

  constructor(
    readonly base: string,
    readonly options: FakeKestraOptions = {},
  ) {}

  /** Installs the interceptor (persisted until nock.cleanAll()). */
  install(): nock.Scope {
    const prefix = this.options.prefix ?? "/api/v1/main";
    const handle = (uri: string, auth: string | undefined) => this.handle(uri, auth);
    return nock(this.base)
      .persist()
      .get(`${prefix}/logs/search`)
      .query(true)
      .reply(function (uri) {
        const auth = this.req.headers.authorization;
        return handle(uri, Array.isArray(auth) ? auth[0] : auth);
      });
  }

  /** Serves the same API over real HTTP on 127.0.0.1 (a free port); resolves with its base URL. */
  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      const auth = req.headers.authorization;
      const prefix = `${this.options.prefix ?? "/api/v1/main"}/logs/search`;
      const [status, body, headers] =
        new URL(req.url ?? "/", "http://fake").pathname === prefix
          ? this.handle(req.url ?? "/", auth)
          : [404, { message: "Not Found" }];
      const text = typeof body === "string" ? body : JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(text);
    });
    this.server = server;
    return listenLocal(server);
  }

  /** Stops the HTTP server of {@link listen}. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await closeLocal(server);
  }

  /** Requests that fetched log pages (not the scripted failures). */
  get pageRequests(): SeenRequest[] {
    return this.requests;
  }

  private handle(uri: string, authorization: string | undefined): [number, unknown, Record<string, string>?] {
    const url = new URL(uri, "http://fake");
    const n = this.requests.length;
    this.requests.push({ path: url.pathname, query: url.searchParams, authorization });
    const scripted = this.script.shift() ?? this.fault?.(n);
    if (scripted) return [scripted.status, scripted.body ?? "", scripted.headers];
    if (this.options.authorization !== undefined && authorization !== this.options.authorization) {
      return [401, { message: "Unauthorized" }];
    }
    const served = this.served++;
    this.beforeResponse?.(served);
    const sorted = this.select(url.searchParams);
    const empty = this.emptyPage?.(served) === true;
    const o = this.options;
    const q = url.searchParams;
    const size = Number(q.get("size") ?? 10);
    const count = Math.min(size, o.pageCap ?? size);
    if (o.cursor) {
      const offset = q.get("cursor") ? Number(Buffer.from(q.get("cursor")!, "base64").toString()) : 0;
      const results = empty ? [] : sorted.slice(offset, offset + count).map((e) => this.withId(e));
      const to = offset + results.length;
      const next = to < sorted.length || empty ? Buffer.from(String(to)).toString("base64") : null;
      return [200, { results, type: "CURSOR", nextCursor: next }];
    }
    const page = Number(q.get("page") ?? 1);
    const start = (page - 1) * (o.pageMeans === "asked" ? size : count);
    const results = empty ? [] : sorted.slice(start, start + count).map((e) => this.withId(e));
    return [200, { results, total: sorted.length + (o.phantom ?? 0) }];
  }

  /** The entries a query selects, in the order this server returns them. */
  private select(q: URLSearchParams): LogEntry[] {
    const o = this.options;
    const filter = (field: string, op: string): string | null => q.get(`filters[${field}][${op}]`);
    const hasFilters = !o.legacyExclusive && [...q.keys()].some((k) => k.startsWith("filters["));
    const start = hasFilters ? filter("startDate", "GREATER_THAN_OR_EQUAL_TO") : q.get("startDate");
    const end = hasFilters ? filter("endDate", "LESS_THAN_OR_EQUAL_TO") : q.get("endDate");
    const level = hasFilters ? filter("level", "EQUALS") : q.get("minLevel");
    const namespace = hasFilters ? filter("namespace", "PREFIX") : q.get("namespace");
    let rows = this.logs.map((e, i) => ({ e, i, ts: ns(e.timestamp) }));
    if (!o.ignoreDates && o.legacyExclusive) {
      // legacy parameters: millisecond precision, exclusive on both ends
      const ms = (t: string) => Date.parse(t);
      if (start) rows = rows.filter((r) => Math.floor(ms(r.e.timestamp)) > ms(start));
      if (end) rows = rows.filter((r) => Math.floor(ms(r.e.timestamp)) < ms(end));
    } else if (!o.ignoreDates) {
      if (start) rows = rows.filter((r) => r.ts >= ns(start));
      if (end) rows = rows.filter((r) => r.ts <= ns(end));
    }
    if (level) {
      const min = levelRank(normalizeLevel(level) ?? "TRACE");
      rows = rows.filter((r) => levelRank(normalizeLevel(r.e.level) ?? "TRACE") >= min);
    }
    if (namespace) {
      rows = rows.filter((r) => r.e.namespace === namespace || r.e.namespace.startsWith(`${namespace}.`));
    }
    const tie = this.options.shuffleTies ? rows.map(() => this.random()) : undefined;
    const order = rows.map((_, k) => k);
    const desc = this.options.ignoreSort || q.get("sort") !== "timestamp:asc";
    order.sort((a, b) => {
      const ra = rows[a]!;
      const rb = rows[b]!;
      if (ra.ts !== rb.ts) return (ra.ts < rb.ts ? -1 : 1) * (desc ? -1 : 1);
      return tie ? tie[a]! - tie[b]! : ra.i - rb.i;
    });
    return order.map((k) => rows[k]!.e);
  }

  private withId(e: LogEntry): LogEntry {
    const ids = this.options.ids ?? "none";
    const n = /(\d+)$/.exec(e.message)?.[1];
    if (ids === "none" || (ids === "some" && Number(n) % 2 === 1)) return e;
    return { ...e, id: `log-${n ?? e.message}` };
  }
}

/** A Kestra entry at `iso`, numbered `n`. */
export function entryAt(iso: string, n: number, extra: Partial<LogEntry> = {}): LogEntry {
  return {
    namespace: "company.team",
    flowId: "flow",
    taskId: "task",
    executionId: `exec${n % 3}`,
    timestamp: iso,
    level: "INFO",
    thread: "worker",
    message: `message ${n}`,
    ...extra,
  };
}
