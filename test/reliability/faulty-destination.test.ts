import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../support/fixtures";
import { run } from "./support/child";
import { NOW, seqOf, writeNumberedLogs, writeShipperConfig } from "./support/data";
import { recordResult, tally } from "./support/results";
import { Sink, type FaultProfile, type SinkRequest } from "./support/sink";

// A faulty destination: 5% HTTP 500, 2% 429 with Retry-After, connection resets, responses that stall past the
// timeout, 413 on large bodies, and (Elasticsearch) per-item errors inside a 200. Nothing may be lost, only
// records refused for good may be dead-lettered, Retry-After must hold every request to that destination back,
// and a destination that always fails must end the run cleanly within its retry budget.

const N = 30_000;
const KEY = "dd-api-key-faulty-0001";
const RETRY_AFTER_S = 1;
/** The `retryBudget` of the always-failing destination (PT2S). */
const BUDGET_MS = 2000;
/**
 * For each 429: the requests that arrived while its Retry-After ran, and the time from the 429 to the first
 * request after them. Retry-After holds back every request to the destination once the client has read the 429;
 * what can still arrive are requests the other request slots had already on their way (at most one each:
 * measured, they come 1–25 ms after the 429, more under load). A client that ignored it would keep all its slots
 * sending throughout the wait.
 */
function retryAfterWaits(
  requests: readonly SinkRequest[],
): Array<{ during: number; gap: number | undefined }> {
  const out: Array<{ during: number; gap: number | undefined }> = [];
  for (const r of requests) {
    if (r.outcome !== "429" || r.end === undefined) continue;
    const end = r.end;
    const later = requests.filter((q) => q.at > end);
    const during = later.filter((q) => q.at < end + RETRY_AFTER_S * 1000 - 5).length;
    const next = later[during];
    out.push({ during, gap: next === undefined ? undefined : next.at - end });
  }
  return out;
}

function outcomes(requests: readonly SinkRequest[]): Record<string, number> {
  const by: Record<string, number> = {};
  for (const r of requests) by[r.outcome ?? "open"] = (by[r.outcome ?? "open"] ?? 0) + 1;
  return by;
}

function deadLettered(dir: string): number[] {
  if (!existsSync(dir)) return [];
  const out: number[] = [];
  for (const shipper of readdirSync(dir)) {
    for (const file of readdirSync(join(dir, shipper))) {
      for (const line of readFileSync(join(dir, shipper, file), "utf8")
        .split("\n")
        .filter(Boolean)) {
        const seq = seqOf(line);
        if (seq !== undefined) out.push(seq);
      }
    }
  }
  return out.sort((a, b) => a - b);
}

