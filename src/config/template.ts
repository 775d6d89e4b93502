/**
 * Kestra-style templates in string values. Only two expressions are supported, anything else is a validation
 * error (never a silent literal):
 * - `{{ secret('NAME') }}` (or with double quotes): resolved at apply time by the secret resolver;
 * - `{{ vars.NAME }}` (dotted paths allowed): the flow's `variables`, the config's `variables`, or `--var`.
 */

/** One piece of a parsed template. */
export type TemplatePart =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "secret"; readonly name: string }
  | { readonly kind: "var"; readonly path: string };

/** Secret names: letters, digits, `_`, `.`, `-`, `/`; no leading `/` or `.`; at most 256 characters. */
export const SECRET_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.\-/]{0,255}$/;

const SECRET = /^secret\(\s*(['"])(.*?)\1\s*\)$/s;
const VAR = /^vars\.([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)$/;
const VAR_BRACKET = /^vars\[\s*(['"])([^'"]+)\1\s*\]$/;

/** A template that cannot be used, with the reason. */
export class TemplateSyntaxError extends Error {}

/** True when the string holds template syntax at all. */
export function hasTemplate(text: string): boolean {
  return text.includes("{{") || text.includes("{%");
}

/** Parses a string into text and expression parts. Throws `TemplateSyntaxError` for unsupported syntax. */
export function parseTemplate(text: string): TemplatePart[] {
  if (text.includes("{%")) {
    throw new TemplateSyntaxError(
      "template tags ({% … %}) are not supported; use {{ secret('NAME') }} or {{ vars.NAME }}",
    );
  }
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{{", i);
    if (open < 0) {
      parts.push({ kind: "text", text: text.slice(i) });
      break;
    }
    if (open > i) parts.push({ kind: "text", text: text.slice(i, open) });
    const close = text.indexOf("}}", open + 2);
    if (close < 0) throw new TemplateSyntaxError("`{{` is not closed by `}}`");
    const expr = text.slice(open + 2, close).trim();
    parts.push(parseExpression(expr));
    i = close + 2;
  }
  return parts;
}

function parseExpression(expr: string): TemplatePart {
  const secret = SECRET.exec(expr);
  if (secret) {
    const name = secret[2] as string;
    if (!SECRET_NAME.test(name)) {
      throw new TemplateSyntaxError(
        `secret name ${JSON.stringify(name)} is not allowed; use letters, digits, _, ., - and /`,
      );
    }
    return { kind: "secret", name };
  }
  const v = VAR.exec(expr) ?? VAR_BRACKET.exec(expr);
  if (v) return { kind: "var", path: (v[2] ?? v[1]) as string };
  const shown = expr.length > 40 ? `${expr.slice(0, 40)}…` : expr;
  throw new TemplateSyntaxError(
    `unsupported expression {{ ${shown} }}; supported: {{ secret('NAME') }} and {{ vars.NAME }}`,
  );
}

/** The names of the secrets a string refers to. */
export function secretNames(text: string): string[] {
  if (!hasTemplate(text)) return [];
  return parseTemplate(text).flatMap((p) => (p.kind === "secret" ? [p.name] : []));
}

/** Looks a dotted variable path up in a variables object. */
export function lookupVar(vars: Readonly<Record<string, unknown>>, path: string): unknown {
  let cur: unknown = vars;
  for (const seg of path.split(".")) {
    if (cur === null || typeof cur !== "object" || !Object.prototype.hasOwnProperty.call(cur, seg))
      return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/**
 * Substitutes `{{ vars.x }}` in a string and leaves `{{ secret(...) }}` in place. Calls `missing` for each
 * variable that is not defined (the reference is then left in place too).
 */
export function renderVars(
  text: string,
  vars: Readonly<Record<string, unknown>>,
  missing: (path: string) => void,
): string {
  if (!hasTemplate(text)) return text;
  return parseTemplate(text)
    .map((p) => {
      if (p.kind === "text") return p.text;
      if (p.kind === "secret") return `{{ secret('${p.name}') }}`;
      const value = lookupVar(vars, p.path);
      if (value === undefined || value === null) {
        missing(p.path);
        return `{{ vars.${p.path} }}`;
      }
      return typeof value === "object" ? JSON.stringify(value) : String(value);
    })
    .join("");
}

/** Calls `visit` for every string inside a JSON-like value, with its path. */
export function walkStrings(
  value: unknown,
  visit: (text: string, path: Array<string | number>) => void,
  path: Array<string | number> = [],
): void {
  if (typeof value === "string") visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, visit, [...path, i]));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) walkStrings(v, visit, [...path, k]);
  }
}

/** A deep copy of a JSON-like value with every string passed through `map`. */
export function mapStrings<T>(
  value: T,
  map: (text: string, path: Array<string | number>) => string,
  path: Array<string | number> = [],
): T {
  if (typeof value === "string") return map(value, path) as unknown as T;
  if (Array.isArray(value)) return value.map((v, i) => mapStrings(v, map, [...path, i])) as unknown as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, map, [...path, k]);
    return out as T;
  }
  return value;
}
