import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import { ConfigError, type ConfigIssue } from "./errors";

/** Config files larger than this are refused before parsing. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** A parsed YAML (or JSON) document that can tell the line and column of any path inside it. */
export class SourceText {
  private constructor(
    readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    /** The document as plain JavaScript values. */
    readonly value: unknown,
  ) {}

  /** Parses YAML or JSON text. Throws a `ConfigError` for syntax errors, duplicate keys and alias bombs. */
  static parse(file: string, text: string): SourceText {
    if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
      throw new ConfigError(file, [
        { path: "", message: `the file is larger than ${MAX_CONFIG_BYTES} bytes` },
      ]);
    }
    const lines = new LineCounter();
    const doc = parseDocument(text, {
      lineCounter: lines,
      uniqueKeys: true,
      prettyErrors: false,
      strict: true,
    });
    if (doc.errors.length > 0) {
      const issues = doc.errors.map((e): ConfigIssue => {
        const pos = lines.linePos(e.pos[0]);
        return { path: "", line: pos.line, column: pos.col, message: firstLine(e.message) };
      });
      // a stack overflow is reported once per level it unwinds through; the first one says it all
      const deep = issues.find((i) => i.message === TOO_DEEP);
      throw new ConfigError(file, deep ? [deep] : issues);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      // an unresolved alias or an alias bomb: point at the first alias whose anchor is not defined before it,
      // else at the first alias
      let unresolved: number | undefined;
      let first: number | undefined;
      const anchors = new Set<string>();
      visit(doc, {
        Alias(_, node) {
          first ??= node.range?.[0];
          if (!anchors.has(node.source)) unresolved ??= node.range?.[0];
        },
        Node(_, node) {
          if (node.anchor) anchors.add(node.anchor);
        },
      });
      const at = unresolved ?? first;
      const pos = at !== undefined ? lines.linePos(at) : undefined;
      throw new ConfigError(file, [
        {
          path: "",
          line: pos?.line,
          column: pos?.col,
          message: `cannot be read: ${firstLine(String((err as Error).message))}`,
        },
      ]);
    }
    if (value === null || value === undefined) {
      throw new ConfigError(file, [{ path: "", message: "the file is empty" }]);
    }
    return new SourceText(file, doc, lines, value);
  }

  /**
   * The position of the value at `path`. With `key`, the position of that key inside the mapping at `path`
   * (for "unknown key" errors). Falls back to the nearest enclosing node that exists.
   */
  locate(path: ReadonlyArray<string | number>, key?: string): { line: number; column: number } | undefined {
    let node: unknown = this.doc.contents;
    let best: Node | undefined = node as Node;
    for (const seg of path) {
      if (isMap(node)) node = node.get(seg, true);
      else if (isSeq(node)) node = node.get(seg as number, true);
      else break;
      if (node === undefined) break;
      best = node as Node;
    }
    if (key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (pair && isScalar(pair.key) && pair.key.range) return this.pos(pair.key.range[0]);
    }
    return best?.range ? this.pos(best.range[0]) : undefined;
  }

  private pos(offset: number): { line: number; column: number } {
    const p = this.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }
}

const TOO_DEEP = "the document is nested too deeply";

function firstLine(s: string): string {
  const line = s.split("\n")[0] ?? s;
  // the YAML parser recurses once per nesting level
  return /Maximum call stack size exceeded/.test(line) ? TOO_DEEP : line;
}
