import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { Construct } from "constructs";
import type { Shipper } from "../generated/config";
import { CONFIG_FILE, stageReconciler } from "./private/bundling";
import {
  App,
  AssetType,
  Annotations,
  CloudwatchLogGroup,
  CloudwatchLogStream,
  DataAwsCallerIdentity,
  DataAwsPartition,
  DynamodbTable,
  IamRole,
  IamRolePolicy,
  LambdaFunction,
  LambdaFunctionRecursionConfig,
  Lazy,
  S3Bucket,
  SchedulerScheduleGroup,
  SecretsmanagerSecret,
  TerraformAsset,
  TerraformStack,
  Token,
} from "./private/cdk";
import { BUCKET_PREFIX, FUNCTION_NAME, physicalName, SCHEDULE_NAME } from "./private/names";
import { PREBUILT_HANDLER } from "./private/paths";
import { assumeRolePolicy, policyDocument } from "./private/policy";
import { privateBucket } from "./private/private-bucket";
import { SCALE_OUT_PREFIX } from "../src/lambda/plan-layout";

/** The prebuilt reconciler handler shipped in this package (`dist/lambda/index.js`). */
export const DEFAULT_HANDLER_BUNDLE = PREBUILT_HANDLER;
/** Context key that overrides the handler bundle for a whole app (tests, or a fork with its own handler). */
export const HANDLER_BUNDLE_CONTEXT = "logshipper:handlerBundle";
/** The Lambda Node.js runtimes the reconciler supports; the first is the default. */
export const LAMBDA_RUNTIMES = ["nodejs24.x", "nodejs22.x"] as const;
/** One of {@link LAMBDA_RUNTIMES}. */
export type LambdaRuntime = (typeof LAMBDA_RUNTIMES)[number];
/** Retention values CloudWatch Logs accepts, in days (0 = never expire). */
export const LOG_RETENTION_DAYS: readonly number[] = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
/** Days after which scale-out plans and Map Run results expire in the plan bucket. */
const PLAN_EXPIRATION_DAYS = 30;
/** Environment variables the construct sets itself. */
const RESERVED_ENV = /^(LOGSHIPPER_|AWS_|LAMBDA_|_)/;
/** Environment variable names that look like credentials: their values would land in Terraform config and state. */
const SECRET_LIKE_ENV = /(TOKEN|PASSWORD|SECRET|API_?KEY|ACCESS_?KEY|CREDENTIAL)/i;
/** IAM's limit on the inline policies of one role, all together, in characters (whitespace not counted). */
const ROLE_INLINE_POLICY_LIMIT = 10_240;
/** A typical length of a resolved ARN, to estimate policy sizes before Terraform resolves the references. */
const TYPICAL_REFERENCE_LENGTH = 80;

