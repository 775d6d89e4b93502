import type { ErrorObject } from "ajv";
import { UNSUPPORTED_KESTRA_EXPORTERS } from "./exporter-types";
import { CONFIG_SCHEMA } from "./schema";
import { formatPath, showValue, type ConfigIssue } from "./errors";
import type { SourceText } from "./source-text";
import { didYouMean } from "./suggest";

const PATTERN_HINTS: ReadonlyArray<[RegExp, string]> = [
  [/^\^P\(\?!\$\)/, "must be an ISO-8601 duration such as P1D, PT12H, PT2M or PT0S"],
  [
    /^\^\[a-zA-Z0-9\]\[a-zA-Z0-9_-\]\*\$$/,
    "must start with a letter or digit and hold only letters, digits, `_` and `-`",
  ],
  [
    /^\^\[a-zA-Z0-9\]\[a-zA-Z0-9\._-\]\*\$$/,
    "must start with a letter or digit and hold only letters, digits, `.`, `_` and `-`",
  ],
  [/^\^\(https\?:/, "must be an http:// or https:// URL (or a {{ … }} template that renders to one)"],
  [/^\^\\d\{4\}/, "must be a timestamp like 2026-01-02T03:04:05.000000000Z"],
];

function pointerToPath(pointer: string): Array<string | number> {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

type Branch = { $ref?: string; properties?: { type?: { enum?: string[]; const?: string } } };

/** The values a discriminated `oneOf` accepts for its tag, following local `$ref`s. */
function enumValuesOf(schema: unknown, firstOnly = false): string[] {
  const s = schema as { oneOf?: Branch[] };
  const defs = CONFIG_SCHEMA.$defs as unknown as Record<string, Branch>;
  const out: string[] = [];
  for (const raw of s?.oneOf ?? []) {
    const branch = raw.$ref !== undefined ? defs[raw.$ref.split("/").pop() as string] : raw;
    const t = branch?.properties?.type;
    if (t?.enum) out.push(...(firstOnly ? t.enum.slice(0, 1) : t.enum));
    if (t?.const) out.push(t.const);
  }
  return out;
}

/**
 * Turns Ajv's errors into config issues that name the path, the line, the bad value and what is allowed.
 * `base` prefixes every path (for tasks validated inside a Kestra flow).
 */
export function schemaErrorsToIssues(
  errors: readonly ErrorObject[],
  text: SourceText,
  base: ReadonlyArray<string | number> = [],
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const specific = errors.filter((e) => e.keyword !== "oneOf" && e.keyword !== "anyOf" && e.keyword !== "if");
  for (const e of specific.length > 0 ? specific : errors) {
    const path = [...base, ...pointerToPath(e.instancePath)];
    let message: string;
    let key: string | undefined;
    let at = path;
    switch (e.keyword) {
      case "additionalProperties": {
        const prop = (e.params as { additionalProperty: string }).additionalProperty;
        const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
        message = `unknown key ${JSON.stringify(prop)}; allowed: ${allowed.join(", ")}${didYouMean(prop, allowed)}`;
        key = prop;
        at = [...path, prop];
        break;
      }
      case "required": {
        const prop = (e.params as { missingProperty: string }).missingProperty;
        message = `missing required key ${JSON.stringify(prop)}`;
        break;
      }
      case "discriminator": {
        const p = e.params as { error: string; tag: string; tagValue: unknown };
        const names = enumValuesOf(e.parentSchema);
        const aliases = enumValuesOf(e.parentSchema, true);
        const allowed =
          names.length > aliases.length ? [...aliases, "(or their Kestra type names)"] : aliases;
        at = [...path, p.tag];
        if (p.error === "tag" && p.tagValue === undefined) {
          message = `missing required key "${p.tag}"; allowed: ${allowed.join(", ")}`;
          at = path;
        } else if (
          typeof p.tagValue === "string" &&
          Object.hasOwn(UNSUPPORTED_KESTRA_EXPORTERS, p.tagValue)
        ) {
          message = `${JSON.stringify(p.tagValue)} is Kestra's ${UNSUPPORTED_KESTRA_EXPORTERS[p.tagValue]} exporter, which log-shipper does not support; supported types: ${allowed.join(", ")}`;
        } else {
          const tagValue = String(p.tagValue);
          message = `unknown ${p.tag} ${showValue(p.tagValue)}; allowed: ${allowed.join(", ")}${didYouMean(tagValue, names)}`;
        }
        break;
      }
      case "enum": {
        const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
        message = `${showValue(e.data)} is not allowed; allowed: ${allowed.join(", ")}${typeof e.data === "string" ? didYouMean(e.data, allowed) : ""}`;
        break;
      }
      case "const": {
        const allowed = (e.params as { allowedValue: unknown }).allowedValue;
        message =
          path[path.length - 1] === "delete"
            ? `${showValue(e.data)} is not supported: log-shipper never deletes logs from the source; allowed: false`
            : `${showValue(e.data)} is not allowed; must be ${showValue(allowed)}`;
        break;
      }
      case "type":
        message = `must be ${article((e.params as { type: string | string[] }).type)}, got ${showValue(e.data)}`;
        break;
      case "pattern": {
        const pattern = (e.params as { pattern: string }).pattern;
        const hint = PATTERN_HINTS.find(([re]) => re.test(pattern))?.[1] ?? `must match ${pattern}`;
        message = `${showValue(e.data)} ${hint}`;
        break;
      }
      default:
        message = `${showValue(e.data)}: ${e.message ?? "is invalid"}`;
    }
    const pos = text.locate(key !== undefined ? path : at, key);
    issues.push({ path: formatPath(at), line: pos?.line, column: pos?.column, message });
  }
  return dedupe(issues);
}

/** `a string`, `an integer`; Ajv gives a type list (`type: [string, number]`) as an array. */
function article(type: string | readonly string[]): string {
  const types = Array.isArray(type) ? type : String(type).split(",");
  return types.map((t) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`)).join(" or ");
}

function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.path}|${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
