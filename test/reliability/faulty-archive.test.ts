import { join } from "node:path";
import type { ApplyReport } from "../../generated/report";
import { createBucket, motoS3, objects } from "../support/archives";
import { blobs, createContainer, DEV_ACCOUNT, DEV_KEY, startAzurite } from "../support/azurite";
import { tempDir } from "../support/fixtures";
import {
  azureErrorAnswer,
  HttpFaultProxy,
  s3ErrorAnswer,
  type FaultSchedule,
  type ProxyFault,
} from "../support/http-fault-proxy";
import { run } from "./support/child";
import { NOW, scenarioRandom, seqOf, writeNumberedLogs, writeShipperConfig } from "./support/data";
import { recordResult, tally } from "./support/results";

// issue 16: the archive exporters against a faulty object store. Real moto_server (S3) and Azurite (Azure Blob)
// sit behind a fault proxy that answers uploads, on a seeded schedule, with the store's own error shapes (S3's
// 503 SlowDown without Retry-After and 500 InternalError; Azure's 503 ServerBusy and 500 InternalError), resets
// the connection in the middle of a request or after the store already wrote the object, and stalls past the
// client's read timeout. One apply must ship everything; read back from the store, every record is there exactly
// once (a re-sent object has the same name and replaces the one the lost answer left), every object whole.

const N = 12_000;
const LINES = 400; // maxLinesPerFile: 30 objects
/** The S3 client's read timeout (`requestTimeout` in src/shipping/aws-client.ts); not configurable. */
const S3_READ_TIMEOUT_MS = 30_000;

/** What one run left in the store, from the objects read back. */
interface Stored {
  readonly seen: Map<number, number>;
  /** Objects not made of whole JSON lines, each with a record number, ending in a newline. */
  readonly partial: string[];
  readonly objects: number;
}

function readBack(objs: ReadonlyArray<{ key: string; text: string }>): Stored {
  const seen = new Map<number, number>();
  const partial: string[] = [];
  for (const o of objs) {
    const lines = o.text.split("\n");
    const whole =
      o.text.endsWith("\n") &&
      lines.slice(0, -1).every((l) => {
        try {
          JSON.parse(l);
        } catch {
          return false;
        }
        return seqOf(l) !== undefined;
      });
    if (!whole) partial.push(o.key);
    for (const l of lines) {
      const seq = seqOf(l);
      if (seq !== undefined) seen.set(seq, (seen.get(seq) ?? 0) + 1);
    }
  }
  return { seen, partial, objects: objs.length };
}

