// The one module through which the constructs reach CDK for Terraform. Two flavours exist: HashiCorp's `cdktf` +
// `@cdktf/provider-aws` (archived on 2025-12-10) and its community fork CDK Terrain, `cdktn` + `@cdktn/provider-aws`
// (same classes, same `lib/<resource>` modules, same `cdktf/*` class symbols and logical ids). Whichever the app has
// installed is loaded here, at run time, from the app's node_modules (they are peer dependencies), so one build of
// the constructs serves both. Types come from the cdktf declarations (the classes have the same shape in both).
// Every other construct file imports cdk classes from here, never from the packages (ESLint enforces it).
/* eslint-disable @typescript-eslint/no-require-imports -- the flavour is known at run time only: require() picks it */
import type * as Core from "cdktf";
import type * as CloudwatchLogGroupModule from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type * as CloudwatchLogStreamModule from "@cdktf/provider-aws/lib/cloudwatch-log-stream";
import type * as CloudwatchMetricAlarmModule from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type * as DataAwsCallerIdentityModule from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import type * as DataAwsPartitionModule from "@cdktf/provider-aws/lib/data-aws-partition";
import type * as DataAwsRegionModule from "@cdktf/provider-aws/lib/data-aws-region";
import type * as DynamodbTableModule from "@cdktf/provider-aws/lib/dynamodb-table";
import type * as IamRoleModule from "@cdktf/provider-aws/lib/iam-role";
import type * as IamRolePolicyModule from "@cdktf/provider-aws/lib/iam-role-policy";
import type * as LambdaFunctionModule from "@cdktf/provider-aws/lib/lambda-function";
import type * as LambdaFunctionRecursionConfigModule from "@cdktf/provider-aws/lib/lambda-function-recursion-config";
import type * as ProviderModule from "@cdktf/provider-aws/lib/provider";
import type * as S3BucketModule from "@cdktf/provider-aws/lib/s3-bucket";
import type * as S3BucketLifecycleConfigurationModule from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import type * as S3BucketOwnershipControlsModule from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import type * as S3BucketPolicyModule from "@cdktf/provider-aws/lib/s3-bucket-policy";
import type * as S3BucketPublicAccessBlockModule from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import type * as S3BucketSseModule from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import type * as SchedulerScheduleModule from "@cdktf/provider-aws/lib/scheduler-schedule";
import type * as SchedulerScheduleGroupModule from "@cdktf/provider-aws/lib/scheduler-schedule-group";
import type * as SecretsmanagerSecretModule from "@cdktf/provider-aws/lib/secretsmanager-secret";
import type * as SfnStateMachineModule from "@cdktf/provider-aws/lib/sfn-state-machine";

/** The two CDK-for-Terraform distributions the constructs run on. */
export type CdkFlavour = "cdktf" | "cdktn";

/** The packages of each flavour: the core library and the prebuilt AWS provider bindings. */
export const CDK_PACKAGES: Readonly<
  Record<CdkFlavour, { readonly core: string; readonly provider: string }>
> = {
  cdktf: { core: "cdktf", provider: "@cdktf/provider-aws" },
  cdktn: { core: "cdktn", provider: "@cdktn/provider-aws" },
};

/** Environment variable that picks the flavour when an app has both installed (`cdktf` or `cdktn`). */
export const CDK_FLAVOUR_ENV = "LOGSHIPPER_CDK";

/** Whether `specifier` resolves from here (that is, from the app's node_modules). */
function resolves(specifier: string): boolean {
  try {
    require.resolve(specifier);
    return true;
  } catch {
    return false;
  }
}

/**
 * The flavour to load: the one named by `LOGSHIPPER_CDK`, else the one whose core and provider are both installed
 * (CDK Terrain when both are: it is the maintained one). Throws a message naming what to install otherwise.
 *
 * @param env the environment to read `LOGSHIPPER_CDK` from
 * @param isInstalled whether a module specifier resolves (tests give their own)
 */
export function pickCdkFlavour(
  env: NodeJS.ProcessEnv = process.env,
  isInstalled: (specifier: string) => boolean = resolves,
): CdkFlavour {
  const complete = (f: CdkFlavour): boolean =>
    isInstalled(CDK_PACKAGES[f].core) && isInstalled(`${CDK_PACKAGES[f].provider}/lib/provider`);
  const forced = env[CDK_FLAVOUR_ENV];
  if (forced !== undefined && forced !== "") {
    if (forced !== "cdktf" && forced !== "cdktn") {
      throw new Error(
        `log-shipper constructs: ${CDK_FLAVOUR_ENV}=${forced} is not a flavour; allowed: cdktf, cdktn`,
      );
    }
    if (!complete(forced)) {
      throw new Error(
        `log-shipper constructs: ${CDK_FLAVOUR_ENV}=${forced}, but ${CDK_PACKAGES[forced].core} and ` +
          `${CDK_PACKAGES[forced].provider} are not both installed`,
      );
    }
    return forced;
  }
  if (complete("cdktn")) return "cdktn";
  if (complete("cdktf")) return "cdktf";
  const found = Object.values(CDK_PACKAGES)
    .flatMap((p) => [p.core, p.provider])
    .filter((name) => isInstalled(name === "cdktf" || name === "cdktn" ? name : `${name}/lib/provider`));
  throw new Error(
    "log-shipper constructs need CDK for Terraform in the app: install cdktf@0.21 + @cdktf/provider-aws@21 + " +
      "constructs, or cdktn@0.24 + @cdktn/provider-aws@25 + constructs (CDK Terrain); found: " +
      (found.join(", ") || "none of them"),
  );
}

