import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogStream } from "@cdktf/provider-aws/lib/cloudwatch-log-stream";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { type TerraformStack, Testing } from "cdktf";
import {
  LogShipper,
  LogShipperRuntime,
  type LogShipperProps,
  type LogShipperRuntimeProps,
} from "../../constructs";
import type { DatadogExporter, Shipper } from "../../generated/config";
import {
  ConstructsSandbox,
  DATADOG_SHIPPER,
  resourceOf,
  resources,
  type Statement,
  statements,
  synth,
} from "./helpers";

const sandbox = new ConstructsSandbox();
afterAll(() => sandbox.cleanup());

const ACCOUNT = "${data.aws_caller_identity.Runtime_CallerIdentity_939200F3.account_id}";
const PARTITION = "${data.aws_partition.Runtime_Partition_6F5ADEB3.partition}";
const TABLE_ARN = "${aws_dynamodb_table.Runtime_Table_56D12B09.arn}";
const BUCKET_ARN = "${aws_s3_bucket.Runtime_DeadLetterBucket_720D156B.arn}";
const FUNCTION_ARN = "${aws_lambda_function.Runtime_99E3DDFA.arn}";
const logs = (region: string, rest: string): string =>
  `arn:${PARTITION}:logs:${region}:${ACCOUNT}:log-group:${rest}`;

const DATADOG = DATADOG_SHIPPER;

const CLOUDWATCH: Shipper = {
  id: "cw-to-cw",
  source: { type: "cloudwatch", region: "us-east-1", logGroupNames: ["/aws/lambda/app", "/ecs/web"] },
  schedule: "*/10 * * * *",
  timezone: "Europe/Paris",
  offsetKey: "LogShipper-state-2",
  logExporters: [
    {
      id: "central",
      type: "io.kestra.plugin.ee.aws.cloudwatch.LogExporter",
      region: "eu-west-1",
      logGroupName: "kestra",
      logStreamName: "kestra-log-stream",
      accessKeyId: "{{ secret('AWS_ACCESS_KEY_ID') }}",
      secretKeyId: "{{ secret('AWS_SECRET_KEY_ID') }}",
    },
  ],
};

interface Built {
  stack: TerraformStack;
  runtime: LogShipperRuntime;
  shipper: LogShipper;
}

function build(
  shipper: Partial<LogShipperProps> & Shipper,
  runtimeProps: LogShipperRuntimeProps = {},
  region = "eu-west-1",
): Built {
  const stack = sandbox.stack("test", region);
  const runtime = new LogShipperRuntime(stack, "Runtime", runtimeProps);
  return { stack, runtime, shipper: new LogShipper(stack, "Shipper", { runtime, ...shipper }) };
}

function allStatements(stack: TerraformStack): Statement[] {
  const out = synth(stack);
  return [
    ...Object.values(resources(out, "aws_iam_role_policy")),
    ...Object.values(resources(out, "aws_s3_bucket_policy")),
  ].flatMap((p) => statements(p.policy));
}

