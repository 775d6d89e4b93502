import type { LogExporter } from "../../generated/config";
import type { ExporterType } from "../config/exporter-types";
import type { ResolvedExporter } from "../config/model";
import type { Exporter, TimeWindow } from "./exporter";

/** What a destination factory gets. */
export interface ExporterContext<C extends LogExporter = LogExporter> {
  readonly resolved: ResolvedExporter;
  /** The exporter's config with secrets resolved. Never print it. */
  readonly config: C;
  /** Directory that relative paths resolve against. */
  readonly baseDir: string;
  /** The shipper this exporter belongs to. */
  readonly shipperId: string;
  /** Environment (AWS_ENDPOINT_URL, AWS_REGION, ...). */
  readonly env: NodeJS.ProcessEnv;
  /** Prints a warning. */
  readonly warn: (message: string) => void;
  /**
   * Other threads append to the same local files at once (a slice worker of `apply --parallel N`): a file exporter
   * then leaves a file's last line alone when it opens it (the parent ended a crash's partial line before the
   * workers started), since another worker's write in progress looks like a partial line.
   */
  readonly sharedAppend?: boolean;
}

/** A destination: its name, its accepted time window (for `plan`), and a lazily loaded factory. */
export interface DestinationInfo {
  readonly destination: string;
  readonly window?: TimeWindow;
  readonly create: (context: ExporterContext) => Promise<Exporter>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Every destination. Factories are loaded on first use, so a run only loads (and a bundle only evaluates) the
 * destinations it ships to.
 */
export const DESTINATIONS: Readonly<Record<ExporterType, DestinationInfo>> = {
  file: {
    destination: "file",
    create: async (c) => (await import("./file.js")).createFileExporter(c as ExporterContext<never>),
  },
  datadog: {
    destination: "Datadog",
    window: {
      pastMs: 18 * HOUR,
      futureMs: 2 * HOUR,
      description: "Datadog accepts logs from 18 hours in the past to 2 hours in the future",
    },
    create: async (c) => (await import("./datadog.js")).createDatadogExporter(c as ExporterContext<never>),
  },
  elasticsearch: {
    destination: "Elasticsearch",
    create: async (c) =>
      (await import("./elasticsearch.js")).createElasticsearchExporter(c as ExporterContext<never>),
  },
  newrelic: {
    destination: "New Relic",
    window: { pastMs: 48 * HOUR, description: "New Relic may drop logs older than 48 hours" },
    create: async (c) => (await import("./newrelic.js")).createNewRelicExporter(c as ExporterContext<never>),
  },
  "azure-monitor": {
    destination: "Azure Monitor",
    window: {
      pastMs: 2 * DAY,
      futureMs: DAY,
      description:
        "Azure Monitor replaces TimeGenerated outside 2 days back to 1 day ahead with the receive time",
    },
    create: async (c) =>
      (await import("./azure-monitor.js")).createAzureMonitorExporter(c as ExporterContext<never>),
  },
  "gcp-logging": {
    destination: "Google Cloud Logging",
    window: { futureMs: DAY, description: "Cloud Logging rejects entries more than 1 day in the future" },
    create: async (c) =>
      (await import("./gcp-logging.js")).createGcpLoggingExporter(c as ExporterContext<never>),
  },
  cloudwatch: {
    destination: "CloudWatch Logs",
    window: {
      pastMs: 14 * DAY,
      futureMs: 2 * HOUR,
      description: "CloudWatch Logs accepts events from 14 days in the past to 2 hours in the future",
    },
    create: async (c) =>
      (await import("./cloudwatch.js")).createCloudWatchExporter(c as ExporterContext<never>),
  },
  opentelemetry: {
    destination: "OpenTelemetry",
    create: async (c) =>
      (await import("./opentelemetry.js")).createOpenTelemetryExporter(c as ExporterContext<never>),
  },
  // issue 16, syslog helper
  syslog: {
    destination: "Syslog",
    create: async (c) => (await import("./syslog.js")).createSyslogExporter(c as ExporterContext<never>),
  },
  // archives: one object per request (see ./archive-writer)
  s3: {
    destination: "S3",
    create: async (c) => (await import("./s3.js")).createS3Exporter(c as ExporterContext<never>),
  },
  gcs: {
    destination: "Google Cloud Storage",
    create: async (c) => (await import("./gcs.js")).createGcsExporter(c as ExporterContext<never>),
  },
  "azure-blob": {
    destination: "Azure Blob Storage",
    create: async (c) =>
      (await import("./azure-blob.js")).createAzureBlobExporter(c as ExporterContext<never>),
  },
  // HTTP exporters of issue 16
  splunk: {
    destination: "Splunk HEC",
    create: async (c) => (await import("./splunk.js")).createSplunkExporter(c as ExporterContext<never>),
  },
  graylog: {
    destination: "Graylog",
    create: async (c) => (await import("./graylog.js")).createGraylogExporter(c as ExporterContext<never>),
  },
  "huawei-lts": {
    destination: "Huawei Cloud LTS",
    window: {
      pastMs: DAY,
      futureMs: DAY,
      description: "Huawei Cloud LTS collects logs from 24 hours in the past to 24 hours in the future",
    },
    create: async (c) =>
      (await import("./huawei-lts.js")).createHuaweiLtsExporter(c as ExporterContext<never>),
  },
  dash0: {
    destination: "Dash0",
    create: async (c) => (await import("./dash0.js")).createDash0Exporter(c as ExporterContext<never>),
  },
};

/** The destination of an exporter type. */
export function destinationOf(type: ExporterType): DestinationInfo {
  return DESTINATIONS[type];
}
