import { randomUUID } from "node:crypto";
import type { SplunkExporter as SplunkExporterConfig } from "../../generated/config";
import { durationMs } from "../core/duration";
import type { LogRecord } from "../core/log-record";
import { toEpochSecondsText } from "../core/timestamp";
import { redact } from "../secrets/redaction";
import {
  DEFAULT_HTTP_CONCURRENCY,
  GZIP_JSON_HEADERS,
  gzipBody,
  headerCredential,
  httpBaseUrl,
  transportOptions,
} from "../shipping/http-options";
import { HttpTransport, retryAfterMs, vendorMessage, type HttpResponse } from "../shipping/http-transport";
import { DeliveryError } from "./errors";
import type { Encoded, Exporter, ExporterLimits, SendResult } from "./exporter";
import { RETRYABLE_STATUSES } from "./http-support";
import type { ExporterContext } from "./registry";

/** The event endpoint Kestra's Splunk exporter posts to under `host`. */
export const SPLUNK_EVENT_PATH = "/services/collector/event";
/** Where indexer acknowledgements are queried. */
export const SPLUNK_ACK_PATH = "/services/collector/ack";

/** Limits of HEC requests. */
export const SPLUNK_LIMITS = {
  /**
   * Request body, uncompressed. HEC's `max_content_length` is configurable per deployment; 1,000,000 bytes is the
   * smallest default we know of (Splunk Cloud, older Splunk Enterprise) and what peers batch to.
   */
  maxRequestBytes: 1_000_000,
} as const;

/** The type of a batch: one JSON object per line. */
const NDJSON = "application/x-ndjson";

/** Default longest wait for the indexer acknowledgement of one request. */
export const DEFAULT_ACK_TIMEOUT = "PT1M";

/**
 * HEC status codes (the JSON `code` of an answer) and what each means for the request, from Splunk's
 * "Troubleshoot HTTP Event Collector" table. Codes not listed fall back to the HTTP status.
 * - `fatal`: the token, the index or the configuration is refused; sending again cannot help.
 * - `retry`: the server is busy or unhealthy (503), or failed internally (500).
 * - `item`: one event of the batch is invalid (`invalid-event-number`): it is dead-lettered, the others resent.
 */
const HEC_CODES: Readonly<Record<number, { text: string; rule: "fatal" | "retry" | "item" }>> = {
  1: { text: "token disabled", rule: "fatal" },
  2: { text: "token is required", rule: "fatal" },
  3: { text: "invalid authorization", rule: "fatal" },
  4: { text: "invalid token", rule: "fatal" },
  5: { text: "no data", rule: "fatal" },
  6: { text: "invalid data format", rule: "item" },
  7: { text: "incorrect index (the token may not write to it)", rule: "fatal" },
  8: { text: "internal server error", rule: "retry" },
  9: { text: "server is busy", rule: "retry" },
  10: { text: "data channel is missing", rule: "fatal" },
  11: { text: "invalid data channel", rule: "fatal" },
  12: { text: "event field is required", rule: "item" },
  13: { text: "event field cannot be blank", rule: "item" },
  14: {
    text: "ACK is disabled for this token: turn it on, or set indexerAcknowledgment: false",
    rule: "fatal",
  },
  15: { text: "error in handling indexed fields", rule: "item" },
  16: { text: "query string authorization is not enabled", rule: "fatal" },
  18: { text: "HEC is unhealthy, queues are full", rule: "retry" },
  19: { text: "HEC is unhealthy, ack service unavailable", rule: "retry" },
  20: { text: "HEC is unhealthy, queues are full, ack service unavailable", rule: "retry" },
};

/** An HEC answer body. */
interface HecAnswer {
  readonly text?: string;
  readonly code?: number;
  readonly "invalid-event-number"?: number;
  readonly ackId?: number;
  readonly acks?: Record<string, boolean>;
}

