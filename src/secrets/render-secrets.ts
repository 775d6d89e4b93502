import { hasTemplate, mapStrings, parseTemplate, secretNames, walkStrings } from "../config/template";
import { SecretError } from "./errors";
import type { SecretResolver } from "./secret-resolver";

/**
 * Returns a copy of `config` with every `{{ secret('NAME') }}` replaced by the secret's value. Each secret is
 * resolved once. Throws the resolver's `SecretError` for the first secret that cannot be read.
 */
export async function renderSecrets<T>(config: T, resolver: SecretResolver): Promise<T> {
  const names = new Set<string>();
  mapStrings(config, (s) => {
    if (hasTemplate(s)) for (const p of parseTemplate(s)) if (p.kind === "secret") names.add(p.name);
    return s;
  });
  const values = new Map<string, string>();
  for (const name of names) values.set(name, await resolver.resolve(name));
  return mapStrings(config, (s) => {
    if (!hasTemplate(s)) return s;
    return parseTemplate(s)
      .map((p) =>
        p.kind === "text"
          ? p.text
          : p.kind === "secret"
            ? (values.get(p.name) as string)
            : `{{ vars.${p.path} }}`,
      )
      .join("");
  });
}

/**
 * {@link renderSecrets} for a config that may refer to no secret at all (a source's): returned as it is when it
 * refers to none; a `SecretError` naming `what` when it refers to one and there is no resolver.
 */
export async function renderSecretsIfAny<T>(
  config: T,
  resolver: SecretResolver | undefined,
  what: string,
): Promise<T> {
  let first: string | undefined;
  walkStrings(config, (s) => (first ??= secretNames(s)[0]));
  if (first === undefined) return config;
  if (resolver === undefined) {
    throw new SecretError(
      first,
      `${what} refers to {{ secret('${first}') }} but no secret resolver is available here`,
    );
  }
  return renderSecrets(config, resolver);
}
