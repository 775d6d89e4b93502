import { isUtf8 } from "node:buffer";
import { open } from "node:fs/promises";
import { dirname, resolve as resolvePath } from "node:path";
import type { LogExporter, LogShipperConfig, Shipper, Source } from "../../generated/config";
import { durationMs, parseDuration } from "../core/duration";
import { stableHash } from "../core/hash";
import { levelRank, normalizeLevel } from "../core/levels";
import { parseSchedule, ScheduleError } from "../core/schedule";
import { ConfigError, formatPath, type ConfigIssue } from "./errors";
import { canonicalExporterType } from "./exporter-types";
import { schemaErrorsToIssues } from "./format-schema-errors";
import { isKestraFlow, readKestraFlow } from "./kestra-flow";
import { DEFAULTS, type LoadedConfig, type ResolvedExporter, type ResolvedShipper } from "./model";
import { validateNativeConfig, validateSource } from "./schema";
import { MAX_CONFIG_BYTES, SourceText } from "./source-text";
import {
  hasTemplate,
  mapStrings,
  parseTemplate,
  renderVars,
  secretNames,
  TemplateSyntaxError,
  walkStrings,
} from "./template";
import { transportWarnings } from "./transport-warnings";

/** How to load a config. */
export interface LoadOptions {
  /** `--var NAME=VALUE` values; they override the file's variables. */
  readonly vars?: Readonly<Record<string, string>>;
  /** A source for every shipper (`--source file:<glob>`); a Kestra flow needs it until it reads the Kestra API. */
  readonly source?: Source;
  /**
   * When true (plan, apply), a `{{ vars.x }}` that is not defined is an error. When false (validate), it is a
   * warning, because the value may be given with `--var` at run time.
   */
  readonly strictVars?: boolean;
}

/** Default settle delay of each source kind. */
const SETTLE_DEFAULTS: Readonly<Record<Source["type"], string>> = {
  file: "PT0S",
  kestra: "PT30S",
  cloudwatch: "PT2M",
  s3: "PT0S",
};

/**
 * Reads, validates and resolves a config file (YAML or JSON, native or a Kestra flow). Throws `ConfigError`.
 * Reads at most {@link MAX_CONFIG_BYTES} + 1 bytes (so `/dev/zero` or a huge file cannot exhaust memory) and
 * refuses text that is not UTF-8, naming the line of the first bad byte, instead of decoding it to U+FFFD.
 */
export async function loadConfigFile(file: string, options: LoadOptions = {}): Promise<LoadedConfig> {
  let bytes: Buffer;
  try {
    bytes = await readAtMost(file, MAX_CONFIG_BYTES + 1);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [
      { path: "", message: code === "ENOENT" ? "file not found" : `cannot be read (${code ?? String(err)})` },
    ]);
  }
  if (bytes.length > MAX_CONFIG_BYTES) {
    throw new ConfigError(file, [{ path: "", message: `the file is larger than ${MAX_CONFIG_BYTES} bytes` }]);
  }
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    const before = bytes.subarray(0, at);
    const line = before.filter((b) => b === 0x0a).length + 1;
    const column = at - (before.lastIndexOf(0x0a) + 1) + 1;
    throw new ConfigError(file, [
      {
        path: "",
        line,
        column,
        message: `is not valid UTF-8 (byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, "0")}); save the file as UTF-8`,
      },
    ]);
  }
  return loadConfigText(file, bytes.toString("utf8"), dirname(resolvePath(file)), options);
}

async function readAtMost(file: string, max: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buf = Buffer.alloc(max);
    let n = 0;
    while (n < max) {
      const { bytesRead } = await handle.read(buf, n, max - n, null);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    return buf.subarray(0, n);
  } finally {
    await handle.close();
  }
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const more =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (more < 0) return i;
    for (let k = 1; k <= more; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += more + 1;
  }
  return Math.max(0, bytes.length - 1); // an overlong or surrogate form that the checks above let through
}

/** Like {@link loadConfigFile}, for text already in memory. `baseDir` resolves relative paths. */
export function loadConfigText(
  file: string,
  text: string,
  baseDir: string,
  options: LoadOptions = {},
): LoadedConfig {
  const { configs: _configs, ...loaded } = readShipperConfigs(file, text, baseDir, options);
  return loaded;
}

