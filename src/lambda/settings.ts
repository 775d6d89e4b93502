import { tmpdir } from "node:os";
import { join } from "node:path";
import { LogShipperError } from "../core/errors";
import { DEFAULT_SECRET_PREFIX } from "../secrets/secrets-manager-resolver";

/** The Lambda's configuration, from its environment (set by the construct). */
export interface LambdaSettings {
  /** The bundled native config (`{ "shippers": [...] }`). */
  readonly configPath: string;
  /** DynamoDB table of offsets and leases (`LOGSHIPPER_STATE_TABLE`). */
  readonly stateTable: string | undefined;
  /** `{{ secret('NAME') }}` is the Secrets Manager secret `<secretPrefix>/NAME`. */
  readonly secretPrefix: string;
  /** S3 bucket for rejected records; without it they go to a file under /tmp (lost with the sandbox). */
  readonly deadLetterBucket: string | undefined;
  readonly deadLetterDir: string;
  /** No new request starts within this many milliseconds of the invocation's timeout. */
  readonly safetyMarginMs: number;
  /** How many continuations (asynchronous self-invocations) one scheduled run may chain. */
  readonly maxHops: number;
  /** S3 bucket of scale-out slice lists (`LOGSHIPPER_PLAN_BUCKET`, set by the construct for `scaleOut`). */
  readonly planBucket: string | undefined;
  /** This function's name, for the continuation's self-invoke (`AWS_LAMBDA_FUNCTION_NAME`). */
  readonly functionName: string | undefined;
}

/** Defaults of the Lambda settings. */
export const LAMBDA_DEFAULTS = { safetyMarginMs: 30_000, maxHops: 20 } as const;

/** Reads the settings from the environment. Throws a `LogShipperError` naming a malformed variable. */
export function readSettings(env: NodeJS.ProcessEnv, defaultConfigDir: string): LambdaSettings {
  return {
    configPath: value(env.LOGSHIPPER_CONFIG_PATH) ?? join(defaultConfigDir, "logshipper.config.json"),
    stateTable: value(env.LOGSHIPPER_STATE_TABLE),
    secretPrefix: (value(env.LOGSHIPPER_SECRET_PREFIX) ?? DEFAULT_SECRET_PREFIX).replace(/\/+$/, ""),
    deadLetterBucket: value(env.LOGSHIPPER_DEAD_LETTER_BUCKET),
    deadLetterDir: join(tmpdir(), "logshipper", "dead-letter"),
    safetyMarginMs: integer(env, "LOGSHIPPER_SAFETY_MARGIN_MS", LAMBDA_DEFAULTS.safetyMarginMs),
    maxHops: integer(env, "LOGSHIPPER_MAX_HOPS", LAMBDA_DEFAULTS.maxHops),
    planBucket: value(env.LOGSHIPPER_PLAN_BUCKET),
    functionName: value(env.AWS_LAMBDA_FUNCTION_NAME),
  };
}

function value(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === "" ? undefined : v.trim();
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = value(env[name]);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw)))
    throw new LogShipperError(
      "LAMBDA_SETTINGS",
      `${name}=${JSON.stringify(raw)}: expected a whole number ≥ 0`,
    );
  return Number(raw);
}
