import { CONFIG_SCHEMA } from "./schema";

/** The short alias of every destination type: the first name in each exporter's `type` enum in the schema. */
export type ExporterType =
  | "datadog"
  | "elasticsearch"
  | "newrelic"
  | "azure-monitor"
  | "gcp-logging"
  | "cloudwatch"
  | "opentelemetry"
  | "file"
  // issue 16, syslog helper
  | "syslog"
  // archives (S3, GCS, Azure Blob)
  | "s3"
  | "gcs"
  | "azure-blob"
  // HTTP exporters of issue 16
  | "splunk"
  | "graylog"
  | "huawei-lts"
  | "dash0";

interface TypeInfo {
  readonly alias: ExporterType;
  readonly names: readonly string[];
}

const defs = CONFIG_SCHEMA.$defs as unknown as Record<
  string,
  { properties?: { type?: { enum?: string[] } } }
>;

/** Every exporter type, with all the names it answers to, read from the schema. */
export const EXPORTER_TYPES: readonly TypeInfo[] = CONFIG_SCHEMA.$defs.logExporter.oneOf.map((branch) => {
  const name = branch.$ref.split("/").pop() as string;
  const names = defs[name]?.properties?.type?.enum ?? [];
  return { alias: names[0] as ExporterType, names };
});

const BY_NAME = new Map<string, ExporterType>();
for (const t of EXPORTER_TYPES) for (const n of t.names) BY_NAME.set(n, t.alias);

/** The alias of an exporter type name (`io.kestra.plugin.ee.datadog.LogExporter` → `datadog`). */
export function canonicalExporterType(name: string): ExporterType | undefined {
  return BY_NAME.get(name);
}

/** Every accepted exporter type name. */
export function allExporterTypeNames(): string[] {
  return [...BY_NAME.keys()];
}

/**
 * Kestra exporters that log-shipper does not implement, with their destination, so that a flow using one gets a
 * precise message instead of "unknown type".
 */
export const UNSUPPORTED_KESTRA_EXPORTERS: Readonly<Record<string, string>> = {};
