/* eslint-disable */
/**
 * GENERATED from schemas/config.schema.json by json-schema-to-typescript. Do not edit by hand:
 * change the schema and run `npm run generate`.
 */

/**
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "source".
 */
export type Source = FileSource | KestraSource | CloudWatchSource | S3Source;
/**
 * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "templatedString".
 */
export type TemplatedString = string;
/**
 * Cron expression (5 fields, or 6 with seconds) or @hourly, @daily, @weekly, @monthly, @yearly, @annually, @midnight.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "schedule".
 */
export type Schedule = string;
/**
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "logExporter".
 */
export type LogExporter =
  | DatadogExporter
  | ElasticsearchExporter
  | NewRelicExporter
  | AzureMonitorExporter
  | GcpLoggingExporter
  | CloudWatchExporter
  | OpenTelemetryExporter
  | FileExporter
  | SyslogExporter
  | S3Exporter
  | GcsExporter
  | AzureBlobExporter
  | SplunkExporter
  | GraylogExporter
  | HuaweiLtsExporter
  | Dash0Exporter;
/**
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "exporterId".
 */
export type ExporterId = string;
/**
 * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "duration".
 */
export type Duration = string;
/**
 * Entries per request (Kestra's `chunk`). The destination's own limits can make requests smaller. Default: 1000.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "chunk".
 */
export type Chunk = number;
/**
 * An http(s) URL, or a template that renders to one.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "httpUrl".
 */
export type HttpUrl = string;
/**
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "level".
 */
export type Level = "TRACE" | "DEBUG" | "INFO" | "WARN" | "WARNING" | "ERROR";

/**
 * log-shipper configuration (native form). A Kestra flow YAML with LogShipper tasks is accepted too; see KestraLogShipperTask.
 */
export interface LogShipperConfig {
  /**
   * @minItems 1
   */
  shippers: [Shipper, ...Shipper[]];
  /**
   * Values for {{ vars.NAME }}; --var NAME=VALUE overrides them.
   */
  variables?: {
    [k: string]: string | number | boolean | undefined;
  };
}
/**
 * One log shipper: a source, filters, and one or more exporters.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "shipper".
 */
export interface Shipper {
  /**
   * Unique id of the shipper. A Kestra flow's shipper is `<namespace>.<flowId>.<taskId>`.
   */
  id: string;
  description?: string;
  source: Source;
  schedule?: Schedule;
  /**
   * IANA time zone of the schedule. Default: UTC.
   */
  timezone?: string;
  /**
   * Pending work older than this is reported as `lagging` drift. Default: twice the schedule's interval, or PT1H without a schedule.
   */
  lagThreshold?: string;
  /**
   * The destinations. Each keeps its own offset.
   *
   * @minItems 1
   */
  logExporters: [LogExporter, ...LogExporter[]];
  /**
   * Minimum level shipped. Default: INFO. WARNING means WARN.
   */
  logLevelFilter?: "TRACE" | "DEBUG" | "INFO" | "WARN" | "WARNING" | "ERROR";
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  lookbackPeriod?: string;
  /**
   * Only this namespace and its children (`namespace.` prefix).
   */
  namespace?: string;
  /**
   * Name under which the offsets are stored. Renaming it starts over from the lookback. Default: LogShipper-state.
   */
  offsetKey?: string;
  /**
   * Records read from the source per batch. Default: 1000.
   */
  batchSize?: number;
  /**
   * Kestra's option to delete shipped logs from the source. Only `false` is supported.
   */
  delete?: false;
}
/**
 * JSON-lines files in Kestra's log model. Each file must be append-only and in timestamp order; a line older than the one before it is shipped at the position of the one before it.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "fileSource".
 */
export interface FileSource {
  type: "file";
  /**
   * Glob of JSON-lines files, relative to the config file.
   */
  path: string;
  /**
   * Longer lines are counted as invalid and skipped. Default: 4194304 (4 MiB).
   */
  maxLineBytes?: number;
  /**
   * The range ends at now minus this delay. Default: PT0S.
   */
  settleDelay?: string;
}
/**
 * Kestra's REST log search API.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "kestraSource".
 */
