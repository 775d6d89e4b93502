/** One invalid config and what its error must say. */
export interface HostileConfig {
  readonly name: string;
  /** The file's content. */
  readonly content: string | Buffer;
  /** The file name (the extension picks nothing: YAML is a superset of JSON). */
  readonly file?: string;
  /** The document path the message must name (e.g. `shippers[0].batchSize`); omitted for whole-file errors. */
  readonly path?: string;
  /** The line the message must point at, where the problem has one. */
  readonly line?: number;
  /** Something else the message must say. */
  readonly says?: RegExp;
}

const DD = `{ id: dd, type: datadog, basePath: "https://http-intake.logs.datadoghq.eu", apiKey: "{{ secret('DD_API_KEY') }}" }`;

/** A valid config with one replacement; `exporter` replaces the exporter line. */
function shipper(
  lines: { shipper?: string; source?: string; exporter?: string; top?: string; id?: string } = {},
): string {
  return `${lines.top ?? ""}shippers:
  - id: ${lines.id ?? "app"}
    source: ${lines.source ?? `{ type: file, path: "logs/*.jsonl" }`}
${lines.shipper ?? ""}    logExporters:
      - ${lines.exporter ?? DD}
`;
}

function nested(depth: number): string {
  return `${"[".repeat(depth)}${"]".repeat(depth)}`;
}

function yamlBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
  }
  lines.push("shippers: *i");
  return `${lines.join("\n")}\n`;
}

/**
 * At least forty configs that must each be refused with exit 1, a message naming the file, the path inside it
 * (and the line, where there is one), and no stack trace.
 */
