// The Amazon States Language definition of a scale-out run (issue 15): a STANDARD parent that plans, fans the slices
// out over a Distributed Map of STANDARD child workflows, and finalizes. Pure: no cdk, no I/O, so the construct
// synthesizes it and the moto_server test builds the very same definition with its tasks swapped for SQS callbacks.

/** A JSON value of the definition (strings may hold Terraform references; they stay strings). */
export type AslValue = string | number | boolean | null | AslValue[] | { [key: string]: AslValue };
/** A JSON object of the definition. */
export type AslObject = { [key: string]: AslValue };

/** The three calls of the reconciler, by state name. */
export type ReconcilerStep = "Plan" | "ShipSlice" | "Finalize";

/**
 * Builds the `Resource` and `Parameters` of one task that calls the reconciler with `payload` (JSONPath
 * Parameters: keys ending in `.$` are paths). The task's answer must be shaped like Lambda's, `{ "Payload": <the
 * handler's result> }`: the rest of the state (OutputPath, ResultSelector, Retry, Catch) reads it that way.
 */
export type TaskFactory = (step: ReconcilerStep, payload: AslObject) => AslObject;

/** The errors of the Lambda service itself (not of the function), which AWS recommends retrying. */
export const LAMBDA_SERVICE_ERRORS = [
  "Lambda.ServiceException",
  "Lambda.AWSLambdaException",
  "Lambda.SdkClientException",
  "Lambda.TooManyRequestsException",
] as const;

/** What the definition is built from. */
export interface ScaleOutDefinitionProps {
  /** The shipper id: a constant of the definition (one state machine per shipper). */
  readonly shipper: string;
  /** The task of each reconciler call. */
  readonly task: TaskFactory;
  /** The bucket the Map's ResultWriter writes its manifest to (the plan bucket). */
  readonly resultBucket: string;
  /** The key prefix of the ResultWriter, e.g. `scale-out/<shipper>/results`. */
  readonly resultPrefix: string;
  /** Settings sent with the `plan` call (slice size, concurrency); only defined fields are written. */
  readonly settings?: Readonly<Record<string, number | undefined>>;
  /** Attempts after a failed `slice` call (a function error, a timeout, a killed sandbox). @default 3 */
  readonly sliceRetries?: number;
  /** The AWS partition of the service integrations' ARNs. @default "aws" */
  readonly partition?: string;
}

/** `lambda:invoke` of the reconciler, as Step Functions' optimized Lambda integration. */
export function lambdaInvokeTask(functionArn: string, partition = "aws"): TaskFactory {
  return (_step, payload) => ({
    Resource: `arn:${partition}:states:::lambda:invoke`,
    Parameters: { FunctionName: functionArn, Payload: payload },
  });
}

const serviceRetry = (): AslObject => ({
  ErrorEquals: [...LAMBDA_SERVICE_ERRORS],
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2,
  JitterStrategy: "FULL",
});

const taskRetry = (attempts: number): AslObject => ({
  ErrorEquals: ["States.TaskFailed"],
  IntervalSeconds: 5,
  MaxAttempts: attempts,
  BackoffRate: 2,
  JitterStrategy: "FULL",
});

/** The run fields every call after `Plan` carries (from the plan's answer). */
const RUN_FIELDS: AslObject = {
  "runId.$": "$.runId",
  "owner.$": "$.owner",
  "leaseToken.$": "$.leaseToken",
};

/**
 * The definition: `Plan → HasWork → ShipSlices (Distributed Map) → Finalize → Outcome`.
 *
 * - `Plan` (`mode: plan`) takes the shipper's lease, writes the pending slices to S3 and answers
 *   `{ shipper, runId, owner, leaseToken, sliceCount, maxConcurrency, planBucket, planKey }`; with `sliceCount: 0`
 *   it already shipped inline (small backlog) and the run ends (`ShippedInline`, or `RunFailed` when that run's
 *   `status` is `failed`).
 * - `ShipSlices` reads the slice list with `ItemReader` (S3 JSON), runs one STANDARD child per slice with
 *   `MaxConcurrencyPath`, each looping `ShipSlice → SliceDone?` until the handler answers `done: true`; Lambda
 *   service errors and failed calls are retried; the manifest goes to S3 (`ResultWriter`, so the Map's output stays
 *   small); any Map failure is caught and goes on to `Finalize`.
 * - `Finalize` (`mode: finalize`) advances each exporter's watermark from the slice progress in the state store
 *   (never from the Map's status), releases the lease and answers the run report; `Outcome` fails the execution
 *   when the report's status is `failed`.
 *
 * No EXPRESS children, no ItemBatcher and no ToleratedFailure* (moto rejects them; a failed slice fails the Map Run,
 * which is caught).
 */