export interface KestraSource {
  type: "kestra";
  /**
   * Kestra base URL. Default: the KESTRA_URL environment variable.
   */
  url?: string;
  /**
   * Tenant id. Without it the legacy path /api/v1/logs/search is used.
   */
  tenant?: string;
  /**
   * Default: KESTRA_API_TOKEN, or KESTRA_USERNAME/KESTRA_PASSWORD, from the environment.
   */
  auth?: KestraBasicAuth | KestraBearerAuth;
  /**
   * Results per page. Default: 500.
   */
  pageSize?: number;
  /**
   * The range ends at now minus this delay. Default: PT30S.
   */
  settleDelay?: string;
}
export interface KestraBasicAuth {
  type: "basic";
  username: TemplatedString;
  password: TemplatedString;
}
export interface KestraBearerAuth {
  type: "bearer";
  token: TemplatedString;
}
/**
 * AWS CloudWatch Logs FilterLogEvents. Give exactly one of logGroupNames and logGroupNamePrefix.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "cloudWatchSource".
 */
export interface CloudWatchSource {
  type: "cloudwatch";
  region: TemplatedString;
  /**
   * @minItems 1
   */
  logGroupNames?: [string, ...string[]];
  logGroupNamePrefix?: string;
  filterPattern?: string;
  accessKeyId?: TemplatedString;
  secretKeyId?: TemplatedString;
  sessionToken?: TemplatedString;
  /**
   * Endpoint URL, e.g. for LocalStack or moto. AWS_ENDPOINT_URL is honoured too.
   */
  endpointOverride?: string;
  /**
   * The range ends at now minus this delay, so late-ingested events are not skipped. Default: PT2M.
   */
  settleDelay?: string;
}
/**
 * JSON-lines objects (plain or gzip) under an S3 bucket and prefix, in Kestra's log model: what the s3/gcs/azure-blob exporters write, and what CloudWatch Logs' CreateExportTask writes (`<timestamp> <message>` lines). Objects are read one at a time in key order; each is sorted by timestamp.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "s3Source".
 */
export interface S3Source {
  type: "s3";
  bucket: string;
  /**
   * Key prefix of the objects to read, e.g. `kestra-log-file` or `exportedlogs/`. Default: the whole bucket.
   */
  prefix?: string;
  region: TemplatedString;
  accessKeyId?: TemplatedString;
  secretKeyId?: TemplatedString;
  sessionToken?: TemplatedString;
  /**
   * Endpoint URL of an S3-compatible store (MinIO, LocalStack, moto); buckets are then addressed by path. AWS_ENDPOINT_URL_S3 and AWS_ENDPOINT_URL are honoured too.
   */
  endpointOverride?: string;
  /**
   * Largest object (decompressed) that is sorted in memory; a larger one is read as a stream in its own order, each line at the position of the latest timestamp before it. Default: 33554432 (32 MiB).
   */
  maxObjectBytes?: number;
  /**
   * Longer lines are counted as invalid and skipped. Default: 4194304 (4 MiB).
   */
  maxLineBytes?: number;
  /**
   * The range ends at now minus this delay. Default: PT0S.
   */
  settleDelay?: string;
}
/**
 * Datadog Logs HTTP intake v2 (POST {basePath}/api/v2/logs).
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "datadogExporter".
 */