/** The flavour this process uses. */
export const CDK_FLAVOUR: CdkFlavour = pickCdkFlavour();

// the two flavours' modules are spelled out so that bundlers and readers see every module this file can load
const core = (CDK_FLAVOUR === "cdktn" ? require("cdktn") : require("cdktf")) as typeof Core;

/** One `lib/<resource>` module of the flavour's provider (never the package root: it loads 2,212 modules). */
function provider<T>(resource: string): T {
  return (
    CDK_FLAVOUR === "cdktn"
      ? require(`@cdktn/provider-aws/lib/${resource}`)
      : require(`@cdktf/provider-aws/lib/${resource}`)
  ) as T;
}

export const { Annotations, App, AssetType, Lazy, TerraformAsset, TerraformStack, Token } = core;
export type Annotations = Core.Annotations;
export type App = Core.App;
export type TerraformAsset = Core.TerraformAsset;
export type TerraformStack = Core.TerraformStack;

export const { CloudwatchLogGroup } = provider<typeof CloudwatchLogGroupModule>("cloudwatch-log-group");
export type CloudwatchLogGroup = CloudwatchLogGroupModule.CloudwatchLogGroup;
export const { CloudwatchLogStream } = provider<typeof CloudwatchLogStreamModule>("cloudwatch-log-stream");
export type CloudwatchLogStream = CloudwatchLogStreamModule.CloudwatchLogStream;
export const { CloudwatchMetricAlarm } =
  provider<typeof CloudwatchMetricAlarmModule>("cloudwatch-metric-alarm");
export type CloudwatchMetricAlarm = CloudwatchMetricAlarmModule.CloudwatchMetricAlarm;
export const { DataAwsCallerIdentity } =
  provider<typeof DataAwsCallerIdentityModule>("data-aws-caller-identity");
export type DataAwsCallerIdentity = DataAwsCallerIdentityModule.DataAwsCallerIdentity;
export const { DataAwsPartition } = provider<typeof DataAwsPartitionModule>("data-aws-partition");
export type DataAwsPartition = DataAwsPartitionModule.DataAwsPartition;
export const { DataAwsRegion } = provider<typeof DataAwsRegionModule>("data-aws-region");
export type DataAwsRegion = DataAwsRegionModule.DataAwsRegion;
export const { DynamodbTable } = provider<typeof DynamodbTableModule>("dynamodb-table");
export type DynamodbTable = DynamodbTableModule.DynamodbTable;
export const { IamRole } = provider<typeof IamRoleModule>("iam-role");
export type IamRole = IamRoleModule.IamRole;
export const { IamRolePolicy } = provider<typeof IamRolePolicyModule>("iam-role-policy");
export type IamRolePolicy = IamRolePolicyModule.IamRolePolicy;
export const { LambdaFunction } = provider<typeof LambdaFunctionModule>("lambda-function");
export type LambdaFunction = LambdaFunctionModule.LambdaFunction;
export const { LambdaFunctionRecursionConfig } = provider<typeof LambdaFunctionRecursionConfigModule>(
  "lambda-function-recursion-config",
);
export type LambdaFunctionRecursionConfig = LambdaFunctionRecursionConfigModule.LambdaFunctionRecursionConfig;
export const { AwsProvider } = provider<typeof ProviderModule>("provider");
export type AwsProvider = ProviderModule.AwsProvider;
export const { S3Bucket } = provider<typeof S3BucketModule>("s3-bucket");
export type S3Bucket = S3BucketModule.S3Bucket;
export const { S3BucketLifecycleConfiguration } = provider<typeof S3BucketLifecycleConfigurationModule>(
  "s3-bucket-lifecycle-configuration",
);
export const { S3BucketOwnershipControls } = provider<typeof S3BucketOwnershipControlsModule>(
  "s3-bucket-ownership-controls",
);
export const { S3BucketPolicy } = provider<typeof S3BucketPolicyModule>("s3-bucket-policy");
export const { S3BucketPublicAccessBlock } = provider<typeof S3BucketPublicAccessBlockModule>(
  "s3-bucket-public-access-block",
);
export const { S3BucketServerSideEncryptionConfigurationA } = provider<typeof S3BucketSseModule>(
  "s3-bucket-server-side-encryption-configuration",
);
export const { SchedulerSchedule } = provider<typeof SchedulerScheduleModule>("scheduler-schedule");
export type SchedulerSchedule = SchedulerScheduleModule.SchedulerSchedule;
export const { SchedulerScheduleGroup } =
  provider<typeof SchedulerScheduleGroupModule>("scheduler-schedule-group");
export type SchedulerScheduleGroup = SchedulerScheduleGroupModule.SchedulerScheduleGroup;
export const { SecretsmanagerSecret } = provider<typeof SecretsmanagerSecretModule>("secretsmanager-secret");
export type SecretsmanagerSecret = SecretsmanagerSecretModule.SecretsmanagerSecret;
export const { SfnStateMachine } = provider<typeof SfnStateMachineModule>("sfn-state-machine");
export type SfnStateMachine = SfnStateMachineModule.SfnStateMachine;
