import { Construct } from "constructs";
import type { Shipper } from "../generated/config";
import { plansPrefix, resultsPrefix } from "../src/lambda/plan-layout";
import { DEFAULT_MAX_CONCURRENCY } from "../src/reconcile/scale-out-common";
import { DataAwsRegion, IamRole, IamRolePolicy, SfnStateMachine, Token } from "./private/cdk";
import { physicalName, type NameRules } from "./private/names";
import { assumeRolePolicy, policyDocument, type PolicyStatement } from "./private/policy";
import { lambdaInvokeTask, scaleOutDefinition } from "./private/state-machine";
import type { LogShipperRuntime } from "./runtime";

/**
 * The `scaleOut` option of a {@link LogShipper}: ship a big backlog as slices in parallel, on an AWS Step Functions
 * Distributed Map whose workers are the reconciler itself. Every field is optional; `scaleOut: {}` takes the defaults.
 */
export interface LogShipperScaleOut {
  /**
   * Most slices shipped at once (the Distributed Map's concurrency), from 1 to 10000. The source's API budget bounds
   * it: CloudWatch Logs `FilterLogEvents` allows 5 requests per second per account and Region, and that cannot be
   * raised.
   *
   * @default - 4 for a CloudWatch source, 8 otherwise
   */
  readonly maxConcurrency?: number;
  /**
   * Records per slice the plan aims at.
   *
   * @default - the reconciler's default (see docs/scale-out.md)
   */
  readonly sliceTarget?: number;
  /**
   * Most slices in one plan.
   *
   * @default - the reconciler's default
   */
  readonly maxSlices?: number;
  /**
   * Backlogs smaller than this many records are not sliced: the `Plan` step ships them itself, as the serial run does.
   *
   * @default - the reconciler's default
   */
  readonly minRecordsToSlice?: number;
  /**
   * For a source that cannot count its backlog (CloudWatch Logs), the time span of one slice, in milliseconds; a
   * range shorter than two spans is not sliced.
   *
   * @default - the reconciler's default (one hour)
   */
  readonly sliceSpanMs?: number;
}

/** Step Functions state machine names: letters, digits, `-` and `_`, at most 80. */
const STATE_MACHINE_NAME: NameRules = { maxLength: 80, invalid: /[^A-Za-z0-9_-]+/g };

/** What a {@link ShipperStateMachine} is made from. */
export interface ShipperStateMachineProps {
  readonly runtime: LogShipperRuntime;
  readonly config: Shipper;
  readonly scaleOut: LogShipperScaleOut;
}

/**
 * One shipper's scale-out machinery: the STANDARD state machine (`Plan → Distributed Map of slices → Finalize`, see
 * `private/state-machine.ts`), its role (invoke the reconciler; read the shipper's plans; write its Map Run results;
 * start, describe and stop its own child executions), and the role EventBridge Scheduler assumes to start it
 * (`states:StartExecution` on this state machine only).
 */
export class ShipperStateMachine extends Construct {
  /** The state machine. */
  public readonly stateMachine: SfnStateMachine;
  /** Its execution role. */
  public readonly role: IamRole;
  /** The role the shipper's schedule assumes to start an execution. */
  public readonly schedulerRole: IamRole;
  /** The concurrency of the Distributed Map, after defaults. */
  public readonly maxConcurrency: number;

