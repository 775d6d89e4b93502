import { LogShipperError } from "../core/errors";
import { EnvSecretResolver } from "./env-secret-resolver";
import type { SecretResolver } from "./secret-resolver";

/** A secret resolver that may hold a client to release. */
export type ClosableSecretResolver = SecretResolver & { close?(): Promise<void> };

/**
 * Opens the resolver that a `--secrets` value names: `env` (Kestra OSS's base64 `SECRET_NAME` variables, the
 * default) or `aws-secrets-manager[:prefix]` (secret `<prefix>/NAME`; prefix default `LOGSHIPPER_SECRET_PREFIX`,
 * then `logshipper`). The AWS SDK is loaded only for the latter.
 */
export async function openSecretResolver(
  spec: string = "env",
  env: NodeJS.ProcessEnv = process.env,
): Promise<ClosableSecretResolver> {
  if (spec === "env") return new EnvSecretResolver(env);
  const m = /^aws-secrets-manager(?::(.*))?$/.exec(spec);
  if (m !== null) {
    const prefix = m[1] ?? env.LOGSHIPPER_SECRET_PREFIX;
    if (prefix !== undefined && !/^[A-Za-z0-9/_+=.@-]*$/.test(prefix)) {
      throw new LogShipperError(
        "USAGE",
        `--secrets ${spec}: the prefix may hold only letters, digits and / _ + = . @ - (Secrets Manager name characters)`,
      );
    }
    const { SecretsManagerResolver } = await import("./secrets-manager-resolver.js");
    return new SecretsManagerResolver({
      env,
      ...(prefix !== undefined ? { prefix: prefix.replace(/\/+$/, "") } : {}),
    });
  }
  throw new LogShipperError("USAGE", `--secrets ${spec}: expected env or aws-secrets-manager[:prefix]`);
}
