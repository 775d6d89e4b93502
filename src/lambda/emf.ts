/**
 * CloudWatch Embedded Metric Format (EMF) documents, written as one JSON log line each. CloudWatch Logs extracts
 * the metrics from them; no API call, no extra latency. Per the specification
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * the root holds `_aws` = `{ Timestamp: <epoch ms>, CloudWatchMetrics: [MetricDirective] }`, a MetricDirective is
 * `{ Namespace, Dimensions: [[dimension names]], Metrics: [{ Name, Unit }] }`, and every dimension (a string) and
 * metric (a number) named there is a member of the root. At most 100 metrics per directive and 30 dimensions per set.
 */

/** The CloudWatch units log-shipper uses. */
export type EmfUnit = "Count" | "Seconds" | "Milliseconds";

/** One metric value with its unit. */
export interface EmfMetric {
  readonly name: string;
  readonly unit: EmfUnit;
  readonly value: number;
}

/** An EMF document. */
export interface EmfDocument {
  readonly _aws: {
    readonly Timestamp: number;
    readonly CloudWatchMetrics: ReadonlyArray<{
      readonly Namespace: string;
      readonly Dimensions: ReadonlyArray<ReadonlyArray<string>>;
      readonly Metrics: ReadonlyArray<{ readonly Name: string; readonly Unit: EmfUnit }>;
    }>;
  };
  readonly [member: string]: unknown;
}

const MAX_METRICS = 100;
const MAX_DIMENSIONS = 30;

/**
 * Builds one EMF document: the metrics under one namespace, dimensioned by every key of `dimensions` (one
 * dimension set). Throws on input that CloudWatch would reject (a programming error, not a run-time condition).
 */
export function emfDocument(
  namespace: string,
  dimensions: Readonly<Record<string, string>>,
  metrics: readonly EmfMetric[],
  timestamp: number = Date.now(),
): EmfDocument {
  const names = Object.keys(dimensions);
  if (metrics.length === 0 || metrics.length > MAX_METRICS)
    throw new Error(`EMF: 1 to ${MAX_METRICS} metrics`);
  if (names.length > MAX_DIMENSIONS) throw new Error(`EMF: at most ${MAX_DIMENSIONS} dimensions`);
  const root: Record<string, unknown> = {
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: [names],
          Metrics: metrics.map((m) => ({ Name: m.name, Unit: m.unit })),
        },
      ],
    },
  };
  for (const [name, value] of Object.entries(dimensions)) {
    if (value === "") throw new Error(`EMF: dimension ${name} is empty`);
    root[name] = value;
  }
  for (const m of metrics) {
    if (m.name in root) throw new Error(`EMF: ${m.name} is both a dimension and a metric, or given twice`);
    if (!Number.isFinite(m.value)) throw new Error(`EMF: metric ${m.name} is not a finite number`);
    root[m.name] = m.value;
  }
  return root as EmfDocument;
}
