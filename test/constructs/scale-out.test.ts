import { Lazy } from "cdktf";
import { LogShipper, LogShipperRuntime, type LogShipperProps } from "../../constructs";
import {
  lambdaInvokeTask,
  scaleOutDefinition,
  type AslObject,
  type AslValue,
} from "../../constructs/private/state-machine";
import type { Shipper } from "../../generated/config";
import { sqsCallbackTask } from "../support/sfn";
import {
  ConstructsSandbox,
  DATADOG_SHIPPER,
  resources,
  statements,
  synth,
  type Synthesized,
} from "./helpers";

const sandbox = new ConstructsSandbox();
afterAll(() => sandbox.cleanup());

const ACCOUNT = "${data.aws_caller_identity.Runtime_CallerIdentity_939200F3.account_id}";
const PARTITION = "${data.aws_partition.Runtime_Partition_6F5ADEB3.partition}";
const FUNCTION_ARN = "${aws_lambda_function.Runtime_99E3DDFA.arn}";
const PLAN_BUCKET_ARN = "${aws_s3_bucket.Runtime_PlanBucket_E4EB2543.arn}";

const CLOUDWATCH: Shipper = {
  id: "cw-backfill",
  source: { type: "cloudwatch", region: "us-east-1", logGroupNames: ["/aws/lambda/app"] },
  schedule: "@hourly",
  logExporters: [
    {
      id: "dd",
      type: "io.kestra.plugin.ee.datadog.LogExporter",
      basePath: "https://http-intake.logs.datadoghq.eu",
      apiKey: "{{ secret('DATADOG_API_KEY') }}",
    },
  ],
};

function build(...shippers: Array<Partial<LogShipperProps> & Shipper>): Synthesized {
  const stack = sandbox.stack();
  const runtime = new LogShipperRuntime(stack, "Runtime");
  shippers.forEach((s, i) => new LogShipper(stack, `Shipper${i}`, { runtime, ...s }));
  return synth(stack);
}

function only(s: Synthesized, type: string): [string, Record<string, unknown>] {
  const all = Object.entries(resources(s, type));
  expect(all).toHaveLength(1);
  return all[0] as [string, Record<string, unknown>];
}

/** Every key anywhere in a JSON value. */
function keysOf(v: AslValue): string[] {
  if (Array.isArray(v)) return v.flatMap(keysOf);
  if (v !== null && typeof v === "object") return Object.entries(v).flatMap(([k, x]) => [k, ...keysOf(x)]);
  return [];
}

