import { hash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Drift } from "../../generated/report";
import type { KestraSource as KestraSourceConfig } from "../../generated/config";
import { describeError, LogShipperError } from "../core/errors";
import { LEVELS, levelRank } from "../core/levels";
import { checkEntry, LOG_ENTRY_FIELDS, type LogEntry } from "../core/log-record";
import { toEpochMs } from "../core/timestamp";
import { registerSecretValue, redact } from "../secrets/redaction";
import { renderSecretsIfAny } from "../secrets/render-secrets";
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from "../shipping/backoff";
import { HttpTransport, retryAfterMs, vendorMessage, type HttpResponse } from "../shipping/http-transport";
import { DeliveryError } from "../exporters/errors";
import { countByReading } from "./count";
import { SourceError } from "./errors";
import type { SourceContext } from "./registry";
import type { ReadOptions, ReadRange, Source, SourceBatch } from "./source";
import { readWindows, WINDOW_PASSES, type PassEnd, type ScanSink, type WindowScanner } from "./windowed-read";

/** Results per page unless `pageSize` says otherwise. */
export const DEFAULT_PAGE_SIZE = 500;
/**
 * Records held at once (one time window): the memory bound of a read. Half of Elasticsearch's default
 * `index.max_result_window` (10,000), which caps offset paging on Kestra's Elasticsearch-backed repository.
 */
export const DEFAULT_MAX_WINDOW_RECORDS = 5_000;
const MAX_ATTEMPTS = 6;
/** Backlogs up to this many records are counted by reading them (see `count`). */
export const COUNT_BY_READING = 10_000;
const MAX_RETRY_AFTER_MS = 60_000;

/** Options that the config does not carry (tests tune them). */
export interface KestraSourceOptions {
  readonly backoff?: BackoffPolicy;
  /** Records held at once; see {@link DEFAULT_MAX_WINDOW_RECORDS}. */
  readonly maxWindowRecords?: number;
  /** Attempts per request for 429, 5xx and network failures. Default 6. */
  readonly maxAttempts?: number;
}

/** The filters of one window's query. */
interface WindowQuery {
  readonly fromMs: number;
  readonly toMs: number;
  readonly namespace?: string;
  readonly level?: string;
}

/** Credentials as resolved: a ready `Authorization` header value, or none. */
type Authorization = string | undefined;

/** One page of `GET /logs/search`: `PagedResults` (≤ 1.3) or `CursorOrOffsetPagedResults` (2.0). */
interface SearchPage {
  results: unknown[];
  total?: number;
  type?: string;
  nextCursor?: string | null;
}

/**
 * Kestra's REST log search API (`GET /api/v1/{tenant}/logs/search`, or the legacy `/api/v1/logs/search` without a
 * tenant). A read is split into bounded time windows (see `readWindows`); each window is read page by page with
 * the filters of the shipper and the window's bounds, then deduplicated and sorted by (timestamp, key) before it
 * is emitted, so the order the server returns (it may ignore `sort`), pages that shift while they are read, and
 * equal timestamps across page boundaries neither lose nor repeat a record.
 *
 * The key of a record is the entry's `id` when the server returns one, else a stable hash of the entry's content
 * (see {@link contentKey}).
 *
 * Query: `filters[namespace][PREFIX]`, `filters[level][EQUALS]` (a minimum level), `filters[startDate]
 * [GREATER_THAN_OR_EQUAL_TO]` and `filters[endDate][LESS_THAN_OR_EQUAL_TO]` (on the log timestamp), plus the
 * equivalent legacy parameters (`namespace`, `minLevel`, `startDate`, `endDate`) for servers before the filters;
 * `sort=timestamp:asc`; `page` and `size`, or `cursor` when the server answers with `type: CURSOR`. The date
 * bounds are widened by one millisecond on each side (legacy parameters have millisecond precision and exclusive
 * semantics on some versions); records outside the window are dropped here.
 */
