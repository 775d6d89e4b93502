import { Construct } from "constructs";
import type { CloudWatchExporter, CloudWatchSource, Shipper, Source } from "../generated/config";
import { ConfigError, type ConfigIssue, formatPath } from "../src/config/errors";
import { canonicalExporterType } from "../src/config/exporter-types";
import { readShipperConfigs } from "../src/config/load";
import { CONFIG_SCHEMA } from "../src/config/schema";
import { didYouMean } from "../src/config/suggest";
import { hasTemplate, parseTemplate, secretNames, walkStrings } from "../src/config/template";
import {
  Annotations,
  AwsProvider,
  CloudwatchMetricAlarm,
  IamRolePolicy,
  SchedulerSchedule,
  TerraformStack,
  Token,
} from "./private/cdk";
import { ALARM_NAME, physicalName, POLICY_NAME, SCHEDULE_NAME } from "./private/names";
import { PACKAGE_ROOT } from "./private/paths";
import { policyDocument, type PolicyStatement } from "./private/policy";
import { s3Statements } from "./private/s3-grants";
import { SchedulerExpressionError, toSchedulerExpression } from "./private/scheduler-expression";
import { LOG_RETENTION_DAYS, LogShipperRuntime } from "./runtime";
import { type LogShipperScaleOut, planWriteStatement, ShipperStateMachine } from "./scale-out";

