import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { CreateBucketCommand, GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { LogShipper, LogShipperRuntime } from "../../constructs";
import { DynamoDbStateStore } from "../../src/state/dynamodb-state-store";
import { motoOptions, uniqueName } from "../support/aws";
import { readZip } from "../support/zip";

const run = promisify(execFile);

// what the Lambda runtime does with the deployed archive: require index.js and call index.handler
const INVOKE = `
const { handler } = require(process.env.BUNDLE);
handler(process.env.EVENT ? JSON.parse(process.env.EVENT) : { shipper: process.env.SHIPPER }, { awsRequestId: "r1", getRemainingTimeInMillis: () => 600000 })
  .then((r) => process.stdout.write("RESULT " + JSON.stringify(r) + "\\n"))
  .catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
`;

describe("the deployed reconciler (constructs + the real handler)", () => {
  it("synthesizes an archive whose handler runs the declared shipper: CloudWatch Logs to CloudWatch Logs against moto", async () => {
    const moto = motoOptions();
    const logs = new CloudWatchLogsClient({
      endpoint: moto.endpoint,
      region: moto.region,
      credentials: moto.credentials,
    });
    const source = uniqueName("app-src");
    const target = uniqueName("app-dst");
    await logs.send(new CreateLogGroupCommand({ logGroupName: source }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: source, logStreamName: "s" }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: target }));
    const base = Date.now() - 10 * 60_000;
    const events = [...Array(25).keys()].map((i) => ({
      timestamp: base + i * 1000,
      message: JSON.stringify({
        level: "INFO",
        namespace: "company.team",
        flowId: "f",
        message: `event ${i}`,
      }),
    }));
    await logs.send(new PutLogEventsCommand({ logGroupName: source, logStreamName: "s", logEvents: events }));
    const table = uniqueName("deployed");
    const store = new DynamoDbStateStore({ ...moto, table });
    await store.init();

    const outdir = mkdtempSync(join(tmpdir(), "logshipper-deployed-"));
    try {
      const app = Testing.app({ outdir });
      const stack = new TerraformStack(app, "deployed");
      new AwsProvider(stack, "aws", { region: "us-east-1" });
      const runtime = new LogShipperRuntime(stack, "Runtime"); // the real src/lambda/handler.ts
      new LogShipper(stack, "App", {
        runtime,
        id: "app",
        source: { type: "cloudwatch", region: "us-east-1", logGroupNames: [source] },
        schedule: "@hourly",
        logExporters: [
          {
            id: "cw",
            type: "cloudwatch",
            region: "us-east-1",
            logGroupName: target,
            logStreamName: "shipped",
          },
        ],
      });
      app.synth();
      const fn = JSON.parse(readFileSync(join(outdir, "stacks", "deployed", "cdk.tf.json"), "utf8")).resource
        .aws_lambda_function.Runtime_99E3DDFA;
      const archive = join(outdir, "stacks", "deployed", fn.filename);
      const files = readZip(readFileSync(archive as string));
      expect([...files.keys()].sort()).toEqual(["index.js", "logshipper.config.json"]);
      const code = mkdtempSync(join(outdir, "code-"));
      for (const [name, content] of files) writeFileSync(join(code, name), content);

      const { stdout } = await run(process.execPath, ["-e", INVOKE], {
        cwd: code,
        env: {
          PATH: process.env.PATH,
          BUNDLE: join(code, "index.js"),
          SHIPPER: "app",
          NODE_PATH: join(__dirname, "..", "..", "node_modules"), // where Lambda's runtime keeps the AWS SDK
          AWS_ENDPOINT_URL: moto.endpoint,
          AWS_REGION: "us-east-1",
          AWS_ACCESS_KEY_ID: "test",
          AWS_SECRET_ACCESS_KEY: "test",
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
          AWS_LAMBDA_FUNCTION_NAME: "logshipper-reconciler",
          LOGSHIPPER_STATE_TABLE: table,
        },
      });
      const result = JSON.parse((stdout.split("\n").find((l) => l.startsWith("RESULT ")) as string).slice(7));
      expect(result).toEqual({ hop: 0, shippers: [{ id: "app", status: "ok", shipped: 25, rejected: 0 }] });
      const shipped = await logs.send(
        new GetLogEventsCommand({ logGroupName: target, logStreamName: "shipped", startFromHead: true }),
      );
      expect(shipped.events?.map((e) => JSON.parse(e.message as string).message)).toEqual(
        events.map((_, i) => `event ${i}`),
      );
    } finally {
      await store.close();
      logs.destroy();
      rmSync(outdir, { recursive: true, force: true });
    }
  });
  it("with scaleOut, the archive's handler answers the state machine's Plan call: the slice list in the plan bucket", async () => {
    const moto = motoOptions();
    const logs = new CloudWatchLogsClient({
      endpoint: moto.endpoint,
      region: moto.region,
      credentials: moto.credentials,
    });
    const s3 = new S3Client({
      endpoint: moto.endpoint,
      region: moto.region,
      credentials: moto.credentials,
      forcePathStyle: true,
    });
    const source = uniqueName("scaled-src");
    await logs.send(new CreateLogGroupCommand({ logGroupName: source }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: source, logStreamName: "s" }));
    const bucket = uniqueName("plans");
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const table = uniqueName("deployed-scaled");
    const store = new DynamoDbStateStore({ ...moto, table });
    await store.init();
    const outdir = mkdtempSync(join(tmpdir(), "logshipper-deployed-"));
    try {
      const app = Testing.app({ outdir });
      const stack = new TerraformStack(app, "deployed");
      new AwsProvider(stack, "aws", { region: "us-east-1" });
      const runtime = new LogShipperRuntime(stack, "Runtime");
      new LogShipper(stack, "App", {
        runtime,
        id: "scaled",
        source: { type: "cloudwatch", region: "us-east-1", logGroupNames: [source] },
        lookbackPeriod: "PT6H",
        schedule: "@hourly",
        logExporters: [
          {
            id: "cw",
            type: "cloudwatch",
            region: "us-east-1",
            logGroupName: uniqueName("dst"),
            logStreamName: "s",
          },
        ],
        scaleOut: {},
      });
      app.synth();
      const tf = JSON.parse(readFileSync(join(outdir, "stacks", "deployed", "cdk.tf.json"), "utf8")).resource;
      const fn = tf.aws_lambda_function.Runtime_99E3DDFA;
      expect(Object.keys(fn.environment.variables)).toContain("LOGSHIPPER_PLAN_BUCKET");
      // the Plan call exactly as the synthesized definition makes it
      const definition = JSON.parse(
        (Object.values(tf.aws_sfn_state_machine)[0] as { definition: string }).definition,
      );
      const { "execution.$": _path, ...payload } = definition.States.Plan.Parameters.Payload;
      const event = { ...payload, execution: "arn:aws:states:us-east-1:123456789012:execution:sm:run-1" };
      const files = readZip(readFileSync(join(outdir, "stacks", "deployed", fn.filename)));
      const code = mkdtempSync(join(outdir, "code-"));
      for (const [name, content] of files) writeFileSync(join(code, name), content);

      const { stdout } = await run(process.execPath, ["-e", INVOKE], {
        cwd: code,
        env: {
          PATH: process.env.PATH,
          BUNDLE: join(code, "index.js"),
          EVENT: JSON.stringify(event),
          NODE_PATH: join(__dirname, "..", "..", "node_modules"),
          AWS_ENDPOINT_URL: moto.endpoint,
          AWS_REGION: "us-east-1",
          AWS_ACCESS_KEY_ID: "test",
          AWS_SECRET_ACCESS_KEY: "test",
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
          AWS_LAMBDA_FUNCTION_NAME: "logshipper-reconciler",
          LOGSHIPPER_STATE_TABLE: table,
          LOGSHIPPER_PLAN_BUCKET: bucket,
        },
      });
      const result = JSON.parse((stdout.split("\n").find((l) => l.startsWith("RESULT ")) as string).slice(7));
      // CloudWatch cannot count: six hours in one-hour slices, CloudWatch's concurrency of 4
      expect(result).toMatchObject({
        shipper: "scaled",
        owner: event.execution,
        sliceCount: expect.any(Number),
        maxConcurrency: 4,
        planBucket: bucket,
        planKey: expect.stringMatching(/^scale-out\/scaled\/plans\/r[0-9a-f-]+\/slices\.json$/),
      });
      expect(result.sliceCount).toBeGreaterThanOrEqual(6);
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: result.planKey }));
      const items = JSON.parse(
        await (object.Body as { transformToString(): Promise<string> }).transformToString(),
      );
      expect(items).toHaveLength(result.sliceCount);
      expect(items[0]).toEqual({ id: "s0000" });
      expect((await store.getSlicePlan("scaled", "LogShipper-state"))?.runId).toBe(result.runId);
    } finally {
      await store.close();
      logs.destroy();
      s3.destroy();
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