export function scaleOutDefinition(props: ScaleOutDefinitionProps): AslObject {
  const { shipper, task } = props;
  const partition = props.partition ?? "aws";
  const settings: AslObject = {};
  for (const [k, v] of Object.entries(props.settings ?? {})) if (v !== undefined) settings[k] = v;
  const planPayload: AslObject = { mode: "plan", shipper, "execution.$": "$$.Execution.Id" };
  if (Object.keys(settings).length > 0) planPayload.settings = settings;
  return {
    Comment: `log-shipper scale-out of shipper ${shipper}: plan, ship the slices in parallel, advance the watermarks`,
    StartAt: "Plan",
    States: {
      Plan: {
        Type: "Task",
        ...task("Plan", planPayload),
        OutputPath: "$.Payload",
        Retry: [serviceRetry()],
        Next: "HasWork",
      },
      HasWork: {
        Type: "Choice",
        Choices: [
          { Variable: "$.sliceCount", NumericGreaterThan: 0, Next: "ShipSlices" },
          // nothing to slice: the plan step ran the shipper inline; a failed run fails the execution
          {
            And: [
              { Variable: "$.status", IsPresent: true },
              { Variable: "$.status", StringEquals: "failed" },
            ],
            Next: "RunFailed",
          },
        ],
        Default: "ShippedInline",
      },
      ShippedInline: { Type: "Succeed" },
      ShipSlices: {
        Type: "Map",
        Label: "ShipSlices",
        ItemReader: {
          Resource: `arn:${partition}:states:::s3:getObject`,
          ReaderConfig: { InputType: "JSON" },
          Parameters: { "Bucket.$": "$.planBucket", "Key.$": "$.planKey" },
        },
        ItemSelector: {
          "shipper.$": "$.shipper",
          ...RUN_FIELDS,
          "slice.$": "$$.Map.Item.Value",
        },
        MaxConcurrencyPath: "$.maxConcurrency",
        ItemProcessor: {
          ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
          StartAt: "ShipSlice",
          States: {
            ShipSlice: {
              Type: "Task",
              ...task("ShipSlice", {
                mode: "slice",
                "shipper.$": "$.shipper",
                ...RUN_FIELDS,
                "slice.$": "$.slice",
              }),
              ResultSelector: { "done.$": "$.Payload.done" },
              ResultPath: "$.result",
              Retry: [serviceRetry(), taskRetry(props.sliceRetries ?? 3)],
              Next: "SliceDone",
            },
            SliceDone: {
              Type: "Choice",
              Choices: [{ Variable: "$.result.done", BooleanEquals: true, Next: "SliceShipped" }],
              Default: "ShipSlice",
            },
            SliceShipped: { Type: "Succeed" },
          },
        },
        ResultWriter: {
          Resource: `arn:${partition}:states:::s3:putObject`,
          Parameters: { Bucket: props.resultBucket, Prefix: props.resultPrefix },
        },
        ResultPath: "$.mapRun",
        Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.mapError", Next: "Finalize" }],
        Next: "Finalize",
      },
      Finalize: {
        Type: "Task",
        ...task("Finalize", { mode: "finalize", "shipper.$": "$.shipper", ...RUN_FIELDS }),
        OutputPath: "$.Payload",
        Retry: [serviceRetry(), taskRetry(2)],
        Next: "Outcome",
      },
      Outcome: {
        Type: "Choice",
        Choices: [{ Variable: "$.status", StringEquals: "failed", Next: "RunFailed" }],
        Default: "Done",
      },
      RunFailed: {
        Type: "Fail",
        Error: "LogShipper.RunFailed",
        Cause: "an exporter failed or slices remain unshipped; see the run report in the reconciler's log",
      },
      Done: { Type: "Succeed" },
    },
  };
}