/** CloudWatch Logs log group names. */
const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
/** CloudWatch Logs log stream names. */
const LOG_STREAM_NAME = /^[^:*]{1,512}$/;
/** AWS region names. */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** The metrics each shipper can alarm on (namespace `LogShipper`, see the runtime's metrics contract). */
const ALARM_METRICS = ["Drift", "Rejected"] as const;
/** The keys of the native shipper config, read from the JSON Schema. */
const SHIPPER_KEYS = Object.keys(CONFIG_SCHEMA.$defs.shipper.properties);
/** The infrastructure options of {@link LogShipperOptions}. */
const OPTION_KEYS = [
  "runtime",
  "secrets",
  "createLogGroups",
  "logGroupRetentionDays",
  "scheduleEnabled",
  "scaleOut",
];

/** Where the value of one `{{ secret('NAME') }}` comes from. */
export interface LogShipperSecret {
  /**
   * ARN of an existing Secrets Manager secret. The reconciler reads the secret by name (`<secretPrefix>/NAME`), so
   * the ARN must be that secret's; it is used to grant `secretsmanager:GetSecretValue` on exactly that secret. A
   * partial ARN (without the 6-character suffix Secrets Manager adds) is granted with a `-??????` wildcard.
   *
   * @default - a new secret `<secretPrefix>/NAME` is created without a value
   */
  readonly existingSecretArn?: string;
}

/** The infrastructure options of a {@link LogShipper}, beside its shipper config. */
export interface LogShipperOptions {
  /** The runtime (Lambda, table, bucket) that runs this shipper. */
  readonly runtime: LogShipperRuntime;
  /**
   * Where each `{{ secret('NAME') }}` of the shipper config comes from, by NAME. Every key must be a secret the
   * config uses.
   *
   * @default - each secret the config uses is created as `<secretPrefix>/NAME`, with no value (set it out of band
   * with `aws secretsmanager put-secret-value`)
   */
  readonly secrets?: Readonly<Record<string, LogShipperSecret>>;
  /**
   * Create the log group and log stream of each CloudWatch Logs exporter, in the stack's account and region. The
   * exporter's `region` must then be the provider's region.
   *
   * @default false
   */
  readonly createLogGroups?: boolean;
  /**
   * Retention, in days, of the log groups created with `createLogGroups`; one of the CloudWatch Logs values.
   *
   * @default - the log groups never expire
   */
  readonly logGroupRetentionDays?: number;
  /**
   * Whether the schedule is enabled. A disabled schedule keeps its configuration but never runs the shipper.
   *
   * @default true
   */
  readonly scheduleEnabled?: boolean;
  /**
   * Ship big backlogs as slices in parallel on AWS Step Functions: the construct adds a STANDARD state machine
   * (`Plan → Distributed Map of the slices → Finalize`, the reconciler as its worker), its role, the runtime's plan
   * bucket, and points the schedule at the state machine (`states:StartExecution`) instead of the function. Small
   * backlogs are still shipped in one invocation, by the `Plan` step. See {@link LogShipperScaleOut} for the defaults.
   *
   * @default - no scale-out: the schedule invokes the function, which continues itself serially
   */
  readonly scaleOut?: LogShipperScaleOut;
}

/**
 * Properties of a {@link LogShipper}: the shipper config, exactly as in a native YAML config (`id`, `source`,
 * `schedule`, `timezone`, `logExporters` with Kestra's property names...), plus the infrastructure options.
 */
export interface LogShipperProps extends Shipper, LogShipperOptions {}

/** Options of {@link LogShipper.fromKestraFlow}. */
export interface KestraFlowOptions extends LogShipperOptions {
  /**
   * The source of every shipper of the flow.
   *
   * @default { type: "kestra" } - the Kestra API; its `url` comes from the runtime's `KESTRA_URL` environment variable
   */
  readonly source?: Source;
  /**
   * Values for the flow's `{{ vars.NAME }}`; they override the flow's `variables`.
   *
   * @default - only the flow's own variables
   */
  readonly vars?: Readonly<Record<string, string>>;
  /**
   * The flow's file name, used in error messages.
   *
   * @default "<id>.yaml"
   */
  readonly fileName?: string;
}

/**
 * One log shipper running on a {@link LogShipperRuntime}: an EventBridge Scheduler schedule that invokes the
 * reconciler with `{"shipper": "<id>"}` (or, with `scaleOut`, starts the shipper's Step Functions state machine), the Secrets Manager secrets its `{{ secret('NAME') }}` templates name,
 * optionally the CloudWatch log groups it writes to, and a least-privilege inline policy on the runtime's role.
 * Its config is bundled with the reconciler in `logshipper.config.json`.
 */
export class LogShipper extends Construct {
  /**
   * Declares the shippers of a Kestra flow (every `io.kestra.plugin.ee.core.log.LogShipper` task, scheduled by the
   * flow's Schedule trigger), read with the same loader as the CLI. Each shipper is a child of a construct named `id`,
   * named after its task id; its shipper id is `<namespace>.<flowId>.<taskId>`.
   *
   * @param scope the parent
   * @param id the id of the construct that groups the flow's shippers
   * @param yamlText the flow, unchanged
   * @param options infrastructure options applied to every shipper, the source, and `vars`
   */
  public static fromKestraFlow(
    scope: Construct,
    id: string,
    yamlText: string,
    options: KestraFlowOptions,
  ): LogShipper[] {
    const { source, vars, fileName, ...shipperOptions } = options;
    const file = fileName ?? `${id}.yaml`;
    const where = `LogShipper.fromKestraFlow(${JSON.stringify(id)})`;
    let loaded;
    try {
      loaded = readShipperConfigs(file, yamlText, PACKAGE_ROOT, { source, vars, strictVars: true });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      const hint = err.issues.some((i) => i.message.includes("--var"))
        ? "\n  (give variables with the `vars` option)"
        : "";
      throw new Error(`${where}: ${err.message}${hint}`);
    }
    if (loaded.kind !== "kestra-flow") {
      throw new Error(
        `${where}: ${file} is not a Kestra flow (it has no id/namespace/tasks); declare native shippers with new LogShipper(...)`,
      );
    }
    const group = new Construct(scope, id);
    return loaded.configs.map(
      (config) =>
        new LogShipper(group, config.id.split(".").pop() as string, { ...config, ...shipperOptions }),
    );
  }

  /** The shipper id (the schedule's payload, the DynamoDB partition key, the dead-letter folder). */
  public readonly shipperId: string;
  /** The shipper config as bundled in `logshipper.config.json` (secret templates, never values). */
  public readonly config: Shipper;
  /** The runtime that runs the shipper. */
  public readonly runtime: LogShipperRuntime;
  /** The schedule, when the config has one. */
  public readonly schedule?: SchedulerSchedule;
  /** The EventBridge Scheduler expression, e.g. `cron(0 0 * * ? *)`, when the config has a schedule. */
  public readonly scheduleExpression?: string;
  /** The shipper's inline policy on the runtime's role. */
  public readonly policy: IamRolePolicy;
  /** The names of the secrets the config uses (`{{ secret('NAME') }}`), sorted. */
  public readonly secretNames: readonly string[];
  /** The `Drift` and `Rejected` alarms, when the runtime has `createAlarms`. */
  public readonly alarms: readonly CloudwatchMetricAlarm[];
  /** The scale-out state machine and its roles, with `scaleOut`. */
  public readonly scaleOut?: ShipperStateMachine;

  constructor(scope: Construct, id: string, props: LogShipperProps) {
    super(scope, id);
    const {
      runtime,
      secrets = {},
      createLogGroups = false,
      logGroupRetentionDays,
      scheduleEnabled = true,
      scaleOut,
      ...rest
    } = props;
    const where = `LogShipper ${this.node.path}`;
    if (!(runtime instanceof LogShipperRuntime)) {
      throw new Error(`${where}: runtime must be a LogShipperRuntime, got ${describe(runtime)}`);
    }
    if (TerraformStack.of(runtime) !== TerraformStack.of(this)) {
      throw new Error(
        `${where}: runtime ${runtime.node.path} is in another stack; a shipper and its runtime must be in the same stack`,
      );
    }
    for (const key of Object.keys(rest)) {
      if (!SHIPPER_KEYS.includes(key)) {
        throw new Error(
          `${where}: unknown property ${JSON.stringify(key)}${didYouMean(key, [...SHIPPER_KEYS, ...OPTION_KEYS])}; ` +
            `allowed: ${[...SHIPPER_KEYS, ...OPTION_KEYS].join(", ")}`,
        );
      }
    }
    walkStrings(rest, (text, path) => {
      if (Token.isUnresolved(text)) {
        throw new Error(
          `${where}: ${formatPath(path)} is a Terraform reference (token); the shipper config is written into the ` +
            "Lambda bundle at synth time, so it needs plain values",
        );
      }
    });
    const config = JSON.parse(JSON.stringify(rest)) as Shipper;
    this.config = config;
    this.runtime = runtime;
    this.shipperId = config.id;

    checkNoVars(where, config);
    const warnings = validateConfig(where, config);
    for (const w of warnings) Annotations.of(this).addWarning(w);
    checkLambdaCompatible(where, config, runtime);
    if (logGroupRetentionDays !== undefined && !LOG_RETENTION_DAYS.includes(logGroupRetentionDays)) {
      throw new Error(
        `${where}: logGroupRetentionDays ${logGroupRetentionDays} is not a CloudWatch Logs retention; allowed: ` +
          LOG_RETENTION_DAYS.join(", "),
      );
    }

    let scheduleExpression: string | undefined;
    const timezone = config.timezone ?? "UTC";
    if (config.schedule !== undefined) {
      try {
        scheduleExpression = toSchedulerExpression(config.schedule, timezone);
      } catch (err) {
        if (!(err instanceof SchedulerExpressionError)) throw err;
        throw new Error(`${where}: schedule cannot run on EventBridge Scheduler: ${err.message}`);
      }
    }
    this.scheduleExpression = scheduleExpression;

    // secrets: every check before the runtime records anything
    const used = new Set<string>();
    walkStrings(config, (text) => secretNames(text).forEach((n) => used.add(n)));
    this.secretNames = [...used].sort();
    for (const key of Object.keys(secrets)) {
      if (!used.has(key)) {
        throw new Error(
          `${where}: secrets.${key} is not used: the shipper config has no {{ secret('${key}') }}` +
            `${didYouMean(key, this.secretNames)}; it uses: ${this.secretNames.join(", ") || "no secret"}`,
        );
      }
    }
    const granted = new Map<string, string>();
    for (const name of this.secretNames) {
      const existing = secrets[name]?.existingSecretArn;
      if (existing !== undefined)
        granted.set(name, existingSecretResource(where, name, existing, runtime.secretPrefix));
    }
    const secretResources = this.secretNames.map((name) => {
      const arn = runtime.secretArn(name, secrets[name]?.existingSecretArn, config.id);
      return granted.get(name) ?? arn;
    });

    // scale-out: the state machine the schedule starts instead of the function
    if (scaleOut !== undefined)
      this.scaleOut = new ShipperStateMachine(this, "ScaleOut", { runtime, config, scaleOut });
    const target = this.scaleOut
      ? { arn: this.scaleOut.stateMachine.arn, roleArn: this.scaleOut.schedulerRole.arn }
      : { arn: runtime.function.arn, roleArn: runtime.schedulerRole.arn };

    // the schedule
    if (scheduleExpression !== undefined) {
      this.schedule = new SchedulerSchedule(this, "Resource", {
        name: physicalName([config.id], SCHEDULE_NAME),
        groupName: runtime.scheduleGroup.name,
        description: (config.description ?? `log-shipper ${config.id}`).slice(0, 512),
        scheduleExpression,
        scheduleExpressionTimezone: timezone,
        flexibleTimeWindow: { mode: "OFF" },
        state: scheduleEnabled ? "ENABLED" : "DISABLED",
        target: { ...target, input: JSON.stringify({ shipper: config.id }) },
      });
    } else {
      Annotations.of(this).addWarning(
        `shipper ${config.id} has no schedule: it runs only when the function is invoked with {"shipper":"${config.id}"} or {}`,
      );
    }

    // the grants
    const logArn = (region: string, resource: string): string =>
      `arn:${runtime.partition}:logs:${hasTemplate(region) ? "*" : region}:${runtime.accountId}:log-group:${resource}`;
    const statements: PolicyStatement[] = [
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
        Resource: [runtime.table.arn],
        Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [config.id] } },
      },
      {
        Sid: "DeadLetter",
        Effect: "Allow",
        Action: ["s3:PutObject"],
        Resource: [`${runtime.deadLetterBucket.arn}/dead-letter/${config.id}/*`],
      },
    ];
    if (secretResources.length > 0) {
      statements.push({
        Sid: "Secrets",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue"],
        Resource: secretResources,
      });
    }
    const exporterGroups: string[] = [];
    const regionChecks: Array<{ exporter: string; region: string }> = [];
    for (const exporter of config.logExporters) {
      if (canonicalExporterType(exporter.type) !== "cloudwatch") continue;
      const cw = exporter as CloudWatchExporter;
      if (createLogGroups) {
        const group = runtime.destinationLogGroup(
          cw.logGroupName,
          cw.logStreamName,
          logGroupRetentionDays,
          config.id,
        );
        exporterGroups.push(group.arn, `${group.arn}:*`);
        regionChecks.push({ exporter: cw.id, region: cw.region });
      } else {
        exporterGroups.push(logArn(cw.region, cw.logGroupName), logArn(cw.region, `${cw.logGroupName}:*`));
      }
    }
    if (exporterGroups.length > 0) {
      statements.push({
        Sid: "CloudWatchExporters",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
        Resource: [...new Set(exporterGroups)],
      });
    }
    if (config.source.type === "cloudwatch") {
      const src: CloudWatchSource = config.source;
      const groups =
        src.logGroupNames !== undefined
          ? src.logGroupNames.flatMap((n) => [logArn(src.region, n), logArn(src.region, `${n}:*`)])
          : [logArn(src.region, `${src.logGroupNamePrefix ?? ""}*`)];
      statements.push(
        { Sid: "CloudWatchSource", Effect: "Allow", Action: ["logs:FilterLogEvents"], Resource: groups },
        // DescribeLogGroups is authorized against the account's log-group collection, never a single group
        {
          Sid: "CloudWatchSourceDescribe",
          Effect: "Allow",
          Action: ["logs:DescribeLogGroups"],
          Resource: [logArn(src.region, "*")],
        },
      );
    }
    statements.push(...s3Statements(config, runtime.partition));
    if (this.scaleOut !== undefined) statements.push(planWriteStatement(runtime, config.id));
    const policy = policyDocument(statements);
    this.policy = new IamRolePolicy(this, "Policy", {
      role: runtime.role.name,
      name: physicalName(["logshipper", config.id], POLICY_NAME),
      policy,
    });

    // alarms
    this.alarms = runtime.createAlarms
      ? ALARM_METRICS.map(
          (metric) =>
            new CloudwatchMetricAlarm(this, `${metric}Alarm`, {
              alarmName: `${runtime.functionName}/${physicalName([config.id], ALARM_NAME)}/${metric}`,
              alarmDescription: `log-shipper ${config.id}: ${metric} > 0 (namespace LogShipper)`,
              comparisonOperator: "GreaterThanThreshold",
              threshold: 0,
              evaluationPeriods: 1,
              datapointsToAlarm: 1,
              treatMissingData: "notBreaching",
              alarmActions: [...runtime.alarmActions],
              metricQuery: [
                {
                  id: "q1",
                  expression: `SELECT SUM(${metric}) FROM "LogShipper" WHERE Shipper = '${config.id}'`,
                  period: 300,
                  returnData: true,
                },
              ],
            }),
        )
      : [];

    runtime.addShipper({ id: config.id, config, scope: this, policyDocument: policy });
    this.node.addValidation({ validate: () => this.validateStack(regionChecks) });
  }

  private validateStack(regionChecks: ReadonlyArray<{ exporter: string; region: string }>): string[] {
    const errors: string[] = [];
    const stack = TerraformStack.of(this);
    const same = stack.node
      .findAll()
      .filter((c): c is LogShipper => c instanceof LogShipper && c.shipperId === this.shipperId);
    if (same.length > 1) {
      errors.push(
        `shipper id ${JSON.stringify(this.shipperId)} is declared ${same.length} times in stack ${stack.node.id} ` +
          `(${same.map((s) => s.node.path).join(", ")}); shipper ids must be unique`,
      );
    }
    if (regionChecks.length > 0) {
      const provider = stack.node
        .findAll()
        .find((c): c is AwsProvider => c instanceof AwsProvider && c.alias === undefined);
      const providerRegion = provider?.region;
      if (providerRegion !== undefined && !Token.isUnresolved(providerRegion)) {
        for (const { exporter, region } of regionChecks) {
          if (!hasTemplate(region) && region !== providerRegion) {
            errors.push(
              `exporter ${exporter} writes to region ${region}, but createLogGroups creates its log group in the ` +
                `provider's region ${providerRegion}; set the exporter's region to ${providerRegion} or create the ` +
                "log group yourself",
            );
          }
        }
      }
    }
    return errors;
  }
}