export class KestraApiSource implements Source {
  private readonly http: HttpTransport;
  private readonly searchUrl: string;
  private readonly pageSize: number;
  private readonly backoff: BackoffPolicy;
  private readonly maxWindowRecords: number;
  private readonly maxAttempts: number;
  /** The page size the server was seen to cap `size` at (kept for the rest of the run). */
  private cap: number | undefined;

  constructor(
    baseUrl: string,
    private readonly tenant: string | undefined,
    private readonly authorization: Authorization,
    pageSize: number | undefined,
    options: KestraSourceOptions = {},
  ) {
    const base = baseUrl.replace(/\/+$/, "");
    this.searchUrl = tenant
      ? `${base}/api/v1/${encodeURIComponent(tenant)}/logs/search`
      : `${base}/api/v1/logs/search`;
    this.pageSize = Math.max(1, Math.min(pageSize ?? DEFAULT_PAGE_SIZE, 10_000));
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.maxWindowRecords = Math.max(this.pageSize, options.maxWindowRecords ?? DEFAULT_MAX_WINDOW_RECORDS);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? MAX_ATTEMPTS);
    this.http = new HttpTransport({ exporterId: "source", destination: "Kestra API", maxSockets: 2 });
  }

  describe(): string {
    return `kestra ${this.searchUrl}`;
  }

  async check(shipper: string): Promise<Drift[]> {
    const now = Date.now();
    try {
      await this.request(this.params({ fromMs: now - 60_000, toMs: now }, 1, 1));
      return [];
    } catch (err) {
      const kind = err instanceof SourceError && err.kind === "not-found" ? "source-missing" : "source-error";
      return [{ kind, shipper, message: `${shipper}: ${redact(describeError(err))}` }];
    }
  }

  /**
   * Counts each range for `plan`. A backlog of at most {@link COUNT_BY_READING} records (by the server's total,
   * or any size when it gives none) is counted by reading it, with the same paging and proof as `read`: exact,
   * and a server that cannot be read completely shows as `source-incomplete` drift. A larger one gets the
   * server's total (approximate: it includes the records that share the cursor's millisecond).
   */
  async count(ranges: readonly ReadRange[]): Promise<Array<number | null>> {
    const totals: Array<number | null> = [];
    for (const range of ranges) {
      const fromMs = toEpochMs(range.after.ts);
      const toMs = toEpochMs(range.to);
      if (fromMs > toMs) {
        totals.push(0);
        continue;
      }
      const levelName = levelNameOf(range.filter.minLevelRank);
      const query = { fromMs, toMs, namespace: range.filter.namespace, level: levelName };
      const page = await this.request(this.params(query, 1, 1, /* widen */ false));
      totals.push(typeof page.total === "number" ? page.total : null);
    }
    if (totals.some((t) => t !== null && t > COUNT_BY_READING)) return totals;
    const counted = await countByReading(this, ranges, COUNT_BY_READING);
    return counted.map((n, i) => n ?? totals[i] ?? null);
  }

  read(range: ReadRange, options: ReadOptions): AsyncIterable<SourceBatch> {
    const namespace = range.filter.namespace;
    const level = levelNameOf(range.filter.minLevelRank);
    const scanner: WindowScanner = {
      scan: (fromMs, toMs, sink, pass, signal) =>
        this.scanPass({ fromMs, toMs, namespace, level }, sink, pass, signal),
    };
    return readWindows(scanner, range, {
      batchSize: options.batchSize,
      maxRecords: this.maxWindowRecords,
      source: this.describe(),
      onInvalid: options.onInvalid,
      signal: options.signal,
    });
  }

  async close(): Promise<void> {
    this.http.close();
  }

  /**
   * One pass over the pages of a window (`readWindows` proves it complete from the totals given, or from the end
   * of a cursor stream). The page size is the server's: a page shorter than asked, before the total is reached,
   * on page 1 is a cap (servers and proxies cap `size`): from page 2 on, pages are asked at that size, so that
   * "page N" means the same entries whether the server counts pages of the asked or of the capped size (page 2 of
   * 500 capped at 50 is entries 501–550 on some servers, 51–100 on others: asking for 500 again would skip a
   * range on the second kind). The cap is kept for the later windows. A short page is the end only when the total is reached, or the page is
   * empty. The last pass asks for the whole window in one page (up to `maxWindowRecords`), which one query
   * returns consistently where page queries order equal timestamps differently each time.
   */
  private async scanPass(
    query: WindowQuery,
    sink: ScanSink,
    pass: number,
    signal: AbortSignal | undefined,
  ): Promise<PassEnd> {
    let size = pass === WINDOW_PASSES - 1 ? this.maxWindowRecords : this.pageSize;
    size = Math.min(size, this.cap ?? size);
    let cursor: string | undefined;
    let shortened = false;
    let pages = 0;
    for (let page = 1; ; page++) {
      if (signal?.aborted) return { exhausted: false };
      if (++pages > this.pageLimit(size)) {
        return { exhausted: false, said: `still more after ${pages - 1} pages of ${size}` };
      }
      const res = await this.request(this.params(query, page, size), cursor);
      const total = typeof res.total === "number" ? res.total : undefined;
      if (total !== undefined) sink.total(total);
      for (const item of res.results) if (!this.offer(item, sink)) return { exhausted: false };
      const n = res.results.length;
      if (res.type === "CURSOR" || (res.nextCursor !== undefined && res.nextCursor !== null)) {
        // a cursor stream goes on while there is a next cursor, through empty and short pages
        if (!res.nextCursor) return { exhausted: true };
        cursor = res.nextCursor;
        continue;
      }
      const offset = (page - 1) * size;
      if (n === 0) {
        return total === undefined
          ? { exhausted: true }
          : { exhausted: false, said: `an empty page at offset ${offset}` };
      }
      if (total !== undefined && offset + n >= total) return { exhausted: false };
      if (n < size && page === 1) {
        // a cap: offset 0 is the same at any size, so page 2 at the capped size goes on where this one ended
        if (total !== undefined) this.cap = n;
        size = n;
        shortened = total === undefined;
      } else if (n === size && shortened && page === 2) {
        this.cap = size; // without a total, a full second page at the shortened size confirms the cap
      }
      // a short page after full ones is not a cap (the data moved): the next page, or an empty one, tells
    }
  }

  /** Most pages one pass may take before the server is taken to ignore paging. */
  private pageLimit(size: number): number {
    return Math.ceil((4 * this.maxWindowRecords) / size) + 4;
  }

  /** Hands one entry of a page to the sink; false when the sink stops the pass. */
  private offer(item: unknown, sink: ScanSink): boolean {
    const c = checkEntry(item);
    if (!c.ok) {
      sink.invalid({ location: this.describe(), reason: c.reason }, contentIdentity(item));
      return true;
    }
    const entry: LogEntry = c.entry;
    const key = typeof entry.id === "string" && entry.id !== "" ? entry.id : contentKey(entry, c.ts);
    return sink.record({ ts: c.ts, pos: c.ts, key, level: c.level, entry });
  }

  private params(query: WindowQuery, page: number, size: number, widen = true): URLSearchParams {
    const { fromMs, toMs, namespace, level } = query;
    // widened by 1 ms on each side: the legacy parameters are `>`/`<` on some versions and `>=`/`<=` on others
    const start = new Date(widen ? fromMs - 1 : fromMs).toISOString();
    const end = new Date(widen ? toMs + 1 : toMs).toISOString();
    const p = new URLSearchParams();
    if (namespace !== undefined) {
      p.set("filters[namespace][PREFIX]", namespace);
      p.set("namespace", namespace);
    }
    if (level !== undefined) {
      p.set("filters[level][EQUALS]", level);
      p.set("minLevel", level);
    }
    p.set("filters[startDate][GREATER_THAN_OR_EQUAL_TO]", start);
    p.set("filters[endDate][LESS_THAN_OR_EQUAL_TO]", end);
    p.set("startDate", start);
    p.set("endDate", end);
    p.set("sort", "timestamp:asc");
    p.set("page", String(page));
    p.set("size", String(size));
    return p;
  }

  /** One GET with retries (429, 5xx, network), returning the parsed page. */
  private async request(params: URLSearchParams, cursor?: string): Promise<SearchPage> {
    if (cursor !== undefined) {
      params.delete("page");
      params.set("cursor", cursor);
    }
    const url = `${this.searchUrl}?${params.toString()}`;
    const headers: Record<string, string> = { accept: "application/json" };
    if (this.authorization !== undefined) headers.authorization = this.authorization;
    let last: unknown;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      let res: HttpResponse | undefined;
      let wait: number | undefined;
      try {
        res = await this.http.request("GET", url, { headers });
      } catch (err) {
        if (err instanceof DeliveryError && !err.retryable) {
          throw new SourceError("other", `${this.describe()}: ${err.vendorMessage ?? err.message}`, {
            cause: err,
          });
        }
        last = new SourceError(
          "unavailable",
          `${this.describe()}: ${err instanceof DeliveryError ? (err.vendorMessage ?? err.message) : describeError(err)}`,
          { retryable: true, cause: err },
        );
      }
      if (res !== undefined) {
        if (res.status >= 200 && res.status < 300) return this.parse(res);
        const error = this.statusError(res);
        if (!error.retryable) throw error;
        last = error;
        wait = retryAfterMs(res.headers);
      }
      if (attempt === this.maxAttempts) break;
      const delay = Math.max(backoffDelay(this.backoff, attempt), Math.min(wait ?? 0, MAX_RETRY_AFTER_MS));
      await sleep(delay);
    }
    const reason = last instanceof Error ? last.message : String(last);
    throw new SourceError("unavailable", `${reason} (gave up after ${this.maxAttempts} attempts)`, {
      retryable: true,
      cause: last,
    });
  }

  private parse(res: HttpResponse): SearchPage {
    let body: unknown;
    try {
      body = JSON.parse(res.body);
    } catch {
      throw new SourceError(
        "invalid-response",
        `${this.describe()}: the response is not JSON (HTTP ${res.status}, starts with ${JSON.stringify(res.body.slice(0, 60))}); is the url a Kestra server?`,
        { status: res.status },
      );
    }
    const page = body as Partial<SearchPage> | null;
    if (page === null || typeof page !== "object" || !Array.isArray(page.results)) {
      throw new SourceError(
        "invalid-response",
        `${this.describe()}: the response has no \`results\` list; is the url a Kestra server?`,
        { status: res.status },
      );
    }
    return page as SearchPage;
  }

  private statusError(res: HttpResponse): SourceError {
    const vendor = vendorMessage(res.body);
    const detail = vendor ? `: ${vendor}` : "";
    const s = res.status;
    if (s === 401 || s === 403) {
      return new SourceError(
        "auth",
        `${this.describe()}: HTTP ${s}, the Kestra API refused the credentials${detail}. Set the source's auth (basic or bearer), or KESTRA_API_TOKEN, or KESTRA_USERNAME and KESTRA_PASSWORD${s === 403 ? "; the user or service account needs permission to read logs" : ""}`,
        { status: s },
      );
    }
    if (s === 404) {
      return new SourceError(
        "not-found",
        this.tenant
          ? `${this.describe()}: HTTP 404, tenant ${JSON.stringify(this.tenant)} not found, or the server predates tenants in the path (Kestra OSS before 0.23): check the tenant id, or try without \`tenant\` (legacy path /api/v1/logs/search)`
          : `${this.describe()}: HTTP 404, no log search API here; Kestra 0.23+ needs a tenant in the path (OSS: tenant: main)`,
        { status: s },
      );
    }
    if (s >= 300 && s < 400) {
      return new SourceError(
        "other",
        `${this.describe()}: HTTP ${s} redirect to ${String(res.headers.location ?? "?")} not followed (credentials are never sent to another URL); fix the url`,
        { status: s },
      );
    }
    const retryable = s === 408 || s === 429 || (s >= 500 && s !== 501);
    return new SourceError(retryable ? "unavailable" : "other", `${this.describe()}: HTTP ${s}${detail}`, {
      status: s,
      retryable,
    });
  }
}

