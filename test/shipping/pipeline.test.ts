import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cursorAt } from "../../src/core/cursor";
import { checkEntry, ParsedRecord, type LogRecord } from "../../src/core/log-record";
import { fromEpochMs } from "../../src/core/timestamp";
import type { ExporterLimits } from "../../src/exporters/exporter";
import { setTimeout as sleep } from "node:timers/promises";
import { FileDeadLetter } from "../../src/shipping/dead-letter";
import { ExporterPipeline, type PipelineOptions } from "../../src/shipping/pipeline";
import { sendGate } from "../../src/shipping/send-gate";
import { FileStateStore } from "../../src/state/file-state-store";
import type { OffsetRef } from "../../src/state/state-store";
import { entry, tempDir } from "../support/fixtures";
import { httpError, MemoryExporter } from "../support/memory-exporter";

const T0 = Date.parse("2026-11-25T10:00:00.000Z");
const ref: OffsetRef = { shipper: "s", offsetKey: "k", exporter: "mem" };

function records(n: number, size = 10): LogRecord[] {
  return [...Array(n).keys()].map((i) => {
    const e = entry(new Date(T0 + i).toISOString(), { message: `m${i}`.padEnd(size, ".") });
    const c = checkEntry(e);
    if (!c.ok) throw new Error(c.reason);
    return {
      ts: c.ts,
      pos: c.ts,
      key: `f@${String(i).padStart(15, "0")}`,
      level: c.level,
      entry: c.entry,
      raw: JSON.stringify(e),
    };
  });
}

