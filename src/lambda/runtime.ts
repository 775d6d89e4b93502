import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { loadConfigFile } from "../config/load";
import type { LoadedConfig } from "../config/model";
import type { AwsClientOptions } from "../core/aws-client-options";
import { describeError, LogShipperError } from "../core/errors";
import type { ApplyContext } from "../reconcile/apply";
import { runApply, selectShippers } from "../reconcile/reconciler";
import { redact } from "../secrets/redaction";
import { CachingSecretResolver, type SecretResolver } from "../secrets/secret-resolver";
import { SecretsManagerResolver } from "../secrets/secrets-manager-resolver";
import { FileDeadLetter, type DeadLetter } from "../shipping/dead-letter";
import { S3DeadLetter } from "../shipping/s3-dead-letter";
import { DynamoDbStateStore } from "../state/dynamodb-state-store";
import type { StateStore } from "../state/state-store";
import { LambdaSelfInvoker, type ContinuationInvoker } from "./continuation";
import { parseEvent, type ShipperEvent } from "./event";
import { S3PlanWriter, type PlanWriter } from "./plan-writer";
import { runScaleOut, type ScaleOutResult } from "./scale-out";
import { runLogLine, runMetrics, type ContinuationNote, type ShipperOutcome } from "./run-report";
import { readSettings, type LambdaSettings } from "./settings";

/** The part of Lambda's context object the handler uses. */
export interface LambdaContext {
  getRemainingTimeInMillis(): number;
  readonly awsRequestId?: string;
  readonly functionName?: string;
}

/** What an invocation returns (for a synchronous invoke; the schedule ignores it). */
export interface HandlerResult {
  readonly hop: number;
  readonly shippers: ReadonlyArray<{
    readonly id: string;
    readonly status: ShipperOutcome["status"];
    readonly shipped: number;
    readonly rejected: number;
    readonly continuedAtHop?: number;
  }>;
}

/** A Lambda handler: the scheduled/continuation event answers a {@link HandlerResult}, a scale-out event its mode's result. */
export interface Handler {
  (
    event: { readonly shipper?: string; readonly hop?: number },
    context: LambdaContext,
  ): Promise<HandlerResult>;
  (event: unknown, context: LambdaContext): Promise<HandlerResult | ScaleOutResult>;
}

/**
 * What the handler is built from. Everything defaults to the AWS adapters configured by the environment; tests
 * replace some of them.
 */
export interface HandlerDeps {
  /** Default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Directory of the default config path (the bundle's directory). */
  readonly configDir?: string;
  /** Endpoint, region and credentials for the default AWS adapters (tests against moto). */
  readonly aws?: AwsClientOptions;
  readonly state?: StateStore;
  /** Resolver of `{{ secret() }}`; wrapped in a per-invocation cache. */
  readonly secrets?: SecretResolver;
  readonly deadLetter?: DeadLetter;
  readonly invoker?: ContinuationInvoker;
  /** Where the `plan` mode writes the slice list; default S3 (`LOGSHIPPER_PLAN_BUCKET`). */
  readonly plans?: PlanWriter;
  /** Where log lines go; default `process.stdout`, one JSON document per line (unprefixed, as EMF needs). */
  readonly write?: (line: string) => void;
  /** Passed to `runApply` (tests: a source wrapper, a short lease, a small backoff). */
  readonly apply?: Pick<ApplyContext, "createSource" | "leaseTtlMs" | "backoff">;
}

/**
 * Builds the reconciler's Lambda handler. Per invocation: reads the event (`{shipper?, hop?}`), applies each
 * selected shipper with the DynamoDB state, Secrets Manager secrets and the S3 dead-letter, stopping new requests
 * `LOGSHIPPER_SAFETY_MARGIN_MS` before the timeout; writes one JSON log line and the EMF metrics per shipper; and
 * for each shipper left behind, asks for a continuation (an asynchronous self-invoke with `hop + 1`) until
 * `LOGSHIPPER_MAX_HOPS`, after which the next schedule continues. A shipper whose lease another invocation holds
 * is reported `skipped`. The config and the AWS clients are kept across warm invocations.
 *
 * An event with `mode` comes from a shipper's scale-out state machine (`plan`, `slice`, `finalize`: see
 * `scale-out.ts`); it never asks for a continuation (the state machine loops instead).
 */