/**
 * Splunk HTTP Event Collector: `POST {host}/services/collector/event` with `Authorization: Splunk <token>` and a
 * gzipped batch of event objects, one per line. Each Kestra entry becomes
 * `{"time": <epoch seconds with microseconds>, "source": "kestra", ["sourcetype", "index", "host"], "event": {…the
 * entry…}}`; the entry keeps its full-precision `timestamp`.
 *
 * With `indexerAcknowledgment`, every request carries this exporter's channel (`X-Splunk-Request-Channel`, a random
 * GUID per run), the answer's `ackId` is polled at `/services/collector/ack` until Splunk says the events are
 * indexed, and only then does the batch count as delivered (and the offset move); after `ackTimeout` the request
 * is sent again (a duplicate if it was indexed late). Without it, HEC's 200 only says the events were received.
 */
export class SplunkExporter implements Exporter<string> {
  readonly type = "splunk" as const;
  readonly destination = "Splunk HEC";
  readonly limits: ExporterLimits;
  readonly defaultConcurrency = DEFAULT_HTTP_CONCURRENCY;
  /** The event URL, `{host}/services/collector/event`. */
  readonly url: string;
  /** The acknowledgement channel, when acknowledgement is on. */
  readonly channel: string | undefined;
  private readonly ackUrl: string;
  private readonly ackTimeoutMs: number;
  private readonly http: HttpTransport;
  private readonly headers: Record<string, string>;
  /** `{"time":` … the fixed metadata … `"event":` is written around each entry. */
  private readonly meta: string;

  constructor(
    readonly id: string,
    config: SplunkExporterConfig,
    chunk: number,
    concurrency: number,
    /** First wait between two acknowledgement queries (doubling up to 2 s). */
    private readonly ackPollMs = 250,
  ) {
    const base = httpBaseUrl(config.host, id, "host");
    const root = base.replace(/\/services\/collector(\/event)?$/, "");
    this.url = `${root}${SPLUNK_EVENT_PATH}`;
    this.ackUrl = `${root}${SPLUNK_ACK_PATH}`;
    this.headers = {
      ...GZIP_JSON_HEADERS,
      // the body is one event object per line; HEC reads it whatever the type (Splunk's curl examples send none)
      "Content-Type": NDJSON,
      Authorization: `Splunk ${headerCredential(config.token, id, "token")}`,
    };
    this.channel = config.indexerAcknowledgment === true ? randomUUID() : undefined;
    if (this.channel !== undefined) this.headers["X-Splunk-Request-Channel"] = this.channel;
    this.ackTimeoutMs = durationMs(config.ackTimeout ?? DEFAULT_ACK_TIMEOUT);
    const meta: Record<string, string> = { source: config.source ?? "kestra" };
    if (config.sourcetype !== undefined) meta.sourcetype = config.sourcetype;
    if (config.index !== undefined) meta.index = config.index;
    if (config.hostname !== undefined) meta.host = config.hostname;
    this.meta = JSON.stringify(meta).slice(1, -1);
    this.limits = {
      maxEntries: chunk,
      maxBytes: SPLUNK_LIMITS.maxRequestBytes,
      entryOverheadBytes: 1, // \n
    };
    this.http = new HttpTransport(
      transportOptions(config.options, { exporterId: id, destination: this.destination, concurrency }),
    );
  }

  encode(record: LogRecord): Encoded<string> {
    const event =
      record.raw !== undefined && record.raw.charCodeAt(0) === 123
        ? record.raw
        : JSON.stringify(record.entry);
    const payload = `{"time":${toEpochSecondsText(record.ts, 6)},${this.meta},"event":${event}}`;
    return { record, payload, bytes: Buffer.byteLength(payload, "utf8") };
  }