/** Properties of a {@link LogShipperRuntime}. */
export interface LogShipperRuntimeProps {
  /**
   * Name of the reconciler Lambda function; also names its log group (`/aws/lambda/<name>`), the offsets table
   * (`<name>-offsets`) and the schedule group.
   *
   * @default - `<stack id>-<construct path>`, cleaned to letters, digits, `-` and `_` (at most 64 characters)
   */
  readonly functionName?: string;
  /**
   * Memory of the function, in MB (128 to 10240).
   *
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * Timeout of one invocation, in seconds (1 to 900). It must be longer than the safety margin: the reconciler
   * stops starting work `safetyMarginMs` before the timeout and continues in a new invocation.
   *
   * @default 300
   */
  readonly timeoutSeconds?: number;
  /**
   * Retention of the function's own log group, in days; one of the values CloudWatch Logs accepts
   * ({@link LOG_RETENTION_DAYS}), 0 meaning never expire.
   *
   * @default 30
   */
  readonly logRetentionDays?: number;
  /**
   * Prefix of the Secrets Manager secrets: `{{ secret('NAME') }}` reads the secret named `<prefix>/NAME`.
   *
   * @default "logshipper"
   */
  readonly secretPrefix?: string;
  /**
   * Days after which dead-lettered records (`dead-letter/<shipper>/<exporter>/...` in the dead-letter bucket) expire.
   *
   * @default 30
   */
  readonly deadLetterExpirationDays?: number;
  /**
   * Time kept free at the end of an invocation, in milliseconds (`LOGSHIPPER_SAFETY_MARGIN_MS`).
   *
   * @default 30000
   */
  readonly safetyMarginMs?: number;
  /**
   * Most self-invocations in one chain of continuations (`LOGSHIPPER_MAX_HOPS`).
   *
   * @default 20
   */
  readonly maxHops?: number;
  /**
   * Create two CloudWatch alarms per shipper, on the `Drift` and `Rejected` metrics (namespace `LogShipper`).
   *
   * @default false
   */
  readonly createAlarms?: boolean;
  /**
   * ARNs notified when an alarm goes off (SNS topics, for example). Only used with `createAlarms`.
   *
   * @default - the alarms have no actions
   */
  readonly alarmActions?: string[];
  /**
   * Extra environment variables of the function, e.g. `KESTRA_URL`. Names starting with `LOGSHIPPER_`, `AWS_` or
   * `LAMBDA_` are set by the construct or by Lambda and are refused, and so are names that look like credentials
   * (`*TOKEN*`, `*PASSWORD*`, `*SECRET*`, `*API_KEY*`...): environment values are stored in the Terraform state, so
   * give credentials as `{{ secret('NAME') }}` in the shipper config instead.
   *
   * @default - no extra variables
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Turn on deletion protection of the offsets table (losing it makes every shipper start over from its lookback).
   *
   * @default true
   */
  readonly tableDeletionProtection?: boolean;
  /**
   * The Lambda runtime of the reconciler (arm64): `nodejs24.x` (supported by AWS until 2028-04-30) or `nodejs22.x`
   * (deprecated on 2027-04-30).
   *
   * @default "nodejs24.x"
   */
  readonly lambdaRuntime?: LambdaRuntime;
  /**
   * A prebuilt handler to deploy instead of the package's: one CommonJS file exporting `handler(event, context)`,
   * copied into the archive as `index.js` (nothing is compiled or bundled at synth).
   *
   * @default - the `logshipper:handlerBundle` context value, else the package's `dist/lambda/index.js`
   */
  readonly handlerBundle?: string;
}

/** What a {@link LogShipper} hands to its runtime. */
export interface ShipperRegistration {
  /** The shipper id. */
  readonly id: string;
  /** The shipper's native config, written into the bundled `logshipper.config.json`. */
  readonly config: Shipper;
  /** The construct that registered it, for messages. */
  readonly scope: Construct;
  /** The shipper's inline policy document on the runtime's role (with tokens), to watch IAM's size limit. */
  readonly policyDocument?: string;
}

interface SecretUse {
  created?: SecretsmanagerSecret;
  creators: string[];
  existing: Map<string, string[]>;
}

interface LogGroupUse {
  group: CloudwatchLogGroup;
  retention: Map<number | undefined, string[]>;
  streams: Set<string>;
}

/**
 * What every log shipper of a stack shares: the reconciler Lambda (the package's prebuilt handler with the shippers'
 * config), its role, log group and schedule group, the DynamoDB offsets table, the dead-letter bucket, and the
 * Secrets Manager secrets and destination log groups the shippers ask for.
 *
 * Declare one per stack (or one per group of shippers that should share a function), then one {@link LogShipper} per
 * shipper with `runtime` set to it.
 */
