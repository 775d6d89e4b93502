import { rm } from "node:fs/promises";
import { loadConfigFile } from "../../src/config/load";
import type { ResolvedShipper } from "../../src/config/model";
import { runApply } from "../../src/reconcile/reconciler";
import { EnvSecretResolver } from "../../src/secrets/env-secret-resolver";
import { FileDeadLetter } from "../../src/shipping/dead-letter";
import { createSource, type SourceContext } from "../../src/sources/registry";
import { DynamoDbStateStore } from "../../src/state/dynamodb-state-store";
import { motoOptions, uniqueName } from "../support/aws";
import { backlogFixture, readLines } from "../support/lambda";

describe("two concurrent applies on one DynamoDB table (moto)", () => {
  it("lets exactly one ship while the other is skipped; every record is shipped once", async () => {
    const fx = await backlogFixture(500);
    const table = uniqueName("contention");
    const setup = new DynamoDbStateStore({ ...motoOptions(), table });
    await setup.init();
    try {
      const config = await loadConfigFile(fx.configPath);
      // two "processes": separate stores (and SDK clients) on the same table
      const stores = [0, 1].map(() => new DynamoDbStateStore({ ...motoOptions(), table }));
      // the run that wins the lease holds it (before reading its source) until the other run has returned
      let release!: () => void;
      const otherReturned = new Promise<void>((resolve) => (release = resolve));
      const gated = async (shipper: ResolvedShipper, context: SourceContext) => {
        await otherReturned;
        return createSource(shipper.source, context);
      };
      const runs = stores.map((state, i) =>
        runApply(config, {
          state,
          secrets: new EnvSecretResolver({}),
          deadLetter: new FileDeadLetter(`${fx.dir}/dead-letter`),
          now: new Date(),
          owner: `run-${i}`,
          createSource: gated,
        }),
      );
      const first = await Promise.race(runs);
      release();
      const results = await Promise.all(runs);
      const statuses = results.map((r) => r.report.shippers[0]?.status).sort();
      expect(statuses).toEqual(["ok", "skipped"]);
      expect(first.report.shippers[0]?.status).toBe("skipped");
      const skipped = first.report;
      expect(skipped.drift).toEqual([
        expect.objectContaining({ kind: "locked", message: expect.stringMatching(/locked by run run-[01]/) }),
      ]);
      const shipped = results.reduce(
        (n, r) => n + (r.report.shippers[0]?.exporters ?? []).reduce((m, e) => m + e.shipped, 0),
        0,
      );
      expect(shipped).toBe(500);
      expect(await readLines(fx.outFile)).toEqual(fx.lines);
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await setup.close();
      await rm(fx.dir, { recursive: true, force: true });
    }
  });
});
