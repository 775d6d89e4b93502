import nock from "nock";
import { DeliveryError } from "../../src/exporters/errors";
import { SplunkExporter } from "../../src/exporters/splunk";
import { kestraEntry, kestraFlowWith, kestraRecords, shipThrough, toRecord } from "../support/http-exporters";
import {
  applyIn,
  capture,
  secretEnv,
  sendAlone,
  useNockContract,
  type Captured,
  type NockReply,
} from "../support/exporter-harness";

const HOST = "https://splunk.test:8088";
const TOKEN = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";

interface HecEvent {
  time: number;
  source: string;
  sourcetype?: string;
  index?: string;
  host?: string;
  event: Record<string, unknown>;
}

/** A HEC batch: event objects one after the other (we write one per line). */
const parseBatch = (text: string): HecEvent[] =>
  text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as HecEvent);

function exporter(overrides: Record<string, unknown> = {}, chunk = 1000): SplunkExporter {
  return new SplunkExporter(
    "splunk",
    { id: "splunk", type: "splunk", host: HOST, token: TOKEN, ...overrides } as never,
    chunk,
    4,
    10, // first acknowledgement poll after 10 ms
  );
}

/** Answers every event POST with `answer` (given its events) and records what it saw. */
function hec(answer: (events: HecEvent[], n: number, req: Captured<HecEvent[]>) => NockReply) {
  return capture<HecEvent[]>(
    nock(HOST).persist().post("/services/collector/event"),
    (req, n) => answer(req.body, n, req),
    parseBatch,
  );
}

const ok: NockReply = [200, '{"text":"Success","code":0}'];
const messages = (seen: Array<Captured<HecEvent[]>>): string[] =>
  seen.flatMap((s) => s.body.map((e) => e.event.message as string));

const tmp = useNockContract();

describe("Splunk HEC exporter: request shape and mapping", () => {
  it("POSTs gzipped events to {host}/services/collector/event with Authorization: Splunk <token>", async () => {
    const seen = hec(() => ok);
    const { outcome } = await shipThrough(exporter(), kestraRecords(3));
    expect(outcome).toMatchObject({ status: "ok", shipped: 3 });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers.authorization).toBe(`Splunk ${TOKEN}`);
    expect(seen[0]!.headers["content-encoding"]).toBe("gzip");
    expect(seen[0]!.headers["x-splunk-request-channel"]).toBeUndefined();
    expect(messages(seen)).toEqual(["message 0", "message 1", "message 2"]);
    expect(seen[0]!.body[0]!.source).toBe("kestra");
    expect(seen[0]!.body[0]).not.toHaveProperty("index");
  });

  it("writes time as epoch seconds with microseconds, and keeps the entry (full timestamp) as the event", async () => {
    const seen = hec(() => ok);
    const stamp = "2026-03-04T05:06:07.123456789Z";
    const entry = kestraEntry(0, { timestamp: stamp, message: "ligne 1\nligne 2 ✓", extra: { a: 1 } });
    await shipThrough(exporter(), [toRecord(entry, 0)]);
    const text = (seen[0]!.body as unknown as HecEvent[])[0]!;
    expect(text.time).toBe(1772600767.123456);
    expect(text.event).toEqual(entry);
  });

  it("sets sourcetype, index, host and source from the config", async () => {
    const seen = hec(() => ok);
    const e = exporter({ sourcetype: "kestra:log", index: "kestra", hostname: "kestra-prod", source: "ls" });
    await shipThrough(e, kestraRecords(1));
    expect(seen[0]!.body[0]).toMatchObject({
      sourcetype: "kestra:log",
      index: "kestra",
      host: "kestra-prod",
      source: "ls",
    });
  });

  it("does not append /services/collector/event twice", async () => {
    const seen = hec(() => ok);
    await shipThrough(exporter({ host: `${HOST}/services/collector` }), kestraRecords(1));
    expect(seen[0]!.path).toBe("/services/collector/event");
  });

  it("sends chunk events per request", async () => {
    const seen = hec(() => ok);
    await shipThrough(exporter({}, 40), kestraRecords(100));
    expect(seen.map((s) => s.body.length)).toEqual([40, 40, 20]);
  });

  it("keeps a request under 1,000,000 bytes before compression", async () => {
    const seen = hec(() => ok);
    const { outcome } = await shipThrough(
      exporter(),
      kestraRecords(30, (i) => ({ message: `${i} ${"x".repeat(100_000)}` })),
    );
    expect(outcome.shipped).toBe(30);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    for (const s of seen) expect(s.bytes).toBeLessThanOrEqual(1_000_000);
  });
});