export interface DatadogExporter {
  /**
   * Exporter type: the short alias or a Kestra type name.
   */
  type: "datadog" | "io.kestra.plugin.ee.datadog.LogExporter";
  id: ExporterId;
  /**
   * Region intake base URL, e.g. https://http-intake.logs.datadoghq.eu; `/api/v2/logs` is appended.
   */
  basePath: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  apiKey: string;
  options?: HttpOptions;
  /**
   * Datadog `service` attribute. Default: kestra.
   */
  service?: string;
  /**
   * Datadog `ddsource` attribute. Default: kestra.
   */
  ddsource?: string;
  /**
   * Extra Datadog tags, `k:v,k2:v2`, added to the generated ones.
   */
  ddtags?: string;
  /**
   * Datadog `hostname` attribute.
   */
  hostname?: string;
  chunk?: Chunk;
  /**
   * Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations.
   */
  concurrency?: number;
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  retryBudget?: string;
}
/**
 * Kestra's HTTP client options (io.kestra.core.http.client.configurations.HttpConfiguration). log-shipper honours the timeouts and `ssl.insecureTrustAllCertificates`; redirects are never followed for log uploads, so credentials cannot leak to another host; the other keys are accepted so that Kestra YAML validates unchanged.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "httpOptions".
 */
export interface HttpOptions {
  timeout?: {
    connectTimeout?: Duration;
    readIdleTimeout?: Duration;
  };
  connectTimeout?: Duration;
  readTimeout?: Duration;
  readIdleTimeout?: Duration;
  connectionPoolIdleTimeout?: Duration;
  maxContentLength?: number;
  followRedirects?: boolean;
  allowFailed?: boolean;
  allowedResponseCodes?: number[];
  defaultCharset?: string;
  logs?: string[];
  logLevel?: string;
  ssl?: {
    /**
     * Turns off TLS certificate verification. Explicit and warned about.
     */
    insecureTrustAllCertificates?: boolean;
  };
  proxy?: {
    type?: string;
    address?: string;
    port?: number;
    username?: string;
    password?: string;
  };
  auth?: {
    type?: string;
    username?: string;
    password?: string;
    token?: string;
  };
  proxyType?: string;
  proxyAddress?: string;
  proxyPort?: number;
  proxyUsername?: string;
  proxyPassword?: string;
  basicAuthUser?: string;
  basicAuthPassword?: string;
}
/**
 * Elasticsearch or OpenSearch `_bulk` API with `create` actions and deterministic document ids.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "elasticsearchExporter".
 */
export interface ElasticsearchExporter {
  /**
   * Exporter type: the short alias or a Kestra type name.
   */
  type:
    | "elasticsearch"
    | "opensearch"
    | "io.kestra.plugin.ee.elasticsearch.LogExporter"
    | "io.kestra.plugin.elasticsearch.LogExporter"
    | "io.kestra.plugin.ee.opensearch.LogExporter";
  id: ExporterId;
  connection: ElasticsearchConnection;
  /**
   * Target index or data stream.
   */
  indexName: string;
  options?: HttpOptions;
  chunk?: Chunk;
  /**
   * Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations.
   */
  concurrency?: number;
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  retryBudget?: string;
}
export interface ElasticsearchConnection {
  /**
   * Node URLs with scheme and port.
   *
   * @minItems 1
   */
  hosts: [HttpUrl, ...HttpUrl[]];
  basicAuth?: {
    username?: TemplatedString;
    password?: TemplatedString;
  };
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  apiKey?: string;
  /**
   * Extra headers, each `Name: value`.
   */
  headers?: TemplatedString[];
  pathPrefix?: string;
  strictDeprecationMode?: boolean;
  /**
   * Turns off TLS certificate verification. Explicit and warned about.
   */
  trustAllSsl?: boolean;
}
/**
 * New Relic Log API (POST {basePath}/log/v1).
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "newRelicExporter".
 */
export interface NewRelicExporter {
  /**
   * Exporter type: the short alias or a Kestra type name.
   */
  type: "newrelic" | "io.kestra.plugin.ee.newrelic.LogExporter";
  id: ExporterId;
  /**
   * An http(s) URL, or a template that renders to one.
   */
  basePath: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  apiKey: string;
  options?: HttpOptions;
  chunk?: Chunk;
  /**
   * Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations.
   */
  concurrency?: number;
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  retryBudget?: string;
}
/**
 * Azure Monitor Logs Ingestion API (data collection rule and stream).
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "azureMonitorExporter".
 */
