/**
 * Where `{{ secret('NAME') }}` values come from. Adapters: the environment (Kestra OSS's `SECRET_NAME`,
 * base64-encoded) and AWS Secrets Manager.
 */
export interface SecretResolver {
  /** A short description for messages, e.g. `environment (SECRET_*)`. */
  describe(): string;
  /** The secret's value. Throws `SecretError` when it is missing or cannot be read. */
  resolve(name: string): Promise<string>;
  /** Checks that the secret can be resolved without returning its value (for `plan`). Throws `SecretError`. */
  check(name: string): Promise<void>;
}

/**
 * Resolves each secret at most once per run and registers every value for redaction. Wrap any resolver in it.
 */
export class CachingSecretResolver implements SecretResolver {
  private readonly cache = new Map<string, Promise<string>>();

  constructor(private readonly inner: SecretResolver) {}

  describe(): string {
    return this.inner.describe();
  }

  resolve(name: string): Promise<string> {
    let p = this.cache.get(name);
    if (p === undefined) {
      p = this.inner.resolve(name);
      this.cache.set(name, p);
      p.catch(() => this.cache.delete(name));
    }
    return p;
  }

  check(name: string): Promise<void> {
    return this.inner.check(name);
  }
}
