import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SchedulerScheduleGroup } from "@cdktf/provider-aws/lib/scheduler-schedule-group";
import { TerraformStack, Testing } from "cdktf";
import {
  DEFAULT_HANDLER_BUNDLE,
  LogShipper,
  LogShipperRuntime,
  type LogShipperRuntimeProps,
} from "../../constructs";
import { readZip } from "../support/zip";
import {
  ConstructsSandbox,
  DATADOG_SHIPPER,
  PLACEHOLDER_HANDLER,
  resourceOf,
  resources,
  statements,
  synth,
  type Synthesized,
} from "./helpers";

const sandbox = new ConstructsSandbox();
afterAll(() => sandbox.cleanup());

const DATADOG = DATADOG_SHIPPER;

function runtimeStack(props: LogShipperRuntimeProps = {}): {
  stack: TerraformStack;
  runtime: LogShipperRuntime;
} {
  const stack = sandbox.stack();
  const runtime = new LogShipperRuntime(stack, "Runtime", props);
  new LogShipper(stack, "Datadog", { runtime, ...DATADOG });
  return { stack, runtime };
}

describe("LogShipperRuntime", () => {
  const { stack, runtime } = runtimeStack();
  const json = Testing.synth(stack, true);
  const out = JSON.parse(json) as Synthesized;

  it("creates the offsets table with the contract's keys, on demand, with point-in-time recovery", () => {
    expect(json).toHaveResourceWithProperties(DynamodbTable, {
      name: "test-Runtime-offsets",
      billing_mode: "PAY_PER_REQUEST",
      hash_key: "shipper",
      range_key: "item",
      attribute: [
        { name: "shipper", type: "S" },
        { name: "item", type: "S" },
      ],
      point_in_time_recovery: { enabled: true },
      deletion_protection_enabled: true,
    });
    expect(Object.keys(resources(out, "aws_dynamodb_table"))).toHaveLength(1);
  });

  it("creates the reconciler on nodejs24.x/arm64, its code hash following the archive", () => {
    const fn = resourceOf(out, runtime.function);
    expect(fn).toEqual(
      expect.objectContaining({
        function_name: "test-Runtime",
        runtime: "nodejs24.x",
        architectures: ["arm64"],
        handler: "index.handler",
        memory_size: 512,
        timeout: 300,
        role: "${aws_iam_role.Runtime_Role_B1E00E07.arn}",
        depends_on: ["aws_cloudwatch_log_group.Runtime_LogGroup_02F9C482"],
      }),
    );
    const hash = fn.source_code_hash as string;
    expect(hash).toMatch(/^[0-9A-F]{32}$/);
    expect(fn.filename).toBe(`assets/Runtime_Code_5E7CDC2C/${hash}/archive.zip`);
  });

  it("lets continuations self-invoke past Lambda's recursive-loop detection (LOGSHIPPER_MAX_HOPS bounds them)", () => {
    expect(Object.values(resources(out, "aws_lambda_function_recursion_config"))).toEqual([
      expect.objectContaining({
        function_name: "${aws_lambda_function.Runtime_99E3DDFA.function_name}",
        recursive_loop: "Allow",
      }),
    ]);
  });

  it("passes the contract's environment variables", () => {
    const fn = resourceOf(out, runtime.function);
    expect(fn.environment).toEqual({
      variables: {
        LOGSHIPPER_STATE_TABLE: "${aws_dynamodb_table.Runtime_Table_56D12B09.name}",
        LOGSHIPPER_SECRET_PREFIX: "logshipper",
        LOGSHIPPER_DEAD_LETTER_BUCKET: "${aws_s3_bucket.Runtime_DeadLetterBucket_720D156B.bucket}",
        LOGSHIPPER_SAFETY_MARGIN_MS: "30000",
        LOGSHIPPER_MAX_HOPS: "20",
      },
    });
  });

  it("creates its log group with the retention", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: "/aws/lambda/test-Runtime",
      retention_in_days: 30,
    });
  });

  it("gives its role the basic execution permissions on its own log group only, and self-invoke", () => {
    const role = resourceOf(out, runtime.role);
    expect(statements(role.assume_role_policy)).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "lambda.amazonaws.com" },
        Action: ["sts:AssumeRole"],
      },
    ]);
    expect(role.name_prefix).toBe("test-Runtime-");
    const policy = Object.values(resources(out, "aws_iam_role_policy")).find(
      (p) => p.name === "logshipper-runtime",
    );
    expect(policy?.role).toBe("${aws_iam_role.Runtime_Role_B1E00E07.name}");
    expect(statements(policy?.policy)).toEqual([
      {
        Sid: "OwnLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: ["${aws_cloudwatch_log_group.Runtime_LogGroup_02F9C482.arn}:*"],
      },
      {
        Sid: "SelfInvoke",
        Effect: "Allow",
        Action: ["lambda:InvokeFunction"],
        Resource: ["${aws_lambda_function.Runtime_99E3DDFA.arn}"],
      },
    ]);
  });

  it("creates a private, encrypted dead-letter bucket whose records expire", () => {
    const bucket = resourceOf(out, runtime.deadLetterBucket);
    expect(bucket).toEqual({ bucket_prefix: "test-runtime-dead-letter-" });
    const ref = "${aws_s3_bucket.Runtime_DeadLetterBucket_720D156B.id}";
    expect(json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      bucket: ref,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(json).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      bucket: ref,
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
    });
    expect(json).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      bucket: ref,
      rule: [
        expect.objectContaining({
          status: "Enabled",
          filter: [{ prefix: "dead-letter/" }],
          expiration: [{ days: 30 }],
        }),
      ],
    });
    const [bucketPolicy] = Object.values(resources(out, "aws_s3_bucket_policy"));
    expect(statements(bucketPolicy?.policy)).toEqual([
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: ["s3:*"],
        Resource: [
          "${aws_s3_bucket.Runtime_DeadLetterBucket_720D156B.arn}",
          "${aws_s3_bucket.Runtime_DeadLetterBucket_720D156B.arn}/*",
        ],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]);
  });

  it("lets EventBridge Scheduler assume its role only for this account's schedule group, to invoke only this function", () => {
    expect(json).toHaveResourceWithProperties(SchedulerScheduleGroup, { name: "test-Runtime" });
    const role = resourceOf(out, runtime.schedulerRole);
    expect(statements(role.assume_role_policy)).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "scheduler.amazonaws.com" },
        Action: ["sts:AssumeRole"],
        Condition: {
          StringEquals: {
            "aws:SourceAccount": "${data.aws_caller_identity.Runtime_CallerIdentity_939200F3.account_id}",
          },
          ArnEquals: {
            "aws:SourceArn": "${aws_scheduler_schedule_group.Runtime_ScheduleGroup_B0AE5A81.arn}",
          },
        },
      },
    ]);
    const policy = Object.values(resources(out, "aws_iam_role_policy")).find(
      (p) => p.name === "invoke-reconciler",
    );
    expect(policy?.role).toBe("${aws_iam_role.Runtime_SchedulerRole_0C3EAFAC.name}");
    expect(statements(policy?.policy)).toEqual([
      {
        Sid: "InvokeReconciler",
        Effect: "Allow",
        Action: ["lambda:InvokeFunction"],
        Resource: ["${aws_lambda_function.Runtime_99E3DDFA.arn}"],
      },
    ]);
  });

  it("takes memory, timeout, retention, names and extra environment from its props", () => {
    const custom = runtimeStack({
      functionName: "shipper_fn",
      memorySize: 1024,
      timeoutSeconds: 900,
      logRetentionDays: 7,
      secretPrefix: "prod/logshipper",
      deadLetterExpirationDays: 3,
      safetyMarginMs: 45_000,
      maxHops: 5,
      environment: { KESTRA_URL: "https://kestra.internal" },
      tableDeletionProtection: false,
    });
    const s = synth(custom.stack);
    expect(resourceOf(s, custom.runtime.function)).toEqual(
      expect.objectContaining({
        function_name: "shipper_fn",
        memory_size: 1024,
        timeout: 900,
        environment: {
          variables: expect.objectContaining({
            KESTRA_URL: "https://kestra.internal",
            LOGSHIPPER_SECRET_PREFIX: "prod/logshipper",
            LOGSHIPPER_SAFETY_MARGIN_MS: "45000",
            LOGSHIPPER_MAX_HOPS: "5",
          }),
        },
      }),
    );
    expect(resourceOf(s, custom.runtime.logGroup)).toEqual({
      name: "/aws/lambda/shipper_fn",
      retention_in_days: 7,
    });
    expect(resourceOf(s, custom.runtime.table)).toEqual(
      expect.objectContaining({ name: "shipper_fn-offsets", deletion_protection_enabled: false }),
    );
    const [secret] = Object.values(resources(s, "aws_secretsmanager_secret"));
    expect(secret?.name).toBe("prod/logshipper/DATADOG_API_KEY");
    const [lifecycle] = Object.values(resources(s, "aws_s3_bucket_lifecycle_configuration"));
    expect(lifecycle?.rule).toEqual([expect.objectContaining({ expiration: [{ days: 3 }] })]);
  });

  it("takes the handler from the handlerBundle prop over the context", () => {
    const stack2 = new TerraformStack(
      sandbox.app({ "logshipper:handlerBundle": "/nonexistent/handler.js" }),
      "s",
    );
    expect(
      () => new LogShipperRuntime(stack2, "Runtime", { handlerBundle: sandbox.handlerBundle }),
    ).not.toThrow();
  });

  it("runs on nodejs22.x when asked", () => {
    const stack = sandbox.stack();
    const runtime = new LogShipperRuntime(stack, "Runtime", { lambdaRuntime: "nodejs22.x" });
    new LogShipper(stack, "Datadog", { runtime, ...DATADOG });
    expect(resourceOf(synth(stack), runtime.function).runtime).toBe("nodejs22.x");
  });

  it("deploys the package's prebuilt handler by default, copied byte for byte next to the config", () => {
    const app = Testing.app({ outdir: mkdtempSync(join(sandbox.root, "prebuilt-")) });
    const stack = new TerraformStack(app, "prebuilt");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const runtime = new LogShipperRuntime(stack, "Runtime");
    new LogShipper(stack, "Datadog", { runtime, ...DATADOG });
    app.synth();
    const fn = resourceOf(
      JSON.parse(readFileSync(join(app.outdir, "stacks", "prebuilt", "cdk.tf.json"), "utf8")),
      runtime.function,
    );
    const files = readZip(readFileSync(join(app.outdir, "stacks", "prebuilt", fn.filename as string)));
    expect([...files.keys()].sort()).toEqual(["index.js", "logshipper.config.json"]);
    expect(files.get("index.js")?.equals(readFileSync(DEFAULT_HANDLER_BUNDLE))).toBe(true);
    expect(JSON.parse(files.get("logshipper.config.json")?.toString() ?? "")).toEqual({
      shippers: [DATADOG],
    });
  });

  describe("validation", () => {
    it.each<[string, LogShipperRuntimeProps, RegExp]>([
      [
        "memory below the minimum",
        { memorySize: 64 },
        /memorySize 64 is out of range; allowed: an integer from 128 to 10240 MB/,
      ],
      ["memory above the maximum", { memorySize: 20_000 }, /memorySize 20000 is out of range/],
      ["fractional memory", { memorySize: 512.5 }, /memorySize 512.5 is out of range/],
      [
        "a timeout over 15 minutes",
        { timeoutSeconds: 901 },
        /timeoutSeconds 901 is out of range; allowed: an integer from 1 to 900 seconds/,
      ],
      [
        "a timeout inside the safety margin",
        { timeoutSeconds: 30 },
        /timeoutSeconds \(30\) must be longer than the safety margin \(safetyMarginMs 30000 = 30 s\)/,
      ],
      [
        "a retention CloudWatch refuses",
        { logRetentionDays: 10 },
        /logRetentionDays 10 is not a CloudWatch Logs retention; allowed: 0, 1, 3, 5, 7, 14, 30/,
      ],
      [
        "a bad function name",
        { functionName: "my function" },
        /functionName "my function" is not a Lambda function name/,
      ],
      [
        "a secret prefix with a trailing slash",
        { secretPrefix: "logshipper/" },
        /secretPrefix "logshipper\/" is not a Secrets Manager name prefix/,
      ],
      [
        "a reserved environment variable",
        { environment: { LOGSHIPPER_STATE_TABLE: "x" } },
        /LOGSHIPPER_STATE_TABLE is reserved/,
      ],
      [
        "a credential in the environment",
        { environment: { KESTRA_API_TOKEN: "t0ken" } },
        /KESTRA_API_TOKEN looks like a credential; .*\{\{ secret\('NAME'\) \}\}/,
      ],
      [
        "a missing handler",
        { handlerBundle: "/nonexistent/handler.js" },
        /the reconciler handler \/nonexistent\/handler.js does not exist/,
      ],
      [
        "a Lambda runtime it does not support",
        { lambdaRuntime: "nodejs20.x" as "nodejs22.x" },
        /lambdaRuntime "nodejs20.x" is not supported; allowed: nodejs24.x, nodejs22.x/,
      ],
    ])("fails with %s", (_what, props, message) => {
      expect(() => new LogShipperRuntime(sandbox.stack(), "Runtime", props)).toThrow(message);
    });

    it("fails at synth when no shipper uses the runtime", () => {
      const lonely = sandbox.stack();
      new LogShipperRuntime(lonely, "Runtime");
      expect(() => Testing.synth(lonely, true)).toThrow(/no shipper uses this runtime/);
    });

    it("does not print a credential given in the environment", () => {
      expect(
        () => new LogShipperRuntime(sandbox.stack(), "Runtime", { environment: { DB_PASSWORD: "hunter2" } }),
      ).toThrow(expect.objectContaining({ message: expect.not.stringContaining("hunter2") }));
    });
  });
});