export interface AzureMonitorExporter {
  /**
   * Exporter type: the short alias or a Kestra type name.
   */
  type:
    | "azure-monitor"
    | "io.kestra.plugin.ee.azure.monitor.LogExporter"
    | "io.kestra.plugin.ee.azure.LogExporter";
  id: ExporterId;
  /**
   * An http(s) URL, or a template that renders to one.
   */
  endpoint: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  tenantId: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  clientId: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  clientSecret: string;
  /**
   * Immutable id of the data collection rule, `dcr-…`.
   */
  ruleId: string;
  /**
   * Stream declared in the DCR, e.g. Custom-KestraLogs.
   */
  streamName: string;
  /**
   * An http(s) URL, or a template that renders to one.
   */
  authorityHost?: string;
  /**
   * Token scope. Default: https://monitor.azure.com//.default (log-shipper extension).
   */
  scope?: string;
  options?: HttpOptions;
  chunk?: Chunk;
  /**
   * Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations.
   */
  concurrency?: number;
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  retryBudget?: string;
}
/**
 * Google Cloud Logging `entries.write`.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "gcpLoggingExporter".
 */
export interface GcpLoggingExporter {
  /**
   * Exporter type: the short alias or a Kestra type name.
   */
  type:
    | "gcp-logging"
    | "io.kestra.plugin.ee.gcp.operationalsuite.LogExporter"
    | "io.kestra.plugin.ee.gcp.LogExporter";
  id: ExporterId;
  /**
   * Project that receives the entries. Default: the service account's project.
   */
  projectId?: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  serviceAccount?: string;
  /**
   * Accepted for Kestra compatibility; impersonation is not supported yet.
   */
  impersonatedServiceAccount?: string;
  scopes?: string[];
  /**
   * Log id inside the project. Default: kestra (log-shipper extension).
   */
  logName?: string;
  /**
   * An http(s) URL, or a template that renders to one.
   */
  endpoint?: string;
  options?: HttpOptions;
  chunk?: Chunk;
  /**
   * Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations.
   */
  concurrency?: number;
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  retryBudget?: string;
}
/**
 * AWS CloudWatch Logs PutLogEvents.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "cloudWatchExporter".
 */
export interface CloudWatchExporter {
  /**
   * Exporter type: the short alias or a Kestra type name.
   */
  type:
    "cloudwatch" | "io.kestra.plugin.ee.aws.cloudwatch.LogExporter" | "io.kestra.plugin.ee.aws.LogExporter";
  id: ExporterId;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  region: string;
  logGroupName: string;
  logStreamName: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  accessKeyId?: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  secretKeyId?: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  sessionToken?: string;
  /**
   * An http(s) URL, or a template that renders to one.
   */
  endpointOverride?: string;
  /**
   * Create the log stream when it is missing. Default: true (log-shipper extension).
   */
  createLogStream?: boolean;
  chunk?: Chunk;
  /**
   * Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations.
   */
  concurrency?: number;
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  retryBudget?: string;
}
/**
 * OTLP/HTTP logs, JSON encoding.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "openTelemetryExporter".
 */
export interface OpenTelemetryExporter {
  /**
   * Exporter type: the short alias or a Kestra type name.
   */
  type: "opentelemetry" | "io.kestra.plugin.ee.opentelemetry.LogExporter";
  id: ExporterId;
  /**
   * An http(s) URL, or a template that renders to one.
   */
  otlpEndpoint: string;
  /**
   * Header that carries the credentials, e.g. Authorization.
   */
  authorizationHeaderName?: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  authorizationHeaderValue?: string;
  /**
   * `service.name` resource attribute. Default: kestra (log-shipper extension).
   */
  serviceName?: string;
  options?: HttpOptions;
  chunk?: Chunk;
  /**
   * Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations.
   */
  concurrency?: number;
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  retryBudget?: string;
}
/**
 * Local files. With `path`, appends JSON lines to that file; without it, writes rotating files `<logFilePrefix>-<localDateTime>.<json|ion>` into `directory`, like Kestra's FileLogExporter.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "fileExporter".
 */
