import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { motoOptions, uniqueName } from "../support/aws";
import { backlogFixture, readLines } from "../support/lambda";

const run = promisify(execFile);
const CLI = join(__dirname, "..", "..", "dist", "cli.js");

/** Runs the CLI bundle with AWS_ENDPOINT_URL pointing at moto in the child's environment only. */
async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ENDPOINT_URL: motoOptions().endpoint,
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("logshipper CLI with --state dynamodb:// (moto, child process)", () => {
  it("state init creates the table; apply ships and commits there; state list/show/set-offset/rm work on it", async () => {
    const fx = await backlogFixture(120);
    const state = `dynamodb://${uniqueName("cli-offsets")}`;
    try {
      const init = await cli(["state", "init", "--state", state], fx.dir);
      expect(init).toMatchObject({ code: 0, stderr: "" });
      expect(init.stdout).toMatch(
        /^Created DynamoDB table cli-offsets-\S+ \(partition key shipper, sort key item, on-demand\)\.\n$/,
      );
      expect((await cli(["state", "init", "--state", state], fx.dir)).stdout).toMatch(/already exists/);

      const plan = await cli(["plan", "-c", fx.configPath, "--state", state, "--json"], fx.dir);
      expect(plan.code).toBe(0);
      expect(JSON.parse(plan.stdout)).toMatchObject({
        state,
        shippers: [{ id: "billing", exporters: [{ pending: 120 }] }],
      });

      const apply = await cli(["apply", "-c", fx.configPath, "--state", state, "--json"], fx.dir);
      expect(apply.stderr).toBe("");
      expect(apply.code).toBe(0);
      const report = JSON.parse(apply.stdout);
      expect(report).toMatchObject({
        state,
        shippers: [{ id: "billing", status: "ok", exporters: [{ shipped: 120 }] }],
      });
      expect(await readLines(fx.outFile)).toEqual(fx.lines);

      // a second apply finds nothing new: the offset is in DynamoDB
      const again = await cli(["apply", "-c", fx.configPath, "--state", state, "--json"], fx.dir);
      expect(JSON.parse(again.stdout).shippers[0].exporters[0].shipped).toBe(0);

      const list = await cli(["state", "list", "--state", state], fx.dir);
      expect(list.stdout).toMatch(/billing\s+LogShipper-state\s+archive\s+\S+\s+\S+\s+120\s+0/);
      const show = JSON.parse(
        (await cli(["state", "show", "billing", "archive", "--state", state], fx.dir)).stdout,
      );
      expect(show).toEqual([
        expect.objectContaining({ shipper: "billing", offsetKey: "LogShipper-state", exporter: "archive" }),
      ]);
      const set = await cli(
        ["state", "set-offset", "billing", "archive", "--to", "2020-01-01T00:00:00Z", "--state", state],
        fx.dir,
      );
      expect(set.stdout).toMatch(
        /^Set billing\/LogShipper-state\/archive to 2020-01-01T00:00:00\.000Z \(was /,
      );
      const rm1 = await cli(["state", "rm", "billing", "--state", state], fx.dir);
      expect(rm1.stdout).toBe("Removed 1 offset: billing/LogShipper-state/archive\n");
      expect((await cli(["state", "list", "--state", state], fx.dir)).stdout).toBe("No offsets stored.\n");
    } finally {
      await rm(fx.dir, { recursive: true, force: true });
    }
  });

  it("plan --secrets aws-secrets-manager reports a missing secret as drift; a bad --state names the problem", async () => {
    const prefix = uniqueName("cli");
    const { endpoint, region, credentials } = motoOptions();
    const sm = new SecretsManagerClient({ endpoint, region, credentials });
    await sm.send(new CreateSecretCommand({ Name: `${prefix}/PRESENT`, SecretString: "present-value-123" }));
    sm.destroy();
    const fx = await backlogFixture(3, {
      logExporters: [
        { id: "a", type: "file", path: "./out/a.jsonl", logFilePrefix: "{{ secret('PRESENT') }}" },
        { id: "b", type: "file", path: "./out/b.jsonl", logFilePrefix: "{{ secret('ABSENT') }}" },
      ],
    });
    const state = `dynamodb://${uniqueName("cli-plan")}`;
    try {
      await cli(["state", "init", "--state", state], fx.dir);
      const plan = await cli(
        [
          "plan",
          "-c",
          fx.configPath,
          "--state",
          state,
          "--secrets",
          `aws-secrets-manager:${prefix}`,
          "--json",
        ],
        fx.dir,
      );
      expect(plan.code).toBe(0);
      const drift = JSON.parse(plan.stdout).drift.filter(
        (d: { kind: string }) => d.kind === "secret-unresolvable",
      );
      expect(drift).toEqual([
        expect.objectContaining({
          exporter: "b",
          message: expect.stringContaining(`${prefix}/ABSENT does not exist`),
        }),
      ]);
      expect(plan.stdout).not.toContain("present-value-123");

      const bad = await cli(["state", "list", "--state", "dynamodb://x"], fx.dir);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/^Error: --state dynamodb:\/\/x: expected dynamodb:\/\/TABLE\[\?region=R\]/);
    } finally {
      await rm(fx.dir, { recursive: true, force: true });
    }
  });
});
