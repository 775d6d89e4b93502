import type { LogExporter, SyslogExporter } from "../../generated/config";
import { canonicalExporterType } from "../config/exporter-types";
import { hasTemplate, parseTemplate } from "../config/template";
import { syslogTarget } from "../exporters/syslog-format";

/** A template for display: `{{ secret('X') }}` prints as `(secret X)`, never as a value. */
export function displayTemplate(text: string): string {
  if (!hasTemplate(text)) return text;
  try {
    return parseTemplate(text)
      .map((p) =>
        p.kind === "text" ? p.text : p.kind === "secret" ? `(secret ${p.name})` : `{{ vars.${p.path} }}`,
      )
      .join("");
  } catch {
    return text;
  }
}

/** Where an exporter sends to, for `plan` output; secrets print as `(secret NAME)`. */
export function describeTarget(config: LogExporter): string {
  const c = config as LogExporter & Record<string, unknown>;
  const parts: string[] = [];
  const add = (v: unknown): void => {
    if (typeof v === "string") parts.push(displayTemplate(v));
  };
  if ("path" in c && c.path !== undefined) add(c.path);
  else if ("directory" in c && c.directory !== undefined) add(c.directory);
  add(c.basePath);
  add(c.otlpEndpoint);
  add(c.endpoint);
  const conn = c.connection as { hosts?: string[] } | undefined;
  if (conn?.hosts) parts.push(conn.hosts.map(displayTemplate).join(","));
  if (typeof c.indexName === "string") parts.push(`index ${c.indexName}`);
  if (typeof c.streamName === "string") parts.push(`stream ${c.streamName}`);
  if (typeof c.projectId === "string") parts.push(`project ${displayTemplate(c.projectId)}`);
  // archives: the bucket or container (the Azure endpoint is added above)
  if (typeof c.bucket === "string") parts.push(`bucket ${displayTemplate(c.bucket)}`);
  if (typeof c.containerName === "string") parts.push(`container ${c.containerName}`);
  if (typeof c.logGroupName === "string")
    parts.push(`${c.logGroupName}/${String(c.logStreamName)} in ${displayTemplate(String(c.region))}`);
  // issue 16, syslog helper
  if (canonicalExporterType(c.type) === "syslog") {
    const s = c as SyslogExporter;
    parts.push(syslogTarget(s.protocol, displayTemplate(s.host), s.port));
  }
  return parts.join(" ");
}