export interface FileExporter {
  /**
   * Exporter type: the short alias or a Kestra type name.
   */
  type: "file" | "io.kestra.plugin.ee.core.log.FileLogExporter";
  id: ExporterId;
  /**
   * File to append JSON lines to (log-shipper extension). Relative to the config file.
   */
  path?: string;
  /**
   * Directory for rotating files when `path` is not set. Default: ./.logshipper/files (log-shipper extension).
   */
  directory?: string;
  /**
   * Kestra's format. Default: JSON when `path` is set, else ION (Kestra's default).
   */
  format?: "ION" | "JSON";
  logFilePrefix?: string;
  /**
   * Rotate after this many lines (without `path`). Default: 100000.
   */
  maxLinesPerFile?: number;
  chunk?: Chunk;
  /**
   * Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations.
   */
  concurrency?: number;
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  retryBudget?: string;
}
/**
 * Syslog CEF (Kestra's io.kestra.plugin.ee.syslog.LogExporter): each record as an RFC 5424 message with a CEF payload, over UDP (one datagram per message), TCP (RFC 5425 octet counting) or TLS (the same framing, encrypted).
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "syslogExporter".
 */
export interface SyslogExporter {
  /**
   * Exporter type: the short alias or a Kestra type name.
   */
  type: "syslog" | "io.kestra.plugin.ee.syslog.LogExporter";
  id: ExporterId;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  host: string;
  /**
   * The collector's port. Default: 514 for UDP and TCP, 6514 for TLS.
   */
  port?: number;
  /**
   * UDP (datagrams, never acknowledged), TCP (RFC 5425 octet counting over a plain socket) or TLS (the same framing, encrypted, certificate verified). Default: UDP.
   */
  protocol?: "UDP" | "TCP" | "TLS";
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  trustStorePath?: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  trustStore?: string;
  /**
   * The truststore's format. Kestra reads PKCS12 and JKS; log-shipper reads PEM (its extension) and says how to convert the others.
   */
  trustStoreType?: "PKCS12" | "JKS" | "PEM";
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  trustStorePassword?: string;
  /**
   * TLS: accept any certificate (no chain or host name check). Unsafe; validate and plan warn. Default: false.
   */
  skipCertVerification?: boolean;
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  connectionTimeout?: string;
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  writeTimeout?: string;
  /**
   * RFC 5424 HOSTNAME of every message (log-shipper extension). Default: this machine's host name.
   */
  hostname?: string;
  /**
   * RFC 5424 APP-NAME (log-shipper extension). Default: kestra.
   */
  appName?: string;
  /**
   * Syslog facility of every message, 0-23 (log-shipper extension). Default: 16 (local0).
   */
  facility?: number;
  /**
   * Largest syslog message in bytes, framing excluded; a longer message is cut and marked (log-shipper extension). Default: 2048 for UDP (RFC 5426's SHOULD), 8192 for TCP and TLS (RFC 5425's SHOULD).
   */
  maxMessageBytes?: number;
  chunk?: Chunk;
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  retryBudget?: string;
}
/**
 * Amazon S3 (or an S3-compatible store): one JSON-lines or Ion object per request, named deterministically from the shipper, the exporter and the first record's position, so that a re-send overwrites instead of duplicating.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "s3Exporter".
 */
