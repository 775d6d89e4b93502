import type { Dash0Exporter as Dash0ExporterConfig } from "../../generated/config";
import { ConfigError } from "../config/errors";
import {
  DEFAULT_HTTP_CONCURRENCY,
  headerCredential,
  httpBaseUrl,
  isSafeHeaderValue,
} from "../shipping/http-options";
import type { Exporter } from "./exporter";
import { OtlpLogsExporter } from "./opentelemetry";
import { destinationOf, type ExporterContext } from "./registry";

/** The OTLP/HTTP logs path of Dash0's ingress. */
export const DASH0_LOGS_PATH = "/v1/logs";

/**
 * Dash0 is the OpenTelemetry exporter (OTLP/HTTP, JSON, gzip, OTLP's retry rules and `partialSuccess`) pointed at
 * Dash0's ingress, with `Authorization: Bearer <authToken>` and, when `dataset` is set, the `Dash0-Dataset`
 * header (without it Dash0 writes to its `default` dataset; a token restricted to a dataset is refused without
 * it). A bare ingress URL (`https://ingress.<region>.aws.dash0.com`) gets `/v1/logs` appended; a URL with a
 * path is used as given.
 */
export function dash0Exporter(
  id: string,
  config: Dash0ExporterConfig,
  chunk: number,
  concurrency: number,
  warn?: (message: string) => void,
): OtlpLogsExporter {
  const base = httpBaseUrl(config.endpoint, id, "endpoint");
  // a bare ingress URL gets the logs path; any other path is used as given (a proxy, say)
  const otlpEndpoint = new URL(base).pathname === "/" ? `${base}${DASH0_LOGS_PATH}` : base;
  const token = headerCredential(config.authToken, id, "authToken");
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (config.dataset !== undefined) {
    if (config.dataset.trim() !== config.dataset || !isSafeHeaderValue(config.dataset)) {
      throw new ConfigError(`exporter ${id}`, [
        { path: "dataset", message: `${JSON.stringify(config.dataset)} cannot be sent as a header` },
      ]);
    }
    headers["Dash0-Dataset"] = config.dataset;
  }
  return new OtlpLogsExporter({
    id,
    type: "dash0",
    destination: "Dash0",
    url: otlpEndpoint,
    headers,
    serviceName: config.serviceName ?? "kestra",
    ...(config.options !== undefined ? { http: config.options } : {}),
    chunk,
    concurrency,
    window: destinationOf("dash0").window,
    ...(warn !== undefined ? { warn } : {}),
  });
}

/** Creates the Dash0 exporter. */
export async function createDash0Exporter(context: ExporterContext<Dash0ExporterConfig>): Promise<Exporter> {
  const r = context.resolved;
  return dash0Exporter(
    r.id,
    context.config,
    r.chunk,
    r.concurrency ?? DEFAULT_HTTP_CONCURRENCY,
    context.warn,
  );
}