export class LogShipperRuntime extends Construct {
  /** The reconciler Lambda function. */
  public readonly function: LambdaFunction;
  /** The function's name. */
  public readonly functionName: string;
  /** The function's execution role; each shipper adds its own inline policy to it. */
  public readonly role: IamRole;
  /** The function's log group, `/aws/lambda/<functionName>`. */
  public readonly logGroup: CloudwatchLogGroup;
  /** The offsets table: partition key `shipper`, sort key `item`. */
  public readonly table: DynamodbTable;
  /** The dead-letter bucket (`LOGSHIPPER_DEAD_LETTER_BUCKET`). */
  public readonly deadLetterBucket: S3Bucket;
  /** The schedule group that holds every shipper's schedule. */
  public readonly scheduleGroup: SchedulerScheduleGroup;
  /** The role EventBridge Scheduler assumes to invoke the function; it can only invoke this function. */
  public readonly schedulerRole: IamRole;
  /** The Secrets Manager name prefix (`LOGSHIPPER_SECRET_PREFIX`). */
  public readonly secretPrefix: string;
  /** Whether each shipper gets `Drift` and `Rejected` alarms. */
  public readonly createAlarms: boolean;
  /** Actions of those alarms. */
  public readonly alarmActions: readonly string[];
  /** The extra environment variables given in the props (`KESTRA_URL`, for example). */
  public readonly environment: Readonly<Record<string, string>>;
  /** The AWS account the stack deploys to (a token). */
  public readonly accountId: string;
  /** The AWS partition the stack deploys to (a token), for building ARNs. */
  public readonly partition: string;

  /**
   * The base of the names this runtime derives (the function name, or its default when the name is a token), for
   * resources that belong to it, such as a shipper's state machine.
   */
  public readonly nameBase: string;

  private readonly handlerBundle: string;
  private readonly variables: Record<string, string>;
  private plans?: S3Bucket;
  private readonly shippers: ShipperRegistration[] = [];
  private readonly secrets = new Map<string, SecretUse>();
  private readonly logGroups = new Map<string, LogGroupUse>();
  private secretsScope?: Construct;
  private destinationsScope?: Construct;
  private asset?: TerraformAsset;
  private warnedPolicySize = false;

  constructor(scope: Construct, id: string, props: LogShipperRuntimeProps = {}) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    const where = `LogShipperRuntime ${this.node.path}`;
    const memorySize = props.memorySize ?? 512;
    const timeoutSeconds = props.timeoutSeconds ?? 300;
    const logRetentionDays = props.logRetentionDays ?? 30;
    const safetyMarginMs = props.safetyMarginMs ?? 30_000;
    const maxHops = props.maxHops ?? 20;
    const deadLetterExpirationDays = props.deadLetterExpirationDays ?? 30;
    this.secretPrefix = props.secretPrefix ?? "logshipper";
    this.createAlarms = props.createAlarms ?? false;
    this.alarmActions = [...(props.alarmActions ?? [])];