/** The fields of Kestra's LogEntry that identify a log (the timestamp is taken normalized). */
const IDENTITY_FIELDS = LOG_ENTRY_FIELDS.filter((f) => f !== "timestamp");

/**
 * The key of an entry without an `id`: `h:` and 16 hex digits of the SHA-256 of its normalized timestamp and its
 * LogEntry fields (other fields are left out, so a server that adds one does not change the keys). Two entries
 * equal in all of these are the same log to log-shipper and are shipped once.
 */
export function contentKey(entry: LogEntry, ts: string): string {
  let text = ts;
  for (const f of IDENTITY_FIELDS) {
    const v = entry[f];
    text += `\u0000${v === undefined || v === null ? "\u0001" : String(v)}`;
  }
  return `h:${hash("sha256", text, "hex").slice(0, 16)}`;
}

/** Tells repeats of an invalid entry apart (a hash of its JSON). */
function contentIdentity(item: unknown): string {
  return hash("sha256", JSON.stringify(item) ?? String(item), "hex").slice(0, 16);
}

function levelNameOf(rank: number): string {
  return LEVELS.find((l) => levelRank(l) >= rank) ?? "TRACE";
}

/**
 * Creates the Kestra API source: `url` or KESTRA_URL; `auth`, else KESTRA_API_TOKEN (bearer), else
 * KESTRA_USERNAME and KESTRA_PASSWORD (basic), else none. `{{ secret('X') }}` in the config is resolved with the
 * context's resolver; every credential is registered for redaction.
 */