  async send(entries: ReadonlyArray<Encoded<string>>): Promise<SendResult> {
    const body = await gzipBody(entries.map((e) => e.payload).join("\n"));
    const res = await this.http.request("POST", this.url, { headers: this.headers, body });
    const answer = parseAnswer(res.body);
    if (res.status >= 200 && res.status < 300 && (answer.code ?? 0) === 0) {
      if (this.channel === undefined) return {};
      if (typeof answer.ackId !== "number") {
        throw this.error(res, "the answer has no ackId although indexer acknowledgement is on", false);
      }
      await this.awaitAck(answer.ackId, entries.length);
      return {};
    }
    const known = answer.code !== undefined ? HEC_CODES[answer.code] : undefined;
    const bad = answer["invalid-event-number"];
    if (known?.rule === "item" && typeof bad === "number" && bad >= 0 && bad < entries.length) {
      const reason = `Splunk HEC refused this event: code ${answer.code} ${known.text}${answer.text ? ` (${redact(answer.text)})` : ""}`;
      const retry = entries.flatMap((_, index) =>
        index === bad ? [] : [{ index, reason: "sent again without an invalid event" }],
      );
      return { rejected: [{ index: bad, reason }], retry };
    }
    if (known !== undefined)
      throw this.error(res, `code ${answer.code} ${known.text}`, known.rule === "retry");
    throw this.error(res, vendorMessage(res.body), RETRYABLE_STATUSES.has(res.status));
  }

  async close(): Promise<void> {
    this.http.close();
  }

  /** Polls the acknowledgement of `ackId` until it is true; throws a retryable error after `ackTimeout`. */
  private async awaitAck(ackId: number, count: number): Promise<void> {
    const deadline = Date.now() + this.ackTimeoutMs;
    const query = JSON.stringify({ acks: [ackId] });
    let wait = this.ackPollMs;
    for (;;) {
      if (await this.acked(ackId, query)) return;
      if (Date.now() + wait > deadline) {
        throw new DeliveryError({
          exporterId: this.id,
          destination: this.destination,
          vendorMessage: `ackId ${ackId} (${count} events) not acknowledged as indexed within ${Math.round(this.ackTimeoutMs / 1000)}s; the request is sent again (a duplicate if Splunk indexes it late)`,
          retryable: true,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, 2000);
    }
  }

  /**
   * One acknowledgement query: true when Splunk says `ackId` is indexed, false when not yet (or when the query
   * failed in a way worth asking again: a busy server, a lost connection); throws when asking again cannot help.
   */
  private async acked(ackId: number, query: string): Promise<boolean> {
    let res: HttpResponse;
    try {
      res = await this.http.request("POST", this.ackUrl, {
        headers: { ...this.headers, "Content-Type": "application/json", "Content-Encoding": "identity" },
        body: query,
      });
    } catch (err) {
      if (err instanceof DeliveryError && err.retryable) return false;
      throw err;
    }
    const answer = parseAnswer(res.body);
    if (res.status >= 200 && res.status < 300 && answer.acks !== undefined) {
      return answer.acks[String(ackId)] === true;
    }
    const known = answer.code !== undefined ? HEC_CODES[answer.code] : undefined;
    const retryable = known !== undefined ? known.rule === "retry" : RETRYABLE_STATUSES.has(res.status);
    if (retryable) return false;
    throw this.error(
      res,
      `acknowledgement query failed: ${known?.text ?? vendorMessage(res.body) ?? ""}`,
      false,
    );
  }

  private error(res: HttpResponse, message: string | undefined, retryable: boolean): DeliveryError {
    return new DeliveryError({
      exporterId: this.id,
      destination: this.destination,
      status: res.status,
      vendorMessage: message !== undefined ? redact(message) : undefined,
      retryable,
      retryAfterMs: retryAfterMs(res.headers),
      tooLarge: res.status === 413,
    });
  }
}

/** An HEC JSON answer; `{}` when the body is not JSON (a proxy's error page). */
function parseAnswer(body: string): HecAnswer {
  try {
    const parsed = JSON.parse(body) as unknown;
    return parsed !== null && typeof parsed === "object" ? (parsed as HecAnswer) : {};
  } catch {
    return {};
  }
}

/** Creates the Splunk HEC exporter. */
export async function createSplunkExporter(
  context: ExporterContext<SplunkExporterConfig>,
): Promise<Exporter> {
  const r = context.resolved;
  const config = context.config;
  if (/\/services\/collector(\/event)?\/*$/.test(config.host.trim())) {
    context.warn(
      `exporter ${r.id}: host already ends with /services/collector; Kestra appends it, log-shipper does not append it twice`,
    );
  }
  return new SplunkExporter(r.id, config, r.chunk, r.concurrency ?? DEFAULT_HTTP_CONCURRENCY);
}