describe("ExporterPipeline", () => {
  let dir: string;
  let cleanup: () => void;
  let store: FileStateStore;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    store = new FileStateStore(join(dir, "state"));
  });
  afterEach(() => cleanup());

  async function run(exporter: MemoryExporter, input: LogRecord[], over: Partial<PipelineOptions> = {}) {
    const pipeline = new ExporterPipeline({
      shipper: "s",
      exporter,
      ref,
      start: cursorAt("2000-01-01T00:00:00.000000000Z"),
      stored: undefined,
      configHash: "h",
      concurrency: 1,
      retryBudgetMs: 10_000,
      state: store,
      deadLetter: new FileDeadLetter(join(dir, "dlq")),
      runNow: T0,
      shouldStop: () => false,
      backoff: { baseMs: 1, maxMs: 5 },
      ...over,
    });
    for (const r of input) {
      if (!pipeline.wants(r)) continue;
      const wait = pipeline.push(r);
      if (wait) await wait;
    }
    return pipeline.finish();
  }

  const limits = (over: Partial<ExporterLimits> = {}): ExporterLimits => ({
    maxEntries: 10,
    maxBytes: Infinity,
    ...over,
  });
  const deadLetters = (): Array<{ reason: string; entry: { message: string } }> =>
    readFileSync(join(dir, "dlq/s/mem.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));

  it("batches to the entry and byte limits and commits the last record of each acknowledged batch", async () => {
    const exporter = new MemoryExporter(
      "mem",
      limits({ maxEntries: 4, maxBytes: 2 + 3 * 11, requestOverheadBytes: 2, entryOverheadBytes: 1 }),
    );
    const input = records(10);
    const outcome = await run(exporter, input);
    expect(exporter.requests.map((r) => r.messages.length)).toEqual([3, 3, 3, 1]);
    expect(outcome).toMatchObject({ status: "ok", shipped: 10, rejected: 0, requests: 4, retries: 0 });
    expect((await store.get(ref))?.cursor).toEqual({ ts: input[9]?.pos, key: input[9]?.key });
    expect((await store.get(ref))?.shipped).toBe(10);
  });

  it("lets each record drop its parsed entry once encoded, and dead-letters compacted records whole", async () => {
    const input = records(6).map(
      (r) => new ParsedRecord(r.ts, r.pos, r.key, r.level, r.entry, r.raw as string),
    );
    const compacted: number[] = [];
    input.forEach((r, i) => {
      const compact = r.compact.bind(r);
      r.compact = () => {
        compacted.push(i);
        compact();
      };
    });
    // the destination refuses the second record of each request for good
    const exporter = new MemoryExporter("mem", limits({ maxEntries: 3 }), () => ({
      rejected: [{ index: 1, reason: "refused" }],
    }));
    const outcome = await run(exporter, input);
    expect(compacted).toEqual([0, 1, 2, 3, 4, 5]);
    expect(outcome).toMatchObject({ status: "ok", shipped: 4, rejected: 2 });
    expect(deadLetters().map((d) => d.entry)).toEqual([input[1]?.entry, input[4]?.entry]);
  });

  it("counts 'N of these M rejected, unknown which' by N, dead-letters the M marked uncertain, and moves on", async () => {
    // request 1: entry 0 refused by index, entry 1 to retry, and 2 of the other 3 refused without saying which
    const exporter = new MemoryExporter("mem", limits({ maxEntries: 5 }), (_e, _c, call) =>
      call === 1
        ? {
            rejected: [{ index: 0, reason: "refused" }],
            retry: [{ index: 1, reason: "busy" }],
            unattributed: { count: 2, reason: "2 of these 3 refused, unknown which" },
          }
        : {},
    );
    const input = records(10);
    const outcome = await run(exporter, input);
    expect(outcome).toMatchObject({ status: "ok", shipped: 7, rejected: 3, uncertain: 3 });
    expect(exporter.requests.map((r) => r.messages.length)).toEqual([5, 1, 5]); // only the retry is resent
    const stored = await store.get(ref);
    expect(stored).toMatchObject({ cursor: { key: input[9]?.key }, shipped: 7, rejected: 3 });
    const dead = deadLetters() as Array<{ reason: string; entry: { message: string }; uncertain?: unknown }>;
    expect(dead.map((d) => d.entry.message)).toEqual([0, 2, 3, 4].map((i) => input[i]?.entry.message));
    expect(dead[0]?.uncertain).toBeUndefined();
    const mark = dead[1]?.uncertain;
    expect(mark).toEqual({ request: expect.stringMatching(/^[0-9a-f-]{36}$/), rejected: 2, of: 3 });
    expect(dead.slice(1).map((d) => d.uncertain)).toEqual([mark, mark, mark]);
    expect(dead[1]?.reason).toBe("2 of these 3 refused, unknown which");
  });

  it("keeps several requests in flight and still commits in order", async () => {
    let inFlight = 0;
    let most = 0;
    const exporter = new MemoryExporter("mem", limits({ maxEntries: 2 }), async (_e, _c, call) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, call % 2 === 1 ? 30 : 1)); // odd requests finish last
      inFlight--;
      return {};
    });
    const commits: string[] = [];
    const realCommit = store.commit.bind(store);
    store.commit = async (r, expected, next, lease) => {
      commits.push(next.cursor.key);
      return realCommit(r, expected, next, lease);
    };
    const outcome = await run(exporter, records(12), { concurrency: 3 });
    expect(outcome.shipped).toBe(12);
    expect(most).toBe(3);
    expect([...commits].sort()).toEqual(commits);
    expect(commits[commits.length - 1]).toBe(`f@${String(11).padStart(15, "0")}`);
  });

  it("retries retryable failures with backoff and honours Retry-After for every request of the exporter", async () => {
    const exporter = new MemoryExporter("mem", limits({ maxEntries: 2 }), (_e, _c, call) => {
      if (call === 2) throw httpError(429, { retryAfterMs: 300 });
      if (call === 4) throw httpError(503);
      return {};
    });
    const outcome = await run(exporter, records(8), { concurrency: 2 });
    expect(outcome).toMatchObject({ status: "ok", shipped: 8, retries: 2 });
    const at429 = exporter.requests[1]?.at as number;
    // nothing went out between the 429 and the end of its Retry-After, not even the other in-flight request's retry
    const during = exporter.requests.filter((r) => r.at > at429 && r.at < at429 + 290);
    expect(during).toEqual([]);
    expect(exporter.delivered.sort()).toEqual(
      records(8)
        .map((r) => r.entry.message)
        .sort(),
    );
  });

  it("holds back a request that was still being prepared when another request got a Retry-After", async () => {
    let at429 = 0;
    let leftAt = 0;
    const exporter = new MemoryExporter("mem", limits({ maxEntries: 2 }), async (_e, _c, call) => {
      if (call === 1) {
        await sleep(100); // compressing the body: the pipeline's gate check is behind it
        await sendGate(); // what the HTTP transport does right before the request leaves
        leftAt = Date.now();
      }
      if (call === 2) {
        at429 = Date.now();
        throw httpError(429, { retryAfterMs: 300 });
      }
      return {};
    });
    const outcome = await run(exporter, records(4), { concurrency: 2 });
    expect(outcome).toMatchObject({ status: "ok", shipped: 4, retries: 1 });
    expect(leftAt - at429).toBeGreaterThanOrEqual(290);
  });

  it("dead-letters a record the exporter cannot encode, and ships the others", async () => {
    class Fussy extends MemoryExporter {
      override encode(record: LogRecord): ReturnType<MemoryExporter["encode"]> {
        if (record.entry.message.startsWith("m3")) throw new RangeError("Maximum call stack size exceeded");
        return super.encode(record);
      }
    }
    const exporter = new Fussy("mem", limits({ maxEntries: 4 }));
    const outcome = await run(exporter, records(8));
    expect(outcome).toMatchObject({ status: "ok", shipped: 7, rejected: 1 });
    expect(deadLetters()).toEqual([
      expect.objectContaining({
        reason: "cannot be encoded for memory: Maximum call stack size exceeded",
        entry: expect.objectContaining({ message: "m3........" }),
      }),
    ]);
  });

  it("splits a batch on 413 and dead-letters a single entry the destination still refuses", async () => {
    const exporter = new MemoryExporter("mem", limits({ maxEntries: 8 }), (entries) => {
      if (entries.some((e) => e.payload.startsWith("m5")) && entries.length > 1) throw httpError(413);
      if (entries.length > 1 && entries.length > 2) throw httpError(413);
      if (entries[0]?.payload.startsWith("m5")) throw httpError(413);
      return {};
    });
    const outcome = await run(exporter, records(8));
    expect(outcome).toMatchObject({ status: "ok", shipped: 7, rejected: 1 });
    expect(deadLetters()).toEqual([
      expect.objectContaining({
        reason: expect.stringMatching(/refused the entry as too large \(HTTP 413\)/),
        entry: expect.objectContaining({ message: expect.stringMatching(/^m5/) }),
      }),
    ]);
    expect(exporter.requests.map((r) => r.messages.length)).toEqual([8, 4, 2, 2, 4, 2, 1, 1, 2]);
  });

  it("resends only the per-item retryable entries and dead-letters the permanent ones", async () => {
    const exporter = new MemoryExporter("mem", limits({ maxEntries: 5 }), (entries, ctx) => {
      if (ctx.attempt === 1 && entries.length === 5) {
        return {
          rejected: [{ index: 1, reason: "mapper_parsing_exception" }],
          retry: [{ index: 3, reason: "429 es_rejected_execution" }],
        };
      }
      return {};
    });
    const outcome = await run(exporter, records(5));
    expect(outcome).toMatchObject({ status: "ok", shipped: 4, rejected: 1, requests: 2 });
    expect(exporter.requests[1]?.messages).toEqual([expect.stringMatching(/^m3/)]);
    expect(deadLetters().map((d) => d.reason)).toEqual(["mapper_parsing_exception"]);
  });

  it("stops the exporter on a non-retryable failure: the offset stays at the last acknowledged batch, nothing is dead-lettered", async () => {
    const exporter = new MemoryExporter("mem", limits({ maxEntries: 3 }), (_e, _c, call) => {
      if (call === 2) throw httpError(403);
      return {};
    });
    const input = records(9);
    const outcome = await run(exporter, input);
    expect(outcome.status).toBe("failed");
    expect(String(outcome.error)).toMatch(/exporter mem \(memory\): HTTP 403: status 403 \(not retryable\)/);
    expect(outcome.shipped).toBe(3);
    expect((await store.get(ref))?.cursor.key).toBe(input[2]?.key);
    expect(exporter.requests).toHaveLength(2);
  });

  it("gives up when the retry budget runs out, cleanly, within the budget and not before", async () => {
    const budget = 300;
    const wait = 40; // each backoff wait is under 40 ms
    const exporter = new MemoryExporter("mem", limits({ maxEntries: 3 }), () => {
      throw httpError(500);
    });
    const started = Date.now();
    const outcome = await run(exporter, records(3), {
      retryBudgetMs: budget,
      backoff: { baseMs: wait, maxMs: wait },
    });
    const elapsed = Date.now() - started;
    expect(outcome.status).toBe("failed");
    const message = String(outcome.error);
    expect(message).toMatch(
      /gave up after retrying for \d+ms \(retry budget 300ms\); last error: exporter mem \(memory\): HTTP 500/,
    );
    const spent = Number(/retrying for (\d+)ms/.exec(message)?.[1]);
    // it retries until the next wait would pass the budget: so it gives up less than one wait before the end
    // (never at the first failure), and never after it (a loaded machine's late timers aside: 100 ms)
    expect(spent).toBeGreaterThanOrEqual(budget - wait);
    expect(spent).toBeLessThanOrEqual(budget + 100);
    expect(elapsed).toBeLessThan(budget + 400);
    const first = exporter.requests[0]?.at ?? 0;
    for (const r of exporter.requests) expect(r.at - first).toBeLessThanOrEqual(budget + 100);
    expect(exporter.requests.length).toBeGreaterThanOrEqual(5);
    expect(await store.get(ref)).toBeUndefined();
  });

  it("rejects records outside the destination's time window and entries over its per-entry limit, and reports them", async () => {
    const old = records(3, 3).map((r, i) => (i === 0 ? { ...r, ts: fromEpochMs(T0 - 20 * 3_600_000) } : r));
    const exporter = new MemoryExporter(
      "mem",
      limits(),
      () => ({}),
      { pastMs: 18 * 3_600_000, description: "18 hours back" },
      5,
    );
    const outcome = await run(exporter, [...old, ...records(4, 10).slice(3)]);
    expect(outcome).toMatchObject({ status: "ok", shipped: 2, rejected: 2 });
    expect(deadLetters().map((d) => d.reason)).toEqual([
      expect.stringMatching(/older than memory accepts: 18 hours back/),
      expect.stringMatching(/over 5/),
    ]);
  });

  it("stops starting requests at the time budget, committing what was acknowledged", async () => {
    const exporter = new MemoryExporter("mem", limits({ maxEntries: 2 }));
    let calls = 0;
    const outcome = await run(exporter, records(10), { shouldStop: () => ++calls > 2 });
    expect(outcome.status).toBe("partial");
    expect(outcome.shipped).toBe(4);
    expect((await store.get(ref))?.shipped).toBe(4);
  });

  it("never sends records at or before its start", async () => {
    const input = records(6);
    const exporter = new MemoryExporter("mem", limits());
    await run(exporter, input, { start: { ts: input[3]?.pos as string, key: input[3]?.key as string } });
    expect(exporter.delivered).toEqual(input.slice(4).map((r) => r.entry.message));
  });
});
