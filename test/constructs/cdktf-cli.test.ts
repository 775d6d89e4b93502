import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cdktfCliNodeBin } from "../support/node-lines";

const root = join(__dirname, "..", "..");

describe("`npx cdktf synth` at the repository root", () => {
  it("synthesizes the root app (examples/datadog) without a network or a terraform binary", () => {
    const out = mkdtempSync(join(tmpdir(), "logshipper-cdktf-cli-"));
    try {
      const run = spawnSync(join(root, "node_modules", ".bin", "cdktf"), ["synth", "--output", out], {
        cwd: root,
        encoding: "utf8",
        // no terraform on PATH, telemetry off; the CLI must not need either to synthesize. It runs on Node 22 (see
        // cdktfCliNodeBin: its node-pty has no prebuilt binary for Node 24)
        env: {
          PATH: `${cdktfCliNodeBin()}:${join(root, "node_modules", ".bin")}:/usr/bin:/bin`,
          HOME: process.env.HOME,
          CHECKPOINT_DISABLE: "1",
          CI: "1",
        },
        timeout: 120_000,
      });
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/Generated Terraform code for the stacks: logshipper-datadog/);
      const stack = readFileSync(join(out, "stacks", "logshipper-datadog", "cdk.tf.json"), "utf8");
      expect(JSON.parse(stack).resource.aws_lambda_function).toBeDefined();
      expect(stack).not.toContain(root);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