export interface S3Exporter {
  /**
   * Exporter type: the short alias or a Kestra type name.
   */
  type: "s3" | "io.kestra.plugin.ee.aws.s3.LogExporter";
  id: ExporterId;
  /**
   * Bucket the log files are uploaded to.
   */
  bucket: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  region: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  accessKeyId?: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  secretKeyId?: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  sessionToken?: string;
  /**
   * An http(s) URL, or a template that renders to one.
   */
  endpointOverride?: string;
  /**
   * Kestra's format of the exported files: JSON (JSON lines, one Kestra log entry per line) or ION (Amazon Ion text, one entry per line). Default: JSON.
   */
  format?: "ION" | "JSON";
  /**
   * Prefix of the object names: `<logFilePrefix>-<localDateTime>-<id>.json|ion` (a `/` in it makes folders). Default: kestra-log-file.
   */
  logFilePrefix?: string;
  /**
   * Most lines per object. Default: 100000.
   */
  maxLinesPerFile?: number;
  /**
   * Most bytes per object before compression (log-shipper extension): an object is cut at maxLinesPerFile lines or this size, whichever comes first, so that memory stays bounded. Default: 33554432 (32 MiB).
   */
  maxBytesPerFile?: number;
  /**
   * Gzip each object and add `.gz` to its name, e.g. `.json.gz` (log-shipper extension). Default: false.
   */
  gzip?: boolean;
  chunk?: Chunk;
  /**
   * Uploads in flight at once for this exporter (log-shipper extension). A re-sent object overwrites the one a crash left behind (deterministic names). Default: 2.
   */
  concurrency?: number;
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  retryBudget?: string;
}
/**
 * Google Cloud Storage (JSON API upload): one JSON-lines or Ion object per request, named deterministically, so that a re-send overwrites instead of duplicating.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "gcsExporter".
 */
export interface GcsExporter {
  /**
   * Exporter type: the short alias or a Kestra type name.
   */
  type: "gcs" | "io.kestra.plugin.ee.gcp.gcs.LogExporter";
  id: ExporterId;
  /**
   * Bucket the log files are uploaded to.
   */
  bucket: string;
  /**
   * The GCP project id (accepted for Kestra compatibility; an upload names only the bucket).
   */
  projectId?: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  serviceAccount?: string;
  /**
   * Accepted for Kestra compatibility; impersonation is not supported yet.
   */
  impersonatedServiceAccount?: string;
  scopes?: string[];
  /**
   * An http(s) URL, or a template that renders to one.
   */
  endpoint?: string;
  options?: HttpOptions;
  /**
   * Kestra's format of the exported files: JSON (JSON lines, one Kestra log entry per line) or ION (Amazon Ion text, one entry per line). Default: JSON.
   */
  format?: "ION" | "JSON";
  /**
   * Prefix of the object names: `<logFilePrefix>-<localDateTime>-<id>.json|ion` (a `/` in it makes folders). Default: kestra-log-file.
   */
  logFilePrefix?: string;
  /**
   * Most lines per object. Default: 100000.
   */
  maxLinesPerFile?: number;
  /**
   * Most bytes per object before compression (log-shipper extension): an object is cut at maxLinesPerFile lines or this size, whichever comes first, so that memory stays bounded. Default: 33554432 (32 MiB).
   */
  maxBytesPerFile?: number;
  /**
   * Gzip each object and add `.gz` to its name, e.g. `.json.gz` (log-shipper extension). Default: false.
   */
  gzip?: boolean;
  chunk?: Chunk;
  /**
   * Uploads in flight at once for this exporter (log-shipper extension). A re-sent object overwrites the one a crash left behind (deterministic names). Default: 2.
   */
  concurrency?: number;
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  retryBudget?: string;
}
/**
 * Azure Blob Storage block blobs: one JSON-lines or Ion blob per request, named deterministically, so that a re-send overwrites instead of duplicating. Authentication: a Microsoft Entra app (tenantId, clientId, clientSecret), a shared key, a SAS token, or a connection string.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "azureBlobExporter".
 */
