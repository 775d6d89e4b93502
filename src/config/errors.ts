import { LogShipperError } from "../core/errors";

/** One problem found in a config file. */
export interface ConfigIssue {
  /** Readable path into the document, e.g. `shippers[0].logExporters[1].type`; empty for the whole document. */
  readonly path: string;
  /** 1-based line and column in the file, when known. */
  readonly line?: number;
  readonly column?: number;
  /** What is wrong, the bad value, what is allowed, and a suggestion when there is one. */
  readonly message: string;
}

/** A config file that cannot be used. Its message lists every issue as `file:line:col: path: message`. */
export class ConfigError extends LogShipperError {
  readonly file: string;
  readonly issues: readonly ConfigIssue[];

  constructor(file: string, issues: readonly ConfigIssue[]) {
    const sorted = [...issues].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
    );
    super("CONFIG_INVALID", formatIssues(file, sorted));
    this.file = file;
    this.issues = sorted;
  }
}

/** Formats issues one per line, as `file:line:col: path: message`. */
export function formatIssues(file: string, issues: readonly ConfigIssue[]): string {
  const lines = issues.map((i) => {
    const where = i.line !== undefined ? `${file}:${i.line}:${i.column ?? 1}` : file;
    return `${where}: ${i.path ? `${i.path}: ` : ""}${i.message}`;
  });
  const head =
    issues.length === 1 ? "invalid configuration" : `invalid configuration (${issues.length} problems)`;
  return `${head}\n${lines.map((l) => `  ${l}`).join("\n")}`;
}

/** Renders a JSON-pointer-like path (`["shippers", 0, "id"]`) as `shippers[0].id`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** A value, shortened for an error message. */
export function showValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