export function createHandler(deps: HandlerDeps = {}): Handler {
  const env = deps.env ?? process.env;
  const write = deps.write ?? ((line: string) => void process.stdout.write(line));
  let settings: LambdaSettings | undefined;
  let config: Promise<LoadedConfig> | undefined;
  let adapters: { state: StateStore; secrets: SecretResolver; deadLetter: DeadLetter } | undefined;
  let invoker: ContinuationInvoker | undefined;
  let plans: PlanWriter | undefined;

  const emit = (value: unknown): void => write(`${redact(JSON.stringify(value))}\n`);
  const log = (
    level: "INFO" | "WARN" | "ERROR",
    message: string,
    extra: Record<string, unknown> = {},
  ): void => emit({ level, type: "logshipper.log", message: redact(message), ...extra });

  const handler = async (
    rawEvent: unknown,
    context: LambdaContext,
  ): Promise<HandlerResult | ScaleOutResult> => {
    const started = Date.now();
    const remaining = context.getRemainingTimeInMillis();
    const deadline = started + remaining;
    const event = parseEvent(rawEvent);
    settings ??= readSettings(env, deps.configDir ?? __dirname);
    const s = settings;
    config ??= loadConfigFile(s.configPath, { strictVars: true }).catch((err: unknown) => {
      config = undefined; // try again on the next invocation
      throw err;
    });
    const loaded = await config;
    adapters ??= {
      state: deps.state ?? openState(s, env, deps.aws),
      secrets: deps.secrets ?? new SecretsManagerResolver({ ...deps.aws, env, prefix: s.secretPrefix }),
      deadLetter:
        deps.deadLetter ??
        (s.deadLetterBucket !== undefined
          ? new S3DeadLetter({ ...deps.aws, env, bucket: s.deadLetterBucket })
          : new FileDeadLetter(s.deadLetterDir)),
    };
    invoker ??=
      deps.invoker ??
      (s.functionName !== undefined
        ? new LambdaSelfInvoker({ ...deps.aws, env, functionName: s.functionName })
        : undefined);

    let margin = s.safetyMarginMs;
    if (margin * 2 > remaining) {
      margin = Math.floor(remaining / 2);
      log(
        "WARN",
        `LOGSHIPPER_SAFETY_MARGIN_MS=${s.safetyMarginMs} leaves no time in a ${remaining} ms invocation; using ${margin} ms. Raise the function timeout or lower the margin`,
      );
    }
    const owner = `${context.functionName ?? s.functionName ?? `${process.pid}@${hostname()}`}/${context.awsRequestId ?? randomBytes(4).toString("hex")}`;
    // one cache per invocation: a secret is read once per run, and a rotated value is picked up by the next run
    const secrets = new CachingSecretResolver(adapters.secrets);
    const a = adapters;
    const base = (id: string): ApplyContext => ({
      ...deps.apply,
      state: a.state,
      secrets,
      deadLetter: a.deadLetter,
      now: new Date(),
      owner,
      env,
      deadline,
      safetyMarginMs: margin,
      warn: (m) => log("WARN", `${id}: ${m}`, { shipper: id }),
    });
    /** Today's serial run of one shipper (an error outside the exporters fails this shipper only). */
    const applyOne = async (id: string, ownerOf = owner): Promise<ShipperOutcome> => {
      try {
        const { report } = await runApply(loaded, { ...base(id), owner: ownerOf, shippers: [id] });
        const r = report.shippers[0];
        return {
          shipper: id,
          report: r,
          status: r?.status ?? "ok",
          drift: report.drift,
          ...(r?.message !== undefined ? { message: r.message } : {}),
        };
      } catch (err) {
        return { shipper: id, status: "failed", drift: [], message: redact(describeError(err)) };
      }
    };

    if ("mode" in event) {
      plans ??= deps.plans ?? new S3PlanWriter({ ...deps.aws, env });
      return runScaleOut(event, {
        config: loaded,
        context: base(event.shipper),
        planBucket: s.planBucket,
        plans,
        applyOne,
        emit,
        requestId: context.awsRequestId,
      });
    }
    return scheduled(event, loaded, applyOne, context.awsRequestId, deadline - margin, s);
  };
  return handler as Handler;

  async function scheduled(
    event: ShipperEvent,
    loaded: LoadedConfig,
    applyOne: (id: string) => Promise<ShipperOutcome>,
    requestId: string | undefined,
    stopAt: number,
    s: LambdaSettings,
  ): Promise<HandlerResult> {
    const selected = selectShippers(loaded, event.shipper !== undefined ? [event.shipper] : undefined);
    const info = { requestId, hop: event.hop };
    const results: Array<HandlerResult["shippers"][number]> = [];

    for (const shipper of selected) {
      const outcome: ShipperOutcome =
        Date.now() >= stopAt
          ? { shipper: shipper.id, status: "deferred", drift: [], message: "no time left in this invocation" }
          : await applyOne(shipper.id);
      const note = await continueIfBehind(outcome, event.hop, s, invoker);
      const noted = note !== undefined ? { ...outcome, continuation: note } : outcome;
      emit(runLogLine(noted, info));
      for (const doc of runMetrics(noted)) emit(doc);
      const exporters = noted.report?.exporters ?? [];
      results.push({
        id: shipper.id,
        status: noted.status,
        shipped: exporters.reduce((n, e) => n + e.shipped, 0),
        rejected: exporters.reduce((n, e) => n + e.rejected, 0),
        ...(note?.requested ? { continuedAtHop: note.hop } : {}),
      });
    }
    return { hop: event.hop, shippers: results };
  }

  async function continueIfBehind(
    outcome: ShipperOutcome,
    hop: number,
    s: LambdaSettings,
    target: ContinuationInvoker | undefined,
  ): Promise<ContinuationNote | undefined> {
    const behind =
      outcome.status === "deferred" || (outcome.report?.exporters ?? []).some((e) => e.status === "partial");
    if (!behind) return undefined;
    if (hop >= s.maxHops)
      return {
        requested: false,
        reason: `reached LOGSHIPPER_MAX_HOPS=${s.maxHops} continuations; the next scheduled run continues (lagging)`,
      };
    if (target === undefined)
      return {
        requested: false,
        reason: "AWS_LAMBDA_FUNCTION_NAME is not set: cannot invoke a continuation",
      };
    try {
      await target.invoke({ shipper: outcome.shipper, hop: hop + 1 });
      return { requested: true, hop: hop + 1 };
    } catch (err) {
      return {
        requested: false,
        reason: `the continuation could not be invoked (${redact(describeError(err))}); the next scheduled run continues`,
      };
    }
  }
}

function openState(s: LambdaSettings, env: NodeJS.ProcessEnv, aws: AwsClientOptions | undefined): StateStore {
  if (s.stateTable === undefined)
    throw new LogShipperError(
      "LAMBDA_SETTINGS",
      "LOGSHIPPER_STATE_TABLE is not set: the DynamoDB table of offsets",
    );
  return new DynamoDbStateStore({ ...aws, env, table: s.stateTable });
}