describe("LogShipper scaleOut", () => {
  it("adds nothing without scaleOut: no state machine, no plan bucket, the schedule invokes the function", () => {
    const s = build(DATADOG_SHIPPER);
    expect(resources(s, "aws_sfn_state_machine")).toEqual({});
    expect(Object.keys(resources(s, "aws_s3_bucket"))).toEqual(["Runtime_DeadLetterBucket_720D156B"]);
    const [, fn] = only(s, "aws_lambda_function");
    expect(Object.keys((fn.environment as { variables: object }).variables)).not.toContain(
      "LOGSHIPPER_PLAN_BUCKET",
    );
    const [, schedule] = only(s, "aws_scheduler_schedule");
    expect(schedule.target).toMatchObject({
      arn: FUNCTION_ARN,
      role_arn: "${aws_iam_role.Runtime_SchedulerRole_0C3EAFAC.arn}",
    });
    const all = Object.values(resources(s, "aws_iam_role_policy")).flatMap((p) => statements(p.policy));
    expect(all.flatMap((st) => st.Action).filter((a) => a.startsWith("states:"))).toEqual([]);
  });

  it("synthesizes a STANDARD state machine whose definition fans out over a Distributed Map moto can run", () => {
    const s = build({ ...CLOUDWATCH, scaleOut: {} });
    const [, sm] = only(s, "aws_sfn_state_machine");
    expect(sm).toMatchObject({
      name: "test-Runtime-cw-backfill",
      type: "STANDARD",
      role_arn: "${aws_iam_role.Shipper0_ScaleOut_Role_9FA3F6CE.arn}",
      depends_on: ["aws_iam_role_policy.Shipper0_ScaleOut_RolePolicy_E797B08B"],
    });
    const definition = JSON.parse(sm.definition as string) as AslObject;
    const text = sm.definition as string;
    expect(text).not.toContain("EXPRESS");
    expect(keysOf(definition).filter((k) => /ItemBatcher|ToleratedFailure/.test(k))).toEqual([]);

    const states = definition.States as Record<string, AslObject>;
    expect(definition.StartAt).toBe("Plan");
    expect(Object.keys(states)).toEqual([
      "Plan",
      "HasWork",
      "ShippedInline",
      "ShipSlices",
      "Finalize",
      "Outcome",
      "RunFailed",
      "Done",
    ]);
    // the CloudWatch default concurrency (FilterLogEvents' 5 TPS), sent to the plan, which answers it to the Map
    expect(states.Plan).toMatchObject({
      Type: "Task",
      Resource: `arn:${PARTITION}:states:::lambda:invoke`,
      Parameters: {
        FunctionName: FUNCTION_ARN,
        Payload: {
          mode: "plan",
          shipper: "cw-backfill",
          "execution.$": "$$.Execution.Id",
          settings: { maxConcurrency: 4 },
        },
      },
      OutputPath: "$.Payload",
      Next: "HasWork",
    });
    const map = states.ShipSlices as Record<string, AslObject>;
    expect(map).toMatchObject({
      Type: "Map",
      MaxConcurrencyPath: "$.maxConcurrency",
      ItemReader: {
        Resource: `arn:${PARTITION}:states:::s3:getObject`,
        ReaderConfig: { InputType: "JSON" },
        Parameters: { "Bucket.$": "$.planBucket", "Key.$": "$.planKey" },
      },
      ItemSelector: {
        "shipper.$": "$.shipper",
        "runId.$": "$.runId",
        "owner.$": "$.owner",
        "leaseToken.$": "$.leaseToken",
        "slice.$": "$$.Map.Item.Value",
      },
      ResultWriter: {
        Parameters: {
          Bucket: "${aws_s3_bucket.Runtime_PlanBucket_E4EB2543.bucket}",
          Prefix: "scale-out/cw-backfill/results",
        },
      },
      Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.mapError", Next: "Finalize" }],
      Next: "Finalize",
    });
    expect(map.ItemProcessor?.ProcessorConfig).toEqual({ Mode: "DISTRIBUTED", ExecutionType: "STANDARD" });
    const child = (map.ItemProcessor as { States: Record<string, AslObject> }).States;
    expect(child.ShipSlice).toMatchObject({
      Resource: `arn:${PARTITION}:states:::lambda:invoke`,
      Parameters: { FunctionName: FUNCTION_ARN, Payload: { mode: "slice", "slice.$": "$.slice" } },
      ResultSelector: { "done.$": "$.Payload.done" },
      Next: "SliceDone",
    });
    const retry = child.ShipSlice?.Retry as AslObject[];
    expect(retry.map((r) => r.ErrorEquals)).toEqual([
      [
        "Lambda.ServiceException",
        "Lambda.AWSLambdaException",
        "Lambda.SdkClientException",
        "Lambda.TooManyRequestsException",
      ],
      ["States.TaskFailed"],
    ]);
    expect(retry.every((r) => r.JitterStrategy === "FULL")).toBe(true);
    expect(child.SliceDone).toMatchObject({
      Choices: [{ Variable: "$.result.done", BooleanEquals: true, Next: "SliceShipped" }],
      Default: "ShipSlice",
    });
    expect(states.Finalize).toMatchObject({
      Parameters: { Payload: { mode: "finalize", "runId.$": "$.runId", "leaseToken.$": "$.leaseToken" } },
    });
  });

  it("takes maxConcurrency from the source (8 beyond CloudWatch) or from the option", () => {
    const s = build(
      { ...DATADOG_SHIPPER, scaleOut: { sliceTarget: 50_000 } },
      { ...CLOUDWATCH, scaleOut: { maxConcurrency: 2, minRecordsToSlice: 10, sliceSpanMs: 600_000 } },
    );
    const sent = Object.values(resources(s, "aws_sfn_state_machine")).map(
      (sm) =>
        (JSON.parse(sm.definition as string) as { States: { Plan: { Parameters: { Payload: AslObject } } } })
          .States.Plan.Parameters.Payload.settings,
    );
    expect(sent).toEqual([
      { maxConcurrency: 8, sliceTarget: 50_000 },
      { maxConcurrency: 2, minRecordsToSlice: 10, sliceSpanMs: 600_000 },
    ]);
  });

  it("gives the state machine's role exactly what the run needs, on this shipper's objects and executions", () => {
    const s = build({ ...CLOUDWATCH, scaleOut: {} });
    const role = resources(s, "aws_iam_role").Shipper0_ScaleOut_Role_9FA3F6CE as Record<string, unknown>;
    expect(statements(role.assume_role_policy)).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "states.amazonaws.com" },
        Action: ["sts:AssumeRole"],
        Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
      },
    ]);
    const policy = resources(s, "aws_iam_role_policy").Shipper0_ScaleOut_RolePolicy_E797B08B as Record<
      string,
      unknown
    >;
    expect(policy.role).toBe("${aws_iam_role.Shipper0_ScaleOut_Role_9FA3F6CE.name}");
    const region = "${data.aws_region.Shipper0_ScaleOut_Region_C8BA9E62.region}";
    const states = `arn:${PARTITION}:states:${region}:${ACCOUNT}`;
    expect(statements(policy.policy)).toEqual([
      {
        Sid: "InvokeReconciler",
        Effect: "Allow",
        Action: ["lambda:InvokeFunction"],
        Resource: [FUNCTION_ARN],
      },
      {
        Sid: "ReadPlans",
        Effect: "Allow",
        Action: ["s3:GetObject"],
        Resource: [`${PLAN_BUCKET_ARN}/scale-out/cw-backfill/plans/*`],
      },
      {
        Sid: "WriteMapRunResults",
        Effect: "Allow",
        Action: ["s3:AbortMultipartUpload", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:PutObject"],
        Resource: [`${PLAN_BUCKET_ARN}/scale-out/cw-backfill/results/*`],
      },
      {
        Sid: "StartChildExecutions",
        Effect: "Allow",
        Action: ["states:StartExecution"],
        Resource: [`${states}:stateMachine:test-Runtime-cw-backfill`],
      },
      {
        Sid: "ManageChildExecutions",
        Effect: "Allow",
        Action: ["states:DescribeExecution", "states:StopExecution"],
        Resource: [
          `${states}:execution:test-Runtime-cw-backfill:*`,
          `${states}:execution:test-Runtime-cw-backfill/*`,
        ],
      },
    ]);
  });

  it("points the schedule at the state machine, with a role that may only start it", () => {
    const s = build({ ...CLOUDWATCH, scaleOut: {} });
    const [, schedule] = only(s, "aws_scheduler_schedule");
    expect(schedule.target).toEqual({
      arn: "${aws_sfn_state_machine.Shipper0_ScaleOut_54318BA1.arn}",
      role_arn: "${aws_iam_role.Shipper0_ScaleOut_SchedulerRole_74E344A2.arn}",
      input: '{"shipper":"cw-backfill"}',
    });
    const roles = resources(s, "aws_iam_role");
    const schedulerRole = roles.Shipper0_ScaleOut_SchedulerRole_74E344A2 as Record<string, unknown>;
    expect(statements(schedulerRole.assume_role_policy)[0]).toMatchObject({
      Principal: { Service: "scheduler.amazonaws.com" },
      Condition: {
        StringEquals: { "aws:SourceAccount": ACCOUNT },
        ArnEquals: { "aws:SourceArn": "${aws_scheduler_schedule_group.Runtime_ScheduleGroup_B0AE5A81.arn}" },
      },
    });
    const policies = resources(s, "aws_iam_role_policy");
    const start = policies.Shipper0_ScaleOut_SchedulerRolePolicy_E6477BBA as Record<string, unknown>;
    expect(start.role).toBe("${aws_iam_role.Shipper0_ScaleOut_SchedulerRole_74E344A2.name}");
    expect(statements(start.policy)).toEqual([
      {
        Sid: "StartScaleOut",
        Effect: "Allow",
        Action: ["states:StartExecution"],
        Resource: ["${aws_sfn_state_machine.Shipper0_ScaleOut_54318BA1.arn}"],
      },
    ]);
  });

  it("gives the reconciler the plan bucket and s3:PutObject on exactly its shipper's plan prefix", () => {
    const s = build({ ...CLOUDWATCH, scaleOut: {} }, DATADOG_SHIPPER);
    const [, fn] = only(s, "aws_lambda_function");
    expect((fn.environment as { variables: Record<string, string> }).variables).toMatchObject({
      LOGSHIPPER_PLAN_BUCKET: "${aws_s3_bucket.Runtime_PlanBucket_E4EB2543.bucket}",
    });
    const bucket = resources(s, "aws_s3_bucket").Runtime_PlanBucket_E4EB2543 as Record<string, unknown>;
    expect(bucket.bucket_prefix).toBe("test-runtime-plans-");
    const lifecycle = resources(s, "aws_s3_bucket_lifecycle_configuration")
      .Runtime_PlanLifecycle_706761E7 as Record<string, unknown>;
    expect(lifecycle.rule).toEqual([
      expect.objectContaining({ filter: [{ prefix: "scale-out/" }], expiration: [{ days: 30 }] }),
    ]);
    expect(
      resources(s, "aws_s3_bucket_public_access_block").Runtime_PlanPublicAccessBlock_7A5249E3,
    ).toBeDefined();
    const policies = resources(s, "aws_iam_role_policy");
    const scaled = statements(policies.Shipper0_Policy_3F3F7380?.policy).filter(
      (st) => st.Sid === "ScaleOutPlans",
    );
    expect(scaled).toEqual([
      {
        Sid: "ScaleOutPlans",
        Effect: "Allow",
        Action: ["s3:PutObject"],
        Resource: [`${PLAN_BUCKET_ARN}/scale-out/cw-backfill/plans/*`],
      },
    ]);
    // the other shipper gets no right on the plan bucket
    const other = statements(policies.Shipper1_Policy_20D7FFEA?.policy);
    expect(JSON.stringify(other)).not.toContain("PlanBucket");
  });

  it("refuses unknown options, out-of-range values and tokens", () => {
    const stack = sandbox.stack();
    const runtime = new LogShipperRuntime(stack, "Runtime");
    const make = (scaleOut: unknown, id: string) => () =>
      new LogShipper(stack, id, {
        runtime,
        ...CLOUDWATCH,
        id,
        scaleOut: scaleOut as LogShipperProps["scaleOut"],
      });
    expect(make({ maxConcurency: 2 }, "a")).toThrow(
      /scaleOut: unknown option "maxConcurency"; allowed: maxConcurrency, sliceTarget, maxSlices, minRecordsToSlice, sliceSpanMs/,
    );
    expect(make({ maxConcurrency: 0 }, "b")).toThrow(
      /scaleOut.maxConcurrency 0 is out of range; allowed: an integer from 1 to 10000/,
    );
    expect(make({ sliceTarget: 1.5 }, "c")).toThrow(/scaleOut.sliceTarget 1.5 is out of range/);
    expect(make({ maxConcurrency: Lazy.numberValue({ produce: () => 3 }) }, "d")).toThrow(
      /scaleOut.maxConcurrency is a Terraform reference \(token\)/,
    );
  });
});

