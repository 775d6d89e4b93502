import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { writeKestraLogFile } from "../../src/testing/kestra-log-generator";

const CLI = resolve(__dirname, "../../dist/cli.js");
const run = promisify(execFile);

/**
 * The Datadog example of Kestra's LogShipper documentation
 * (https://kestra.io/docs/enterprise/governance/logshipper), unchanged: the intake URL and the API key are
 * Kestra secrets.
 */
const KESTRA_DOC_FLOW = `id: log_shipper
namespace: company.team

triggers:
  - id: daily
    type: io.kestra.plugin.core.trigger.Schedule
    cron: "@daily"

tasks:
  - id: log_export
    type: io.kestra.plugin.ee.core.log.LogShipper
    logLevelFilter: INFO
    lookbackPeriod: P1D
    delete: false
    logExporters:
      - id: DatadogLogExporter
        type: io.kestra.plugin.ee.datadog.LogExporter
        basePath: '{{ secret("DATADOG_INSTANCE_URL") }}'
        apiKey: '{{ secret("DATADOG_APIK_KEY") }}'
`;

const API_KEY = "0123456789abcdef0123456789abcdef";

/** A stand-in for Datadog's intake: checks the key, gunzips, parses and keeps every log. */
class Sink {
  readonly logs: Array<Record<string, unknown>> = [];
  readonly problems: string[] = [];
  requests = 0;
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        (status) => {
          res.writeHead(status, { "content-type": "application/json" }).end("{}");
        },
        (err: unknown) => {
          this.problems.push(String(err));
          res.writeHead(500).end();
        },
      );
    });
    await new Promise<void>((ok) => this.server!.listen(0, "127.0.0.1", ok));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    this.requests++;
    if (req.method !== "POST" || req.url !== "/api/v2/logs") {
      this.problems.push(`${req.method} ${req.url}`);
      return 404;
    }
    if (req.headers["dd-api-key"] !== API_KEY) return 403;
    if (req.headers["content-encoding"] !== "gzip") this.problems.push("body not gzipped");
    const text = gunzipSync(Buffer.concat(chunks)).toString("utf8");
    if (Buffer.byteLength(text) > 5_000_000) return 413;
    const logs = JSON.parse(text) as Array<Record<string, unknown>>;
    if (!Array.isArray(logs) || logs.length > 1000) return 400;
    this.logs.push(...logs);
    return 202;
  }

  async stop(): Promise<void> {
    await new Promise<void>((ok) => this.server?.close(() => ok()));
  }
}

/** One log's identity: where it came from and what it said. */
function identity(l: Record<string, unknown>): string {
  return JSON.stringify([l.timestamp, l.executionId, l.taskRunId, l.level, l.message]);
}

describe("Kestra's Datadog LogShipper flow, run by the CLI", () => {
  let dir: string;
  const sink = new Sink();
  let url: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ls-e2e-dd-"));
    url = await sink.start();
  });
  afterAll(async () => {
    await sink.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("ships every INFO+ record exactly once, and nothing more on the next run", async () => {
    const flow = join(dir, "datadog-flow.yaml");
    await writeFile(flow, KESTRA_DOC_FLOW);
    await writeKestraLogFile(join(dir, "logs", "kestra-1.jsonl"), {
      count: 4000,
      seed: 11,
      startMs: Date.now() - 3_600_000,
    });
    await writeKestraLogFile(join(dir, "logs", "kestra-2.jsonl"), {
      count: 2500,
      seed: 12,
      startMs: Date.now() - 1_800_000,
    });
    const expected: string[] = [];
    for (const f of ["kestra-1.jsonl", "kestra-2.jsonl"]) {
      for (const line of (await readFile(join(dir, "logs", f), "utf8")).split("\n")) {
        if (line === "") continue;
        const e = JSON.parse(line) as Record<string, unknown>;
        if (["INFO", "WARN", "WARNING", "ERROR"].includes(e.level as string)) expected.push(identity(e));
      }
    }

    const env = {
      ...process.env,
      SECRET_DATADOG_INSTANCE_URL: Buffer.from(url).toString("base64"),
      SECRET_DATADOG_APIK_KEY: Buffer.from(API_KEY).toString("base64"),
    };
    const args = [
      CLI,
      "apply",
      "--config",
      flow,
      "--source",
      `file:${join(dir, "logs", "*.jsonl")}`,
      "--state",
      join(dir, "state"),
      "--dead-letter",
      join(dir, "dead-letter"),
      "--json",
    ];
    const first = await run(process.execPath, args, { env, cwd: dir, maxBuffer: 16 * 1024 * 1024 });
    const report = JSON.parse(first.stdout) as {
      shippers: Array<{ status: string; exporters: Array<Record<string, unknown>> }>;
    };
    expect(report.shippers[0]!.status).toBe("ok");
    expect(report.shippers[0]!.exporters[0]).toMatchObject({
      id: "DatadogLogExporter",
      type: "datadog",
      status: "ok",
      shipped: expected.length,
      rejected: 0,
    });
    expect(sink.problems).toEqual([]);
    expect(sink.logs).toHaveLength(expected.length);
    expect(sink.logs.map(identity).sort()).toEqual([...expected].sort());
    for (const log of sink.logs) {
      expect(log).toMatchObject({ ddsource: "kestra", service: "kestra", status: expect.any(String) });
      expect(log.ddtags).toMatch(/^namespace:[^,]+,flow_id:[^,]+/);
    }
    expect(first.stdout).not.toContain(API_KEY);
    expect(first.stderr).not.toContain(API_KEY);

    // the offset remembers: a second run sends nothing
    const before = sink.logs.length;
    const second = await run(process.execPath, args, { env, cwd: dir });
    const again = JSON.parse(second.stdout) as typeof report;
    expect(again.shippers[0]!.exporters[0]).toMatchObject({ status: "ok", shipped: 0 });
    expect(sink.logs).toHaveLength(before);
  });
});
