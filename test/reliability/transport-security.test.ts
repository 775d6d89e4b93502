import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { entries, tempDir, writeJsonl } from "../support/fixtures";
import { run } from "./support/child";
import { NOW, T0, writeShipperConfig } from "./support/data";
import { recordResult } from "./support/results";
import { Sink } from "./support/sink";

// Transport security. TLS certificates are verified by default: a self-signed HTTPS destination fails every
// HTTP exporter with a clear TLS error. Turning verification off (`trustAllSsl` for Elasticsearch,
// `options.ssl.insecureTrustAllCertificates` for the others) must be explicit, and validate, plan and apply warn
// about it. Redirects are never followed: a destination answering 307 to another host must not get the
// credentials sent on, and the run says why it stopped.

const KEY = "transport-key-5b1e";
const HTTP_EXPORTERS = ["datadog", "elasticsearch", "newrelic", "opentelemetry"] as const;

/** The exporter YAML of `type` pointing at `url`, optionally with TLS verification off. */
function exporter(type: (typeof HTTP_EXPORTERS)[number], url: string, insecure = false): string {
  const ssl = insecure ? ", options: { ssl: { insecureTrustAllCertificates: true } }" : "";
  switch (type) {
    case "datadog":
      return `{ id: dd, type: datadog, basePath: "${url}", apiKey: ${KEY}, retryBudget: PT2S${ssl} }`;
    case "elasticsearch":
      return `{ id: es, type: elasticsearch, connection: { hosts: ["${url}"], apiKey: ${KEY}${insecure ? ", trustAllSsl: true" : ""} }, indexName: logs, retryBudget: PT2S }`;
    case "newrelic":
      return `{ id: nr, type: newrelic, basePath: "${url}", apiKey: ${KEY}, retryBudget: PT2S${ssl} }`;
    case "opentelemetry":
      return `{ id: otel, type: opentelemetry, otlpEndpoint: "${url}/v1/logs", authorizationHeaderName: Authorization, authorizationHeaderValue: "Bearer ${KEY}", retryBudget: PT2S${ssl} }`;
  }
}

describe("transport security", () => {
  let dir: string;
  let cleanup: () => void;
  let tls: { key: string; cert: string };
  beforeAll(() => {
    ({ dir, cleanup } = tempDir("logshipper-transport-"));
    writeJsonl(join(dir, "logs", "a.jsonl"), entries(20, T0, { over: (i) => ({ message: `seq=${i} m` }) }));
    // a self-signed certificate for 127.0.0.1, made here
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    tls = {
      key: readFileSync(join(dir, "key.pem"), "utf8"),
      cert: readFileSync(join(dir, "cert.pem"), "utf8"),
    };
  });
  afterAll(() => cleanup());

  it("a self-signed HTTPS destination fails every HTTP exporter with a clear TLS error, and no request is made", async () => {
    const sink = await Sink.start("datadog", { tls });
    try {
      const file = writeShipperConfig(
        dir,
        "tls",
        HTTP_EXPORTERS.map((t) => exporter(t, sink.url)),
      );
      const r = await run(["apply", "-c", file, "--state", join(dir, "st-tls"), "--now", NOW], {
        cwd: dir,
      });
      recordResult({
        scenario: "transport: self-signed TLS refused by default",
        faults: `self-signed certificate; ${HTTP_EXPORTERS.length} HTTP exporters`,
        note: `exit ${r.code}; ${(r.stdout.match(/self-signed certificate/g) ?? []).length} exporters failed with "self-signed certificate", none retried; ${sink.requests.length} requests reached the sink`,
      });
      expect(r.code).toBe(1);
      // Node 24 adds a hint to the message ("; if the root CA is installed locally, try running Node.js with
      // --use-system-ca"); Node 22 does not
      for (const id of ["dd", "es", "nr", "otel"]) {
        expect(r.stdout).toMatch(
          new RegExp(
            `FAILED +${id} .*\\n.*exporter ${id} \\([^)]+\\): no response: DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate(; [^\\n(]*--use-system-ca)? \\(not retryable\\)`,
          ),
        );
      }
      expect(r.stdout).not.toMatch(/\d+ retr(y|ies)/);
      expect(sink.requests).toEqual([]);
    } finally {
      await sink.close();
    }
  });

  it("turning verification off is explicit and warned about by validate, plan and apply", async () => {
    const dd = await Sink.start("datadog", { tls });
    const es = await Sink.start("elasticsearch", { tls });
    try {
      const file = writeShipperConfig(dir, "insecure", [
        exporter("datadog", dd.url, true),
        exporter("elasticsearch", es.url, true),
      ]);
      const st = ["--state", join(dir, "st-insecure"), "--now", NOW];
      const outputs = {
        validate: await run(["validate", "-c", file], { cwd: dir }),
        plan: await run(["plan", "-c", file, ...st], { cwd: dir }),
        apply: await run(["apply", "-c", file, ...st], { cwd: dir }),
      };
      for (const [command, r] of Object.entries(outputs)) {
        expect({ command, code: r.code }).toEqual({ command, code: 0 });
        for (const id of ["dd", "es"])
          expect(r.stderr).toMatch(
            new RegExp(
              `Warning: shipper insecure exporter ${id}: TLS certificate verification is turned off`,
            ),
          );
      }
      expect(outputs.apply.stdout).toMatch(/ok +dd +datadog: shipped 20/);
      expect(outputs.apply.stdout).toMatch(/ok +es +elasticsearch: shipped 20/);
      recordResult({
        scenario: "transport: TLS verification off, explicitly",
        faults: "self-signed certificate, trustAllSsl / insecureTrustAllCertificates",
        expected: 40,
        delivered: dd.seen.size + es.stored.size,
        duplicated: 0,
        lost: 40 - dd.seen.size - es.stored.size,
        note: "validate, plan and apply each warn once per exporter",
      });
      expect(dd.seen.size + es.stored.size).toBe(40);
    } finally {
      await dd.close();
      await es.close();
    }
  });

  it("a 307 to another host is not followed: the credentials stay with the configured host, the error says why", async () => {
    const other = await Sink.start("datadog");
    const dd = await Sink.start("datadog", { faults: { redirectTo: other.url } });
    const es = await Sink.start("elasticsearch", { faults: { redirectTo: other.url } });
    try {
      const file = writeShipperConfig(dir, "redirect", [
        exporter("datadog", dd.url),
        exporter("elasticsearch", es.url),
      ]);
      const r = await run(["apply", "-c", file, "--state", join(dir, "st-redirect"), "--now", NOW], {
        cwd: dir,
      });
      recordResult({
        scenario: "transport: redirect to another host",
        faults: "307 to a second host",
        note: `the second host got ${other.requests.length} requests; exit ${r.code}; redirect named in the error`,
      });
      expect(r.code).toBe(1);
      for (const [id, sink] of [
        ["dd", dd],
        ["es", es],
      ] as const) {
        expect(r.stdout).toMatch(
          new RegExp(
            `FAILED +${id} .*\\n.*HTTP 307: redirect to ${other.url.replace(/[.]/g, "\\.")}/\\S* not followed \\(credentials are never sent to another URL\\); fix the endpoint \\(not retryable\\)`,
          ),
        );
        expect(sink.requests.length).toBe(1); // no retry either
      }
      // the configured hosts did get the key; the other host got nothing at all
      expect(dd.requests[0]?.headers["dd-api-key"]).toBe(KEY);
      expect(es.requests[0]?.headers.authorization).toBe(`ApiKey ${KEY}`);
      expect(other.requests).toEqual([]);
    } finally {
      await other.close();
      await dd.close();
      await es.close();
    }
  });
});
