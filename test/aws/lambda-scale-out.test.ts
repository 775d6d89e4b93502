import { rm } from "node:fs/promises";
import { CreateBucketCommand, GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { createHandler, type Handler } from "../../src/lambda/runtime";
import type { PlanResult, SliceResult } from "../../src/lambda/scale-out";
import { DynamoDbStateStore } from "../../src/state/dynamodb-state-store";
import { motoOptions, uniqueName } from "../support/aws";
import { backlogFixture, fakeContext, readLines } from "../support/lambda";

// The scale-out modes called directly, as the state machine calls them (DynamoDB state and S3 on moto).
describe("Lambda scale-out modes (in-process, moto)", () => {
  const table = uniqueName("modes-offsets");
  const bucket = uniqueName("modes-plans");
  const { endpoint, region, credentials } = motoOptions();
  const s3 = new S3Client({ endpoint, region, credentials, forcePathStyle: true });
  let store: DynamoDbStateStore;

  beforeAll(async () => {
    store = new DynamoDbStateStore({ ...motoOptions(), table });
    await store.init();
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  afterAll(async () => {
    s3.destroy();
    await store.close();
  });

  const ctx = () => fakeContext(Date.now() + 60_000);
  const settings = { sliceTarget: 100, minRecordsToSlice: 0, maxConcurrency: 2 };

  function handlerFor(configPath: string, lines: string[], extra: Record<string, string> = {}): Handler {
    return createHandler({
      env: {
        LOGSHIPPER_CONFIG_PATH: configPath,
        LOGSHIPPER_STATE_TABLE: table,
        LOGSHIPPER_PLAN_BUCKET: bucket,
        LOGSHIPPER_SAFETY_MARGIN_MS: "100",
        ...extra,
      },
      aws: motoOptions(),
      write: (l) => lines.push(l),
      apply: { backoff: { baseMs: 1, maxMs: 5 } },
    });
  }

  it("plan writes the slice list; slice ships under the run's lease only; finalize reports and keeps an unfinished plan", async () => {
    const shipper = "modes";
    const fx = await backlogFixture(300, { id: shipper, lookbackPeriod: "PT2H" }, 10_000);
    try {
      const lines: string[] = [];
      const handler = handlerFor(fx.configPath, lines);
      const plan = (await handler(
        {
          mode: "plan",
          shipper,
          execution: "arn:aws:states:us-east-1:123456789012:execution:sm:e1",
          settings,
        },
        ctx(),
      )) as PlanResult;
      expect(plan).toMatchObject({
        shipper,
        owner: "arn:aws:states:us-east-1:123456789012:execution:sm:e1",
        maxConcurrency: 2,
        planBucket: bucket,
        resumed: false,
      });
      expect(plan.sliceCount).toBeGreaterThanOrEqual(2);
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: plan.planKey as string }));
      const items = JSON.parse(
        await (object.Body as { transformToString(): Promise<string> }).transformToString(),
      );
      expect(items.map((i: { id: string }) => i.id)).toEqual(
        Array.from({ length: plan.sliceCount }, (_, i) => `s${String(i).padStart(4, "0")}`),
      );
      // the same Plan call again (Step Functions retried it after its answer was lost): the same run, resumed
      const retried = (await handler(
        {
          mode: "plan",
          shipper,
          execution: "arn:aws:states:us-east-1:123456789012:execution:sm:e1",
          settings,
        },
        ctx(),
      )) as PlanResult;
      expect(retried).toMatchObject({ runId: plan.runId, resumed: true, sliceCount: plan.sliceCount });
      expect(retried.leaseToken).not.toBe(plan.leaseToken);
      const run = {
        shipper,
        runId: retried.runId as string,
        owner: retried.owner,
        leaseToken: retried.leaseToken as number,
      };

      // another execution meanwhile: the shipper is locked, nothing is planned or shipped
      const other = (await handler(
        { mode: "plan", shipper, execution: "arn:other", settings },
        ctx(),
      )) as PlanResult;
      expect(other).toMatchObject({ sliceCount: 0, status: "skipped", runId: null });

      // a call with a stale lease token ships nothing and ends its child loop
      const stale = (await handler(
        { mode: "slice", ...run, leaseToken: run.leaseToken + 1, slice: { id: "s0000" } },
        ctx(),
      )) as SliceResult;
      expect(stale).toEqual({ done: true, shipped: 0, rejected: 0, superseded: true });
      expect(await readLines(fx.outFile)).toEqual([]);

      // a call whose whole budget passes before one batch is acknowledged fails (no endless child loop), and
      // commits nothing
      await expect(
        handler({ mode: "slice", ...run, slice: { id: "s0000" } }, fakeContext(Date.now() - 1)),
      ).rejects.toThrow(
        /slice s0000 stopped at the invocation's time budget before any batch was acknowledged/,
      );
      expect(await readLines(fx.outFile)).toEqual([]);

      // the run's own calls ship the slices with records
      let shipped = 0;
      for (const id of ["s0000", "s0001"]) {
        const r = (await handler({ mode: "slice", ...run, slice: { id } }, ctx())) as SliceResult;
        expect(r.done).toBe(true);
        shipped += r.shipped;
      }
      expect(shipped).toBeGreaterThan(0);
      expect((await readLines(fx.outFile)).length).toBe(shipped);

      // finalize with slices left: the report says partial, the plan stays open for the next run
      const fin = await handler({ mode: "finalize", ...run }, ctx());
      expect(fin).toMatchObject({ shipper, runId: run.runId, shipped });
      const report = lines
        .map((l) => JSON.parse(l))
        .find((l) => l.type === "logshipper.run" && l.shipped === shipped);
      expect(report).toMatchObject({ shipper, status: "partial" });
      expect((await store.getSlicePlan(shipper, "LogShipper-state"))?.runId).toBe(run.runId);

      // the lease is released: the next execution resumes the plan with the pending slices only
      const next = (await handler(
        { mode: "plan", shipper, execution: "arn:e2", settings },
        ctx(),
      )) as PlanResult;
      expect(next).toMatchObject({ runId: run.runId, resumed: true, owner: "arn:e2" });
      expect(next.sliceCount).toBeLessThan(plan.sliceCount);
      // a finalize of the old run after the takeover is reported as skipped, not as a failure
      const late = await handler({ mode: "finalize", ...run }, ctx());
      expect(late).toMatchObject({ status: "skipped", shipped: 0 });
    } finally {
      await rm(fx.dir, { recursive: true, force: true });
    }
  });

  it("refuses a plan call without LOGSHIPPER_PLAN_BUCKET, naming the variable", async () => {
    const fx = await backlogFixture(10, { id: "nobucket" });
    try {
      const handler = handlerFor(fx.configPath, [], { LOGSHIPPER_PLAN_BUCKET: "" });
      await expect(handler({ mode: "plan", shipper: "nobucket" }, ctx())).rejects.toThrow(
        /LOGSHIPPER_PLAN_BUCKET is not set/,
      );
      await expect(handler({ mode: "slice", shipper: "nobucket" }, ctx())).rejects.toThrow(
        /event.runId must be a non-empty string/,
      );
    } finally {
      await rm(fx.dir, { recursive: true, force: true });
    }
  });
});
