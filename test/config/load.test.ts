import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../../src/config/errors";
import { loadConfigFile, loadConfigText } from "../../src/config/load";
import { tempDir } from "../support/fixtures";

const root = join(__dirname, "..", "..");

function issues(text: string): string[] {
  try {
    loadConfigText("c.yaml", text, "/tmp", { strictVars: true });
  } catch (err) {
    if (err instanceof ConfigError)
      return err.issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);
    throw err;
  }
  throw new Error("expected a ConfigError");
}

const minimal = `shippers:
  - id: app-logs
    source: { type: file, path: "./logs/*.jsonl" }
    logExporters:
      - id: archive
        type: file
        path: ./shipped/archive.jsonl
`;

describe("native config", () => {
  it("applies Kestra's defaults", () => {
    const [s] = loadConfigText("c.yaml", minimal, "/base").shippers;
    expect(s).toMatchObject({
      id: "app-logs",
      minLevel: "INFO",
      lookbackPeriod: "P1D",
      lookbackMs: 86_400_000,
      offsetKey: "LogShipper-state",
      batchSize: 1000,
      settleDelayMs: 0,
      baseDir: "/base",
      lagThresholdMs: 3_600_000,
    });
    expect(s?.exporters[0]).toMatchObject({ id: "archive", type: "file", chunk: 1000, secrets: [] });
  });

  it("reads the issue's example, with WARNING meaning WARN and the schedule setting the lag threshold", () => {
    const text = minimal.replace(
      "    logExporters:",
      '    schedule: "@daily"\n    namespace: company.team\n    logLevelFilter: WARNING\n    lookbackPeriod: PT12H\n    batchSize: 500\n    offsetKey: other\n    logExporters:',
    );
    const [s] = loadConfigText("c.yaml", text, "/base").shippers;
    expect(s).toMatchObject({
      minLevel: "WARN",
      filter: { minLevelRank: 30, namespace: "company.team" },
      lookbackMs: 43_200_000,
      batchSize: 500,
      offsetKey: "other",
      lagThresholdMs: 2 * 86_400_000,
    });
  });

  it("maps every exporter type name to its alias, and hashes the config independently of the spelling and tuning", () => {
    const a = loadConfigText("c.yaml", minimal, "/b").shippers[0]?.exporters[0];
    const b = loadConfigText(
      "c.yaml",
      minimal.replace(
        "        type: file",
        "        type: io.kestra.plugin.ee.core.log.FileLogExporter\n        chunk: 10",
      ),
      "/b",
    ).shippers[0]?.exporters[0];
    const c = loadConfigText("c.yaml", minimal.replace("archive.jsonl", "other.jsonl"), "/b").shippers[0]
      ?.exporters[0];
    expect(b?.type).toBe("file");
    expect(b?.chunk).toBe(10);
    expect(b?.configHash).toBe(a?.configHash);
    expect(c?.configHash).not.toBe(a?.configHash);
  });

  it("accepts JSON as well as YAML", () => {
    const json = JSON.stringify({
      shippers: [{ id: "j", source: { type: "file", path: "x" }, logExporters: [{ id: "f", type: "file" }] }],
    });
    expect(loadConfigText("c.json", json, "/b").shippers[0]?.id).toBe("j");
  });

  it("collects secret names and keeps them as templates; renders vars from the config and --var", () => {
    const text = `variables: { host: "https://intake.example.com" }
shippers:
  - id: dd
    source: { type: file, path: x }
    logExporters:
      - id: d
        type: datadog
        basePath: "{{ vars.host }}"
        apiKey: "{{ secret('DATADOG_API_KEY') }}"
        ddtags: "env:{{ vars.env }}"
`;
    const [s] = loadConfigText("c.yaml", text, "/b", { vars: { env: "prod" } }).shippers;
    expect(s?.exporters[0]?.secrets).toEqual(["DATADOG_API_KEY"]);
    expect(s?.exporters[0]?.config).toMatchObject({
      basePath: "https://intake.example.com",
      apiKey: "{{ secret('DATADOG_API_KEY') }}",
      ddtags: "env:prod",
    });
  });

  it("warns about plain-http credentials and disabled TLS checks", () => {
    const text = `shippers:
  - id: s
    source: { type: file, path: x }
    logExporters:
      - { id: a, type: datadog, basePath: "http://intake.example.com", apiKey: k }
      - { id: b, type: datadog, basePath: "http://127.0.0.1:8080", apiKey: k }
      - { id: c, type: elasticsearch, indexName: i, connection: { hosts: ["https://es:9200"], trustAllSsl: true } }
      - { id: d, type: splunk, host: "http://splunk.example.com:8088", token: t }
`;
    const { warnings } = loadConfigText("c.yaml", text, "/b");
    expect(warnings).toEqual([
      expect.stringMatching(/exporter a: http:\/\/intake.example.com is plain http/),
      expect.stringMatching(/exporter c: TLS certificate verification is turned off/),
      expect.stringMatching(/exporter d: http:\/\/splunk.example.com:8088 is plain http/),
    ]);
  });
});

