// A fake Kestra log search API for nock (not a test file itself). It implements the documented contract of
// GET /api/v1/{tenant}/logs/search: filters[...] (falling back to the legacy parameters), min-level, namespace
// PREFIX, startDate >= / endDate <= on the timestamp, sort, page/size with `total` (PagedResults), or cursor paging
// (CursorOrOffsetPagedResults, type CURSOR). Switches make it misbehave the ways real servers do.
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
  private served = 0;
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

  /** Requests that fetched log pages (not the scripted failures). */
  get pageRequests(): SeenRequest[] {
    return this.requests;
  }

  private handle(uri: string, authorization: string | undefined): [number, unknown, Record<string, string>?] {
    const url = new URL(uri, "http://fake");
    this.requests.push({ path: url.pathname, query: url.searchParams, authorization });
    const scripted = this.script.shift();
    if (scripted) return [scripted.status, scripted.body ?? "", scripted.headers];
    if (this.options.authorization !== undefined && authorization !== this.options.authorization) {
      return [401, { message: "Unauthorized" }];
    }
    this.beforeResponse?.(this.served++);
    const q = url.searchParams;
    const filter = (field: string, op: string): string | null => q.get(`filters[${field}][${op}]`);
    const hasFilters = [...q.keys()].some((k) => k.startsWith("filters["));
    const start = hasFilters ? filter("startDate", "GREATER_THAN_OR_EQUAL_TO") : q.get("startDate");
    const end = hasFilters ? filter("endDate", "LESS_THAN_OR_EQUAL_TO") : q.get("endDate");
    const level = hasFilters ? filter("level", "EQUALS") : q.get("minLevel");
    const namespace = hasFilters ? filter("namespace", "PREFIX") : q.get("namespace");
    let rows = this.logs.map((e, i) => ({ e, i, ts: ns(e.timestamp) }));
    if (start) rows = rows.filter((r) => r.ts >= ns(start));
    if (end) rows = rows.filter((r) => r.ts <= ns(end));
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
    const sorted = order.map((k) => rows[k]!.e);
    const size = Number(q.get("size") ?? 10);
    if (this.options.cursor) {
      const offset = q.get("cursor") ? Number(Buffer.from(q.get("cursor")!, "base64").toString()) : 0;
      const results = sorted.slice(offset, offset + size);
      const next =
        offset + size < sorted.length ? Buffer.from(String(offset + size)).toString("base64") : null;
      return [200, { results, type: "CURSOR", nextCursor: next }];
    }
    const page = Number(q.get("page") ?? 1);
    return [200, { results: sorted.slice((page - 1) * size, page * size), total: sorted.length }];
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