  constructor(scope: Construct, id: string, props: ShipperStateMachineProps) {
    super(scope, id);
    const { runtime, config, scaleOut } = props;
    const where = `LogShipper ${scope.node.path}: scaleOut`;
    checkSettings(where, scaleOut);
    // the reconciler's defaults per source type (CloudWatch 4: FilterLogEvents' 5 TPS per account and Region)
    this.maxConcurrency = scaleOut.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY[config.source.type];

    const plans = runtime.planBucket();
    const region = new DataAwsRegion(this, "Region").region;
    const name = physicalName([runtime.nameBase, config.id], STATE_MACHINE_NAME);
    const states = `arn:${runtime.partition}:states:${region}:${runtime.accountId}`;
    const stateMachineArn = `${states}:stateMachine:${name}`;

    this.role = new IamRole(this, "Role", {
      namePrefix: `${physicalName([runtime.nameBase, config.id], { maxLength: 29, invalid: /[^A-Za-z0-9+=,.@_-]+/g })}-sfn-`,
      description: `log-shipper scale-out state machine of shipper ${config.id}`,
      assumeRolePolicy: assumeRolePolicy("states.amazonaws.com", {
        StringEquals: { "aws:SourceAccount": runtime.accountId },
      }),
    });
    const statements: PolicyStatement[] = [
      {
        Sid: "InvokeReconciler",
        Effect: "Allow",
        Action: ["lambda:InvokeFunction"],
        Resource: [runtime.function.arn],
      },
      {
        Sid: "ReadPlans",
        Effect: "Allow",
        Action: ["s3:GetObject"],
        Resource: [`${plans.arn}/${plansPrefix(config.id)}/*`],
      },
      {
        // what the Distributed Map's ResultWriter needs (multipart uploads of the result files)
        Sid: "WriteMapRunResults",
        Effect: "Allow",
        Action: ["s3:AbortMultipartUpload", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:PutObject"],
        Resource: [`${plans.arn}/${resultsPrefix(config.id)}/*`],
      },
      {
        // the Distributed Map starts each child workflow as an execution of this very state machine
        Sid: "StartChildExecutions",
        Effect: "Allow",
        Action: ["states:StartExecution"],
        Resource: [stateMachineArn],
      },
      {
        Sid: "ManageChildExecutions",
        Effect: "Allow",
        Action: ["states:DescribeExecution", "states:StopExecution"],
        Resource: [`${states}:execution:${name}:*`, `${states}:execution:${name}/*`],
      },
    ];
    const policy = new IamRolePolicy(this, "RolePolicy", {
      role: this.role.name,
      name: "logshipper-scale-out",
      policy: policyDocument(statements),
    });

    const definition = scaleOutDefinition({
      shipper: config.id,
      task: lambdaInvokeTask(runtime.function.arn, runtime.partition),
      partition: runtime.partition,
      resultBucket: plans.bucket,
      resultPrefix: resultsPrefix(config.id),
      settings: {
        maxConcurrency: this.maxConcurrency,
        sliceTarget: scaleOut.sliceTarget,
        maxSlices: scaleOut.maxSlices,
        minRecordsToSlice: scaleOut.minRecordsToSlice,
        sliceSpanMs: scaleOut.sliceSpanMs,
      },
    });
    this.stateMachine = new SfnStateMachine(this, "Resource", {
      name,
      type: "STANDARD",
      roleArn: this.role.arn,
      definition: JSON.stringify(definition),
      // the role's policy must exist before the definition is validated against it
      dependsOn: [policy],
    });

    this.schedulerRole = new IamRole(this, "SchedulerRole", {
      namePrefix: `${physicalName([runtime.nameBase, config.id], { maxLength: 29, invalid: /[^A-Za-z0-9+=,.@_-]+/g })}-sch-`,
      description: `EventBridge Scheduler starting the scale-out state machine of shipper ${config.id}`,
      assumeRolePolicy: assumeRolePolicy("scheduler.amazonaws.com", {
        StringEquals: { "aws:SourceAccount": runtime.accountId },
        ArnEquals: { "aws:SourceArn": runtime.scheduleGroup.arn },
      }),
    });
    new IamRolePolicy(this, "SchedulerRolePolicy", {
      role: this.schedulerRole.name,
      name: "start-scale-out",
      policy: policyDocument([
        {
          Sid: "StartScaleOut",
          Effect: "Allow",
          Action: ["states:StartExecution"],
          Resource: [this.stateMachine.arn],
        },
      ]),
    });
  }
}

/** The reconciler's right on the plan bucket when a shipper scales out: write its own slice lists, nothing else. */
export function planWriteStatement(runtime: LogShipperRuntime, shipperId: string): PolicyStatement {
  return {
    Sid: "ScaleOutPlans",
    Effect: "Allow",
    Action: ["s3:PutObject"],
    Resource: [`${runtime.planBucket().arn}/${plansPrefix(shipperId)}/*`],
  };
}

const LIMITS: ReadonlyArray<[keyof LogShipperScaleOut, number, number]> = [
  ["maxConcurrency", 1, 10_000],
  ["sliceTarget", 1, Number.MAX_SAFE_INTEGER],
  ["maxSlices", 1, 1_000_000],
  ["minRecordsToSlice", 0, Number.MAX_SAFE_INTEGER],
  ["sliceSpanMs", 1_000, Number.MAX_SAFE_INTEGER],
];

function checkSettings(where: string, scaleOut: LogShipperScaleOut): void {
  if (typeof scaleOut !== "object" || scaleOut === null || Array.isArray(scaleOut))
    throw new Error(`${where} must be an object like { maxConcurrency: 4 }, got ${JSON.stringify(scaleOut)}`);
  const allowed = LIMITS.map(([k]) => k as string);
  for (const key of Object.keys(scaleOut)) {
    if (!allowed.includes(key))
      throw new Error(`${where}: unknown option ${JSON.stringify(key)}; allowed: ${allowed.join(", ")}`);
  }
  for (const [key, min, max] of LIMITS) {
    const v = scaleOut[key];
    if (v === undefined) continue;
    if (Token.isUnresolved(v))
      throw new Error(
        `${where}.${key} is a Terraform reference (token); it is written into the definition at synth, so it needs a plain value`,
      );
    if (!Number.isInteger(v) || v < min || v > max)
      throw new Error(
        `${where}.${key} ${JSON.stringify(v)} is out of range; allowed: an integer from ${min} to ${max}`,
      );
  }
}