describe("a faulty destination", () => {
  let dir: string;
  let cleanup: () => void;
  let ids: number[];
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir("logshipper-faulty-"));
    ids = await writeNumberedLogs(join(dir, "logs", "kestra.jsonl"), { count: N, seed: 5 });
  });
  afterAll(() => cleanup());

  const env = { SECRET_KEY: Buffer.from(KEY).toString("base64") };

  /** The faults both sinks inject, each kind forced once early so that every kind happens. */
  const FAULTS: FaultProfile = {
    http500: 0.05,
    http429: 0.02,
    retryAfterS: RETRY_AFTER_S,
    reset: 0.01,
    stall: 0.005,
    maxBodyBytes: 120_000,
    forced: { 2: "429", 4: "reset", 6: "stall", 8: "500" },
  };
  const CHUNK = 200;

  /**
   * Ships every record through a faulty sink and checks what must hold whatever the destination: exit 0, nothing
   * lost, the dead-letter holding exactly the records refused for good, duplicates only from requests that were
   * processed but never answered, each fault kind seen, and Retry-After holding back every request.
   */
  async function faultyRun(
    name: string,
    sink: Sink,
    exporter: string,
    authorized: (r: SinkRequest) => boolean,
  ): Promise<void> {
    const file = writeShipperConfig(dir, name, [exporter]);
    const dlq = join(dir, `dlq-${name}`);
    const exit = await run(
      ["apply", "-c", file, "--state", join(dir, `state-${name}`), "--now", NOW, "--dead-letter", dlq],
      { cwd: dir, env, timeoutMs: 180_000 },
    );
    const refused = [...sink.refused].sort((a, b) => a - b);
    const t = tally(
      ids.filter((i) => !sink.refused.has(i)),
      sink.seen,
    );
    const by = outcomes(sink.requests);
    const waits = retryAfterWaits(sink.requests);
    const gaps = waits.flatMap((w) => (w.gap === undefined ? [] : [w.gap]));
    const mostDuring = Math.max(0, ...waits.map((w) => w.during));
    const stalls = by.stall ?? 0;
    const dead = deadLettered(dlq);
    recordResult({
      scenario: `faulty destination: ${{ datadog: "Datadog", elasticsearch: "Elasticsearch", splunk: "Splunk HEC" }[sink.kind]} sink`,
      faults: [
        ...Object.entries(by)
          .filter(([k]) => k !== "202" && k !== "200")
          .map(([k, n]) => `${n}× ${k}`),
        ...(sink.itemErrors > 0 ? [`${sink.itemErrors} item errors in 200s`] : []),
      ].join(", "),
      expected: t.expected + refused.length,
      delivered: t.delivered + dead.length,
      duplicated: t.duplicated,
      lost: t.lost + refused.length - dead.length,
      note: `${sink.requests.length} requests; ${refused.length} refused for good and dead-lettered: ${dead.length}; after each 429 (Retry-After ${RETRY_AFTER_S} s) at most ${mostDuring} request(s) already on their way, then none for ≥ ${Math.min(...gaps)} ms; duplicates bound ${stalls} stalls × ${CHUNK}`,
    });
    expect({ code: exit.code, stderr: exit.stderr }).toEqual({ code: 0, stderr: "" });
    expect(t.missing).toEqual([]);
    // only records refused for good are dead-lettered, each once
    expect(dead).toEqual(refused);
    // each fault happened, and the 413s were split until they fit
    expect(by).toMatchObject({
      reset: expect.any(Number),
      stall: expect.any(Number),
      "500": expect.any(Number),
    });
    expect(by["429"]).toBeGreaterThanOrEqual(2);
    expect(by["413"]).toBeGreaterThanOrEqual(1);
    // a stalled request was processed but never answered: it is sent again (at most one batch each)
    expect(t.duplicated).toBeLessThanOrEqual(stalls * CHUNK);
    // Retry-After holds back every request to the destination, not only the one that got the 429: during it,
    // only requests the other slots (concurrency 4) had already sent
    expect(waits.length).toBe(by["429"]);
    for (const w of waits) expect(w.during).toBeLessThanOrEqual(3);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000 - 5);
    // the credential went with every request, to this sink
    expect(sink.requests.filter((r) => !authorized(r))).toEqual([]);
  }

  it("Datadog: 500s, 429s with Retry-After, resets, stalls and 413s lose nothing, dead-letter nothing, and honour Retry-After", async () => {
    const sink = await Sink.start("datadog", { seed: 7, faults: FAULTS });
    try {
      await faultyRun(
        "faultydd",
        sink,
        `{ id: dd, type: datadog, basePath: "${sink.url}", apiKey: "{{ secret('KEY') }}", chunk: ${CHUNK}, concurrency: 4, options: { readTimeout: PT1S } }`,
        (r) => r.headers["dd-api-key"] === KEY,
      );
    } finally {
      await sink.close();
    }
  });

  it("Elasticsearch: the same faults plus per-item 429s and 400s inside a 200: only the 400s are dead-lettered", async () => {
    const sink = await Sink.start("elasticsearch", {
      seed: 9,
      faults: { ...FAULTS, itemRetry: 0.01, poison: (seq) => seq % 250 === 7 },
    });
    try {
      await faultyRun(
        "faultyes",
        sink,
        `{ id: es, type: elasticsearch, connection: { hosts: ["${sink.url}"], apiKey: "{{ secret('KEY') }}" }, indexName: logs, chunk: ${CHUNK}, concurrency: 4, options: { readTimeout: PT1S } }`,
        (r) => r.headers.authorization === `ApiKey ${KEY}`,
      );
      expect(sink.refused.size).toBe(N / 250);
      expect(sink.stored.size).toBe(N - N / 250);
    } finally {
      await sink.close();
    }
  });

  it("a destination that always fails: exit 1 within the retry budget, a clear message, offsets unchanged", async () => {
    const good = await Sink.start("datadog");
    const bad = await Sink.start("datadog", { faults: { always: 503 } });
    try {
      const state = join(dir, "state-budget");
      // a first run ships a part (up to 08:30) so that there is an offset to keep
      const first = writeShipperConfig(dir, "budget", [
        `{ id: dd, type: datadog, basePath: "${good.url}", apiKey: "{{ secret('KEY') }}", retryBudget: PT2S }`,
      ]);
      const part = await run(["apply", "-c", first, "--state", state, "--now", "2026-11-25T08:04:00Z"], {
        cwd: dir,
        env,
      });
      expect(part.code).toBe(0);
      const before = await run(["state", "list", "--json", "--state", state], { cwd: dir });
      expect(JSON.parse(before.stdout)).toHaveLength(1);
      const failing = writeShipperConfig(dir, "budget", [
        `{ id: dd, type: datadog, basePath: "${bad.url}", apiKey: "{{ secret('KEY') }}", retryBudget: PT2S }`,
      ]);
      const started = Date.now();
      const exit = await run(["apply", "-c", failing, "--state", state, "--now", NOW], {
        cwd: dir,
        env,
        timeoutMs: 60_000,
      });
      const exitAt = started + exit.ms;
      const after = await run(["state", "list", "--json", "--state", state], { cwd: dir });
      const firstAt = bad.requests[0]?.at ?? exitAt;
      const lastAt = bad.requests.at(-1)?.at ?? exitAt;
      const spent = /gave up after retrying for (\d+)ms|gave up after retrying for (\d+(?:\.\d)?)s/.exec(
        exit.stdout,
      );
      const spentMs =
        spent === null ? NaN : spent[1] !== undefined ? Number(spent[1]) : Number(spent[2]) * 1000;
      recordResult({
        scenario: "faulty destination: retry budget",
        faults: `every request 503 (${bad.requests.length} requests)`,
        note: `exit ${exit.code} after ${exit.ms} ms, ${exitAt - firstAt} ms after the first request, the last one at ${lastAt - firstAt} ms (budget ${BUDGET_MS} ms; a run without retries took ${part.ms} ms); offset unchanged: ${before.stdout === after.stdout}`,
      });
      expect(exit.signal).toBeNull(); // not killed by the harness: no hang
      expect(exit.code).toBe(1);
      expect(exit.stdout).toMatch(/FAILED +dd +datadog: shipped 0/);
      expect(exit.stdout).toMatch(
        /gave up after retrying for (\d+ms|\d\.\ds) \(retry budget 2\.0s\); last error: .*HTTP 503/,
      );
      expect(exit.stdout).not.toMatch(/\n {4}at /);
      expect(exit.stderr).not.toMatch(/\n {4}at /);
      expect(after.stdout).toBe(before.stdout);
      expect(bad.requests.length).toBeGreaterThanOrEqual(2);
      // within the budget: each request is retried for at most the budget (the message's figure, to its 0.1 s),
      // no request leaves after the budget since the first (the four request slots start together), and the run
      // exits soon after: teardown only, no new request with a fresh budget after the failure
      expect(spentMs).toBeLessThanOrEqual(BUDGET_MS + 100);
      expect(lastAt - firstAt).toBeLessThanOrEqual(BUDGET_MS + 500);
      expect(exitAt - firstAt).toBeLessThanOrEqual(BUDGET_MS + 1500);
    } finally {
      await good.close();
      await bad.close();
    }
  });

  it("Splunk HEC with indexer acknowledgement: the same faults lose nothing, and a batch counts only once acknowledged", async () => {
    const sink = await Sink.start("splunk", { seed: 7, faults: FAULTS });
    try {
      await faultyRun(
        "faultysplunk",
        sink,
        `{ id: splunk, type: splunk, host: "${sink.url}", token: "{{ secret('KEY') }}", indexerAcknowledgment: true, chunk: ${CHUNK}, concurrency: 4, options: { readTimeout: PT1S } }`,
        (r) =>
          r.headers.authorization === `Splunk ${KEY}` &&
          typeof r.headers["x-splunk-request-channel"] === "string",
      );
    } finally {
      await sink.close();
    }
  });
});
