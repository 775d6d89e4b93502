import type { GetSecretValueCommandOutput, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import {
  awsClientConfig,
  awsErrorName,
  LazyAwsClient,
  type AwsClientOptions,
} from "../core/aws-client-options";
import { describeError } from "../core/errors";
import { SecretError } from "./errors";
import { redact, registerSecretValue } from "./redaction";
import type { SecretResolver } from "./secret-resolver";

/** The default prefix: `{{ secret('NAME') }}` is the secret `logshipper/NAME`. */
export const DEFAULT_SECRET_PREFIX = "logshipper";

/** Where secrets live in Secrets Manager, and how to reach it. */
export interface SecretsManagerResolverOptions extends AwsClientOptions {
  /** Secret names are `<prefix>/NAME`; an empty prefix means `NAME` itself. Default `logshipper`. */
  readonly prefix?: string;
  /** An SDK client to use instead of creating one. */
  readonly client?: SecretsManagerClient;
}

type Sdk = typeof import("@aws-sdk/client-secrets-manager");

/**
 * AWS Secrets Manager: `{{ secret('NAME') }}` is the secret `<prefix>/NAME` (its `SecretString`, or its
 * `SecretBinary` decoded as UTF-8). Every value is registered for redaction as soon as it is read.
 *
 * `check` (for `plan`) calls `GetSecretValue` too and drops the value at once: the runtime's IAM policy grants only
 * `secretsmanager:GetSecretValue`, and `DescribeSecret` would not prove that the value can be decrypted either.
 * Wrap it in `CachingSecretResolver` so each secret is read once per run.
 */
export class SecretsManagerResolver implements SecretResolver {
  readonly prefix: string;
  private readonly sm: LazyAwsClient<Sdk, SecretsManagerClient>;
  private readonly checks = new Map<string, Promise<void>>();

  constructor(options: SecretsManagerResolverOptions = {}) {
    this.prefix = options.prefix ?? DEFAULT_SECRET_PREFIX;
    this.sm = new LazyAwsClient<Sdk, SecretsManagerClient>(
      () => import("@aws-sdk/client-secrets-manager"),
      (sdk) => new sdk.SecretsManagerClient(awsClientConfig("secretsmanager", options)),
      options.client,
    );
  }

  describe(): string {
    return `AWS Secrets Manager secrets ${this.secretId("<NAME>")}`;
  }

  /** The Secrets Manager name of `{{ secret('NAME') }}`. */
  secretId(name: string): string {
    return this.prefix === "" ? name : `${this.prefix}/${name}`;
  }

  async resolve(name: string): Promise<string> {
    const value = await this.read(name);
    registerSecretValue(value);
    return value;
  }

  check(name: string): Promise<void> {
    let p = this.checks.get(name);
    if (p === undefined) {
      p = this.read(name).then(() => undefined);
      this.checks.set(name, p);
    }
    return p;
  }

  /** Releases the SDK client (the CLI; a Lambda keeps it for the next invocation). */
  close(): Promise<void> {
    return this.sm.destroy();
  }

  private async read(name: string): Promise<string> {
    const id = this.secretId(name);
    const { sdk, client } = await this.sm.get();
    let out: GetSecretValueCommandOutput;
    try {
      out = await client.send(new sdk.GetSecretValueCommand({ SecretId: id }));
    } catch (err) {
      throw new SecretError(name, this.explain(name, id, err), { cause: err });
    }
    if (typeof out.SecretString === "string") return out.SecretString;
    if (out.SecretBinary !== undefined) return Buffer.from(out.SecretBinary).toString("utf8");
    throw new SecretError(
      name,
      `secret ${name}: Secrets Manager secret ${id} has no value (neither SecretString nor SecretBinary)`,
    );
  }

  private explain(name: string, id: string, err: unknown): string {
    const head = `secret ${name}: Secrets Manager secret ${id}`;
    switch (awsErrorName(err)) {
      case "ResourceNotFoundException":
        return `${head} does not exist (or has no current version); create it with \`aws secretsmanager create-secret --name ${id} --secret-string ...\``;
      case "AccessDeniedException":
      case "AccessDenied":
        return `${head} cannot be read: access denied; the role needs secretsmanager:GetSecretValue on arn:aws:secretsmanager:<region>:<account>:secret:${id}-* (and kms:Decrypt if it uses a customer-managed key)`;
      case "DecryptionFailure":
        return `${head} cannot be decrypted with its KMS key; the role needs kms:Decrypt on that key`;
      case "InvalidRequestException":
        return `${head} cannot be read now (scheduled for deletion, or disabled): ${redact(describeError(err))}`;
      default:
        return `${head} cannot be read: ${awsErrorName(err) ?? "error"}: ${redact(describeError(err))}`;
    }
  }
}