export async function createKestraSource(
  config: KestraSourceConfig,
  context: SourceContext,
  options: KestraSourceOptions = {},
): Promise<KestraApiSource> {
  const resolved = await renderSecretsIfAny(config, context.secrets, "the kestra source's config");
  const url = resolved.url ?? context.env.KESTRA_URL;
  if (url === undefined || url === "") {
    throw new LogShipperError(
      "CONFIG_INVALID",
      "the kestra source needs a url: set source.url, or the KESTRA_URL environment variable",
    );
  }
  if (!/^https?:\/\//.test(url)) {
    throw new LogShipperError(
      "CONFIG_INVALID",
      `the kestra source's url ${JSON.stringify(url)} is not an http(s) URL`,
    );
  }
  let authorization: Authorization;
  const auth = resolved.auth;
  if (auth?.type === "bearer") {
    authorization = `Bearer ${auth.token}`;
    registerSecretValue(auth.token);
  } else if (auth?.type === "basic") {
    authorization = basic(auth.username, auth.password);
  } else if (context.env.KESTRA_API_TOKEN) {
    authorization = `Bearer ${context.env.KESTRA_API_TOKEN}`;
    registerSecretValue(context.env.KESTRA_API_TOKEN);
  } else if (context.env.KESTRA_USERNAME && context.env.KESTRA_PASSWORD) {
    authorization = basic(context.env.KESTRA_USERNAME, context.env.KESTRA_PASSWORD);
  }
  return new KestraApiSource(url, resolved.tenant, authorization, resolved.pageSize, options);
}

function basic(username: string, password: string): string {
  registerSecretValue(password);
  const token = Buffer.from(`${username}:${password}`).toString("base64");
  registerSecretValue(token);
  return `Basic ${token}`;
}
