import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { DynamoDbStateStore } from "../../src/state/dynamodb-state-store";
import { motoOptions, uniqueName } from "../support/aws";
import { backlogFixture, readLines } from "../support/lambda";

const run = promisify(execFile);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundleLambda } = require("../../scripts/build.js") as {
  bundleLambda(outdir: string): Promise<{ file: string; bytes: number }>;
};

// what the Lambda runtime does: require the handler, call it with an event and a context
const INVOKE = `
const { handler } = require(process.env.BUNDLE);
handler({ shipper: "billing" }, { awsRequestId: "r1", getRemainingTimeInMillis: () => 600000 })
  .then((r) => process.stdout.write("RESULT " + JSON.stringify(r) + "\\n"))
  .catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
`;

describe("the Lambda bundle (bundleLambda, run as Lambda would)", () => {
  it("loads the AWS SDK with require() through NODE_PATH and ships a backlog against moto", async () => {
    const out = await mkdtemp(join(tmpdir(), "ls-bundle-"));
    const fx = await backlogFixture(80);
    const table = uniqueName("bundle");
    const store = new DynamoDbStateStore({ ...motoOptions(), table });
    await store.init();
    try {
      const { file, bytes } = await bundleLambda(out);
      expect(file).toBe(join(out, "index.js"));
      expect(bytes).toBeGreaterThan(0);
      const code = await readFile(file, "utf8");
      // no ESM import() of the SDK left: Lambda's NODE_PATH only helps require()
      expect(code).not.toMatch(/import\(\s*["']@aws-sdk/);
      expect(code).toMatch(/require\(["']@aws-sdk\/client-dynamodb["']\)/);

      const { stdout } = await run(process.execPath, ["-e", INVOKE], {
        cwd: out, // outside the repository: only NODE_PATH finds the SDK, as /var/runtime/node_modules in Lambda
        env: {
          PATH: process.env.PATH,
          BUNDLE: file,
          NODE_PATH: join(__dirname, "..", "..", "node_modules"),
          AWS_ENDPOINT_URL: motoOptions().endpoint,
          AWS_REGION: "us-east-1",
          AWS_ACCESS_KEY_ID: "test",
          AWS_SECRET_ACCESS_KEY: "test",
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
          AWS_LAMBDA_FUNCTION_NAME: "logshipper-reconciler",
          LOGSHIPPER_CONFIG_PATH: fx.configPath,
          LOGSHIPPER_STATE_TABLE: table,
        },
      });
      const lines = stdout.split("\n").filter((l) => l !== "");
      const result = JSON.parse((lines.find((l) => l.startsWith("RESULT ")) as string).slice(7));
      expect(result).toEqual({
        hop: 0,
        shippers: [{ id: "billing", status: "ok", shipped: 80, rejected: 0 }],
      });
      expect(JSON.parse(lines[0] as string)).toMatchObject({
        type: "logshipper.run",
        status: "ok",
        shipped: 80,
      });
      expect(lines.filter((l) => l.startsWith('{"_aws"'))).toHaveLength(2);
      expect(await readLines(fx.outFile)).toEqual(fx.lines);
      await expect(
        store.get({ shipper: "billing", offsetKey: "LogShipper-state", exporter: "archive" }),
      ).resolves.toMatchObject({ shipped: 80 });
    } finally {
      await store.close();
      await rm(out, { recursive: true, force: true });
      await rm(fx.dir, { recursive: true, force: true });
    }
  });
});
