import { createPrivateKey, sign, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { registerSecretValue } from "../secrets/redaction";
import type { HttpTransport } from "../shipping/http-transport";
import type { LogExporter } from "../../generated/config";
import { exporterConfigError, requestToken, type AccessToken } from "./http-support";
import type { ExporterContext } from "./registry";

/**
 * Google service-account authentication, shared by the Google destinations (Cloud Logging, Cloud Storage): the key
 * from the config or `GOOGLE_APPLICATION_CREDENTIALS`, and an RS256 JWT (node:crypto) exchanged at the key's
 * `token_uri` for an access token (cache it in a `TokenCache`).
 */

/** Google's OAuth token endpoint, when the key has no `token_uri`. */
export const DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";
/** Kestra's default scopes. */
export const DEFAULT_SCOPES: readonly string[] = ["https://www.googleapis.com/auth/cloud-platform"];

/** The fields of a service-account key that are used. */
export interface ServiceAccountKey {
  readonly client_email: string;
  readonly private_key: string;
  readonly private_key_id?: string;
  readonly project_id?: string;
  readonly token_uri?: string;
}

/** Parses a service-account key JSON; returns the problem as a string when it is not one. */
export function parseServiceAccountKey(text: string): ServiceAccountKey | string {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return "is not JSON (expected a service-account key file's content)";
  }
  if (json === null || typeof json !== "object") return "is not a JSON object";
  if (json.type !== undefined && json.type !== "service_account")
    return `has type ${JSON.stringify(json.type)}; only service_account keys are supported`;
  if (typeof json.client_email !== "string" || json.client_email === "") return "has no client_email";
  if (typeof json.private_key !== "string" || json.private_key === "") return "has no private_key";
  return json as unknown as ServiceAccountKey;
}

/**
 * The service-account key from `serviceAccount` (usually a secret), else from the file named by
 * `GOOGLE_APPLICATION_CREDENTIALS`. Throws a `ConfigError` naming the property when there is none or it is not a key.
 */
export async function loadServiceAccountKey(
  context: ExporterContext<LogExporter & { serviceAccount?: string; impersonatedServiceAccount?: string }>,
): Promise<ServiceAccountKey> {
  const { shipperId, env, warn } = context;
  const exporterId = context.resolved.id;
  let text = context.config.serviceAccount;
  let where = "serviceAccount";
  if (text === undefined || text.trim() === "") {
    const file = env.GOOGLE_APPLICATION_CREDENTIALS;
    if (file === undefined || file === "") {
      throw exporterConfigError(
        shipperId,
        exporterId,
        "serviceAccount",
        "is required (a service-account key JSON, usually {{ secret('GCP_SERVICE_ACCOUNT') }}), " +
          "or set GOOGLE_APPLICATION_CREDENTIALS to a key file",
      );
    }
    where = `GOOGLE_APPLICATION_CREDENTIALS (${file})`;
    try {
      text = await readFile(file, "utf8");
    } catch (err) {
      throw exporterConfigError(
        shipperId,
        exporterId,
        "serviceAccount",
        `${where}: ${(err as Error).message}`,
      );
    }
  }
  const key = parseServiceAccountKey(text);
  if (typeof key === "string")
    throw exporterConfigError(shipperId, exporterId, "serviceAccount", `${where} ${key}`);
  if (context.config.impersonatedServiceAccount !== undefined) {
    warn(
      `exporter ${exporterId}: impersonatedServiceAccount is not supported yet; logs are written as ${key.client_email}`,
    );
  }
  return key;
}

/**
 * Fetches access tokens for a service account: signs a JWT with its key and exchanges it at its `token_uri`.
 * The private key is registered for redaction; a key that is not a PEM private key is a `ConfigError`.
 */
export class ServiceAccountTokens {
  private readonly privateKey: KeyObject;
  private readonly tokenUri: string;
  private readonly scope: string;

  constructor(
    private readonly key: ServiceAccountKey,
    scopes: readonly string[] | undefined,
    private readonly transport: HttpTransport,
    private readonly target: {
      readonly exporterId: string;
      readonly destination: string;
      readonly shipperId: string;
    },
    private readonly clock: () => number,
  ) {
    registerSecretValue(key.private_key);
    try {
      this.privateKey = createPrivateKey(key.private_key);
    } catch {
      throw exporterConfigError(
        target.shipperId,
        target.exporterId,
        "serviceAccount",
        "private_key is not a valid PEM private key",
      );
    }
    this.tokenUri = key.token_uri ?? DEFAULT_TOKEN_URI;
    this.scope = (scopes ?? DEFAULT_SCOPES).join(" ");
  }

  /** A new access token. */
  fetch(): Promise<AccessToken> {
    const now = Math.floor(this.clock() / 1000);
    const header = {
      alg: "RS256",
      typ: "JWT",
      ...(this.key.private_key_id ? { kid: this.key.private_key_id } : {}),
    };
    const claims = {
      iss: this.key.client_email,
      scope: this.scope,
      aud: this.tokenUri,
      iat: now,
      exp: now + 3600,
    };
    const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = sign("RSA-SHA256", Buffer.from(unsigned), this.privateKey).toString("base64url");
    return requestToken(
      this.transport,
      this.tokenUri,
      { grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: `${unsigned}.${signature}` },
      { exporterId: this.target.exporterId, destination: this.target.destination },
      this.clock,
    );
  }
}

function base64url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}
