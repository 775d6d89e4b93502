import { SecretError } from "./errors";
import { registerSecretValue } from "./redaction";
import type { SecretResolver } from "./secret-resolver";

const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;

/**
 * Kestra OSS's convention: `{{ secret('NAME') }}` reads the environment variable `SECRET_NAME`, whose value is
 * base64-encoded.
 */
export class EnvSecretResolver implements SecretResolver {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  describe(): string {
    return "environment variables SECRET_<NAME> (base64, as in Kestra OSS)";
  }

  async check(name: string): Promise<void> {
    this.read(name);
  }

  async resolve(name: string): Promise<string> {
    const value = this.read(name);
    registerSecretValue(value);
    return value;
  }

  private read(name: string): string {
    const variable = `SECRET_${name}`;
    const encoded = this.env[variable];
    if (encoded === undefined || encoded === "") {
      throw new SecretError(
        name,
        `secret ${name} is not set: export ${variable} with its base64-encoded value (Kestra OSS convention)`,
      );
    }
    if (!BASE64.test(encoded) || encoded.replace(/\s/g, "").length % 4 !== 0) {
      throw new SecretError(
        name,
        `secret ${name}: ${variable} is not valid base64 (Kestra OSS stores secrets base64-encoded)`,
      );
    }
    return Buffer.from(encoded, "base64").toString("utf8");
  }
}
