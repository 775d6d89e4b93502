import { AsyncLocalStorage } from "node:async_hooks";
import { rm } from "node:fs/promises";
import { type BucketLocationConstraint, CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { scaleOutDefinition } from "../../constructs/private/state-machine";
import { toEpochMs } from "../../src/core/timestamp";
import { createHandler, type HandlerDeps } from "../../src/lambda/runtime";
import { resultsPrefix } from "../../src/lambda/plan-layout";
import { createSource } from "../../src/sources/registry";
import { DynamoDbStateStore } from "../../src/state/dynamodb-state-store";
import { motoOptions, uniqueName } from "../support/aws";
import { backlogFixture, fakeContext, readLines } from "../support/lambda";
import {
  awsJson,
  enableSfnExecution,
  serveCallbacks,
  sqsCallbackTask,
  type CallbackAnswer,
  type CallbackMessage,
} from "../support/sfn";

// The scale-out state machine end to end on moto_server: the definition the construct synthesizes, with each
// lambda:invoke task swapped for an SQS callback task; this test reads the queue, runs the real handler in-process
// on each message's payload (DynamoDB state and the S3 plan bucket on moto) and answers SendTaskSuccess/Failure.
// moto 5.2.1 crashes on a second StartExecution in one account and Region: each execution gets its own Region.

const RECORDS = 600;
const SETTINGS = { maxConcurrency: 3, sliceTarget: 100, minRecordsToSlice: 0 };
/** The records spread over 50 minutes of the last hour: 3 of the plan's 6 time buckets of the last 2 hours hold some. */
const STEP_MS = 5_000;

interface Run {
  status: string;
  calls: Array<{ step: string; payload: Record<string, unknown> }>;
  lines: Array<Record<string, unknown>>;
}

describe("scale-out state machine on moto_server (real handler in-process)", () => {
  const table = uniqueName("scale-out-offsets");
  const { endpoint, credentials } = motoOptions();
  let store: DynamoDbStateStore;

  beforeAll(async () => {
    await enableSfnExecution(endpoint);
    store = new DynamoDbStateStore({ ...motoOptions(), table });
    await store.init();
  });
  afterAll(() => store.close());

  /** Creates the bucket, queue and state machine in `region`, starts one execution and serves it to the end. */
  async function execute(
    region: string,
    shipper: string,
    deps: HandlerDeps,
    answer: (m: CallbackMessage, run: () => Promise<unknown>) => Promise<CallbackAnswer>,
    settings: Record<string, number> = SETTINGS,
  ): Promise<Run & { bucket: string }> {
    const bucket = uniqueName("plans");
    const s3 = new S3Client({ endpoint, region, credentials, forcePathStyle: true });
    await s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint },
      }),
    );
    s3.destroy();
    const { QueueUrl } = await awsJson<{ QueueUrl: string }>(endpoint, region, "AmazonSQS.CreateQueue", {
      QueueName: uniqueName("reconciler"),
    });
    const definition = scaleOutDefinition({
      shipper,
      task: sqsCallbackTask(QueueUrl),
      resultBucket: bucket,
      resultPrefix: resultsPrefix(shipper),
      settings,
    });
    const { stateMachineArn } = await awsJson<{ stateMachineArn: string }>(
      endpoint,
      region,
      "AWSStepFunctions.CreateStateMachine",
      {
        name: uniqueName("scale-out"),
        definition: JSON.stringify(definition),
        roleArn: "arn:aws:iam::123456789012:role/scale-out",
      },
    );
    const { executionArn } = await awsJson<{ executionArn: string }>(
      endpoint,
      region,
      "AWSStepFunctions.StartExecution",
      { stateMachineArn, input: JSON.stringify({ shipper }) },
    );
    const lines: string[] = [];
    const handler = createHandler({
      ...deps,
      env: { ...deps.env, LOGSHIPPER_PLAN_BUCKET: bucket },
      write: (l) => lines.push(l),
    });
    const calls: Run["calls"] = [];
    let status = "RUNNING";
    await serveCallbacks({
      endpoint,
      region,
      queueUrl: QueueUrl,
      deadlineMs: 40_000,
      stop: async () => {
        ({ status } = await awsJson<{ status: string }>(
          endpoint,
          region,
          "AWSStepFunctions.DescribeExecution",
          {
            executionArn,
          },
        ));
        return status !== "RUNNING";
      },
      answer: (m) => {
        calls.push({ step: m.step, payload: m.payload });
        return answer(m, () => handler(m.payload, fakeContext(Date.now() + 60_000)));
      },
    });
    return { status, calls, lines: lines.map((l) => JSON.parse(l) as Record<string, unknown>), bucket };
  }

  function env(configPath: string): NodeJS.ProcessEnv {
    return {
      LOGSHIPPER_CONFIG_PATH: configPath,
      LOGSHIPPER_STATE_TABLE: table,
      LOGSHIPPER_SAFETY_MARGIN_MS: "100",
      AWS_LAMBDA_FUNCTION_NAME: "logshipper-reconciler",
    };
  }

  const ok = async (_m: CallbackMessage, run: () => Promise<unknown>): Promise<CallbackAnswer> => ({
    output: await run(),
  });

  it("plans, ships the slices in parallel children and finalizes: every record once, watermarks past the backlog", async () => {
    const shipper = "sfn-backlog";
    const fx = await backlogFixture(
      RECORDS,
      {
        id: shipper,
        lookbackPeriod: "PT2H",
        logExporters: [
          { id: "archive", type: "file", path: "./out/archive.jsonl", chunk: 20 },
          { id: "copy", type: "file", path: "./out/copy.jsonl", chunk: 33 },
        ],
      },
      STEP_MS,
    );
    try {
      const deps: HandlerDeps = {
        env: env(fx.configPath),
        aws: motoOptions(),
        apply: { backoff: { baseMs: 1, maxMs: 5 } },
      };
      const run = await execute("eu-north-1", shipper, deps, ok);
      expect(run.status).toBe("SUCCEEDED");

      // the plan sliced the backlog; every slice ran in its own child, the last call finalized
      const plan = run.lines.find((l) => l.type === "logshipper.plan");
      expect(plan).toMatchObject({ shipper, maxConcurrency: 3, resumed: false });
      const count = plan?.slices as number;
      expect(count).toBeGreaterThanOrEqual(3);
      expect(plan?.pending).toBe(count);
      const sliceIds = run.calls
        .filter((c) => c.step === "ShipSlice")
        .map((c) => (c.payload.slice as { id: string }).id);
      const all = Array.from({ length: count }, (_, i) => `s${String(i).padStart(4, "0")}`);
      expect(new Set(sliceIds)).toEqual(new Set(all));
      expect(run.calls[0]?.step).toBe("Plan");
      const shippedBySlice = run.lines
        .filter((l) => l.type === "logshipper.slice")
        .map((l) => l.shipped as number);
      expect(shippedBySlice.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
      expect(run.calls.at(-1)?.step).toBe("Finalize");

      // every record exactly once at each destination
      const sorted = [...fx.lines].sort();
      expect((await readLines(`${fx.dir}/out/archive.jsonl`)).sort()).toEqual(sorted);
      expect((await readLines(`${fx.dir}/out/copy.jsonl`)).sort()).toEqual(sorted);

      // the run's report: one log line, shipped = the backlog for each exporter
      const report = run.lines.find((l) => l.type === "logshipper.run");
      expect(report).toMatchObject({ shipper, status: "ok", shipped: 2 * RECORDS });

      // the watermarks: each exporter's offset covers the backlog, the plan is gone, a serial run ships nothing more
      for (const exporter of ["archive", "copy"]) {
        const offset = await store.get({ shipper, offsetKey: "LogShipper-state", exporter });
        expect(offset?.shipped).toBe(RECORDS);
      }
      expect(await store.getSlicePlan(shipper, "LogShipper-state")).toBeUndefined();
      const again = await createHandler({ ...deps, write: () => undefined })(
        { shipper },
        fakeContext(Date.now() + 60_000),
      );
      expect(again.shippers).toEqual([{ id: shipper, status: "ok", shipped: 0, rejected: 0 }]);
    } finally {
      await rm(fx.dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("retries a child killed before it ran and one killed mid-slice, and loses nothing", async () => {
    const shipper = "sfn-killed";
    const fx = await backlogFixture(RECORDS, { id: shipper, batchSize: 25, lookbackPeriod: "PT2H" }, STEP_MS);
    // the first call of slice s0003 stops in the middle of its read (after two batches) and never returns, like a
    // Lambda sandbox that is killed: the test then fails that task as Lambda would (Sandbox.Timedout)
    const sliceOfCall = new AsyncLocalStorage<string | undefined>();
    let killMidSlice = true;
    let stuck!: () => void;
    const reached = new Promise<void>((r) => (stuck = r));
    let unblock!: (err: Error) => void;
    const blocked = new Promise<never>((_, reject) => (unblock = reject));
    blocked.catch(() => undefined);
    try {
      const deps: HandlerDeps = {
        env: env(fx.configPath),
        aws: motoOptions(),
        apply: {
          backoff: { baseMs: 1, maxMs: 5 },
          createSource: async (s, context) => {
            const inner = await createSource(s.source, context);
            return {
              describe: () => inner.describe(),
              count: (ranges) => inner.count(ranges),
              check: (id) => inner.check(id),
              close: async () => inner.close?.(),
              async *read(range, options) {
                let batches = 0;
                for await (const batch of inner.read(range, options)) {
                  yield batch;
                  if (++batches === 2 && killMidSlice && sliceOfCall.getStore() === "s0003") {
                    killMidSlice = false;
                    stuck();
                    await blocked;
                  }
                }
              },
            };
          },
        },
      };
      const failedOnce = new Set<string>();
      const run = await execute("ap-southeast-2", shipper, deps, async (m, handle) => {
        const id = (m.payload.slice as { id?: string } | undefined)?.id;
        if (m.step === "ShipSlice" && id === "s0001" && !failedOnce.has(id)) {
          failedOnce.add(id); // killed before it ran: an error of the Lambda service, retried
          return { error: "Lambda.ServiceException", cause: "the worker was killed" };
        }
        if (m.step === "ShipSlice" && id === "s0003" && killMidSlice) {
          void sliceOfCall.run(id, handle).catch(() => undefined); // abandoned, as a killed sandbox is
          await reached;
          await new Promise((r) => setTimeout(r, 300)); // what was in flight lands (or not)
          return { error: "Sandbox.Timedout", cause: "Task timed out" };
        }
        return { output: await sliceOfCall.run(id, handle) };
      });
      expect(run.status).toBe("SUCCEEDED");
      const calls = (id: string) =>
        run.calls.filter((c) => c.step === "ShipSlice" && (c.payload.slice as { id: string }).id === id)
          .length;
      expect(calls("s0001")).toBeGreaterThanOrEqual(2);
      expect(calls("s0003")).toBeGreaterThanOrEqual(2);
      expect(failedOnce.has("s0001")).toBe(true);
      expect(killMidSlice).toBe(false);

      // nothing lost; at most the killed call's in-flight batch twice (a retry from the slice's start would re-ship
      // the two batches the killed call had committed)
      const out = await readLines(fx.outFile);
      expect(new Set(out)).toEqual(new Set(fx.lines));
      expect(out.length - fx.lines.length).toBeLessThan(2 * 25);
      const offset = await store.get({ shipper, offsetKey: "LogShipper-state", exporter: "archive" });
      expect(offset?.shipped).toBeGreaterThanOrEqual(RECORDS);
      expect(await store.getSlicePlan(shipper, "LogShipper-state")).toBeUndefined();

      // the Map's ResultWriter wrote its manifest under the shipper's results prefix
      const listed = await fetch(`${endpoint}/${run.bucket}?list-type=2&prefix=${resultsPrefix(shipper)}/`);
      expect(await listed.text()).toContain("manifest.json");
    } finally {
      unblock(new Error("the killed sandbox is gone"));
      await rm(fx.dir, { recursive: true, force: true });
    }
  }, 60_000);
  it("ships a small backlog inline in the Plan step and ends without a Map", async () => {
    const shipper = "sfn-small";
    const fx = await backlogFixture(40, { id: shipper });
    try {
      const deps: HandlerDeps = { env: env(fx.configPath), aws: motoOptions() };
      // the defaults: a backlog below minRecordsToSlice (2 × sliceTarget) is not sliced
      const run = await execute("eu-west-3", shipper, deps, ok, { maxConcurrency: 3 });
      expect(run.status).toBe("SUCCEEDED");
      expect(run.calls.map((c) => c.step)).toEqual(["Plan"]);
      expect(run.lines.find((l) => l.type === "logshipper.run")).toMatchObject({ status: "ok", shipped: 40 });
      expect(await readLines(fx.outFile)).toEqual(fx.lines);
    } finally {
      await rm(fx.dir, { recursive: true, force: true });
    }
  }, 30_000);

  it("fails the execution when the inline run of a small backlog fails", async () => {
    const shipper = "sfn-small-failed";
    // an exporter that cannot write: its directory is a file
    const fx = await backlogFixture(20, {
      id: shipper,
      logExporters: [{ id: "broken", type: "file", path: "./logs/app.jsonl/out.jsonl" }],
    });
    try {
      const deps: HandlerDeps = { env: env(fx.configPath), aws: motoOptions() };
      const run = await execute("ap-northeast-1", shipper, deps, ok, { maxConcurrency: 3 });
      expect(run.calls.map((c) => c.step)).toEqual(["Plan"]);
      expect(run.lines.find((l) => l.type === "logshipper.run")).toMatchObject({ status: "failed" });
      expect(run.status).toBe("FAILED");
    } finally {
      await rm(fx.dir, { recursive: true, force: true });
    }
  }, 30_000);

  it("fails the execution loudly when the source fails in a slice; the next execution resumes the plan", async () => {
    const shipper = "sfn-resume";
    const fx = await backlogFixture(RECORDS, { id: shipper, lookbackPeriod: "PT2H" }, STEP_MS);
    let failReads = true;
    try {
      const deps: HandlerDeps = {
        env: env(fx.configPath),
        aws: motoOptions(),
        apply: {
          backoff: { baseMs: 1, maxMs: 5 },
          createSource: async (s, context) => {
            const inner = await createSource(s.source, context);
            return {
              describe: () => inner.describe(),
              count: (ranges) => inner.count(ranges),
              check: (id) => inner.check(id),
              close: async () => inner.close?.(),
              async *read(range, options) {
                let batches = 0;
                for await (const batch of inner.read(range, options)) {
                  yield batch;
                  // the source breaks in the middle of a slice that ends 10 to 30 minutes ago
                  const age = Date.now() - toEpochMs(range.to);
                  if (++batches === 2 && failReads && age > 10 * 60_000 && age < 30 * 60_000)
                    throw new Error("disk gone");
                }
              },
            };
          },
        },
      };
      const first = await execute("ca-central-1", shipper, deps, ok);
      // the run fails (an exporter failed in a slice), nothing is lost, the watermark stays before the gap
      expect(first.status).toBe("FAILED");
      expect(first.lines.find((l) => l.type === "logshipper.run")).toMatchObject({ status: "failed" });
      const open = await store.getSlicePlan(shipper, "LogShipper-state");
      expect(open).toBeDefined();
      const shippedFirst = (await readLines(fx.outFile)).length;
      expect(shippedFirst).toBeLessThan(RECORDS);
      // the watermark: the contiguous prefix before the failed slice (not the failed slice's shipped part)
      const offset = await store.get({ shipper, offsetKey: "LogShipper-state", exporter: "archive" });
      expect(offset?.shipped).toBeGreaterThan(0);
      expect(offset?.shipped).toBeLessThan(shippedFirst);

      failReads = false;
      const second = await execute("sa-east-1", shipper, deps, ok);
      expect(second.status).toBe("SUCCEEDED");
      expect(second.lines.find((l) => l.type === "logshipper.plan")).toMatchObject({
        resumed: true,
        runId: open?.runId,
      });
      // slices the first run finished are not shipped again
      const pending = (second.lines.find((l) => l.type === "logshipper.plan")?.pending as number) ?? 0;
      expect(pending).toBeLessThan(
        (first.lines.find((l) => l.type === "logshipper.plan")?.slices as number) ?? 0,
      );
      const out = await readLines(fx.outFile);
      expect(new Set(out)).toEqual(new Set(fx.lines));
      expect(out.length - fx.lines.length).toBeLessThanOrEqual(2 * 50);
      expect(await store.getSlicePlan(shipper, "LogShipper-state")).toBeUndefined();
    } finally {
      await rm(fx.dir, { recursive: true, force: true });
    }
  }, 60_000);
});
