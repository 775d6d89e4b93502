import { awsClientConfig, type AwsService } from "../core/aws-client-options";
import { LogShipperError } from "../core/errors";
import { redact } from "../secrets/redaction";

/**
 * AWS settings as Kestra's AWS plugins name them (`accessKeyId`, `secretKeyId`, `sessionToken`,
 * `endpointOverride`), with secrets already rendered. Shared by the CloudWatch Logs and S3 exporters and sources.
 */
export interface AwsSettings {
  readonly region: string;
  readonly accessKeyId?: string;
  readonly secretKeyId?: string;
  readonly sessionToken?: string;
  readonly endpointOverride?: string;
}

/** The SDK client config of an AWS client built from Kestra's settings (see {@link kestraAwsClientConfig}). */
export interface CloudWatchLogsClientConfig {
  readonly region: string;
  readonly endpoint?: string;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Always 1: log-shipper retries itself (see {@link cloudWatchLogsClientConfig}). */
  readonly maxAttempts: number;
  /**
   * `throwOnRequestTimeout`: without it, @smithy/node-http-handler only logs a warning when `requestTimeout`
   * passes and the request waits on (a stalled store held an upload forever).
   */
  readonly requestHandler: { requestTimeout: number; connectionTimeout: number; throwOnRequestTimeout: true };
}

/** The SDK client config of a CloudWatch Logs client (see {@link kestraAwsClientConfig}). */
export function cloudWatchLogsClientConfig(
  settings: AwsSettings,
  env: NodeJS.ProcessEnv,
  where: string,
): CloudWatchLogsClientConfig {
  return kestraAwsClientConfig("logs", settings, env, where);
}

/**
 * The SDK client config of an AWS client (CloudWatch Logs, S3) from Kestra's AWS settings.
 *
 * - Credentials: the explicit keys when both are given, else the SDK's default provider chain (environment,
 *   shared files, SSO, container and instance roles).
 * - Endpoint: `endpointOverride`, else `AWS_ENDPOINT_URL_<SERVICE>` or `AWS_ENDPOINT_URL` from `env` (the
 *   variables the SDK itself honours; read from `env` so the caller's environment is the one that counts), as
 *   for every other AWS client of log-shipper (`awsClientConfig`).
 * - `maxAttempts: 1`: the SDK's own retries are off. The shipping pipeline (exporters) and the sources retry with
 *   their own budget, jitter and destination-wide throttle; SDK retries underneath would multiply the attempts and
 *   hide throttling from them.
 */
export function kestraAwsClientConfig(
  service: AwsService,
  settings: AwsSettings,
  env: NodeJS.ProcessEnv,
  where: string,
): CloudWatchLogsClientConfig {
  const region = settings.region.trim();
  if (region === "" || region.includes("{{")) {
    throw new LogShipperError(
      "CONFIG_INVALID",
      `${where}: region ${JSON.stringify(settings.region)} is not an AWS region (is a {{ vars.x }} missing?)`,
    );
  }
  const hasKey = settings.accessKeyId !== undefined && settings.accessKeyId !== "";
  const hasSecret = settings.secretKeyId !== undefined && settings.secretKeyId !== "";
  if (hasKey !== hasSecret) {
    throw new LogShipperError(
      "CONFIG_INVALID",
      `${where}: give both accessKeyId and secretKeyId, or neither (to use the default AWS credential chain)`,
    );
  }
  const base = awsClientConfig(service, {
    region,
    endpoint: settings.endpointOverride,
    credentials: hasKey
      ? {
          accessKeyId: settings.accessKeyId as string,
          secretAccessKey: settings.secretKeyId as string,
          ...(settings.sessionToken ? { sessionToken: settings.sessionToken } : {}),
        }
      : undefined,
    env,
  });
  return {
    ...base,
    region,
    maxAttempts: 1,
    requestHandler: { requestTimeout: 30_000, connectionTimeout: 10_000, throwOnRequestTimeout: true },
  };
}

/**
 * The SDK client config of an S3 client from Kestra's AWS settings (see {@link kestraAwsClientConfig}); with a
 * custom endpoint (MinIO, LocalStack, moto), which rarely resolves bucket subdomains, buckets are addressed by path.
 */
export function s3ClientConfig(
  settings: AwsSettings,
  env: NodeJS.ProcessEnv,
  where: string,
): CloudWatchLogsClientConfig & { forcePathStyle?: boolean } {
  const config = kestraAwsClientConfig("s3", settings, env, where);
  return config.endpoint !== undefined ? { ...config, forcePathStyle: true } : config;
}

/** What is known about a failed AWS call. */
export interface AwsErrorInfo {
  /** The AWS error code, e.g. `ThrottlingException`, or the Node error code for a network failure. */
  readonly name: string;
  /** HTTP status of the response; undefined when there was none (network, timeout). */
  readonly status?: number;
  /** `Name: message`, redacted and shortened. */
  readonly message: string;
  /** True when the same call may succeed later. */
  readonly retryable: boolean;
}

/** AWS error codes that mean "try again later". */
const RETRYABLE_CODES = new Set([
  "ThrottlingException",
  "Throttling",
  "ThrottledException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "ServiceUnavailableException",
  "ServiceUnavailable",
  "InternalServerException",
  "InternalFailure",
  "RequestTimeout",
  "RequestTimeoutException",
  "OperationAbortedException",
  "TimeoutError",
  // S3: "reduce your request rate", and a clock the SDK corrects on the next attempt
  "SlowDown",
  "RequestTimeTooSkewed",
]);

/**
 * Classifies an AWS SDK v3 error: throttling, 5xx and failures without a response (network, timeout) are
 * retryable; everything else (`InvalidParameterException`, `ResourceNotFoundException`, `AccessDeniedException`,
 * `UnrecognizedClientException`, other 4xx) is not.
 */
export function awsErrorInfo(err: unknown): AwsErrorInfo {
  const e = (err ?? {}) as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    $metadata?: { httpStatusCode?: number };
    $retryable?: unknown;
  };
  const name =
    typeof e.name === "string" && e.name !== "Error" ? e.name : typeof e.code === "string" ? e.code : "Error";
  const status = e.$metadata?.httpStatusCode;
  const text = typeof e.message === "string" ? e.message : String(err);
  const retryable =
    RETRYABLE_CODES.has(name) ||
    (status !== undefined && status >= 500) ||
    status === 429 ||
    e.$retryable !== undefined ||
    (status === undefined && !(err instanceof LogShipperError) && isNetworkError(name, text));
  return {
    name,
    status,
    message: redact(`${name}: ${text}`.slice(0, 400)),
    retryable,
  };
}

function isNetworkError(name: string, text: string): boolean {
  return (
    /^E[A-Z]+$/.test(name) ||
    /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|socket hang up|network|timed? ?out/i.test(
      `${name} ${text}`,
    )
  );
}