describe("Splunk HEC exporter: HEC error codes", () => {
  it.each([
    [503, 9, "Server is busy"],
    [500, 8, "Internal server error"],
    [503, 18, "HEC is unhealthy, queues are full"],
  ])("retries HTTP %i code %i (%s)", async (status, code, text) => {
    const seen = hec((_e, n) => (n === 1 ? [status, JSON.stringify({ text, code })] : ok));
    const { outcome } = await shipThrough(exporter(), kestraRecords(3));
    expect(outcome).toMatchObject({ status: "ok", shipped: 3, retries: 1 });
    expect(seen).toHaveLength(2);
  });

  it("waits for Retry-After on 429", async () => {
    const times: number[] = [];
    hec((_e, n) => {
      times.push(Date.now());
      return n === 1 ? [429, "", { "Retry-After": "1" }] : ok;
    });
    const { outcome } = await shipThrough(exporter(), kestraRecords(2));
    expect(outcome).toMatchObject({ status: "ok", retries: 1 });
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
  });

  it.each([
    [403, 1, "Token disabled"],
    [401, 2, "Token is required"],
    [401, 3, "Invalid authorization"],
    [403, 4, "Invalid token"],
    [400, 7, "Incorrect index"],
  ])(
    "fails on HTTP %i code %i (%s) without retrying, dead-lettering or moving the offset",
    async (status, code, text) => {
      const seen = hec(() => [status, JSON.stringify({ text: `${text} ${TOKEN}`, code })]);
      const { outcome, stored, deadLetters } = await shipThrough(exporter(), kestraRecords(2));
      expect(outcome.status).toBe("failed");
      expect(seen).toHaveLength(1);
      expect(stored).toBeUndefined();
      expect(deadLetters).toEqual([]);
      const message = (outcome.error as Error).message;
      expect(message).toContain(`HTTP ${status}`);
      expect(message).toContain(`code ${code}`);
      expect(message).toContain("exporter splunk (Splunk HEC)");
      expect(message).not.toContain(TOKEN);
    },
  );

  it("dead-letters the event HEC names in invalid-event-number (code 6) and delivers the others", async () => {
    const seen = hec((events) => {
      const bad = events.findIndex((e) => e.event.message === "message 2");
      return bad >= 0
        ? [400, JSON.stringify({ text: "Invalid data format", code: 6, "invalid-event-number": bad })]
        : ok;
    });
    const records = kestraRecords(5);
    const { outcome, stored, deadLetters } = await shipThrough(exporter(), records);
    expect(outcome).toMatchObject({ status: "ok", shipped: 4, rejected: 1 });
    expect(deadLetters.map((d) => d.entry.message)).toEqual(["message 2"]);
    expect(deadLetters[0]!.reason).toMatch(/code 6 invalid data format/);
    expect(seen.at(-1)!.body.map((e) => e.event.message)).toEqual([
      "message 0",
      "message 1",
      "message 3",
      "message 4",
    ]);
    expect(stored?.cursor.key).toBe(records[4]!.key);
  });

  it("splits on 413 and delivers every event once", async () => {
    const seen = hec((events) => (events.length > 2 ? [413, "Content too large"] : ok));
    const { outcome } = await shipThrough(exporter(), kestraRecords(6));
    expect(outcome).toMatchObject({ status: "ok", shipped: 6, rejected: 0 });
    expect(messages(seen.filter((s) => s.body.length <= 2))).toEqual(
      Array.from({ length: 6 }, (_, i) => `message ${i}`),
    );
  });

  it("a non-JSON error page falls back to the HTTP status", async () => {
    hec(() => [502, "<html>Bad Gateway</html>"]);
    const err = await sendAlone(exporter(), toRecord(kestraEntry(0), 0));
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ status: 502, retryable: true });
  });
});