describe("LogShipperRuntime bundle", () => {
  it("bundles the handler and every shipper's config into the archive at synth", () => {
    const { stack, runtime } = runtimeStack();
    const app = stack.node.root as unknown as { synth(): void; outdir: string };
    new LogShipper(stack, "Second", { runtime, ...DATADOG, id: "a-second" });
    app.synth();
    const fn = JSON.parse(readFileSync(join(app.outdir, "stacks", "test", "cdk.tf.json"), "utf8")).resource
      .aws_lambda_function.Runtime_99E3DDFA;
    const zipPath = join(app.outdir, "stacks", "test", fn.filename);
    expect(existsSync(zipPath)).toBe(true);
    const entries = readZip(readFileSync(zipPath));
    expect([...entries.keys()].sort()).toEqual(["index.js", "logshipper.config.json"]);
    expect(JSON.parse(entries.get("logshipper.config.json")?.toString() ?? "")).toEqual({
      shippers: [
        { ...DATADOG, id: "a-second" },
        { ...DATADOG, id: "datadog" },
      ],
    });
    expect(entries.get("index.js")?.toString()).toContain("log-shipper-test-placeholder");
    expect(runtime.shipperIds).toEqual(["datadog", "a-second"]);
  });

  it("changes the code hash when a shipper's config changes, and only then", () => {
    const hashWith = (schedule: string): string => {
      const stack = sandbox.stack();
      const runtime = new LogShipperRuntime(stack, "Runtime");
      new LogShipper(stack, "Datadog", { runtime, ...DATADOG, schedule });
      return resourceOf(synth(stack), runtime.function).source_code_hash as string;
    };
    expect(hashWith("@daily")).toBe(hashWith("@daily"));
    expect(hashWith("@daily")).not.toBe(hashWith("@hourly"));
  });

  it("warns when the shippers' inline policies would pass IAM's 10,240-character limit for one role", () => {
    const { stack, runtime } = runtimeStack();
    const one = runtime.estimatedInlinePolicySize();
    expect(one).toBeGreaterThan(700);
    expect(one).toBeLessThan(1500);
    expect(runtime.node.metadata).toEqual([]);
    for (let i = 0; runtime.estimatedInlinePolicySize() <= 10_240; i++) {
      new LogShipper(stack, `More${i}`, { runtime, ...DATADOG, id: `datadog-${i}` });
    }
    expect(runtime.node.metadata.map((m) => m.data)).toEqual([
      expect.stringMatching(
        /inline policies of the reconciler's role add up to about \d+ characters .* split the shippers/,
      ),
    ]);
  });

  it("refuses a shipper added after the code was bundled", () => {
    const { stack, runtime } = runtimeStack();
    synth(stack);
    expect(() =>
      runtime.addShipper({ id: "late", config: { ...DATADOG, id: "late" }, scope: stack }),
    ).toThrow(/shipper "late" was added after the code was bundled/);
  });

  it("changes the code hash when the handler bundle changes, and only then", () => {
    const hashWith = (handler: string): string => {
      const other = new ConstructsSandbox(handler);
      try {
        const stack = other.stack();
        const runtime = new LogShipperRuntime(stack, "Runtime");
        new LogShipper(stack, "Datadog", { runtime, ...DATADOG });
        return resourceOf(synth(stack), runtime.function).source_code_hash as string;
      } finally {
        other.cleanup();
      }
    };
    expect(hashWith(PLACEHOLDER_HANDLER)).toBe(hashWith(PLACEHOLDER_HANDLER));
    expect(hashWith(PLACEHOLDER_HANDLER)).not.toBe(hashWith(`${PLACEHOLDER_HANDLER}// v2\n`));
  });
});