/** A loaded config, plus each shipper's config in the native shape. */
export interface LoadedShipperConfigs extends LoadedConfig {
  /**
   * One entry per `shippers` entry, in the same order: the shipper as a native config entry (`generated/config.ts`
   * `Shipper`), with `{{ vars.x }}` rendered and `{{ secret('X') }}` left as written. A Kestra flow's task becomes
   * `{ id: "<namespace>.<flowId>.<taskId>", source, schedule, timezone, ...task properties }`.
   */
  readonly configs: readonly Shipper[];
}

/**
 * Like {@link loadConfigText}, and also returns each shipper's validated config in the native shape, so that it can
 * be written back as a native config file (the CDK-for-Terraform constructs bundle such a file with the Lambda).
 * Throws `ConfigError`.
 */
export function readShipperConfigs(
  file: string,
  text: string,
  baseDir: string,
  options: LoadOptions = {},
): LoadedShipperConfigs {
  const source = SourceText.parse(file, text);
  const doc = source.value;
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  const at = (path: ReadonlyArray<string | number>, message: string): void => {
    const pos = source.locate(path);
    issues.push({ path: formatPath(path), line: pos?.line, column: pos?.column, message });
  };

  if (options.source !== undefined) {
    const errors = validateSource(options.source);
    if (errors.length > 0)
      throw new ConfigError(
        "--source",
        schemaErrorsToIssues(errors, source).map((i) => ({ ...i, line: undefined, column: undefined })),
      );
  }

  let entries: Array<{ shipper: Shipper; path: ReadonlyArray<string | number> }>;
  let variables: Record<string, unknown>;
  let kind: LoadedConfig["kind"];
  if (isKestraFlow(doc)) {
    kind = "kestra-flow";
    const flowSource: Source | undefined = options.source ?? { type: "kestra" };
    const reading = readKestraFlow(doc, source, flowSource);
    issues.push(...reading.issues);
    warnings.push(...reading.warnings);
    entries = reading.shippers.map((s) => ({ shipper: s.shipper, path: s.path }));
    variables = reading.variables;
  } else {
    kind = "native";
    const errors = validateNativeConfig(doc);
    issues.push(...schemaErrorsToIssues(errors, source));
    // shippers without schema errors still get the semantic checks, so one run reports every problem
    const broken = new Set(
      errors.flatMap(
        (e) => /^\/shippers\/(\d+)/.exec(e.instancePath)?.[1] ?? (e.instancePath === "" ? ["*"] : []),
      ),
    );
    const config = doc as LogShipperConfig;
    const list = broken.has("*") || !Array.isArray(config.shippers) ? [] : config.shippers;
    entries = list.flatMap((shipper, i) =>
      broken.has(String(i))
        ? []
        : [
            {
              shipper: options.source ? { ...shipper, source: options.source } : shipper,
              path: ["shippers", i],
            },
          ],
    );
    variables = (config.variables ?? {}) as Record<string, unknown>;
  }
  const vars = { ...variables, ...(options.vars ?? {}) };

  // duplicate ids, in document order (shippers that failed the schema count too)
  const ids: Array<{ id: string; path: ReadonlyArray<string | number> }> =
    kind === "native"
      ? (Array.isArray((doc as LogShipperConfig).shippers) ? (doc as LogShipperConfig).shippers : []).flatMap(
          (s, i) => (typeof s?.id === "string" ? [{ id: s.id, path: ["shippers", i] }] : []),
        )
      : entries.map((e) => ({ id: e.shipper.id, path: e.path }));
  const seenShippers = new Map<string, string>();
  for (const { id, path } of ids) {
    const first = seenShippers.get(id);
    if (first !== undefined)
      at([...path, "id"], `duplicate shipper id ${JSON.stringify(id)} (first declared at ${first})`);
    else seenShippers.set(id, formatPath([...path, "id"]));
  }
  const shippers: ResolvedShipper[] = [];
  const configs: Shipper[] = [];
  for (const { shipper, path } of entries) {
    const before = issues.length;
    checkTemplates(shipper, path, at);
    const templatesOk = issues.length === before;
    const missingVars: Array<{ name: string; at: Array<string | number> }> = [];
    const rendered = templatesOk
      ? mapStrings(shipper, (s, sub) =>
          renderVars(s, vars, (name) => missingVars.push({ name, at: [...path, ...sub] })),
        )
      : shipper;
    for (const { name, at: where } of missingVars) {
      const msg = `{{ vars.${name} }} is not defined; add it to the ${kind === "kestra-flow" ? "flow's" : "config's"} variables or pass --var ${name}=VALUE`;
      if (options.strictVars) at(where, msg);
      else warnings.push(`${formatPath(where)}: ${msg}`);
    }
    const resolved = resolveShipper(rendered, path, baseDir, at, (w) => warnings.push(w));
    if (resolved !== undefined && templatesOk) {
      shippers.push(resolved);
      configs.push(rendered);
      warnings.push(...transportWarnings(resolved));
    }
  }
  if (issues.length > 0) throw new ConfigError(file, issues);
  return { file, kind, shippers, warnings, configs };
}