describe("Splunk HEC exporter: indexer acknowledgement", () => {
  /** Answers ack queries with `answer(ackIds, n)` and records the channels and ids asked for. */
  function ackEndpoint(answer: (ids: number[], n: number) => NockReply) {
    return capture<{ acks: number[] }>(nock(HOST).persist().post("/services/collector/ack"), (req, n) =>
      answer(req.body.acks, n),
    );
  }

  it("sends the channel, polls the ackId until it is indexed, and only then commits the offset", async () => {
    let ackId = 0;
    const posts = hec(() => [200, JSON.stringify({ text: "Success", code: 0, ackId: ackId++ })]);
    const polls = ackEndpoint((ids, n) => [
      200,
      JSON.stringify({ acks: Object.fromEntries(ids.map((id) => [String(id), n >= 3])) }),
    ]);
    const e = exporter({ indexerAcknowledgment: true });
    const records = kestraRecords(3);
    const { outcome, stored } = await shipThrough(e, records);
    expect(outcome).toMatchObject({ status: "ok", shipped: 3, retries: 0 });
    expect(posts).toHaveLength(1);
    const channel = posts[0]!.headers["x-splunk-request-channel"];
    expect(channel).toBe(e.channel);
    expect(channel).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(polls).toHaveLength(3);
    expect(polls.every((p) => p.headers["x-splunk-request-channel"] === channel)).toBe(true);
    expect(polls[0]!.body).toEqual({ acks: [0] });
    expect(polls[0]!.headers.authorization).toBe(`Splunk ${TOKEN}`);
    expect(stored?.cursor.key).toBe(records[2]!.key);
  });

  it("resends a batch not acknowledged within ackTimeout, and never commits an unacknowledged one", async () => {
    let ackId = 0;
    const posts = hec(() => [200, JSON.stringify({ text: "Success", code: 0, ackId: ackId++ })]);
    ackEndpoint((ids) => [
      200,
      JSON.stringify({ acks: Object.fromEntries(ids.map((id) => [String(id), false])) }),
    ]);
    const { outcome, stored } = await shipThrough(
      exporter({ indexerAcknowledgment: true, ackTimeout: "PT0.2S" }),
      kestraRecords(2),
      { retryBudgetMs: 700 },
    );
    expect(outcome.status).toBe("failed");
    expect((outcome.error as Error).message).toMatch(/not acknowledged as indexed within/);
    expect(posts.length).toBeGreaterThanOrEqual(2); // sent again after each timeout
    expect(stored).toBeUndefined();
  });

  it("a batch acknowledged after a resend is delivered once more (at least once)", async () => {
    let ackId = 0;
    const posts = hec(() => [200, JSON.stringify({ text: "Success", code: 0, ackId: ackId++ })]);
    ackEndpoint((ids) => [
      200,
      JSON.stringify({ acks: Object.fromEntries(ids.map((id) => [String(id), id >= 1])) }),
    ]);
    const { outcome } = await shipThrough(
      exporter({ indexerAcknowledgment: true, ackTimeout: "PT0.1S" }),
      kestraRecords(2),
    );
    expect(outcome).toMatchObject({ status: "ok", shipped: 2, retries: 1 });
    expect(posts).toHaveLength(2);
  });

  it("asks again when an acknowledgement query meets a busy server, without resending the events", async () => {
    const posts = hec(() => [200, '{"text":"Success","code":0,"ackId":5}']);
    const polls = ackEndpoint((ids, n) =>
      n === 1
        ? [503, '{"text":"Server is busy","code":9}']
        : [200, JSON.stringify({ acks: { [ids[0]!]: true } })],
    );
    const { outcome } = await shipThrough(exporter({ indexerAcknowledgment: true }), kestraRecords(2));
    expect(outcome).toMatchObject({ status: "ok", shipped: 2, retries: 0 });
    expect(posts).toHaveLength(1);
    expect(polls).toHaveLength(2);
  });

  it("fails clearly when the token has acknowledgement off (code 14)", async () => {
    hec(() => [400, '{"text":"ACK is disabled","code":14}']);
    const { outcome } = await shipThrough(exporter({ indexerAcknowledgment: true }), kestraRecords(1));
    expect(outcome.status).toBe("failed");
    expect((outcome.error as Error).message).toMatch(
      /code 14 ACK is disabled .*indexerAcknowledgment: false/,
    );
  });

  it("fails when a 200 carries no ackId although acknowledgement is on", async () => {
    hec(() => ok);
    const err = await sendAlone(exporter({ indexerAcknowledgment: true }), toRecord(kestraEntry(0), 0));
    expect(err).toMatchObject({ retryable: false });
    expect((err as Error).message).toMatch(/no ackId/);
  });
});

describe("Splunk HEC exporter through runApply", () => {
  it("ships a Kestra flow's logs with the Kestra type name and properties", async () => {
    const { config, entries } = kestraFlowWith(
      tmp.dir,
      [
        "- id: splunkHec",
        "  type: io.kestra.plugin.ee.splunk.LogExporter",
        `  host: ${HOST}`,
        "  token: \"{{ secret('SPLUNK_HEC_TOKEN') }}\"",
        "  chunk: 10",
      ],
      25,
    );
    const seen = hec(() => ok);
    const { report } = await applyIn(tmp.dir, config, { env: secretEnv({ SPLUNK_HEC_TOKEN: TOKEN }) });
    expect(report.shippers[0]!.exporters[0]).toMatchObject({ status: "ok", shipped: 25, requests: 3 });
    expect(messages(seen).sort()).toEqual(entries.map((e) => e.message).sort()); // concurrent requests
    expect(seen[0]!.headers.authorization).toBe(`Splunk ${TOKEN}`);
  });
});
