import type { Shipper, Source } from "../../generated/config";
import type { ConfigIssue } from "./errors";
import { formatPath } from "./errors";
import { schemaErrorsToIssues } from "./format-schema-errors";
import { validateKestraTask } from "./schema";
import type { SourceText } from "./source-text";

/** Kestra's LogShipper task type. */
export const LOG_SHIPPER_TASK = "io.kestra.plugin.ee.core.log.LogShipper";
/** Kestra's AuditLogShipper: the same exporters, fed with audit logs, which log-shipper does not read. */
export const AUDIT_LOG_SHIPPER_TASK = "io.kestra.plugin.ee.core.log.AuditLogShipper";
const SCHEDULE_TRIGGERS = new Set([
  "io.kestra.plugin.core.trigger.Schedule",
  "io.kestra.core.models.triggers.types.Schedule",
]);
/** Keys of a flow whose values hold tasks (possibly nested inside flowable tasks). */
const TASK_KEYS = ["tasks", "errors", "finally", "afterExecution"];

/** True when a document looks like a Kestra flow (`id`, `namespace`, `tasks`) rather than a native config. */
export function isKestraFlow(doc: unknown): doc is Record<string, unknown> {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return false;
  const d = doc as Record<string, unknown>;
  return !("shippers" in d) && "tasks" in d && ("namespace" in d || "id" in d);
}

/** A shipper taken out of a flow, with where it came from. */
export interface FlowShipper {
  readonly shipper: Shipper;
  /** Path of the task in the flow document. */
  readonly path: ReadonlyArray<string | number>;
}

/** The result of reading a flow: its shippers, its variables, and what is wrong with it. */
export interface FlowReading {
  readonly shippers: FlowShipper[];
  readonly variables: Record<string, unknown>;
  readonly issues: ConfigIssue[];
  readonly warnings: string[];
}

/**
 * Reads the LogShipper tasks of a Kestra flow. Each task becomes one shipper with the id
 * `<namespace>.<flowId>.<taskId>`, the flow's Schedule trigger as its schedule, and `source` as its source (the
 * Kestra API unless the caller gives one).
 */
export function readKestraFlow(doc: Record<string, unknown>, text: SourceText, source: Source): FlowReading {
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  const at = (path: Array<string | number>, message: string): void => {
    const pos = text.locate(path);
    issues.push({ path: formatPath(path), line: pos?.line, column: pos?.column, message });
  };
  if (typeof doc.id !== "string" || doc.id === "") at(["id"], "a Kestra flow needs an `id` (a string)");
  if (typeof doc.namespace !== "string" || doc.namespace === "")
    at(["namespace"], "a Kestra flow needs a `namespace` (a string)");
  if (!Array.isArray(doc.tasks)) at(["tasks"], "a Kestra flow needs `tasks` (a list)");
  const variables = isObject(doc.variables) ? doc.variables : {};
  if (doc.variables !== undefined && !isObject(doc.variables))
    at(["variables"], "`variables` must be a mapping");
  if (issues.length > 0) return { shippers: [], variables, issues, warnings };

  const schedule = findSchedule(doc.triggers);
  const found: Array<{ task: Record<string, unknown>; path: Array<string | number> }> = [];
  for (const key of TASK_KEYS) collectTasks(doc[key], [key], found);
  const tasks = found.filter((t) => t.task.type === LOG_SHIPPER_TASK);
  const audit = found.filter((t) => t.task.type === AUDIT_LOG_SHIPPER_TASK);
  const auditNote = `${AUDIT_LOG_SHIPPER_TASK} ships Kestra's audit logs, which log-shipper does not read (it ships execution logs, as LogShipper does)`;
  if (tasks.length === 0) {
    if (audit.length > 0) at([...(audit[0] as (typeof audit)[0]).path, "type"], auditNote);
    else at(["tasks"], `the flow has no ${LOG_SHIPPER_TASK} task`);
    return { shippers: [], variables, issues, warnings };
  }
  for (const { task, path } of audit)
    warnings.push(`task ${formatPath(path)} (${String(task.id)}) is skipped: ${auditNote}`);
  const shippers: FlowShipper[] = [];
  for (const { task, path } of tasks) {
    const errors = validateKestraTask(task);
    if (errors.length > 0) {
      issues.push(...schemaErrorsToIssues(errors, text, path));
      continue;
    }
    if (task.disabled === true) {
      warnings.push(`task ${formatPath(path)} (${String(task.id)}) is disabled and is skipped`);
      continue;
    }
    const {
      id,
      type: _type,
      description,
      disabled: _d,
      timeout: _t,
      retry: _r,
      allowFailure: _a,
      allowWarning: _w,
      logLevel: _l,
      logToFile: _f,
      runIf: _i,
      workerGroup: _g,
      ...props
    } = task;
    const shipper = {
      ...props,
      id: `${doc.namespace as string}.${doc.id as string}.${id as string}`,
      ...(typeof description === "string" ? { description } : {}),
      source,
      ...(schedule?.cron !== undefined ? { schedule: schedule.cron } : {}),
      ...(schedule?.timezone !== undefined ? { timezone: schedule.timezone } : {}),
    } as unknown as Shipper;
    shippers.push({ shipper, path });
  }
  return { shippers, variables, issues, warnings };
}

function collectTasks(
  value: unknown,
  path: Array<string | number>,
  out: Array<{ task: Record<string, unknown>; path: Array<string | number> }>,
): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => collectTasks(v, [...path, i], out));
    return;
  }
  if (!isObject(value)) return;
  if (value.type === LOG_SHIPPER_TASK || value.type === AUDIT_LOG_SHIPPER_TASK) {
    out.push({ task: value, path });
    return;
  }
  // flowable tasks (Parallel, Sequential, If, Switch, ForEach, ...) keep their children under several keys
  for (const [k, v] of Object.entries(value)) {
    if (Array.isArray(v)) collectTasks(v, [...path, k], out);
    else if (k === "cases" && isObject(v)) {
      for (const [name, branch] of Object.entries(v)) collectTasks(branch, [...path, k, name], out);
    }
  }
}

function findSchedule(triggers: unknown): { cron?: string; timezone?: string } | undefined {
  if (!Array.isArray(triggers)) return undefined;
  for (const t of triggers) {
    if (isObject(t) && typeof t.type === "string" && SCHEDULE_TRIGGERS.has(t.type) && t.disabled !== true) {
      return {
        cron: typeof t.cron === "string" ? t.cron : undefined,
        timezone: typeof t.timezone === "string" ? t.timezone : undefined,
      };
    }
  }
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
