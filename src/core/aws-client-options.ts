import type { S3Client } from "@aws-sdk/client-s3";

/** Static credentials (tests against moto or LocalStack); without them the SDK's default provider chain is used. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** How an adapter reaches an AWS service. Every field is optional: the standard AWS environment fills the gaps. */
export interface AwsClientOptions {
  /** Region; default `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the SDK's own resolution (shared config). */
  readonly region?: string;
  /** Endpoint URL; default `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL` (LocalStack, moto). */
  readonly endpoint?: string;
  readonly credentials?: AwsCredentials;
  /** The environment to read (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
}

/** The services log-shipper's runtime talks to, with the suffix of their `AWS_ENDPOINT_URL_<SERVICE>` variable. */
const ENDPOINT_VARIABLES = {
  dynamodb: "AWS_ENDPOINT_URL_DYNAMODB",
  s3: "AWS_ENDPOINT_URL_S3",
  secretsmanager: "AWS_ENDPOINT_URL_SECRETS_MANAGER",
  lambda: "AWS_ENDPOINT_URL_LAMBDA",
  logs: "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS",
} as const;

/** A service name known to {@link awsClientConfig}. */
export type AwsService = keyof typeof ENDPOINT_VARIABLES;

/** The config object passed to an AWS SDK v3 client constructor. */
export interface AwsClientConfig {
  region?: string;
  endpoint?: string;
  credentials?: AwsCredentials;
}

/**
 * Builds an SDK client config from explicit options and the standard AWS environment. The SDK reads
 * `process.env` itself; this also honours an injected `env` (the CLI's and the tests'), and adds
 * `AWS_DEFAULT_REGION`, which SDK v3 ignores.
 */
export function awsClientConfig(service: AwsService, options: AwsClientOptions = {}): AwsClientConfig {
  const env = options.env ?? process.env;
  const region = nonEmpty(options.region) ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION);
  const endpoint =
    nonEmpty(options.endpoint) ??
    nonEmpty(env[ENDPOINT_VARIABLES[service]]) ??
    nonEmpty(env.AWS_ENDPOINT_URL);
  return {
    ...(region !== undefined ? { region } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** The error name of an AWS SDK exception (`ConditionalCheckFailedException`, ...), or `undefined`. */
export function awsErrorName(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const name = (err as { name?: unknown }).name;
  return typeof name === "string" ? name : undefined;
}

/**
 * An AWS SDK client created on first use, together with its SDK module (imported then, so that nothing loads the
 * SDK until an adapter is used). A client passed in by the caller is used as is and never destroyed.
 */
export class LazyAwsClient<Sdk, Client extends { destroy(): void }> {
  private pending: Promise<{ sdk: Sdk; client: Client }> | undefined;

  constructor(
    private readonly load: () => Promise<Sdk>,
    private readonly create: (sdk: Sdk) => Client,
    private readonly given?: Client,
  ) {}

  /** The SDK module and the client. */
  get(): Promise<{ sdk: Sdk; client: Client }> {
    this.pending ??= this.load().then((sdk) => ({ sdk, client: this.given ?? this.create(sdk) }));
    return this.pending;
  }

  /** Destroys a client this object created (its sockets); the next `get` creates a new one. */
  async destroy(): Promise<void> {
    const pending = this.pending;
    this.pending = undefined;
    if (pending === undefined || this.given !== undefined) return;
    (await pending).client.destroy();
  }
}

type S3Sdk = typeof import("@aws-sdk/client-s3");

/**
 * An S3 client created on first use from the AWS settings (`client`, when given, is used as is). With a custom
 * endpoint (moto, MinIO, LocalStack), which rarely resolves bucket subdomains, buckets are addressed by path.
 */
export function lazyS3Client(
  options: AwsClientOptions & { readonly client?: S3Client },
): LazyAwsClient<S3Sdk, S3Client> {
  return new LazyAwsClient<S3Sdk, S3Client>(
    () => import("@aws-sdk/client-s3"),
    (sdk) => {
      const config = awsClientConfig("s3", options);
      return new sdk.S3Client({
        ...config,
        ...(config.endpoint !== undefined ? { forcePathStyle: true } : {}),
      });
    },
    options.client,
  );
}