function checkTemplates(
  shipper: Shipper,
  path: ReadonlyArray<string | number>,
  at: (p: ReadonlyArray<string | number>, m: string) => void,
): void {
  walkStrings(shipper, (text, sub) => {
    if (!hasTemplate(text)) return;
    try {
      parseTemplate(text);
    } catch (err) {
      if (err instanceof TemplateSyntaxError) at([...path, ...sub], err.message);
      else throw err;
    }
  });
}

function resolveShipper(
  shipper: Shipper,
  path: ReadonlyArray<string | number>,
  baseDir: string,
  at: (p: ReadonlyArray<string | number>, m: string) => void,
  warn: (message: string) => void,
): ResolvedShipper | undefined {
  let ok = true;
  const fail = (sub: Array<string | number>, message: string): void => {
    ok = false;
    at([...path, ...sub], message);
  };
  const timezone = shipper.timezone;
  let lagThreshold = shipper.lagThreshold;
  if (shipper.schedule !== undefined) {
    try {
      const parsed = parseSchedule(shipper.schedule, timezone ?? "UTC");
      if (lagThreshold === undefined) lagThreshold = `PT${Math.round((2 * parsed.maxIntervalMs) / 1000)}S`;
    } catch (err) {
      if (!(err instanceof ScheduleError)) throw err;
      fail(
        [timezone !== undefined && err.message.includes("time zone") ? "timezone" : "schedule"],
        err.message,
      );
    }
  }
  for (const key of ["lookbackPeriod", "lagThreshold"] as const) {
    const v = shipper[key];
    if (v !== undefined && parseDuration(v) === undefined)
      fail([key], `${JSON.stringify(v)} is not a valid ISO-8601 duration`);
  }
  const src = shipper.source;
  if (
    src.type === "cloudwatch" &&
    (src.logGroupNames === undefined) === (src.logGroupNamePrefix === undefined)
  ) {
    fail(["source"], "give exactly one of logGroupNames and logGroupNamePrefix");
  }
  const settle = src.settleDelay ?? SETTLE_DEFAULTS[src.type];
  const keys = exporterKeys(shipper.logExporters);
  const exporters: ResolvedExporter[] = [];
  shipper.logExporters.forEach((exporter, i) => {
    const key = keys[i] as ExporterKey;
    if (key.sameTypeAs !== undefined)
      fail(
        ["logExporters", i, "id"],
        `duplicate exporter id ${JSON.stringify(exporter.id)} (also logExporters[${key.sameTypeAs}], of the same type ${exporter.type}): exporters of one type need different ids to keep their offsets apart`,
      );
    const budget = exporter.retryBudget;
    if (budget !== undefined && parseDuration(budget) === undefined)
      fail(["logExporters", i, "retryBudget"], `${JSON.stringify(budget)} is not a valid ISO-8601 duration`);
    exporters.push(resolveExporter(exporter, key.id));
  });
  for (const key of keys)
    if (key.warning !== undefined) warn(`${formatPath(path)} (${shipper.id}): ${key.warning}`);
  if (!ok) return undefined;
  const minLevel = normalizeLevel(shipper.logLevelFilter ?? DEFAULTS.logLevelFilter) ?? "INFO";
  const lookbackPeriod = shipper.lookbackPeriod ?? DEFAULTS.lookbackPeriod;
  return {
    id: shipper.id,
    description: shipper.description,
    source: src,
    baseDir,
    settleDelayMs: durationMs(settle),
    schedule: shipper.schedule,
    timezone,
    minLevel,
    filter: { minLevelRank: levelRank(minLevel), namespace: shipper.namespace },
    lookbackPeriod,
    lookbackMs: durationMs(lookbackPeriod),
    lagThresholdMs: durationMs(lagThreshold ?? DEFAULTS.lagThreshold),
    batchSize: shipper.batchSize ?? DEFAULTS.batchSize,
    offsetKey: shipper.offsetKey ?? DEFAULTS.offsetKey,
    exporters,
  };
}