describe("LogShipper", () => {
  describe("schedule", () => {
    it("invokes the reconciler with {shipper: id} on the converted cron, in the shipper's time zone", () => {
      const { stack, shipper } = build(CLOUDWATCH);
      const json = Testing.synth(stack, true);
      expect(json).toHaveResourceWithProperties(SchedulerSchedule, {
        name: "cw-to-cw",
        group_name: "${aws_scheduler_schedule_group.Runtime_ScheduleGroup_B0AE5A81.name}",
        schedule_expression: "cron(0/10 * * * ? *)",
        schedule_expression_timezone: "Europe/Paris",
        flexible_time_window: { mode: "OFF" },
        state: "ENABLED",
        target: {
          arn: FUNCTION_ARN,
          role_arn: "${aws_iam_role.Runtime_SchedulerRole_0C3EAFAC.arn}",
          input: '{"shipper":"cw-to-cw"}',
        },
      });
      expect(shipper.scheduleExpression).toBe("cron(0/10 * * * ? *)");
      const schedule = resourceOf(JSON.parse(json), shipper.schedule as SchedulerSchedule);
      expect(JSON.parse((schedule.target as { input: string }).input)).toEqual({ shipper: "cw-to-cw" });
    });

    it("defaults to UTC, and can be created disabled", () => {
      const { stack } = build({ ...DATADOG, scheduleEnabled: false });
      expect(Testing.synth(stack, true)).toHaveResourceWithProperties(SchedulerSchedule, {
        schedule_expression: "cron(0 0 * * ? *)",
        schedule_expression_timezone: "UTC",
        state: "DISABLED",
      });
    });

    it("creates no schedule without one, and warns", () => {
      const { schedule: _s, ...unscheduled } = DATADOG;
      const { stack, shipper } = build(unscheduled);
      expect(Object.keys(resources(synth(stack), "aws_scheduler_schedule"))).toHaveLength(0);
      expect(shipper.node.metadata.map((m) => m.data)).toEqual([
        expect.stringContaining("shipper datadog has no schedule"),
      ]);
    });
  });

  describe("grants", () => {
    it("grants a Datadog shipper exactly its items, its dead-letter folder and its secret", () => {
      const { stack, shipper } = build(DATADOG);
      const out = synth(stack);
      const policy = resourceOf(out, shipper.policy);
      expect(policy.name).toBe("logshipper-datadog");
      expect(policy.role).toBe("${aws_iam_role.Runtime_Role_B1E00E07.name}");
      expect(statements(policy.policy)).toEqual([
        {
          Sid: "OffsetsTable",
          Effect: "Allow",
          Action: [
            "dynamodb:DeleteItem",
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:Query",
            "dynamodb:UpdateItem",
          ],
          Resource: [TABLE_ARN],
          Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["datadog"] } },
        },
        {
          Sid: "DeadLetter",
          Effect: "Allow",
          Action: ["s3:PutObject"],
          Resource: [`${BUCKET_ARN}/dead-letter/datadog/*`],
        },
        {
          Sid: "Secrets",
          Effect: "Allow",
          Action: ["secretsmanager:GetSecretValue"],
          Resource: ["${aws_secretsmanager_secret.Runtime_Secrets_DATADOG_API_KEY_E180DA73.arn}"],
        },
      ]);
    });

    it("grants a CloudWatch shipper its exporter's log group and its source's log groups", () => {
      const { stack, shipper } = build(CLOUDWATCH);
      expect(statements(resourceOf(synth(stack), shipper.policy).policy).slice(2)).toEqual([
        {
          Sid: "Secrets",
          Effect: "Allow",
          Action: ["secretsmanager:GetSecretValue"],
          Resource: [
            "${aws_secretsmanager_secret.Runtime_Secrets_AWS_ACCESS_KEY_ID_266E39D8.arn}",
            "${aws_secretsmanager_secret.Runtime_Secrets_AWS_SECRET_KEY_ID_DD1DF6DD.arn}",
          ],
        },
        {
          Sid: "CloudWatchExporters",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
          Resource: [logs("eu-west-1", "kestra"), logs("eu-west-1", "kestra:*")],
        },
        {
          Sid: "CloudWatchSource",
          Effect: "Allow",
          Action: ["logs:FilterLogEvents"],
          Resource: [
            logs("us-east-1", "/aws/lambda/app"),
            logs("us-east-1", "/aws/lambda/app:*"),
            logs("us-east-1", "/ecs/web"),
            logs("us-east-1", "/ecs/web:*"),
          ],
        },
        {
          Sid: "CloudWatchSourceDescribe",
          Effect: "Allow",
          Action: ["logs:DescribeLogGroups"],
          Resource: [logs("us-east-1", "*")],
        },
      ]);
    });

    it("grants an S3 archive shipper only its exporter's object prefix and its source's bucket prefix", () => {
      const { stack, shipper } = build({
        id: "archive",
        source: { type: "s3", bucket: "old-logs", prefix: "exported/", region: "eu-west-1" },
        logExporters: [
          { id: "a", type: "io.kestra.plugin.ee.aws.s3.LogExporter", bucket: "archive", region: "eu-west-1" },
          { id: "b", type: "s3", bucket: "archive", region: "eu-west-1", logFilePrefix: "kestra/logs" },
        ],
      });
      const s3 = statements(resourceOf(synth(stack), shipper.policy).policy).filter((s) =>
        s.Sid?.startsWith("S3"),
      );
      const arn = "arn:${data.aws_partition.Runtime_Partition_6F5ADEB3.partition}:s3:::";
      expect(s3).toEqual([
        {
          Sid: "S3Exporters",
          Effect: "Allow",
          Action: ["s3:AbortMultipartUpload", "s3:PutObject"],
          Resource: [`${arn}archive/kestra-log-file*`, `${arn}archive/kestra/logs*`],
        },
        {
          Sid: "S3SourceList",
          Effect: "Allow",
          Action: ["s3:ListBucket"],
          Resource: [`${arn}old-logs`],
          Condition: { StringLike: { "s3:prefix": ["exported/*"] } },
        },
        {
          Sid: "S3SourceRead",
          Effect: "Allow",
          Action: ["s3:GetObject"],
          Resource: [`${arn}old-logs/exported/*`],
        },
      ]);
    });

    it("grants a log group name prefix, and any region when the region is a secret", () => {
      const { stack, shipper } = build({
        ...CLOUDWATCH,
        source: {
          type: "cloudwatch",
          region: "{{ secret('SOURCE_REGION') }}",
          logGroupNamePrefix: "/aws/lambda/",
        },
      });
      const [, , , , source, describe] = statements(resourceOf(synth(stack), shipper.policy).policy);
      expect(source?.Resource).toEqual([logs("*", "/aws/lambda/*")]);
      expect(describe?.Resource).toEqual([logs("*", "*")]);
    });

    it("uses the created log group's ARN with createLogGroups, and creates the group and stream once", () => {
      const stack = sandbox.stack();
      const runtime = new LogShipperRuntime(stack, "Runtime");
      const a = new LogShipper(stack, "A", {
        runtime,
        ...CLOUDWATCH,
        createLogGroups: true,
        logGroupRetentionDays: 90,
      });
      new LogShipper(stack, "B", {
        runtime,
        ...CLOUDWATCH,
        id: "other",
        createLogGroups: true,
        logGroupRetentionDays: 90,
      });
      const json = Testing.synth(stack, true);
      const out = JSON.parse(json);
      expect(Object.values(resources(out, "aws_cloudwatch_log_group")).map((g) => g.name)).toEqual([
        "kestra",
        "/aws/lambda/test-Runtime",
      ]);
      expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, {
        name: "kestra",
        retention_in_days: 90,
      });
      expect(json).toHaveResourceWithProperties(CloudwatchLogStream, {
        name: "kestra-log-stream",
        log_group_name: "${aws_cloudwatch_log_group.Runtime_Destinations_kestra_4D2497CB.name}",
      });
      expect(Object.keys(resources(out, "aws_cloudwatch_log_stream"))).toHaveLength(1);
      const exporters = statements(resourceOf(out, a.policy).policy).find(
        (s) => s.Sid === "CloudWatchExporters",
      );
      expect(exporters?.Resource).toEqual([
        "${aws_cloudwatch_log_group.Runtime_Destinations_kestra_4D2497CB.arn}",
        "${aws_cloudwatch_log_group.Runtime_Destinations_kestra_4D2497CB.arn}:*",
      ]);
    });

    it("grants an existing secret by its ARN, and a partial ARN with Secrets Manager's suffix", () => {
      const full = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:logshipper/DATADOG_API_KEY-AbC123";
      const partial = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:logshipper/DATADOG_API_KEY";
      for (const [arn, granted] of [
        [full, full],
        [partial, `${partial}-??????`],
      ] as const) {
        const { stack, shipper } = build({
          ...DATADOG,
          secrets: { DATADOG_API_KEY: { existingSecretArn: arn } },
        });
        const out = synth(stack);
        const secretsStatement = statements(resourceOf(out, shipper.policy).policy).find(
          (s) => s.Sid === "Secrets",
        );
        expect(secretsStatement?.Resource).toEqual([granted]);
        expect(Object.keys(resources(out, "aws_secretsmanager_secret"))).toHaveLength(0);
      }
    });

    it("shares a created secret between shippers", () => {
      const stack = sandbox.stack();
      const runtime = new LogShipperRuntime(stack, "Runtime");
      new LogShipper(stack, "A", { runtime, ...DATADOG });
      new LogShipper(stack, "B", { runtime, ...DATADOG, id: "datadog-2" });
      const secrets = Object.values(resources(synth(stack), "aws_secretsmanager_secret"));
      expect(secrets.map((s) => s.name)).toEqual(["logshipper/DATADOG_API_KEY"]);
    });

    it("never grants a * action, and * resources only for DescribeLogGroups (account-wide) and a secret region", () => {
      const stack = sandbox.stack();
      const runtime = new LogShipperRuntime(stack, "Runtime", { createAlarms: true });
      new LogShipper(stack, "A", { runtime, ...DATADOG });
      new LogShipper(stack, "B", { runtime, ...CLOUDWATCH });
      const allows = allStatements(stack).filter((s) => s.Effect === "Allow");
      expect(allows.length).toBeGreaterThan(8);
      for (const s of allows) {
        for (const action of s.Action) expect(action).toMatch(/^[a-z0-9]+:[A-Za-z]+$/);
        for (const resource of s.Resource ?? []) {
          if (resource.endsWith("log-group:*")) expect(s.Action).toEqual(["logs:DescribeLogGroups"]);
          else expect(resource).not.toMatch(/^\*$|:\*:|^arn:[^:]*:[^:]*:\*/);
        }
      }
      const denies = allStatements(stack).filter((s) => s.Effect !== "Allow");
      expect(denies.map((s) => s.Sid)).toEqual(["DenyInsecureTransport"]);
    });
  });

  describe("secrets", () => {
    it("creates a secret per name with no version, so no value ever reaches Terraform", () => {
      const { stack } = build(CLOUDWATCH);
      const out = synth(stack);
      expect(Object.values(resources(out, "aws_secretsmanager_secret"))).toEqual([
        expect.objectContaining({ name: "logshipper/AWS_ACCESS_KEY_ID" }),
        expect.objectContaining({ name: "logshipper/AWS_SECRET_KEY_ID" }),
      ]);
      expect(resources(out, "aws_secretsmanager_secret_version")).toEqual({});
      expect(JSON.stringify(out)).not.toMatch(/secret_string|secret_binary/);
    });
  });

  it("creates secrets whose names hold slashes and dots", () => {
    const { stack } = build({
      ...DATADOG,
      logExporters: [
        { ...(DATADOG.logExporters[0] as DatadogExporter), apiKey: "{{ secret('team/dd.api_key') }}" },
      ],
    });
    const secrets = Object.values(resources(synth(stack), "aws_secretsmanager_secret"));
    expect(secrets.map((s) => s.name)).toEqual(["logshipper/team/dd.api_key"]);
  });

  describe("alarms", () => {
    it("alarms on the shipper's Drift and Rejected metrics when the runtime asks for it", () => {
      const { stack, shipper } = build(DATADOG, {
        createAlarms: true,
        alarmActions: ["arn:aws:sns:eu-west-1:123456789012:ops"],
      });
      const json = Testing.synth(stack, true);
      for (const metric of ["Drift", "Rejected"]) {
        expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
          alarm_name: `test-Runtime/datadog/${metric}`,
          comparison_operator: "GreaterThanThreshold",
          threshold: 0,
          evaluation_periods: 1,
          treat_missing_data: "notBreaching",
          alarm_actions: ["arn:aws:sns:eu-west-1:123456789012:ops"],
          metric_query: [
            {
              id: "q1",
              expression: `SELECT SUM(${metric}) FROM "LogShipper" WHERE Shipper = 'datadog'`,
              period: 300,
              return_data: true,
            },
          ],
        });
      }
      expect(shipper.alarms).toHaveLength(2);
      expect(Object.keys(resources(synth(build(DATADOG).stack), "aws_cloudwatch_metric_alarm"))).toHaveLength(
        0,
      );
    });
  });

  describe("validation", () => {
    const exporter = DATADOG.logExporters[0];
    it.each<[string, Record<string, unknown>, RegExp]>([
      [
        "a bad id",
        { id: "my shipper" },
        /invalid shipper "my shipper":\n {2}- id: .*must start with a letter or digit/,
      ],
      [
        "a cron both day fields restrict",
        { schedule: "0 0 15 * 1" },
        /schedule cannot run on EventBridge Scheduler: "0 0 15 \* 1": both day-of-month/,
      ],
      ["seconds that are not 0", { schedule: "30 0 0 * * *" }, /seconds field "30".*must be 0/],
      [
        "an invalid cron",
        { schedule: "0 25 * * *" },
        /- schedule: "0 25 \* \* \*" is not a valid cron expression/,
      ],
      [
        "an unknown exporter type",
        { logExporters: [{ ...exporter, type: "io.kestra.plugin.ee.sumologic.LogExporter" }] },
        /logExporters\[0\]\.type: unknown type "io\.kestra\.plugin\.ee\.sumologic\.LogExporter"/,
      ],
      ["no exporter", { logExporters: [] }, /- logExporters: \[\]: must NOT have fewer than 1 items/],
      ["a duplicate exporter id", { logExporters: [exporter, exporter] }, /duplicate exporter id "dd"/],
      ["an unknown property", { schedul: "@daily" }, /unknown property "schedul"; did you mean "schedule"\?/],
      [
        "a file source",
        { source: { type: "file", path: "./logs/*.jsonl" } },
        /source type "file" .* a Lambda has none/,
      ],
      [
        "a file exporter",
        { logExporters: [{ id: "f", type: "file", path: "out.jsonl" }] },
        /logExporters\[0\] \(f\) is a file exporter/,
      ],
      [
        "a variable",
        { logExporters: [{ ...exporter, basePath: "{{ vars.site }}" }] },
        /logExporters\[0\]\.basePath uses \{\{ vars\.site \}\}; a construct has no variables/,
      ],
      [
        "a kestra source without url",
        { source: { type: "kestra" } },
        /the kestra source has no url and the runtime has no KESTRA_URL/,
      ],
      [
        "an unused secret",
        { secrets: { DATADOG_APIKEY: {} } },
        /secrets\.DATADOG_APIKEY is not used.*did you mean "DATADOG_API_KEY"\?/,
      ],
      [
        "an ARN of another secret",
        {
          secrets: {
            DATADOG_API_KEY: {
              existingSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/dd-AbC123",
            },
          },
        },
        /names the secret "prod\/dd-AbC123", but \{\{ secret\('DATADOG_API_KEY'\) \}\} is read from the secret named "logshipper\/DATADOG_API_KEY"/,
      ],
      [
        "an ARN that is not one",
        { secrets: { DATADOG_API_KEY: { existingSecretArn: "logshipper/DATADOG_API_KEY" } } },
        /is not a Secrets Manager secret ARN/,
      ],
      [
        "a bad region",
        {
          ...CLOUDWATCH,
          source: DATADOG.source,
          logExporters: [{ ...CLOUDWATCH.logExporters[0], region: "Ireland" }],
        },
        /logExporters\[0\]\.region "Ireland" is not an AWS region name/,
      ],
      [
        "a bad log group name",
        {
          ...CLOUDWATCH,
          source: DATADOG.source,
          logExporters: [{ ...CLOUDWATCH.logExporters[0], logGroupName: "a:b" }],
        },
        /logExporters\[0\]\.logGroupName "a:b" is not a valid CloudWatch Logs name/,
      ],
      [
        "a retention CloudWatch refuses",
        { createLogGroups: true, logGroupRetentionDays: 10 },
        /logGroupRetentionDays 10 is not a CloudWatch Logs retention/,
      ],
    ])("fails with %s", (_what, change, message) => {
      const stack = sandbox.stack();
      const runtime = new LogShipperRuntime(stack, "Runtime");
      expect(
        () => new LogShipper(stack, "Shipper", { runtime, ...DATADOG, ...change } as LogShipperProps),
      ).toThrow(message);
    });

    it("names the construct and the shipper in its messages", () => {
      const stack = sandbox.stack();
      const runtime = new LogShipperRuntime(stack, "Runtime");
      expect(() => new LogShipper(stack, "Bad", { runtime, ...DATADOG, schedule: "0 0 15 * 1" })).toThrow(
        /^LogShipper test\/Bad: schedule cannot run on EventBridge Scheduler/,
      );
    });

    it("refuses a Terraform reference in the config (it is bundled at synth)", () => {
      const stack = sandbox.stack();
      const runtime = new LogShipperRuntime(stack, "Runtime");
      expect(
        () => new LogShipper(stack, "S", { runtime, ...DATADOG, description: runtime.table.name }),
      ).toThrow(/description is a Terraform reference \(token\)/);
    });

    it("refuses a runtime from another stack", () => {
      const runtime = new LogShipperRuntime(sandbox.stack("one"), "Runtime");
      expect(() => new LogShipper(sandbox.stack("two"), "S", { runtime, ...DATADOG })).toThrow(
        /runtime one\/Runtime is in another stack/,
      );
    });

    it("fails at synth on a shipper id declared twice in a stack, even on two runtimes", () => {
      const stack = sandbox.stack();
      new LogShipper(stack, "A", { runtime: new LogShipperRuntime(stack, "R1"), ...DATADOG });
      new LogShipper(stack, "B", { runtime: new LogShipperRuntime(stack, "R2"), ...DATADOG });
      expect(() => Testing.synth(stack, true)).toThrow(
        /shipper id "datadog" is declared 2 times in stack test \(test\/A, test\/B\)/,
      );
    });

    it("fails at synth when one secret is both created and given as an existing ARN", () => {
      const stack = sandbox.stack();
      const runtime = new LogShipperRuntime(stack, "Runtime");
      new LogShipper(stack, "A", { runtime, ...DATADOG });
      new LogShipper(stack, "B", {
        runtime,
        ...DATADOG,
        id: "b",
        secrets: {
          DATADOG_API_KEY: {
            existingSecretArn:
              "arn:aws:secretsmanager:eu-west-1:123456789012:secret:logshipper/DATADOG_API_KEY-AbC123",
          },
        },
      });
      expect(() => Testing.synth(stack, true)).toThrow(
        /secret "DATADOG_API_KEY" is given as existingSecretArn by b but created as logshipper\/DATADOG_API_KEY for datadog/,
      );
    });

    it("fails at synth when createLogGroups would create the group outside the exporter's region", () => {
      const { stack } = build({ ...CLOUDWATCH, createLogGroups: true }, {}, "us-east-2");
      expect(() => Testing.synth(stack, true)).toThrow(
        /exporter central writes to region eu-west-1, but createLogGroups creates its log group in the provider's region us-east-2/,
      );
    });

    it("fails at synth when two shippers create one log group with different retentions", () => {
      const stack = sandbox.stack();
      const runtime = new LogShipperRuntime(stack, "Runtime");
      new LogShipper(stack, "A", {
        runtime,
        ...CLOUDWATCH,
        createLogGroups: true,
        logGroupRetentionDays: 30,
      });
      new LogShipper(stack, "B", { runtime, ...CLOUDWATCH, id: "b", createLogGroups: true });
      expect(() => Testing.synth(stack, true)).toThrow(
        /log group "kestra" is created with different retentions: 30 \(cw-to-cw\) vs never expire \(b\)/,
      );
    });
  });
});
