import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { App, TerraformStack } from "cdktf";
import { CloudWatchExampleStack } from "../../examples/cloudwatch/main";
import { DatadogExampleStack } from "../../examples/datadog/main";
import { GitOpsExampleStack } from "../../examples/gitops/main";
import { KestraFlowExampleStack } from "../../examples/kestra-flow/main";
import { readZip } from "../support/zip";
import { ConstructsSandbox } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/build.js is CommonJS (typed in build.d.ts)
const { bundleLambda } = require("../../scripts/build.js") as typeof import("../../scripts/build");

const REPO = resolve(__dirname, "..", "..");
const sandbox = new ConstructsSandbox();
afterAll(() => sandbox.cleanup());

const EXAMPLES: Array<[string, (app: App) => TerraformStack]> = [
  ["datadog", (app) => new DatadogExampleStack(app, "logshipper-datadog")],
  ["cloudwatch", (app) => new CloudWatchExampleStack(app, "logshipper-cloudwatch")],
  ["kestra-flow", (app) => new KestraFlowExampleStack(app, "logshipper-kestra-flow")],
  [
    "gitops",
    (app) =>
      new GitOpsExampleStack(app, "logshipper-gitops", {
        stateBucket: "my-terraform-state",
        region: "eu-west-1",
        kestraUrl: "https://kestra.example.com",
      }),
  ],
];

/** Synthesizes like `npx tsx examples/<name>/main.ts` does, into the sandbox; returns the stack directory. */
function synthesize(build: (app: App) => TerraformStack, app = sandbox.app()): string {
  const stack = build(app);
  app.synth();
  return join(app.outdir, "stacks", stack.node.id);
}

describe("examples", () => {
  it.each(EXAMPLES)(
    "%s synthesizes offline to the same Terraform JSON (asset hash masked)",
    (_name, build) => {
      const dir = synthesize(build);
      const text = readFileSync(join(dir, "cdk.tf.json"), "utf8");
      expect(text).not.toContain(REPO);
      expect(text).not.toContain(tmpdir());
      expect(text.replace(/\b[0-9A-F]{32}\b/g, "<ASSET_HASH>")).toMatchSnapshot();
    },
  );

  it("the kestra-flow bundle runs (import.meta.url included), and the runtime's loader accepts its config", async () => {
    // a handler that does what the real one starts with: load the bundled config with the runtime's loader, bundled
    // the way dist/lambda/index.js is
    const build = new ConstructsSandbox();
    const entry = join(build.root, "loader.ts");
    writeFileSync(
      entry,
      `import { createRequire } from "node:module";
import { join } from "node:path";
import { loadConfigFile } from ${JSON.stringify(join(REPO, "src", "config", "load"))};
// like fdir (under tinyglobby): ESM code that needs import.meta.url once bundled to CommonJS
const requireHere = createRequire(import.meta.url);
export async function handler(): Promise<unknown> {
  requireHere("node:fs");
  const config = await loadConfigFile(process.env.LOGSHIPPER_CONFIG_PATH ?? join(__dirname, "logshipper.config.json"));
  return { kind: config.kind, shippers: config.shippers.map((s) => [s.id, s.schedule, s.exporters.map((e) => e.type)]) };
}
`,
    );
    const { file } = await bundleLambda(join(build.root, "bundle"), { entry });
    const loader = new ConstructsSandbox(readFileSync(file));
    build.cleanup();
    try {
      const dir = synthesize(
        (app) => new KestraFlowExampleStack(app, "logshipper-kestra-flow"),
        loader.app(),
      );
      const fn = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")).resource.aws_lambda_function
        .Runtime_99E3DDFA as { filename: string };
      const task = join(loader.root, "var-task");
      mkdirSync(task);
      for (const [name, content] of readZip(readFileSync(join(dir, fn.filename))))
        writeFileSync(join(task, name), content);
      const run = spawnSync(
        process.execPath,
        ["-e", `require("./index.js").handler({}).then((r) => console.log(JSON.stringify(r)))`],
        { cwd: task, encoding: "utf8", env: { PATH: process.env.PATH } },
      );
      expect(run.stderr).toBe("");
      expect(JSON.parse(run.stdout)).toEqual({
        kind: "native",
        shippers: [["company.team.log_shipper.log_export", "@daily", ["cloudwatch"]]],
      });
    } finally {
      loader.cleanup();
    }
  });
});