    checkInteger(where, "memorySize", memorySize, 128, 10_240, "MB");
    checkInteger(where, "timeoutSeconds", timeoutSeconds, 1, 900, "seconds");
    checkInteger(where, "safetyMarginMs", safetyMarginMs, 0, 900_000, "ms");
    checkInteger(where, "maxHops", maxHops, 0, 1000, "");
    checkInteger(where, "deadLetterExpirationDays", deadLetterExpirationDays, 1, 36_500, "days");
    if (!Token.isUnresolved(timeoutSeconds) && !Token.isUnresolved(safetyMarginMs)) {
      if (timeoutSeconds * 1000 <= safetyMarginMs) {
        throw new Error(
          `${where}: timeoutSeconds (${timeoutSeconds}) must be longer than the safety margin ` +
            `(safetyMarginMs ${safetyMarginMs} = ${safetyMarginMs / 1000} s); raise timeoutSeconds or lower safetyMarginMs`,
        );
      }
    }
    if (!Token.isUnresolved(logRetentionDays) && !LOG_RETENTION_DAYS.includes(logRetentionDays)) {
      throw new Error(
        `${where}: logRetentionDays ${logRetentionDays} is not a CloudWatch Logs retention; allowed: ` +
          LOG_RETENTION_DAYS.join(", "),
      );
    }
    if (
      !Token.isUnresolved(this.secretPrefix) &&
      !/^[A-Za-z0-9_+=.@-]+(\/[A-Za-z0-9_+=.@-]+)*$/.test(this.secretPrefix)
    ) {
      throw new Error(
        `${where}: secretPrefix ${JSON.stringify(this.secretPrefix)} is not a Secrets Manager name prefix; ` +
          "use letters, digits and _+=.@- separated by single / (no leading or trailing /)",
      );
    }
    if (props.functionName !== undefined && !Token.isUnresolved(props.functionName)) {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(props.functionName)) {
        throw new Error(
          `${where}: functionName ${JSON.stringify(props.functionName)} is not a Lambda function name; ` +
            "use 1 to 64 letters, digits, - and _",
        );
      }
    }
    const environment = { ...(props.environment ?? {}) };
    this.environment = environment;
    for (const name of Object.keys(environment)) {
      if (RESERVED_ENV.test(name)) {
        throw new Error(
          `${where}: environment variable ${name} is reserved (LOGSHIPPER_*, AWS_*, LAMBDA_* are set by the ` +
            "construct or by Lambda); use the matching property instead",
        );
      }
      if (SECRET_LIKE_ENV.test(name)) {
        throw new Error(
          `${where}: environment variable ${name} looks like a credential; environment values are stored in ` +
            "the Terraform state, so put the credential in Secrets Manager and refer to it as {{ secret('NAME') }} in " +
            "the shipper config",
        );
      }
    }

    const below = relative(stack.node.path, this.node.path).split("/");
    const defaultName = physicalName([stack.node.id, ...below], FUNCTION_NAME);
    this.functionName = props.functionName ?? defaultName;
    // names derived by cleaning or shortening need a resolved value; a token function name keeps the default base
    const nameBase = Token.isUnresolved(this.functionName) ? defaultName : this.functionName;
    this.handlerBundle = resolve(
      props.handlerBundle ??
        (this.node.tryGetContext(HANDLER_BUNDLE_CONTEXT) as string | undefined) ??
        DEFAULT_HANDLER_BUNDLE,
    );
    if (!existsSync(this.handlerBundle)) {
      throw new Error(
        `${where}: the reconciler handler ${this.handlerBundle} does not exist; the package ships it prebuilt ` +
          "(dist/lambda/index.js: in the repository run `npm run build`), and `handlerBundle` or the " +
          `\`${HANDLER_BUNDLE_CONTEXT}\` context value names another CommonJS file exporting handler(event, context)`,
      );
    }
    const lambdaRuntime = props.lambdaRuntime ?? LAMBDA_RUNTIMES[0];
    if (!LAMBDA_RUNTIMES.includes(lambdaRuntime)) {
      throw new Error(
        `${where}: lambdaRuntime ${JSON.stringify(lambdaRuntime)} is not supported; allowed: ${LAMBDA_RUNTIMES.join(", ")}`,
      );
    }

    this.nameBase = nameBase;
    const identity = new DataAwsCallerIdentity(this, "CallerIdentity");
    const partition = new DataAwsPartition(this, "Partition");
    this.accountId = identity.accountId;
    this.partition = partition.partition;

    this.table = new DynamodbTable(this, "Table", {
      name: `${this.functionName}-offsets`,
      billingMode: "PAY_PER_REQUEST",
      hashKey: "shipper",
      rangeKey: "item",
      attribute: [
        { name: "shipper", type: "S" },
        { name: "item", type: "S" },
      ],
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: props.tableDeletionProtection ?? true,
    });

    this.deadLetterBucket = privateBucket(this, "DeadLetter", {
      bucketPrefix: `${physicalName([nameBase, "dead-letter"], BUCKET_PREFIX)}-`,
      expire: { id: "expire-dead-letters", prefix: "dead-letter/", days: deadLetterExpirationDays },
    });

    this.variables = {
      ...environment,
      LOGSHIPPER_STATE_TABLE: this.table.name,
      LOGSHIPPER_SECRET_PREFIX: this.secretPrefix,
      LOGSHIPPER_DEAD_LETTER_BUCKET: this.deadLetterBucket.bucket,
      LOGSHIPPER_SAFETY_MARGIN_MS: String(safetyMarginMs),
      LOGSHIPPER_MAX_HOPS: String(maxHops),
    };

    this.logGroup = new CloudwatchLogGroup(this, "LogGroup", {
      name: `/aws/lambda/${this.functionName}`,
      retentionInDays: logRetentionDays,
    });

    this.role = new IamRole(this, "Role", {
      namePrefix: rolePrefix(nameBase, ""),
      description: `log-shipper reconciler ${this.functionName}`,
      assumeRolePolicy: assumeRolePolicy("lambda.amazonaws.com"),
    });

    this.function = new LambdaFunction(this, "Resource", {
      functionName: this.functionName,
      description: "log-shipper reconciler: ships logs from a source to its exporters, remembering offsets",
      role: this.role.arn,
      runtime: lambdaRuntime,
      architectures: ["arm64"],
      handler: "index.handler",
      filename: Lazy.stringValue({ produce: () => this.code().path }),
      sourceCodeHash: Lazy.stringValue({ produce: () => this.code().assetHash }),
      memorySize,
      timeout: timeoutSeconds,
      environment: { variables: this.variables },
      dependsOn: [this.logGroup],
    });

    // continuations are direct self-invocations: Lambda's recursive-loop detection would stop a chain after about 16
    // of them, silently; the chain is bounded by LOGSHIPPER_MAX_HOPS instead
    new LambdaFunctionRecursionConfig(this, "RecursionConfig", {
      functionName: this.function.functionName,
      recursiveLoop: "Allow",
    });

    new IamRolePolicy(this, "RolePolicy", {
      role: this.role.name,
      name: "logshipper-runtime",
      policy: policyDocument([
        {
          Sid: "OwnLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: [`${this.logGroup.arn}:*`],
        },
        {
          Sid: "SelfInvoke",
          Effect: "Allow",
          Action: ["lambda:InvokeFunction"],
          Resource: [this.function.arn],
        },
      ]),
    });

    this.scheduleGroup = new SchedulerScheduleGroup(this, "ScheduleGroup", {
      name: physicalName([nameBase], SCHEDULE_NAME),
    });
    this.schedulerRole = new IamRole(this, "SchedulerRole", {
      namePrefix: rolePrefix(nameBase, "-scheduler"),
      description: `EventBridge Scheduler invoking ${this.functionName}`,
      // AWS: scope the trust to the schedule group (aws:SourceArn must be a group ARN, not a schedule's)
      assumeRolePolicy: assumeRolePolicy("scheduler.amazonaws.com", {
        StringEquals: { "aws:SourceAccount": this.accountId },
        ArnEquals: { "aws:SourceArn": this.scheduleGroup.arn },
      }),
    });
    new IamRolePolicy(this, "SchedulerRolePolicy", {
      role: this.schedulerRole.name,
      name: "invoke-reconciler",
      policy: policyDocument([
        {
          Sid: "InvokeReconciler",
          Effect: "Allow",
          Action: ["lambda:InvokeFunction"],
          Resource: [this.function.arn],
        },
      ]),
    });

    this.node.addValidation({ validate: () => this.validateUses() });
  }

  /**
   * The bucket of scale-out plans (`scale-out/<shipper>/plans/...`, read by the state machines' Distributed Map)
   * and Map Run results (`scale-out/<shipper>/results/...`): created, with `LOGSHIPPER_PLAN_BUCKET` set on the
   * function, by the first shipper with `scaleOut`. Objects expire after 30 days (a resumed plan is written anew).
   */
  public planBucket(): S3Bucket {
    if (this.plans === undefined) {
      this.plans = privateBucket(this, "Plan", {
        bucketPrefix: `${physicalName([this.nameBase, "plans"], BUCKET_PREFIX)}-`,
        expire: { id: "expire-scale-out-plans", prefix: `${SCALE_OUT_PREFIX}/`, days: PLAN_EXPIRATION_DAYS },
      });
      this.variables.LOGSHIPPER_PLAN_BUCKET = this.plans.bucket;
      this.function.putEnvironment({ variables: this.variables });
    }
    return this.plans;
  }

  /** The shippers registered so far (one per {@link LogShipper} using this runtime). */
  public get shipperIds(): string[] {
    return this.shippers.map((s) => s.id);
  }

  /**
   * Adds a shipper to the bundled `logshipper.config.json`. {@link LogShipper} calls it; call it yourself only for a
   * shipper you deploy without a `LogShipper` (no schedule, no grants).
   */
  public addShipper(registration: ShipperRegistration): void {
    if (this.asset !== undefined) {
      throw new Error(
        `LogShipperRuntime ${this.node.path}: shipper ${JSON.stringify(registration.id)} was added after the code was ` +
          "bundled (at synth); declare every LogShipper before synthesizing",
      );
    }
    this.shippers.push(registration);
    const estimate = this.estimatedInlinePolicySize();
    if (estimate > ROLE_INLINE_POLICY_LIMIT && !this.warnedPolicySize) {
      this.warnedPolicySize = true;
      Annotations.of(this).addWarning(
        `the inline policies of the reconciler's role add up to about ${estimate} characters with ` +
          `${this.shippers.length} shippers; IAM refuses more than ${ROLE_INLINE_POLICY_LIMIT} per role, so ` +
          "terraform apply may fail: split the shippers over several LogShipperRuntimes",
      );
    }
  }

  /** The size IAM counts for the role's inline policies, references estimated at a typical ARN length. */
  public estimatedInlinePolicySize(): number {
    const runtimePolicy = 400; // OwnLogs + SelfInvoke
    const size = (policy: string): number =>
      policy
        .split(this.partition)
        .join("aws")
        .split(this.accountId)
        .join("123456789012")
        .replace(/\$\{TfToken\[[^\]]*\]\}/g, "x".repeat(TYPICAL_REFERENCE_LENGTH)).length;
    return this.shippers.reduce((total, s) => total + size(s.policyDocument ?? ""), runtimePolicy);
  }

  /**
   * The IAM resource ARN of the secret behind `{{ secret('NAME') }}`: an existing secret's ARN, or the ARN of a new
   * `<prefix>/NAME` secret created once per runtime, without a value.
   *
   * @param name the secret name in the template
   * @param existingSecretArn an existing secret's ARN, or `undefined` to create the secret
   * @param shipperId the shipper asking, for conflict messages
   */
  public secretArn(name: string, existingSecretArn: string | undefined, shipperId: string): string {
    let use = this.secrets.get(name);
    if (use === undefined) {
      use = { creators: [], existing: new Map() };
      this.secrets.set(name, use);
    }
    if (existingSecretArn !== undefined) {
      use.existing.set(existingSecretArn, [...(use.existing.get(existingSecretArn) ?? []), shipperId]);
      return existingSecretArn;
    }
    use.creators.push(shipperId);
    if (use.created === undefined) {
      this.secretsScope ??= new Construct(this, "Secrets");
      use.created = new SecretsmanagerSecret(this.secretsScope, encodeURIComponent(name), {
        name: `${this.secretPrefix}/${name}`,
        description:
          `log-shipper: value of secret('${name}'); set it out of band with ` +
          "aws secretsmanager put-secret-value (never in Terraform)",
      });
    }
    return use.created.arn;
  }

  /**
   * A CloudWatch log group an exporter writes to, created once per runtime, and a stream in it.
   *
   * @param groupName the log group name
   * @param streamName the log stream name
   * @param retentionDays retention in days, or `undefined` for never expire
   * @param shipperId the shipper asking, for conflict messages
   */
  public destinationLogGroup(
    groupName: string,
    streamName: string,
    retentionDays: number | undefined,
    shipperId: string,
  ): CloudwatchLogGroup {
    let use = this.logGroups.get(groupName);
    if (use === undefined) {
      this.destinationsScope ??= new Construct(this, "Destinations");
      const group = new CloudwatchLogGroup(this.destinationsScope, encodeURIComponent(groupName), {
        name: groupName,
        ...(retentionDays !== undefined ? { retentionInDays: retentionDays } : {}),
      });
      use = { group, retention: new Map(), streams: new Set() };
      this.logGroups.set(groupName, use);
    }
    use.retention.set(retentionDays, [...(use.retention.get(retentionDays) ?? []), shipperId]);
    if (!use.streams.has(streamName)) {
      use.streams.add(streamName);
      new CloudwatchLogStream(use.group, `Stream-${encodeURIComponent(streamName)}`, {
        name: streamName,
        logGroupName: use.group.name,
      });
    }
    return use.group;
  }

  /** Stages the prebuilt handler with the registered shippers' config, as an archive asset (once, at synth). */
  private code(): TerraformAsset {
    if (this.asset === undefined) {
      const shippers = [...this.shippers]
        .map((s) => s.config)
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const outDir = join(resolve(App.of(this).outdir), ".logshipper-bundles", this.node.addr);
      stageReconciler({ handler: this.handlerBundle, outDir, config: { shippers } });
      this.asset = new TerraformAsset(this, "Code", { path: outDir, type: AssetType.ARCHIVE });
    }
    return this.asset;
  }

  private validateUses(): string[] {
    const errors: string[] = [];
    if (this.shippers.length === 0) {
      errors.push(
        `no shipper uses this runtime, so its ${CONFIG_FILE} would be empty; declare a LogShipper with runtime: <this>`,
      );
    }
    for (const [name, use] of this.secrets) {
      const arns = [...use.existing.keys()];
      if (use.created !== undefined && arns.length > 0) {
        errors.push(
          `secret ${JSON.stringify(name)} is given as existingSecretArn by ${[...use.existing.values()].flat().join(", ")} ` +
            `but created as ${this.secretPrefix}/${name} for ${use.creators.join(", ")}; give the same existingSecretArn ` +
            "to every shipper that uses it",
        );
      }
      if (arns.length > 1) {
        errors.push(
          `secret ${JSON.stringify(name)} is given different existingSecretArn values (${arns.join(", ")}); ` +
            "one name is one secret",
        );
      }
    }
    for (const [name, use] of this.logGroups) {
      if (use.retention.size > 1) {
        const asked = [...use.retention].map(
          ([days, ids]) => `${days ?? "never expire"} (${ids.join(", ")})`,
        );
        errors.push(
          `log group ${JSON.stringify(name)} is created with different retentions: ${asked.join(" vs ")}`,
        );
      }
    }
    return errors;
  }
}

function checkInteger(
  where: string,
  name: string,
  value: number,
  min: number,
  max: number,
  unit: string,
): void {
  if (Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `${where}: ${name} ${value} is out of range; allowed: an integer from ${min} to ${max}${unit ? ` ${unit}` : ""}`,
    );
  }
}

/** An IAM role name prefix (Terraform adds 26 characters; a role name holds at most 64). */
function rolePrefix(functionName: string, suffix: string): string {
  const room = 38 - suffix.length - 1;
  return `${functionName.slice(0, room).replace(/-+$/, "")}${suffix}-`;
}
