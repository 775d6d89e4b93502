import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import {
  createGroup,
  kestraEntry,
  motoEndpoint,
  motoLogs,
  readAll,
  tempDir,
  unique,
} from "../aws/cloudwatch-helpers";

const run = promisify(execFile);
const ROOT = resolve(__dirname, "../..");
const FLOW = "examples/kestra/cloudwatch-flow.yaml";

/**
 * The CloudWatch flow of Kestra's LogShipper docs, unchanged, applied by the CLI (`node dist/cli.js`) as a child
 * process: secrets come from SECRET_* (base64, Kestra OSS convention) and the endpoint from AWS_ENDPOINT_URL, both
 * only in the child's environment.
 */
describe("Kestra docs CloudWatch flow, end to end through the CLI", () => {
  let client: CloudWatchLogsClient;
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(() => {
    client = motoLogs();
  });
  afterAll(() => client.destroy());
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  async function apply(): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = {
      ...process.env,
      AWS_ENDPOINT_URL: motoEndpoint(),
      SECRET_AWS_ACCESS_KEY_ID: Buffer.from("test").toString("base64"),
      SECRET_AWS_SECRET_KEY_ID: Buffer.from("test").toString("base64"),
    };
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        [
          "dist/cli.js",
          "apply",
          "--config",
          FLOW,
          "--source",
          `file:${join(dir, "logs")}/*.jsonl`,
          "--var",
          "region=us-east-1",
          "--state",
          join(dir, "state"),
          "--dead-letter",
          join(dir, "dead"),
          "--json",
        ],
        { cwd: ROOT, env },
      );
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
    }
  }

  test("every INFO-and-above record arrives in log group kestra exactly once, across two applies", async () => {
    await createGroup(client, "kestra").catch((err: { name?: string }) => {
      if (err.name !== "ResourceAlreadyExistsException") throw err;
    });
    const runId = unique("run");
    const start = Date.now() - 6 * 3_600_000;
    const levels = ["INFO", "DEBUG", "WARN", "INFO", "ERROR", "TRACE"];
    const entries = Array.from({ length: 300 }, (_, i) =>
      // equal timestamps in pairs, as Kestra logs often have
      kestraEntry(start + Math.floor(i / 2) * 1000, i, {
        level: levels[i % levels.length] as string,
        message: `${runId} ${i}`,
      }),
    );
    await mkdir(join(dir, "logs"), { recursive: true });
    await writeFile(
      join(dir, "logs", "kestra.jsonl"),
      entries.map((e) => JSON.stringify(e)).join("\n") + "\n",
    );
    const expected = entries.filter((e) => !["DEBUG", "TRACE"].includes(e.level)).map((e) => e.message);

    const first = await apply();
    expect(first.stderr).not.toContain("Error");
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.shippers[0].id).toBe("company.team.log_shipper.log_export");
    expect(report.shippers[0].exporters[0]).toMatchObject({
      id: "aws_cloudwatch",
      status: "ok",
      shipped: 200,
    });

    const second = await apply();
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).shippers[0].exporters[0]).toMatchObject({ status: "ok", shipped: 0 });

    const mine = (await readAll(client, "kestra"))
      .filter((e) => e.logStreamName === "kestra-log-stream")
      .map((e) => JSON.parse(e.message as string) as { message: string })
      .filter((m) => m.message.startsWith(`${runId} `))
      .map((m) => m.message);
    expect(mine.sort()).toEqual([...expected].sort());
  });
});