export interface AzureBlobExporter {
  /**
   * Exporter type: the short alias or a Kestra type name.
   */
  type: "azure-blob" | "io.kestra.plugin.ee.azure.storage.LogExporter";
  id: ExporterId;
  /**
   * An http(s) URL, or a template that renders to one.
   */
  endpoint?: string;
  /**
   * Container the log files are uploaded to (it must exist).
   */
  containerName: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  tenantId?: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  clientId?: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  clientSecret?: string;
  /**
   * An http(s) URL, or a template that renders to one.
   */
  authorityHost?: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  connectionString?: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  sharedKeyAccountName?: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  sharedKeyAccountAccessKey?: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  sasToken?: string;
  options?: HttpOptions;
  /**
   * Kestra's format of the exported files: JSON (JSON lines, one Kestra log entry per line) or ION (Amazon Ion text, one entry per line). Default: JSON.
   */
  format?: "ION" | "JSON";
  /**
   * Prefix of the object names: `<logFilePrefix>-<localDateTime>-<id>.json|ion` (a `/` in it makes folders). Default: kestra-log-file.
   */
  logFilePrefix?: string;
  /**
   * Most lines per object. Default: 100000.
   */
  maxLinesPerFile?: number;
  /**
   * Most bytes per object before compression (log-shipper extension): an object is cut at maxLinesPerFile lines or this size, whichever comes first, so that memory stays bounded. Default: 33554432 (32 MiB).
   */
  maxBytesPerFile?: number;
  /**
   * Gzip each object and add `.gz` to its name, e.g. `.json.gz` (log-shipper extension). Default: false.
   */
  gzip?: boolean;
  chunk?: Chunk;
  /**
   * Uploads in flight at once for this exporter (log-shipper extension). A re-sent object overwrites the one a crash left behind (deterministic names). Default: 2.
   */
  concurrency?: number;
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  retryBudget?: string;
}
/**
 * Splunk HTTP Event Collector (POST {host}/services/collector/event).
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "splunkExporter".
 */
export interface SplunkExporter {
  /**
   * Exporter type: the short alias or a Kestra type name.
   */
  type: "splunk" | "io.kestra.plugin.ee.splunk.LogExporter";
  id: ExporterId;
  /**
   * An http(s) URL, or a template that renders to one.
   */
  host: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  token: string;
  options?: HttpOptions;
  /**
   * HEC `source` of every event. Default: kestra (as Kestra sets it).
   */
  source?: string;
  /**
   * HEC `sourcetype` (log-shipper extension). Default: the token's.
   */
  sourcetype?: string;
  /**
   * HEC `index` (log-shipper extension). Default: the token's default index.
   */
  index?: string;
  /**
   * HEC `host` field of every event (log-shipper extension; Kestra's `host` is the URL). Default: Splunk's (the sender).
   */
  hostname?: string;
  /**
   * Wait for Splunk's indexer acknowledgement (`/services/collector/ack` on a channel of ours) before a batch counts as delivered and the offset moves (log-shipper extension; the token must have acknowledgement turned on). Default: false (HEC's 200 only says the events were received).
   */
  indexerAcknowledgment?: boolean;
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  ackTimeout?: string;
  chunk?: Chunk;
  /**
   * Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations.
   */
  concurrency?: number;
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  retryBudget?: string;
}
/**
 * Graylog GELF HTTP input (POST {endpoint}), GELF 1.1.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "graylogExporter".
 */
export interface GraylogExporter {
  /**
   * Exporter type: the short alias or a Kestra type name.
   */
  type: "graylog" | "io.kestra.plugin.ee.graylog.LogExporter";
  id: ExporterId;
  /**
   * An http(s) URL, or a template that renders to one.
   */
  endpoint: string;
  /**
   * GELF `host` of every message. Default: Kestra.
   */
  graylogHost?: string;
  options?: HttpOptions;
  /**
   * Send up to `chunk` messages per request, newline-delimited (log-shipper extension; needs the input's "Enable Bulk Receiving", Graylog 4.3+). Default: false, one message per request, which every GELF HTTP input accepts.
   */
  bulk?: boolean;
  /**
   * Largest request body before compression (log-shipper extension): the input's "Max. HTTP chunk size". Default: 65536, Graylog's default.
   */
  maxRequestBytes?: number;
  chunk?: Chunk;
  /**
   * Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations.
   */
  concurrency?: number;
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  retryBudget?: string;
}
/**
 * Huawei Cloud Log Tank Service, high-accuracy reporting (POST /v2/{projectId}/lts/groups/{logGroupId}/streams/{logStreamId}/tenant/contents/high-accuracy), signed with AK/SK.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "huaweiLtsExporter".
 */