describe("a faulty object store", () => {
  let dir: string;
  let cleanup: () => void;
  let ids: number[];
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir("logshipper-faulty-archive-"));
    ids = await writeNumberedLogs(join(dir, "logs", "kestra.jsonl"), { count: N, seed: 21 });
  });
  afterAll(() => cleanup());

  /**
   * One apply through the proxy; then the store read back: every record exactly once, no partial object, the
   * report's shipped count and its retries (one per fault: each fault fails exactly one attempt).
   */
  async function faultyArchiveRun(
    name: string,
    label: string,
    proxy: HttpFaultProxy,
    exporter: string,
    readStore: () => Promise<Array<{ key: string; text: string }>>,
    env: NodeJS.ProcessEnv,
    seed: number,
  ): Promise<void> {
    const file = writeShipperConfig(dir, name, [exporter]);
    const exit = await run(
      ["apply", "-c", file, "--state", join(dir, `state-${name}`), "--now", NOW, "--json"],
      {
        cwd: dir,
        env,
        timeoutMs: 120_000,
      },
    );
    const stored = readBack(await readStore());
    const t = tally(ids, stored.seen);
    const by = proxy.outcomes();
    const faults = Object.entries(by).filter(([k]) => k !== "forwarded");
    const injected = faults.reduce((s, [, n]) => s + n, 0);
    const report = exit.code === 0 ? (JSON.parse(exit.stdout) as ApplyReport) : undefined;
    const reported = report?.shippers[0]?.exporters[0];
    recordResult({
      scenario: `faulty destination: ${label}`,
      faults: faults.map(([k, n]) => `${n}× ${k}`).join(", "),
      expected: t.expected,
      delivered: t.delivered,
      duplicated: t.duplicated,
      lost: t.lost,
      note: `${exit.ms} ms, ${proxy.requests.length} requests, ${stored.objects} objects (${stored.partial.length} partial); reported shipped ${reported?.shipped ?? "?"}, ${reported?.retries ?? "?"} retries; seed ${seed}`,
    });
    // the AWS SDK's notice about Node 20 is no failure; anything else on stderr is (e.g. smithy's warning that a
    // request passed its timeout and goes on waiting)
    const stderr = exit.stderr.replace(
      /\(node:\d+\) Warning: NodeVersionSupportWarning[\s\S]*?show where the warning was created\)\n/,
      "",
    );
    expect({ code: exit.code, stderr }).toEqual({ code: 0, stderr: "" });
    // every record read back from the store, exactly once (re-sent objects replaced their namesakes), none partial
    expect(t.missing).toEqual([]);
    expect(t.duplicated).toBe(0);
    expect(stored.partial).toEqual([]);
    expect(stored.objects).toBe(Math.ceil(N / LINES));
    // each kind happened, and each cost exactly one retry; the exporter reported every record shipped
    for (const [kind] of Object.entries(proxy.schedule.faults)) expect(by[kind]).toBeGreaterThanOrEqual(1);
    expect(reported).toMatchObject({ status: "ok", shipped: N, retries: injected });
  }

  /**
   * The schedule of one store: its 503 and 500 answers, resets before and after the write and stalls (forced once
   * each among the first uploads, then drawn at these rates; `stallRate` 0 keeps the one forced stall), on PUTs.
   */
  function storeSchedule(
    busy: readonly [string, ProxyFault],
    internal: readonly [string, ProxyFault],
    options: { stallRate: number; stallMs: number; random: () => number },
  ): FaultSchedule {
    return {
      faults: {
        [busy[0]]: busy[1],
        [internal[0]]: internal[1],
        reset: { kind: "reset" },
        "reset after write": { kind: "reset-after-forward" },
        stall: { kind: "stall" },
      },
      rates: {
        [busy[0]]: 0.1,
        [internal[0]]: 0.06,
        reset: 0.05,
        "reset after write": 0.05,
        stall: options.stallRate,
      },
      forced: { 1: "stall", 2: busy[0], 4: "reset after write", 5: internal[0], 7: "reset" },
      seed: Math.floor(options.random() * 2 ** 31),
      applies: (method) => method === "PUT",
      stallMs: options.stallMs,
    };
  }

  it("S3 on moto: 503 SlowDown, 500 InternalError, resets before and after the write, a stall past the read timeout: every record archived once", async () => {
    const s3 = motoS3();
    const bucket = `faulty-archive-${Date.now()}`;
    await createBucket(s3, bucket);
    const { seed, random } = scenarioRandom("faulty-s3");
    // one stall only (it costs the 30 s read timeout): forced, never drawn
    const schedule = storeSchedule(
      ["503 SlowDown", s3ErrorAnswer(503, "SlowDown", "Please reduce your request rate.")],
      [
        "500 InternalError",
        s3ErrorAnswer(500, "InternalError", "We encountered an internal error. Please try again."),
      ],
      { stallRate: 0, stallMs: S3_READ_TIMEOUT_MS + 10_000, random },
    );
    const proxy = new HttpFaultProxy(process.env.MOTO_ENDPOINT as string, schedule);
    const endpoint = await proxy.listen();
    try {
      await faultyArchiveRun(
        "faultys3",
        "S3 archive (moto behind a fault proxy)",
        proxy,
        `{ id: arc, type: s3, bucket: ${bucket}, region: us-east-1, endpointOverride: "${endpoint}", accessKeyId: testing, secretKeyId: testing, maxLinesPerFile: ${LINES}, concurrency: 2, retryBudget: PT2M }`,
        () => objects(s3, bucket),
        {},
        seed,
      );
    } finally {
      await proxy.close();
      s3.destroy();
    }
  }, 90_000);

  it("Azure Blob on Azurite: 503 ServerBusy, 500 InternalError, resets before and after the write, stalls past the read timeout: every record archived once", async () => {
    const azurite = await startAzurite();
    const { seed, random } = scenarioRandom("faulty-azure");
    const schedule = storeSchedule(
      [
        "503 ServerBusy",
        azureErrorAnswer(
          503,
          "ServerBusy",
          "The server is currently unable to receive requests. Please retry your request.",
        ),
      ],
      [
        "500 InternalError",
        azureErrorAnswer(
          500,
          "InternalError",
          "The server encountered an internal error. Please retry the request.",
        ),
      ],
      { stallRate: 0.03, stallMs: 10_000, random },
    );
    const proxy = new HttpFaultProxy(azurite.endpoint, schedule);
    try {
      await createContainer(azurite.endpoint, "faulty");
      const endpoint = `${await proxy.listen()}/${DEV_ACCOUNT}`;
      await faultyArchiveRun(
        "faultyaz",
        "Azure Blob archive (Azurite behind a fault proxy)",
        proxy,
        `{ id: arc, type: azure-blob, endpoint: "${endpoint}", containerName: faulty, sharedKeyAccountName: ${DEV_ACCOUNT}, sharedKeyAccountAccessKey: "{{ secret('AZ_KEY') }}", maxLinesPerFile: ${LINES}, concurrency: 2, retryBudget: PT2M, options: { readTimeout: PT1S } }`,
        async () => (await blobs(azurite.endpoint, "faulty")).map((b) => ({ key: b.name, text: b.text })),
        { SECRET_AZ_KEY: Buffer.from(DEV_KEY).toString("base64") },
        seed,
      );
    } finally {
      await proxy.close();
      await azurite.stop();
    }
  }, 90_000);
});