/** Where an exporter's offset, dead-letter and report live, and what is wrong with its id. */
interface ExporterKey {
  /** The exporter's id as log-shipper keys it: the declared id, or `<id>@<type alias>` when the id is shared. */
  readonly id: string;
  /** The index of an earlier exporter with the same id and the same type. */
  readonly sameTypeAs?: number;
  readonly warning?: string;
}

/**
 * The key of each exporter of a shipper. Kestra does not refuse two exporters with one id (its 0.22 Azure migration
 * guide shows an Azure Monitor and an Azure Blob exporter sharing one), so log-shipper takes them too and keeps them
 * apart by id and type: an id used once is the key as it always was (stored offsets keep their keys), an id that
 * several exporters share becomes `<id>@<alias>` for each of them (`@` cannot appear in an id, so no declared id
 * can collide with it), with a warning. Exporters that share both the id and the type cannot be told apart.
 */
function exporterKeys(exporters: readonly LogExporter[]): ExporterKey[] {
  const aliases = exporters.map((e) => canonicalExporterType(e.type) ?? e.type);
  const byId = new Map<string, number[]>();
  exporters.forEach((e, i) => byId.set(e.id, [...(byId.get(e.id) ?? []), i]));
  return exporters.map((e, i) => {
    const shared = byId.get(e.id) as number[];
    if (shared.length === 1) return { id: e.id };
    const sameTypeAs = shared.find((j) => j < i && aliases[j] === aliases[i]);
    if (sameTypeAs !== undefined) return { id: `${e.id}@${aliases[i]}`, sameTypeAs };
    if (shared[0] !== i) return { id: `${e.id}@${aliases[i]}` };
    const where = shared.map((j) => `logExporters[${j}]`).join(", ");
    const keys = [...new Set(shared.map((j) => `${e.id}@${aliases[j]}`))].join(", ");
    return {
      id: `${e.id}@${aliases[i]}`,
      warning: `${shared.length} exporters share the id ${JSON.stringify(e.id)} (${where}); Kestra accepts this, and log-shipper keeps their offsets apart as ${keys}: give them different ids`,
    };
  });
}

function resolveExporter(exporter: LogExporter, key: string): ResolvedExporter {
  const type = canonicalExporterType(exporter.type);
  if (type === undefined) throw new Error(`schema accepted an unknown exporter type ${exporter.type}`);
  const secrets = new Set<string>();
  walkStrings(exporter, (s) => {
    try {
      secretNames(s).forEach((n) => secrets.add(n));
    } catch (err) {
      if (!(err instanceof TemplateSyntaxError)) throw err; // already reported by checkTemplates
    }
  });
  // the hash covers what the exporter sends to and how; tuning knobs and the alias spelling do not count
  const {
    chunk: _c,
    concurrency: _n,
    retryBudget: _b,
    type: _t,
    ...identity
  } = exporter as LogExporter & Record<string, unknown>;
  return {
    id: key,
    type,
    typeName: exporter.type,
    config: exporter,
    chunk: exporter.chunk ?? DEFAULTS.chunk,
    // a destination that writes in order on one connection (syslog) has no `concurrency`
    concurrency: (exporter as { concurrency?: number }).concurrency,
    retryBudgetMs: durationMs(exporter.retryBudget ?? DEFAULTS.retryBudget),
    configHash: stableHash({ type, ...identity }),
    secrets: [...secrets],
  };
}

/** Parses `--source` values: `file:<glob>` (more kinds come with their sources). */
export function parseSourceOption(value: string): Source {
  // a glob given on the command line is relative to the current directory, not to the config file
  if (value.startsWith("file:") && value.length > 5)
    return { type: "file", path: resolvePath(value.slice(5)) };
  if (value === "kestra" || value.startsWith("kestra:")) {
    const url = value.slice(7);
    return url ? { type: "kestra", url } : { type: "kestra" };
  }
  throw new ConfigError("--source", [
    { path: "", message: `${JSON.stringify(value)} is not a source; use file:<glob> or kestra[:<url>]` },
  ]);
}
