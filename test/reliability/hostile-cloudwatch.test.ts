import { DeleteLogGroupCommand, type CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { CloudWatchSource as CloudWatchSourceConfig } from "../../generated/config";
import { fromEpochMs, toIso } from "../../src/core/timestamp";
import { createCloudWatchSource } from "../../src/sources/cloudwatch-source";
import { createGroup, motoEndpoint, motoLogs, putEvents, unique } from "../aws/cloudwatch-helpers";
import { tempDir } from "../support/fixtures";
import { CloudWatchFaultProxy, type CloudWatchFaults } from "../support/cloudwatch-fault-proxy";
import { HostileShipper, judge, type Expected } from "./support/hostile-source";

// CloudWatch Logs (moto_server) behind a fault proxy: capped, partial and empty pages while nextToken goes on,
// ThrottlingException in a window (recovered, and for good), a log group deleted or created mid-run, events
// ingested late inside settleDelay. Each scenario ends ok with every event in range exactly once, or fails with
// source-incomplete with every event behind its cursor delivered once.

const MIN = 60_000;
let client: CloudWatchLogsClient;
beforeAll(() => (client = motoLogs()));
afterAll(() => client.destroy());

/** Two groups, 200 events each over 7 minutes 20 minutes ago, in runs of 5 equal timestamps across groups. */
async function seed(now: number): Promise<{ groups: string[]; expected: Expected[] }> {
  const groups = [unique("hostile-a"), unique("hostile-b")];
  const expected: Expected[] = [];
  let n = 0;
  for (const [g, group] of groups.entries()) {
    await createGroup(client, group, ["s1"]);
    const events = Array.from({ length: 200 }, (_, i) => {
      const timestamp = now - 20 * MIN + Math.floor(i / 5) * 10_000 + g;
      expected.push({ n, timestamp: toIso(fromEpochMs(timestamp)) });
      return { timestamp, message: `cw event ${n++}` };
    });
    await putEvents(client, group, "s1", events);
  }
  return { groups, expected };
}

function shipper(dir: string, endpoint: string, source: Partial<CloudWatchSourceConfig>) {
  const config: CloudWatchSourceConfig = {
    type: "cloudwatch",
    region: "us-east-1",
    accessKeyId: "test",
    secretKeyId: "test",
    endpointOverride: endpoint,
    ...source,
  };
  return new HostileShipper(dir, config as unknown as Record<string, unknown>, (_s, ctx) =>
    createCloudWatchSource(config, ctx, {
      backoff: { baseMs: 1, maxMs: 5 },
      maxAttempts: 3,
      maxWindowRecords: 150,
    }),
  );
}

interface Scenario {
  readonly name: string;
  readonly faults: (groups: string[]) => CloudWatchFaults;
  readonly mustFail?: boolean;
  /** Events that may or may not arrive (those of a group deleted mid-run). */
  readonly maybe?: (expected: Expected[]) => number[];
}

const SCENARIOS: Scenario[] = [
  { name: "pages capped at 10 events", faults: () => ({ limit: 10 }) },
  { name: "partial pages (every page split, cap 40)", faults: () => ({ limit: 40, split: () => true }) },
  {
    name: "empty pages while nextToken goes on (every other call)",
    faults: () => ({ limit: 25, empty: (n) => n % 2 === 0 }),
  },
  {
    name: "ThrottlingException mid-window (2 in a row, then every 7th call)",
    faults: () => ({ limit: 30, throttle: (n) => n === 3 || n === 4 || n % 7 === 6 }),
  },
  {
    name: "ThrottlingException for good from the 6th call",
    faults: () => ({ limit: 30, throttle: (n) => n >= 6 }),
    mustFail: true,
  },
  {
    name: "a log group deleted mid-run",
    faults: (groups) => ({
      limit: 40,
      before: async (n) => {
        if (n === 3) await client.send(new DeleteLogGroupCommand({ logGroupName: groups[1] }));
      },
    }),
    maybe: (expected) => expected.slice(200).map((e) => e.n),
  },
];

describe("CloudWatch Logs behind a fault proxy: every event in range once, or source-incomplete", () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir("logshipper-hostile-cw-")));
  afterEach(() => cleanup());

  test.each(SCENARIOS)("$name", async (s) => {
    const now = Date.now();
    const { groups, expected } = await seed(now);
    const proxy = new CloudWatchFaultProxy(motoEndpoint(), s.faults(groups));
    const endpoint = await proxy.listen();
    try {
      const ship = shipper(dir, endpoint, { logGroupNames: groups as [string, ...string[]] });
      const result = await ship.apply(new Date(now));
      const maybe = new Set(s.maybe?.(expected) ?? []);
      judge(
        `hostile-cloudwatch / ${s.name}`,
        `${proxy.injected.throttled} throttled, ${proxy.injected.empty} empty, ${proxy.injected.split} split`,
        result,
        expected.filter((e) => !maybe.has(e.n)),
        { mustFail: s.mustFail, note: `${proxy.calls} FilterLogEvents` },
      );
    } finally {
      await proxy.close();
    }
  });

  test("plan counts the pending events through capped and empty pages (not unknown)", async () => {
    const now = Date.now();
    const { groups, expected } = await seed(now);
    const proxy = new CloudWatchFaultProxy(motoEndpoint(), { limit: 20, empty: (n) => n % 3 === 0 });
    const endpoint = await proxy.listen();
    try {
      const ship = shipper(dir, endpoint, { logGroupNames: groups as [string, ...string[]] });
      const plan = await ship.plan(new Date(now));
      expect(plan.pending).toBe(expected.length);
      const throttled = new CloudWatchFaultProxy(motoEndpoint(), { throttle: () => true });
      const down = await throttled.listen();
      try {
        const failing = await shipper(dir, down, { logGroupNames: groups as [string, ...string[]] }).plan(
          new Date(now),
        );
        expect(failing.drift).toContain("source-incomplete");
        expect(failing.pending).toBeNull();
      } finally {
        await throttled.close();
      }
    } finally {
      await proxy.close();
    }
  });

  test("a log group created mid-run, and events ingested late inside settleDelay, ship once in the next run", async () => {
    const now = Date.now();
    const prefix = unique("hostile-p");
    const first = `${prefix}-1`;
    await createGroup(client, first, ["s1"]);
    const expected: Expected[] = [];
    const put = async (group: string, timestamp: number, n: number) => {
      await putEvents(client, group, "s1", [{ timestamp, message: `cw event ${n}` }]);
      expected.push({ n, timestamp: toIso(fromEpochMs(timestamp)) });
    };
    for (let i = 0; i < 50; i++) await put(first, now - 30 * MIN + i * 1000, i);
    const created = `${prefix}-2`;
    const proxy = new CloudWatchFaultProxy(motoEndpoint(), {
      limit: 10,
      before: async (n) => {
        if (n !== 2) return;
        // mid-run: a new group, and a late event in the old one, both inside the settle window (now − 2 min)
        await createGroup(client, created, ["s1"]);
        for (let i = 0; i < 20; i++) await put(created, now - 60_000 + i * 100, 100 + i);
        await put(first, now - 90_000, 200);
      },
    });
    const endpoint = await proxy.listen();
    try {
      const ship = shipper(dir, endpoint, { logGroupNamePrefix: prefix });
      const run1 = await ship.apply(new Date(now));
      expect(run1.status).toBe("ok");
      expect([...run1.seen.keys()].every((n) => n < 50)).toBe(true);
      const run2 = await ship.apply(new Date(now + 3 * MIN));
      judge(
        "hostile-cloudwatch / group created mid-run, late events inside settleDelay",
        "1 group + 21 late events",
        run2,
        expected,
        { note: `${proxy.calls} FilterLogEvents, 2 runs` },
      );
    } finally {
      await proxy.close();
    }
  });
});