export interface HuaweiLtsExporter {
  /**
   * Exporter type: the short alias or a Kestra type name.
   */
  type: "huawei-lts" | "io.kestra.plugin.ee.huawei.lts.LogExporter";
  id: ExporterId;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  region: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  projectId: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  logGroupId: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  logStreamId: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  accessKeyId?: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  secretAccessKey?: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  securityToken?: string;
  /**
   * Obtain temporary AK/SK and a security token from IAM (and renew them before they expire) instead of static keys.
   */
  temporaryCredentials?: {
    /**
     * PASSWORD: IAM user name, password and domain; TOKEN: an IAM token.
     */
    authMethod?: "PASSWORD" | "TOKEN";
    username?: TemplatedString;
    password?: TemplatedString;
    /**
     * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
     */
    domainName?: string;
    /**
     * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
     */
    token?: string;
    /**
     * Validity of the temporary credentials. Default: 900.
     */
    durationSeconds?: number;
    /**
     * Domain of the IAM endpoint, iam.{region}.{endpointSuffix}. Default: myhuaweicloud.com.
     */
    endpointSuffix?: string;
    /**
     * An http(s) URL, or a template that renders to one.
     */
    iamEndpoint?: string;
  };
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  domainId?: string;
  /**
   * An http(s) URL, or a template that renders to one.
   */
  endpointOverride?: string;
  /**
   * LTS `labels` of every request (log-shipper extension). Default: none.
   */
  labels?: {
    [k: string]: string | undefined;
  };
  options?: HttpOptions;
  chunk?: Chunk;
  /**
   * Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations.
   */
  concurrency?: number;
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  retryBudget?: string;
}
/**
 * Dash0 OTLP/HTTP logs ingress (the OpenTelemetry exporter with Dash0's auth and dataset headers).
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "dash0Exporter".
 */
export interface Dash0Exporter {
  /**
   * Exporter type: the short alias or a Kestra type name.
   */
  type: "dash0" | "io.kestra.plugin.ee.dash0.LogExporter";
  id: ExporterId;
  /**
   * An http(s) URL, or a template that renders to one.
   */
  endpoint: string;
  /**
   * A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions.
   */
  authToken: string;
  /**
   * Dash0 dataset, sent as the Dash0-Dataset header. Default: Dash0's `default` dataset.
   */
  dataset?: string;
  /**
   * `service.name` resource attribute. Default: kestra (log-shipper extension).
   */
  serviceName?: string;
  options?: HttpOptions;
  chunk?: Chunk;
  /**
   * Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations.
   */
  concurrency?: number;
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  retryBudget?: string;
}
/**
 * A Kestra `io.kestra.plugin.ee.core.log.LogShipper` task, as written in a flow.
 *
 * This interface was referenced by `LogShipperConfig`'s JSON-Schema
 * via the `definition` "kestraLogShipperTask".
 */
export interface KestraLogShipperTask {
  id: string;
  type: "io.kestra.plugin.ee.core.log.LogShipper";
  description?: string;
  disabled?: boolean;
  timeout?: string;
  retry?: {};
  allowFailure?: boolean;
  allowWarning?: boolean;
  logLevel?: string;
  logToFile?: boolean;
  runIf?: string;
  workerGroup?: {};
  /**
   * The destinations. Each keeps its own offset.
   *
   * @minItems 1
   */
  logExporters: [LogExporter, ...LogExporter[]];
  /**
   * Minimum level shipped. Default: INFO. WARNING means WARN.
   */
  logLevelFilter?: "TRACE" | "DEBUG" | "INFO" | "WARN" | "WARNING" | "ERROR";
  /**
   * ISO-8601 duration, e.g. P1D, PT2M, PT0S.
   */
  lookbackPeriod?: string;
  /**
   * Only this namespace and its children (`namespace.` prefix).
   */
  namespace?: string;
  /**
   * Name under which the offsets are stored. Renaming it starts over from the lookback. Default: LogShipper-state.
   */
  offsetKey?: string;
  /**
   * Records read from the source per batch. Default: 1000.
   */
  batchSize?: number;
  /**
   * Kestra's option to delete shipped logs from the source. Only `false` is supported.
   */
  delete?: false;
}
