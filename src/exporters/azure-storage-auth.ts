import { createHmac } from "node:crypto";
import { registerSecretValue } from "../secrets/redaction";
import { exporterConfigError, trimBase } from "./http-support";

/**
 * How log-shipper authenticates to Azure Storage, from Kestra's Azure properties: a connection string, a shared
 * key (account name and key), a SAS token, or a Microsoft Entra app (tenant, client id and secret). Shared Key
 * requests are signed here (HMAC-SHA256, the Blob service's "Shared Key" scheme), so no Azure SDK is needed.
 */

/** How requests are authorized. */
export type AzureStorageAuth =
  | { readonly kind: "shared-key"; readonly account: string; readonly key: Buffer }
  | { readonly kind: "sas"; readonly sas: string }
  | {
      readonly kind: "entra";
      readonly tenantId: string;
      readonly clientId: string;
      readonly clientSecret: string;
      readonly authorityHost?: string;
    };

/** The properties that choose the auth (Kestra's names). */
export interface AzureStorageSettings {
  readonly endpoint?: string;
  readonly connectionString?: string;
  readonly sharedKeyAccountName?: string;
  readonly sharedKeyAccountAccessKey?: string;
  readonly sasToken?: string;
  readonly tenantId?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly authorityHost?: string;
}

/** The blob service URL and the auth of an exporter's settings; a missing or half-given auth is a `ConfigError`. */
export function azureStorageAuth(
  settings: AzureStorageSettings,
  where: { readonly shipperId: string; readonly exporterId: string },
): { endpoint: string; auth: AzureStorageAuth } {
  const bad = (path: string, message: string): never => {
    throw exporterConfigError(where.shipperId, where.exporterId, path, message);
  };
  const given = (v: string | undefined): v is string => v !== undefined && v.trim() !== "";
  let endpoint = settings.endpoint;
  if (given(settings.connectionString)) {
    const cs = parseConnectionString(settings.connectionString);
    registerSecretValue(settings.connectionString);
    endpoint ??=
      cs.BlobEndpoint ??
      (cs.AccountName !== undefined
        ? `${cs.DefaultEndpointsProtocol ?? "https"}://${cs.AccountName}.blob.${cs.EndpointSuffix ?? "core.windows.net"}`
        : undefined);
    if (endpoint === undefined) return bad("connectionString", "has neither BlobEndpoint nor AccountName");
    if (cs.SharedAccessSignature !== undefined) return { endpoint, auth: sas(cs.SharedAccessSignature) };
    if (cs.AccountName === undefined || cs.AccountKey === undefined)
      return bad("connectionString", "needs AccountName and AccountKey, or SharedAccessSignature");
    return { endpoint, auth: sharedKey(cs.AccountName, cs.AccountKey) };
  }
  if (endpoint === undefined || endpoint.trim() === "")
    return bad(
      "endpoint",
      "is required (e.g. https://myaccount.blob.core.windows.net/) unless connectionString gives it",
    );
  if (given(settings.sharedKeyAccountName) || given(settings.sharedKeyAccountAccessKey)) {
    if (!given(settings.sharedKeyAccountName) || !given(settings.sharedKeyAccountAccessKey))
      return bad("sharedKeyAccountAccessKey", "give both sharedKeyAccountName and sharedKeyAccountAccessKey");
    return { endpoint, auth: sharedKey(settings.sharedKeyAccountName, settings.sharedKeyAccountAccessKey) };
  }
  if (given(settings.sasToken)) return { endpoint, auth: sas(settings.sasToken) };
  if (given(settings.tenantId) || given(settings.clientId) || given(settings.clientSecret)) {
    if (!given(settings.tenantId) || !given(settings.clientId) || !given(settings.clientSecret))
      return bad("clientSecret", "give tenantId, clientId and clientSecret together");
    return {
      endpoint,
      auth: {
        kind: "entra",
        tenantId: settings.tenantId,
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        ...(settings.authorityHost !== undefined ? { authorityHost: settings.authorityHost } : {}),
      },
    };
  }
  return bad(
    "",
    "has no credentials: give tenantId/clientId/clientSecret, sharedKeyAccountName/sharedKeyAccountAccessKey, sasToken or connectionString",
  );
}

function sharedKey(account: string, key: string): AzureStorageAuth {
  registerSecretValue(key);
  return { kind: "shared-key", account, key: Buffer.from(key, "base64") };
}

function sas(token: string): AzureStorageAuth {
  const value = token.trim().replace(/^\?/, "");
  registerSecretValue(value);
  const sig = new URLSearchParams(value).get("sig");
  if (sig) {
    registerSecretValue(sig);
    registerSecretValue(encodeURIComponent(sig));
  }
  return { kind: "sas", sas: value };
}

/** `Key=Value;…` of an Azure Storage connection string (values may contain `=`). */
export function parseConnectionString(text: string): Record<string, string | undefined> {
  const out: Record<string, string> = {};
  for (const part of text.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  if (out.BlobEndpoint !== undefined) out.BlobEndpoint = trimBase(out.BlobEndpoint);
  return out;
}

/**
 * The `Authorization` header of a Shared Key request to the Blob service: `SharedKey <account>:<signature>`,
 * the signature being HMAC-SHA256 (with the decoded account key) of the verb, the standard headers, the
 * canonicalized `x-ms-*` headers and the canonicalized resource (`/<account><encoded path>` and the sorted,
 * decoded query parameters). `headers` must hold every header the request will carry, with lower-case names.
 */
export function sharedKeyAuthorization(
  auth: { readonly account: string; readonly key: Buffer },
  method: string,
  url: URL,
  headers: Readonly<Record<string, string>>,
): string {
  const h = (name: string): string => headers[name] ?? "";
  const length = h("content-length") === "0" ? "" : h("content-length");
  const msHeaders = Object.keys(headers)
    .filter((k) => k.startsWith("x-ms-"))
    .sort()
    .map((k) => `${k}:${(headers[k] as string).trim()}\n`)
    .join("");
  const params = new Map<string, string[]>();
  for (const [k, v] of url.searchParams)
    params.set(k.toLowerCase(), [...(params.get(k.toLowerCase()) ?? []), v]);
  const query = [...params.keys()]
    .sort()
    .map((k) => `\n${k}:${(params.get(k) as string[]).sort().join(",")}`)
    .join("");
  const toSign = [
    method,
    h("content-encoding"),
    h("content-language"),
    length,
    h("content-md5"),
    h("content-type"),
    "", // Date: x-ms-date is used instead
    h("if-modified-since"),
    h("if-match"),
    h("if-none-match"),
    h("if-unmodified-since"),
    h("range"),
    `${msHeaders}/${auth.account}${url.pathname}${query}`,
  ].join("\n");
  const signature = createHmac("sha256", auth.key).update(toSign, "utf8").digest("base64");
  return `SharedKey ${auth.account}:${signature}`;
}
