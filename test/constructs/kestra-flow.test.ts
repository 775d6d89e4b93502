import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { Testing } from "cdktf";
import { LogShipper, LogShipperRuntime } from "../../constructs";
import { ConstructsSandbox, resourceOf, statements, synth } from "./helpers";

const sandbox = new ConstructsSandbox();
afterAll(() => sandbox.cleanup());

/** The AWS CloudWatch example flow of Kestra's LogShipper docs, as shipped in examples/kestra-flow. */
const DOCS_FLOW = readFileSync(join(__dirname, "..", "..", "examples", "kestra-flow", "flow.yaml"), "utf8");
const KESTRA = { type: "kestra" as const, url: "https://kestra.example.com" };

describe("LogShipper.fromKestraFlow", () => {
  it("declares one shipper per LogShipper task, named <namespace>.<flowId>.<taskId>, on the flow's schedule", () => {
    const stack = sandbox.stack();
    const runtime = new LogShipperRuntime(stack, "Runtime");
    const shippers = LogShipper.fromKestraFlow(stack, "Flow", DOCS_FLOW, {
      runtime,
      vars: { region: "eu-west-1" },
      source: KESTRA,
    });
    expect(shippers.map((s) => [s.node.path, s.shipperId])).toEqual([
      ["test/Flow/log_export", "company.team.log_shipper.log_export"],
    ]);
    const [shipper] = shippers as [LogShipper];
    expect(shipper.config).toEqual({
      id: "company.team.log_shipper.log_export",
      source: KESTRA,
      schedule: "@daily",
      logLevelFilter: "INFO",
      lookbackPeriod: "P1D",
      offsetKey: "log_shipper_aws_cloudwatch_state",
      delete: false,
      logExporters: [
        {
          id: "aws_cloudwatch",
          type: "io.kestra.plugin.ee.aws.cloudwatch.LogExporter",
          accessKeyId: "{{ secret('AWS_ACCESS_KEY_ID') }}",
          secretKeyId: "{{ secret('AWS_SECRET_KEY_ID') }}",
          region: "eu-west-1",
          logGroupName: "kestra",
          logStreamName: "kestra-log-stream",
        },
      ],
    });
    const json = Testing.synth(stack, true);
    expect(json).toHaveResourceWithProperties(SchedulerSchedule, {
      name: "company.team.log_shipper.log_export",
      schedule_expression: "cron(0 0 * * ? *)",
      target: expect.objectContaining({ input: '{"shipper":"company.team.log_shipper.log_export"}' }),
    });
    const [offsets] = statements(resourceOf(JSON.parse(json), shipper.policy).policy);
    expect(offsets?.Condition).toEqual({
      "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["company.team.log_shipper.log_export"] },
    });
  });

  it("reads the Kestra API by default, from the runtime's KESTRA_URL", () => {
    const stack = sandbox.stack();
    const runtime = new LogShipperRuntime(stack, "Runtime", {
      environment: { KESTRA_URL: "https://k.example.com" },
    });
    const [shipper] = LogShipper.fromKestraFlow(stack, "Flow", DOCS_FLOW, {
      runtime,
      vars: { region: "eu-west-1" },
    });
    expect(shipper?.config.source).toEqual({ type: "kestra" });
    synth(stack);
  });

  it("applies the infrastructure options to every shipper", () => {
    const stack = sandbox.stack();
    const runtime = new LogShipperRuntime(stack, "Runtime");
    LogShipper.fromKestraFlow(stack, "Flow", DOCS_FLOW, {
      runtime,
      vars: { region: "eu-west-1" },
      source: KESTRA,
      createLogGroups: true,
      scheduleEnabled: false,
    });
    const json = Testing.synth(stack, true);
    expect(json).toHaveResourceWithProperties(SchedulerSchedule, { state: "DISABLED" });
    expect(
      Object.values(JSON.parse(json).resource.aws_cloudwatch_log_group).map(
        (g) => (g as { name: string }).name,
      ),
    ).toContain("kestra");
  });

  it("fails on a variable the flow does not define, naming the option that gives it", () => {
    const stack = sandbox.stack();
    const runtime = new LogShipperRuntime(stack, "Runtime");
    expect(() => LogShipper.fromKestraFlow(stack, "Flow", DOCS_FLOW, { runtime, source: KESTRA })).toThrow(
      /LogShipper\.fromKestraFlow\("Flow"\): invalid configuration\n {2}Flow\.yaml.*\{\{ vars\.region \}\} is not defined[^]*give variables with the `vars` option/,
    );
  });

  it("reports the flow's errors with their line and the file name", () => {
    const stack = sandbox.stack();
    const runtime = new LogShipperRuntime(stack, "Runtime");
    const bad = DOCS_FLOW.replace(
      "io.kestra.plugin.ee.aws.cloudwatch.LogExporter",
      "io.kestra.plugin.ee.aws.cloudwatch.LogExporterr",
    );
    expect(() =>
      LogShipper.fromKestraFlow(stack, "Flow", bad, {
        runtime,
        source: KESTRA,
        vars: { region: "x" },
        fileName: "flow.yaml",
      }),
    ).toThrow(/flow\.yaml:18:\d+: tasks\[0\]\.logExporters\[0\]\.type: unknown type .*did you mean/);
  });

  it("refuses a native config", () => {
    const stack = sandbox.stack();
    const runtime = new LogShipperRuntime(stack, "Runtime");
    const native = JSON.stringify({
      shippers: [{ id: "a", source: KESTRA, logExporters: [{ id: "f", type: "file" }] }],
    });
    expect(() => LogShipper.fromKestraFlow(stack, "Flow", native, { runtime })).toThrow(
      /Flow\.yaml is not a Kestra flow/,
    );
  });
});