/** `{{ vars.x }}` cannot be resolved in a construct: the values are plain TypeScript. */
function checkNoVars(where: string, config: Shipper): void {
  walkStrings(config, (text, path) => {
    if (!hasTemplate(text)) return;
    let parts;
    try {
      parts = parseTemplate(text);
    } catch {
      return; // the loader reports the syntax error with its path
    }
    const v = parts.find((p) => p.kind === "var");
    if (v !== undefined && v.kind === "var") {
      throw new Error(
        `${where}: ${formatPath(path)} uses {{ vars.${v.path} }}; a construct has no variables, so write the value ` +
          "itself (a TypeScript variable does the job)",
      );
    }
  });
}

/** Validates the config with the runtime's loader (JSON Schema and semantic checks), so YAML and constructs agree. */
function validateConfig(where: string, config: Shipper): readonly string[] {
  try {
    return readShipperConfigs(where, JSON.stringify({ shippers: [config] }), PACKAGE_ROOT, {
      strictVars: true,
    }).warnings;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const lines = err.issues.map((i: ConfigIssue) => {
      const path = i.path.replace(/^shippers\[0\]\.?/, "");
      return `  - ${path === "" ? "(shipper)" : path}: ${i.message}`;
    });
    throw new Error(`${where}: invalid shipper ${JSON.stringify(config.id)}:\n${lines.join("\n")}`);
  }
}

