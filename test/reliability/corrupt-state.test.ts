import { readFileSync, statSync, writeFileSync } from "node:fs";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { join } from "node:path";
import { entries, tempDir, writeJsonl } from "../support/fixtures";
import { run } from "./support/child";
import { NOW, T0 } from "./support/data";
import { createStateTable, dynamoClient, dynamoEnv, getOffsetItem, putItem } from "./support/aws";
import { recordResult } from "./support/results";

// Corrupt state: a truncated state file, garbage, an empty file, a document of the wrong shape, another
// shipper's document. Each gives one clear error (exit 1, the file named, no stack trace), and nothing is
// overwritten until an explicit `logshipper state` command repairs it.

const STACK = /\n\s+at .+:\d+/;

describe("corrupt state", () => {
  let dir: string;
  let cleanup: () => void;
  let config: string;
  let good: string;
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir("logshipper-corrupt-"));
    writeJsonl(join(dir, "logs", "a.jsonl"), entries(500, T0));
    config = join(dir, "c.yaml");
    writeFileSync(
      config,
      `shippers:
  - id: app
    source: { type: file, path: "logs/*.jsonl" }
    logExporters:
      - { id: out, type: file, path: out/out.jsonl }
`,
    );
    const first = await run(["apply", "-c", config, "--state", join(dir, "seed"), "--now", NOW], {
      cwd: dir,
    });
    expect(first.code).toBe(0);
    good = readFileSync(join(dir, "seed", "app.json"), "utf8");
  });
  afterAll(() => cleanup());

  const doc = JSON.parse;
  const cases: Array<{ name: string; content: () => string | Buffer; reason: RegExp }> = [
    {
      name: "truncated",
      content: () => good.slice(0, Math.floor(good.length / 2)),
      reason: /not valid JSON/,
    },
    { name: "empty", content: () => "", reason: /the file is empty \(truncated\?\)/ },
    {
      name: "garbage bytes",
      content: () => Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37, 0x80, 0xc3, 0x28, 0x0a]),
      reason: /not valid JSON/,
    },
    { name: "a JSON array", content: () => "[1, 2, 3]\n", reason: /wrong shape at \// },
    {
      name: "a cursor that is a number",
      content: () => {
        const d = doc(good);
        (Object.values(d.offsets)[0] as { cursor: unknown }).cursor = 12345;
        return JSON.stringify(d);
      },
      reason: /wrong shape at \/offsets\/LogShipper-state~1out\/cursor/,
    },
    {
      name: "a negative shipped count",
      content: () => {
        const d = doc(good);
        (Object.values(d.offsets)[0] as { shipped: number }).shipped = -3;
        return JSON.stringify(d);
      },
      reason: /wrong shape at \/offsets\/LogShipper-state~1out\/shipped/,
    },
    {
      name: "an unknown version",
      content: () => JSON.stringify({ ...doc(good), version: 2 }),
      reason: /wrong shape at \/version/,
    },
    {
      name: "another shipper's document",
      content: () => JSON.stringify({ ...doc(good), shipper: "other" }),
      reason: /it belongs to shipper "other"/,
    },
  ];

  it.each(cases)(
    "$name: apply, plan and state list exit 1 with a clear message and change nothing",
    async (c) => {
      const state = join(dir, `state-${c.name.replace(/\W+/g, "-")}`);
      await run(["apply", "-c", config, "--state", state, "--now", "2026-11-25T07:00:00Z"], { cwd: dir });
      const file = join(state, "app.json");
      const content = c.content();
      writeFileSync(file, content);
      const mtime = statSync(file).mtimeMs;
      const commands = [
        ["apply", "-c", config, "--state", state, "--now", NOW],
        ["plan", "-c", config, "--state", state, "--now", NOW],
        ["state", "list", "--state", state],
        ["state", "show", "app", "--state", state],
      ];
      const outputs = await Promise.all(commands.map((args) => run(args, { cwd: dir })));
      for (const [i, r] of outputs.entries()) {
        expect({ args: commands[i]?.[0], code: r.code }).toEqual({ args: commands[i]?.[0], code: 1 });
        expect(r.stderr).toMatch(
          new RegExp(`^Error: state ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is unreadable: `),
        );
        expect(r.stderr).toMatch(c.reason);
        expect(r.stderr).toMatch(/Nothing was changed; .*logshipper state rm/);
        expect(r.stderr).not.toMatch(STACK);
        expect(r.stdout).toBe("");
      }
      expect(readFileSync(file)).toEqual(Buffer.from(content));
      expect(statSync(file).mtimeMs).toBe(mtime);
      // the explicit repair: remove the shipper's state, then apply starts over from the lookback
      const rm = await run(["state", "rm", "app", "--all", "--state", state], { cwd: dir });
      expect(rm).toMatchObject({ code: 0, stdout: "Removed every offset of app.\n" });
      const again = await run(["apply", "-c", config, "--state", state, "--now", NOW], { cwd: dir });
      expect(again.code).toBe(0);
      recordResult({
        scenario: `corrupt state: file, ${c.name}`,
        faults: "state file replaced",
        note: `apply, plan, state list and show exit 1, the file untouched: "${/is unreadable: ([^.(]*)/.exec(outputs[0]?.stderr ?? "")?.[1]?.trim()}"`,
      });
    },
  );

  it("a garbage lock file is treated as stale and replaced (it guards nothing once unreadable)", async () => {
    const state = join(dir, "state-lock");
    await run(["apply", "-c", config, "--state", state, "--now", "2026-11-25T07:00:00Z"], { cwd: dir });
    writeFileSync(join(state, "app.lock"), "\u0000garbage");
    const r = await run(["apply", "-c", config, "--state", state, "--now", NOW], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/shipped 500/);
  });

  it("DynamoDB: an offset item of the wrong shape gives a clear error and is not overwritten", async () => {
    const client = dynamoClient();
    const table = `corrupt-${Date.now()}`;
    const env = dynamoEnv();
    const state = `dynamodb://${table}`;
    try {
      await createStateTable(client, table);
      const seed = await run(["apply", "-c", config, "--state", state, "--now", "2026-11-25T07:00:00Z"], {
        cwd: dir,
        env,
      });
      expect(seed.stderr).toBe("");
      const wrongShapes: Array<[string, (item: Record<string, AttributeValue>) => void]> = [
        ["a cursor that is a string", (item) => (item.cursor = { S: "2026-11-25T08:00:00Z" })],
        ["a shipped count that is a string", (item) => (item.shipped = { S: "many" })],
        ["no cursor", (item) => delete item.cursor],
      ];
      for (const [name, damage] of wrongShapes) {
        const item: Record<string, AttributeValue> = {
          shipper: { S: "app" },
          item: { S: "offset#LogShipper-state#out" },
          offsetKey: { S: "LogShipper-state" },
          exporter: { S: "out" },
          cursor: { M: { ts: { S: "2026-11-25T07:59:59.000000000Z" }, key: { S: "" } } },
          updatedAt: { S: "2026-11-25T07:00:00.000Z" },
          configHash: { S: "x" },
          shipped: { N: "0" },
          rejected: { N: "0" },
        };
        damage(item);
        await putItem(client, table, item);
        for (const args of [
          ["apply", "-c", config, "--state", state, "--now", NOW],
          ["plan", "-c", config, "--state", state, "--now", NOW],
          ["state", "list", "--state", state],
        ]) {
          const r = await run(args, { cwd: dir, env });
          expect({ name, args: args[0], code: r.code }).toEqual({ name, args: args[0], code: 1 });
          expect(r.stderr).toMatch(new RegExp(`^Error: state dynamodb://${table}.* is unreadable: `));
          expect(r.stderr).not.toMatch(STACK);
        }
        expect(await getOffsetItem(client, table, "app", "LogShipper-state", "out")).toEqual(item);
        recordResult({
          scenario: `corrupt state: DynamoDB, ${name}`,
          faults: "offset item replaced",
          note: "apply/plan/state list exit 1, item untouched",
        });
      }
      const rm = await run(["state", "rm", "app", "--all", "--state", state], { cwd: dir, env });
      expect(rm.code).toBe(0);
      const again = await run(["apply", "-c", config, "--state", state, "--now", NOW], { cwd: dir, env });
      expect(again.code).toBe(0);
    } finally {
      client.destroy();
    }
  });
});
