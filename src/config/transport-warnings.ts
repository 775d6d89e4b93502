import type { ResolvedShipper } from "./model";
import { hasTemplate } from "./template";

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1)$/i;

/** URL-valued keys whose host receives the exporter's or source's credentials. */
const URL_KEYS = new Set([
  "basePath",
  "endpoint",
  "otlpEndpoint",
  "authorityHost",
  "endpointOverride",
  "url",
  "hosts",
  "host", // Splunk HEC's base URL (a Syslog host name is no URL and never matches)
  "iamEndpoint",
]);

function isPlainRemoteHttp(url: string): boolean {
  if (hasTemplate(url) || !url.startsWith("http://")) return false;
  try {
    return !LOOPBACK.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

function collectUrls(value: unknown, out: string[], key = ""): void {
  if (typeof value === "string") {
    if (URL_KEYS.has(key)) out.push(value);
  } else if (Array.isArray(value)) value.forEach((v) => collectUrls(v, out, key));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) collectUrls(v, out, k);
  }
}

/**
 * Warnings about how a shipper talks to its endpoints: credentials over plain `http://` to a host that is not
 * loopback, and TLS verification turned off.
 */
export function transportWarnings(shipper: ResolvedShipper): string[] {
  const warnings: string[] = [];
  const check = (label: string, config: unknown): void => {
    const urls: string[] = [];
    collectUrls(config, urls);
    for (const url of urls.filter(isPlainRemoteHttp)) {
      warnings.push(
        `${label}: ${url} is plain http:// to a host that is not loopback; credentials and logs would travel unencrypted`,
      );
    }
    const json = JSON.stringify(config);
    const off = /"(trustAllSsl|insecureTrustAllCertificates|skipCertVerification)":true/.exec(json);
    if (off !== null) {
      warnings.push(
        `${label}: TLS certificate verification is turned off (${off[1]}); anyone on the path can read and alter the traffic`,
      );
    }
  };
  check(`shipper ${shipper.id} source`, shipper.source);
  for (const e of shipper.exporters) check(`shipper ${shipper.id} exporter ${e.id}`, e.config);
  return warnings;
}