/** What a Lambda cannot run, and names that AWS would refuse. */
function checkLambdaCompatible(where: string, config: Shipper, runtime: LogShipperRuntime): void {
  if (config.source.type === "file") {
    throw new Error(
      `${where}: source type "file" reads files on the machine that runs the shipper, and a Lambda has none; ` +
        "allowed here: kestra, cloudwatch, s3",
    );
  }
  if (config.source.type === "kestra") {
    if (config.source.url === undefined && runtime.environment.KESTRA_URL === undefined) {
      throw new Error(
        `${where}: the kestra source has no url and the runtime has no KESTRA_URL; set source.url or the ` +
          "runtime's environment.KESTRA_URL",
      );
    }
  }
  if (config.source.type === "cloudwatch") {
    checkRegion(where, "source.region", config.source.region);
    for (const name of config.source.logGroupNames ?? [])
      checkName(where, "source.logGroupNames", name, LOG_GROUP_NAME);
    if (config.source.logGroupNamePrefix !== undefined) {
      checkName(where, "source.logGroupNamePrefix", config.source.logGroupNamePrefix, LOG_GROUP_NAME);
    }
  }
  config.logExporters.forEach((exporter, i) => {
    const type = canonicalExporterType(exporter.type);
    if (type === "file") {
      throw new Error(
        `${where}: logExporters[${i}] (${exporter.id}) is a file exporter; a Lambda has no lasting file system, so ` +
          "ship to a destination service instead",
      );
    }
    if (type === "cloudwatch") {
      const cw = exporter as CloudWatchExporter;
      checkRegion(where, `logExporters[${i}].region`, cw.region);
      checkName(where, `logExporters[${i}].logGroupName`, cw.logGroupName, LOG_GROUP_NAME);
      checkName(where, `logExporters[${i}].logStreamName`, cw.logStreamName, LOG_STREAM_NAME);
    }
  });
}