describe("the scale-out definition", () => {
  it("is the same with SQS callback tasks as with Lambda tasks, but for each task's Resource and Parameters", () => {
    const props = { shipper: "x", resultBucket: "b", resultPrefix: "r", settings: { maxConcurrency: 3 } };
    const lambda = scaleOutDefinition({ ...props, task: lambdaInvokeTask("arn:fn") });
    const sqs = scaleOutDefinition({ ...props, task: sqsCallbackTask("http://q") });
    const strip = (v: AslValue): AslValue => {
      if (Array.isArray(v)) return v.map(strip);
      if (v === null || typeof v !== "object") return v;
      const out: AslObject = {};
      for (const [k, x] of Object.entries(v))
        if (!(v.Type === "Task" && (k === "Resource" || k === "Parameters"))) out[k] = strip(x);
      return out;
    };
    expect(strip(sqs)).toEqual(strip(lambda));
    expect(JSON.stringify(sqs)).toContain('"token.$":"$$.Task.Token"');
    // the very payload of each Lambda task goes into the message
    const plan = (sqs.States as Record<string, AslObject>).Plan as { Parameters: { MessageBody: AslObject } };
    const lambdaPlan = (lambda.States as Record<string, AslObject>).Plan as {
      Parameters: { Payload: AslObject };
    };
    expect(plan.Parameters.MessageBody.payload).toEqual(lambdaPlan.Parameters.Payload);
    // no integer ToleratedFailure*, no ItemBatcher, STANDARD children: what moto 5.2.1 parses
    expect(keysOf(lambda).some((k) => /ItemBatcher|ToleratedFailure/.test(k))).toBe(false);
  });
});