export const HOSTILE_CONFIGS: readonly HostileConfig[] = [
  // wrong types
  { name: "shippers is a string", content: "shippers: everything\n", path: "shippers", line: 1 },
  { name: "shipper id is a number", content: shipper({ id: "42" }), path: "shippers[0].id", line: 2 },
  {
    name: "batchSize is a string",
    content: shipper({ shipper: "    batchSize: many\n" }),
    path: "shippers[0].batchSize",
    line: 4,
  },
  {
    name: "batchSize is 0",
    content: shipper({ shipper: "    batchSize: 0\n" }),
    path: "shippers[0].batchSize",
    line: 4,
  },
  {
    name: "batchSize is a billion",
    content: shipper({ shipper: "    batchSize: 1000000000\n" }),
    path: "shippers[0].batchSize",
    line: 4,
  },
  {
    name: "chunk is negative",
    content: shipper({ exporter: `{ id: out, type: file, path: out.jsonl, chunk: -5 }` }),
    path: "shippers[0].logExporters[0].chunk",
    line: 5,
  },
  {
    name: "concurrency over the maximum",
    content: shipper({ exporter: `{ id: out, type: file, path: out.jsonl, concurrency: 1000 }` }),
    path: "shippers[0].logExporters[0].concurrency",
    line: 5,
  },
  {
    name: "exporter type is a number",
    content: shipper({ exporter: `{ id: out, type: 7 }` }),
    path: "shippers[0].logExporters[0].type",
    line: 5,
  },
  {
    name: "logExporters is a mapping",
    content: "shippers:\n  - id: app\n    source: { type: file, path: x }\n    logExporters: { id: a }\n",
    path: "shippers[0].logExporters",
    line: 4,
  },
  { name: "a scalar document", content: "hello\n", says: /hello|object|shippers/ },
  { name: "a list document", content: "- a\n- b\n", says: /object|shippers/ },
  // unknown keys and values
  {
    name: "unknown top-level key (typo)",
    content: shipper({ top: "shipers: []\n" }),
    path: "shipers",
    line: 1,
  },
  {
    name: "unknown shipper key",
    content: shipper({ shipper: "    logExporter: []\n" }),
    path: "shippers[0].logExporter",
    line: 4,
  },
  {
    name: "unknown exporter key",
    content: shipper({ exporter: `{ id: out, type: file, path: out.jsonl, apikey: x }` }),
    path: "shippers[0].logExporters[0].apikey",
    line: 5,
  },
  {
    name: "unknown exporter type",
    content: shipper({ exporter: `{ id: out, type: datadogg }` }),
    path: "shippers[0].logExporters[0].type",
    line: 5,
    says: /datadog/,
  },
  {
    name: "unknown source type",
    content: shipper({ source: "{ type: ftp, host: b }" }),
    path: "shippers[0].source.type",
    line: 3,
  },
  {
    name: "unknown level",
    content: shipper({ shipper: "    logLevelFilter: VERBOSE\n" }),
    path: "shippers[0].logLevelFilter",
    line: 4,
  },
  {
    name: "missing source",
    content: "shippers:\n  - id: app\n    logExporters:\n      - { id: out, type: file, path: o.jsonl }\n",
    path: "shippers[0]",
    line: 2,
    says: /source/,
  },
  {
    name: "empty logExporters",
    content: "shippers:\n  - id: app\n    source: { type: file, path: x }\n    logExporters: []\n",
    path: "shippers[0].logExporters",
    line: 4,
  },
  {
    name: "delete: true",
    content: shipper({ shipper: "    delete: true\n" }),
    path: "shippers[0].delete",
    line: 4,
  },
  // durations and schedules
  {
    name: "duration in words",
    content: shipper({ shipper: "    lookbackPeriod: 1 day\n" }),
    path: "shippers[0].lookbackPeriod",
    line: 4,
  },
  {
    name: "duration with an unknown unit",
    content: shipper({ shipper: "    lookbackPeriod: P1X\n" }),
    path: "shippers[0].lookbackPeriod",
    line: 4,
  },
  {
    name: "retryBudget 'forever'",
    content: shipper({ exporter: `{ id: out, type: file, path: out.jsonl, retryBudget: forever }` }),
    path: "shippers[0].logExporters[0].retryBudget",
    line: 5,
  },
  {
    name: "cron minute 61",
    content: shipper({ shipper: '    schedule: "61 * * * *"\n' }),
    path: "shippers[0].schedule",
    line: 4,
  },
  {
    name: "cron in words",
    content: shipper({ shipper: "    schedule: every day\n" }),
    path: "shippers[0].schedule",
    line: 4,
  },
  {
    name: "unknown time zone",
    content: shipper({ shipper: '    schedule: "0 * * * *"\n    timezone: Mars/Olympus\n' }),
    path: "shippers[0].timezone",
    line: 5,
  },
  {
    name: "schedule __proto__ (an Object.prototype key)",
    content: shipper({ shipper: "    schedule: __proto__\n" }),
    path: "shippers[0].schedule",
    line: 4,
  },
  {
    name: "exporter type toString (an Object.prototype key)",
    content: shipper({ exporter: `{ id: out, type: toString }` }),
    path: "shippers[0].logExporters[0].type",
    line: 5,
    says: /unknown type "toString"/,
  },
  // templates: only {{ secret('NAME') }} and {{ vars.NAME }}
  {
    name: "template arithmetic {{ 7*7 }}",
    content: shipper({ exporter: DD.replace("{{ secret('DD_API_KEY') }}", "{{ 7*7 }}") }),
    path: "shippers[0].logExporters[0].apiKey",
    line: 5,
    says: /unsupported expression/,
  },
  {
    name: "template filter {{ secret('x') | filter }}",
    content: shipper({ exporter: DD.replace("{{ secret('DD_API_KEY') }}", "{{ secret('x') | upper }}") }),
    path: "shippers[0].logExporters[0].apiKey",
    line: 5,
  },
  {
    name: "template tag {% for %}",
    content: shipper({
      exporter: DD.replace("{{ secret('DD_API_KEY') }}", "{% for k in secrets %}{{ k }}{% endfor %}"),
    }),
    path: "shippers[0].logExporters[0].apiKey",
    line: 5,
    says: /not supported/,
  },
  {
    name: "unclosed template",
    content: shipper({ exporter: DD.replace("{{ secret('DD_API_KEY') }}", "{{ secret('DD_API_KEY') ") }),
    path: "shippers[0].logExporters[0].apiKey",
    line: 5,
  },
  {
    name: "secret name with a path traversal",
    content: shipper({ exporter: DD.replace("DD_API_KEY", "../../etc/passwd") }),
    path: "shippers[0].logExporters[0].apiKey",
    line: 5,
  },
  {
    name: "template calling a method",
    content: shipper({
      exporter: DD.replace(
        "{{ secret('DD_API_KEY') }}",
        "{{ vars.x.__proto__.constructor('return process')() }}",
      ),
    }),
    path: "shippers[0].logExporters[0].apiKey",
    line: 5,
  },
  // ids, URLs
  {
    name: "duplicate shipper ids",
    content: `shippers:\n  - id: app\n    source: { type: file, path: x }\n    logExporters: [{ id: a, type: file, path: a.jsonl }]\n  - id: app\n    source: { type: file, path: y }\n    logExporters: [{ id: b, type: file, path: b.jsonl }]\n`,
    path: "shippers[1].id",
    line: 5,
    says: /duplicate/,
  },
  {
    name: "duplicate exporter ids",
    content: `shippers:\n  - id: app\n    source: { type: file, path: x }\n    logExporters:\n      - { id: a, type: file, path: a.jsonl }\n      - { id: a, type: file, path: b.jsonl }\n`,
    path: "shippers[0].logExporters[1].id",
    line: 6,
    says: /duplicate/,
  },
  {
    name: "shipper id with a path traversal",
    content: shipper({ id: "../../etc" }),
    path: "shippers[0].id",
    line: 2,
  },
  {
    name: "basePath is not a URL",
    content: shipper({ exporter: DD.replace("https://http-intake.logs.datadoghq.eu", "not a url") }),
    path: "shippers[0].logExporters[0].basePath",
    line: 5,
  },
  {
    name: "basePath with an ftp scheme",
    content: shipper({
      exporter: DD.replace("https://http-intake.logs.datadoghq.eu", "ftp://intake.example.com"),
    }),
    path: "shippers[0].logExporters[0].basePath",
    line: 5,
  },
  {
    name: "Elasticsearch hosts empty",
    content: shipper({
      exporter: `{ id: es, type: elasticsearch, connection: { hosts: [] }, indexName: logs }`,
    }),
    path: "shippers[0].logExporters[0].connection.hosts",
    line: 5,
  },
  // the file itself
  { name: "empty file", content: "", says: /empty/ },
  { name: "only a comment", content: "# nothing here\n", says: /empty/ },
  {
    name: "larger than 1 MiB",
    content: `# ${"x".repeat(1024 * 1024)}\n${shipper()}`,
    says: /larger than 1048576 bytes/,
  },
  { name: "YAML bomb (nested aliases)", content: yamlBomb(), says: /alias/i },
  {
    name: "deeply nested flow sequences",
    content: `shippers: ${nested(20_000)}\n`,
    line: 1,
    says: /nested too deeply/,
  },
  {
    name: "deeply nested block mappings",
    content: `shippers:\n${Array.from({ length: 600 }, (_, i) => `${" ".repeat(2 * (i + 1))}k${i}:`).join("\n")} x\n`,
  },
  {
    name: "non-UTF-8 bytes (Latin-1 in a free-text field)",
    content: Buffer.concat([
      Buffer.from("shippers:\n  - id: app\n    description: caf"),
      Buffer.from([0xe9, 0x0a]),
      Buffer.from(
        `    source: { type: file, path: x }\n    logExporters: [{ id: a, type: file, path: a.jsonl }]\n`,
      ),
    ]),
    line: 3,
    says: /not valid UTF-8 \(byte 0xe9\)/,
  },
  { name: "NUL byte", content: `shippers:\n  - id: a\u0000b\n`, line: 2 },
  // the parser notices an unclosed quote where the string ends, on the next line
  { name: "YAML syntax error (unclosed quote)", content: `shippers:\n  - id: "app\n`, line: 3 },
  { name: "tab indentation", content: `shippers:\n\t- id: app\n`, line: 2 },
  { name: "duplicate keys", content: `shippers: []\nshippers: []\n`, line: 2, says: /unique|duplicate/i },
  { name: "undefined alias", content: `shippers: *nothing\n`, line: 1 },
  { name: "unknown tag", content: `shippers: !!js/function "function () { return process }"\n`, line: 1 },
  {
    name: "Kestra flow with a task of another type",
    content: `id: ship\nnamespace: company\ntasks:\n  - id: s\n    type: io.kestra.plugin.core.log.Log\n    logExporters: []\n`,
    says: /LogShipper|no .*task/i,
  },
];