function checkRegion(where: string, key: string, region: string): void {
  if (!hasTemplate(region) && !REGION.test(region)) {
    throw new Error(`${where}: ${key} ${JSON.stringify(region)} is not an AWS region name such as eu-west-1`);
  }
}

function checkName(where: string, key: string, name: string, pattern: RegExp): void {
  if (!pattern.test(name)) {
    throw new Error(
      `${where}: ${key} ${JSON.stringify(name)} is not a valid CloudWatch Logs name (allowed: ${pattern.source})`,
    );
  }
}

/**
 * The IAM resource for an existing secret. The reconciler reads `<prefix>/NAME` by name, so the ARN must be that
 * secret's: a full ARN is used as is, a partial one (no random suffix) gets Secrets Manager's `-??????` suffix.
 */
function existingSecretResource(where: string, name: string, arn: string, prefix: string): string {
  if (Token.isUnresolved(arn) || Token.isUnresolved(prefix)) return arn;
  const m = /^arn:aws[\w-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:(.+)$/.exec(arn);
  if (m === null) {
    throw new Error(
      `${where}: secrets.${name}.existingSecretArn ${JSON.stringify(arn)} is not a Secrets Manager secret ARN ` +
        "(arn:aws:secretsmanager:<region>:<account>:secret:<name>-<suffix>)",
    );
  }
  const secretName = m[1] as string;
  const expected = `${prefix}/${name}`;
  if (secretName === expected) return `${arn}-??????`;
  if (
    secretName.startsWith(`${expected}-`) &&
    /^[A-Za-z0-9]{6}$/.test(secretName.slice(expected.length + 1))
  ) {
    return arn;
  }
  throw new Error(
    `${where}: secrets.${name}.existingSecretArn names the secret ${JSON.stringify(secretName)}, but ` +
      `{{ secret('${name}') }} is read from the secret named ${JSON.stringify(expected)} (the runtime's secretPrefix ` +
      `+ "/" + NAME); give the ARN of ${expected}`,
  );
}

function describe(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? String(value);
  return (value as object).constructor?.name ?? "an object";
}