describe("invalid configs name the path, the line, the bad value and what is allowed", () => {
  it("an unknown key, with the nearest allowed key", () => {
    expect(
      issues(minimal.replace("    logExporters:", "    lookbackPeriode: P1D\n    logExporters:")),
    ).toEqual([
      expect.stringMatching(
        /^4:5 shippers\[0\]\.lookbackPeriode: unknown key "lookbackPeriode"; allowed: .*lookbackPeriod.*; did you mean "lookbackPeriod"\?$/,
      ),
    ]);
  });

  it("a wrong type", () => {
    expect(issues(minimal.replace("    logExporters:", "    batchSize: ten\n    logExporters:"))).toEqual([
      `4:16 shippers[0].batchSize: must be an integer, got "ten"`,
    ]);
  });

  it("`shippers` that is not a list, and a variable of a type a list of types excludes", () => {
    expect(issues("shippers: everything\n")).toEqual([`1:11 shippers: must be an array, got "everything"`]);
    expect(issues(`${minimal}variables:\n  region:\n    nested: 1\n`)).toEqual([
      `10:5 variables.region: must be a string or a number or a boolean, got {"nested":1}`,
    ]);
  });

  it("names that an object lookup would find on Object.prototype are not macros, types or levels", () => {
    const text = minimal.replace("    logExporters:", "    schedule: constructor\n    logExporters:");
    expect(issues(text)).toEqual([
      `4:15 shippers[0].schedule: "constructor" has 1 fields; a cron expression has 5 (or 6 with seconds)`,
    ]);
    expect(issues(minimal.replace("type: file", "type: toString"))[0]).toMatch(
      /unknown type "toString"; allowed:/,
    );
  });

  it("a bad duration and a bad cron", () => {
    expect(issues(minimal.replace("    logExporters:", "    lookbackPeriod: 1d\n    logExporters:"))).toEqual(
      [`4:21 shippers[0].lookbackPeriod: "1d" must be an ISO-8601 duration such as P1D, PT12H, PT2M or PT0S`],
    );
    expect(
      issues(minimal.replace("    logExporters:", '    schedule: "0 25 * * *"\n    logExporters:')),
    ).toEqual([
      expect.stringMatching(/^4:15 shippers\[0\]\.schedule: "0 25 \* \* \*" is not a valid cron expression/),
    ]);
  });

  it("duplicate shipper and exporter ids", () => {
    const doubled =
      minimal +
      minimal
        .replace("shippers:\n", "")
        .replace("      - id: archive", "      - id: archive\n        type: file\n      - id: archive");
    expect(issues(doubled)).toEqual([
      '8:9 shippers[1].id: duplicate shipper id "app-logs" (first declared at shippers[0].id)',
      '13:13 shippers[1].logExporters[1].id: duplicate exporter id "archive" (also logExporters[0], of the same type file): exporters of one type need different ids to keep their offsets apart',
    ]);
  });

  it("warns when a syslog exporter turns TLS verification off (skipCertVerification), and not when it keeps it", () => {
    const syslog = (extra: string): string =>
      minimal.replace(
        "      - id: archive\n        type: file\n        path: ./shipped/archive.jsonl\n",
        `      - { id: siem, type: io.kestra.plugin.ee.syslog.LogExporter, host: siem.example.com, protocol: TLS${extra} }\n`,
      );
    expect(loadConfigText("c.yaml", syslog(", skipCertVerification: true"), "/b").warnings).toEqual([
      "shipper app-logs exporter siem: TLS certificate verification is turned off (skipCertVerification); anyone on the path can read and alter the traffic",
    ]);
    expect(loadConfigText("c.yaml", syslog(""), "/b").warnings).toEqual([]);
  });

  it("exporters of different types may share an id (as in Kestra's 0.22 Azure guide): keyed by id and type, with a warning", () => {
    const shared =
      minimal +
      `      - id: archive
        type: io.kestra.plugin.ee.datadog.LogExporter
        basePath: https://http-intake.logs.datadoghq.eu
        apiKey: k
      - id: other
        type: file
        path: ./shipped/other.jsonl
`;
    const loaded = loadConfigText("c.yaml", shared, "/base");
    const exporters = loaded.shippers[0]?.exporters ?? [];
    expect(exporters.map((e) => e.id)).toEqual(["archive@file", "archive@datadog", "other"]);
    expect(loaded.warnings).toEqual([
      'shippers[0] (app-logs): 2 exporters share the id "archive" (logExporters[0], logExporters[1]); Kestra accepts this, and log-shipper keeps their offsets apart as archive@file, archive@datadog: give them different ids',
    ]);
    // an id used once keeps its key, so offsets stored before keep theirs
    expect(loadConfigText("c.yaml", minimal, "/base").shippers[0]?.exporters[0]?.id).toBe("archive");
  });

  it("an unknown exporter type, and a Kestra exporter without its required properties", () => {
    expect(issues(minimal.replace("        type: file", "        type: datadogg"))[0]).toMatch(
      /^6:15 shippers\[0\]\.logExporters\[0\]\.type: unknown type "datadogg"; allowed: datadog, elasticsearch, .*did you mean "datadog"\?$/,
    );
    const splunk = issues(
      minimal.replace("        type: file", "        type: io.kestra.plugin.ee.splunk.LogExporter"),
    ).join("\n");
    expect(splunk).toMatch(/logExporters\[0\].*"host"/);
    expect(splunk).toMatch(/logExporters\[0\].*"token"/);
  });

  it("unsupported template expressions, bad secret names and undefined variables", () => {
    const t = (v: string): string[] =>
      issues(minimal.replace("path: ./shipped/archive.jsonl", `path: "${v}"`));
    expect(t("{{ 7*7 }}")).toEqual([
      expect.stringMatching(
        /^7:15 shippers\[0\]\.logExporters\[0\]\.path: unsupported expression \{\{ 7\*7 \}\}/,
      ),
    ]);
    expect(t("{{ secret('../etc/passwd') }}")).toEqual([
      expect.stringMatching(/secret name "..\/etc\/passwd" is not allowed/),
    ]);
    expect(t("{{ vars.missing }}")).toEqual([
      expect.stringMatching(
        /\{\{ vars.missing \}\} is not defined; add it to the config's variables or pass --var missing=VALUE/,
      ),
    ]);
    expect(t("{{ secret('A') ")).toEqual([expect.stringMatching(/is not closed/)]);
  });

  it("YAML syntax errors, duplicate keys, alias bombs and empty files", () => {
    expect(issues("shippers: [")[0]).toMatch(/^1:12 : Flow sequence/);
    expect(issues("shippers: []\nshippers: []")[0]).toMatch(/Map keys must be unique/);
    const bomb = ["a: &a [x,x,x,x,x,x,x,x,x,x]"];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(",")}]`,
      );
    expect(issues(bomb.join("\n"))[0]).toMatch(/resource exhaustion/);
    expect(issues("")[0]).toMatch(/empty/);
  });

  it("a missing file", async () => {
    await expect(loadConfigFile("/nonexistent/config.yaml")).rejects.toThrow(/file not found/);
  });

  it("bytes that are not UTF-8 (with their line), an endless file, and nesting deeper than the parser's stack", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const latin1 = join(dir, "latin1.yaml");
      writeFileSync(
        latin1,
        Buffer.concat([
          Buffer.from("shippers:\n  - id: app\n    description: caf"),
          Buffer.from([0xe9, 0x0a]),
        ]),
      );
      await expect(loadConfigFile(latin1)).rejects.toThrow(
        /latin1.yaml:3:21: is not valid UTF-8 \(byte 0xe9\)/,
      );
      await expect(loadConfigFile("/dev/zero")).rejects.toThrow(/larger than 1048576 bytes/);
    } finally {
      cleanup();
    }
    expect(issues("a: &a [1]\nshippers:\n  - *a\n  - *b\n")).toEqual([
      "4:5 : cannot be read: Unresolved alias (the anchor must be set before the alias): b",
    ]);
    expect(issues(`shippers: ${"[".repeat(5000)}${"]".repeat(5000)}\n`)).toEqual([
      expect.stringMatching(/^1:\d+ : the document is nested too deeply$/),
    ]);
  });
});

describe("Kestra flows, unchanged", () => {
  it("the Datadog example of the Kestra docs", async () => {
    const config = await loadConfigFile(join(root, "examples/kestra/datadog-flow.yaml"), {
      source: { type: "file", path: "logs/*.jsonl" },
    });
    expect(config.kind).toBe("kestra-flow");
    const [s] = config.shippers;
    expect(s).toMatchObject({
      id: "company.team.log_shipper.log_export",
      schedule: "@daily",
      minLevel: "INFO",
      lookbackPeriod: "P1D",
      offsetKey: "LogShipper-state",
      source: { type: "file" },
    });
    expect(s?.exporters[0]).toMatchObject({
      id: "DatadogLogExporter",
      type: "datadog",
      typeName: "io.kestra.plugin.ee.datadog.LogExporter",
      secrets: ["DATADOG_INSTANCE_URL", "DATADOG_APIK_KEY"],
    });
  });

  it("the CloudWatch example: vars.region warns at validate time and is required at run time", async () => {
    const file = join(root, "examples/kestra/cloudwatch-flow.yaml");
    const lenient = await loadConfigFile(file);
    expect(lenient.warnings).toEqual([
      expect.stringMatching(/^tasks\[0\]\.logExporters\[0\]\.region: \{\{ vars.region \}\} is not defined/),
    ]);
    expect(lenient.shippers[0]?.source).toEqual({ type: "kestra" });
    await expect(loadConfigFile(file, { strictVars: true })).rejects.toThrow(
      /cloudwatch-flow.yaml:21:17: tasks\[0\]\.logExporters\[0\]\.region/,
    );
    const strict = await loadConfigFile(file, { strictVars: true, vars: { region: "eu-west-1" } });
    expect(strict.shippers[0]).toMatchObject({
      offsetKey: "log_shipper_aws_cloudwatch_state",
      exporters: [{ type: "cloudwatch", config: { region: "eu-west-1" } }],
    });
  });

  it("the archive examples of the Kestra docs (S3, GCS, Azure Blob Storage)", async () => {
    const config = await loadConfigFile(join(root, "examples/kestra/archives-flow.yaml"), {
      strictVars: true,
      vars: { region: "eu-west-1" },
    });
    expect(config.shippers[0]?.exporters.map((e) => [e.id, e.type, e.chunk])).toEqual([
      ["S3LogExporter", "s3", 1000],
      ["GCPLogExporter", "gcs", 1000],
      ["AzureBlobLogExporter", "azure-blob", 1000],
    ]);
    expect(config.shippers[0]?.exporters[0]?.secrets).toEqual(["AWS_ACCESS_KEY_ID", "AWS_SECRET_KEY_ID"]);
  });

  it("finds LogShipper tasks nested in flowable tasks, takes variables and the schedule's time zone, skips other tasks", () => {
    const flow = `id: f
namespace: ops
variables: { idx: kestra-logs }
triggers:
  - { id: t, type: io.kestra.plugin.core.trigger.Schedule, cron: "0 6 * * *", timezone: Europe/Paris }
tasks:
  - id: hello
    type: io.kestra.plugin.core.log.Log
    message: hi
  - id: par
    type: io.kestra.plugin.core.flow.Parallel
    tasks:
      - id: ship
        type: io.kestra.plugin.ee.core.log.LogShipper
        namespace: company
        logExporters:
          - id: es
            type: io.kestra.plugin.ee.elasticsearch.LogExporter
            indexName: "{{ vars.idx }}"
            connection: { hosts: ["https://es.example.com:9200"] }
`;
    const [s] = loadConfigText("f.yaml", flow, "/b").shippers;
    expect(s).toMatchObject({
      id: "ops.f.ship",
      schedule: "0 6 * * *",
      timezone: "Europe/Paris",
      filter: { namespace: "company" },
    });
    expect(s?.exporters[0]?.config).toMatchObject({ indexName: "kestra-logs" });
  });

  it("reports errors inside a flow with the task's path and line", () => {
    const flow = readFileSync(join(root, "examples/kestra/datadog-flow.yaml"), "utf8").replace(
      "lookbackPeriod: P1D",
      "lookbackPeriod: P1X",
    );
    expect(() => loadConfigText("flow.yaml", flow, "/b")).toThrow(
      /flow.yaml:13:21: tasks\[0\]\.lookbackPeriod: "P1X" must be an ISO-8601 duration/,
    );
    expect(() => loadConfigText("flow.yaml", "id: f\nnamespace: n\ntasks: []\n", "/b")).toThrow(
      /has no io.kestra.plugin.ee.core.log.LogShipper task/,
    );
    expect(() => loadConfigText("flow.yaml", flow.replace("delete: false", "delete: true"), "/b")).toThrow(
      /log-shipper never deletes logs/,
    );
  });
});
