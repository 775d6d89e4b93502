import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  GetLogEventsCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { createBucket, motoS3, objects, seqsOf } from "../support/archives";
import { motoOptions, uniqueName } from "../support/aws";
import { runCliAsync } from "../support/cli";
import { entries, tempDir, writeJsonl } from "../support/fixtures";
import { startSyslogNg } from "../support/syslog-ng";

/** Every `seq` inside a decoded request body: plain fields, or OTLP attributes `{key:"seq", value:{intValue}}`. */
function seqs(value: unknown, out: number[] = []): number[] {
  if (Array.isArray(value)) value.forEach((v) => seqs(v, out));
  else if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (o.key === "seq" && typeof o.value === "object")
      out.push(Number((o.value as { intValue: unknown }).intValue));
    else if (typeof o.seq === "number") out.push(o.seq);
    else if (typeof o._seq === "number")
      out.push(o._seq); // GELF additional field
    else Object.values(o).forEach((v) => seqs(v, out));
  }
  return out;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  return (req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
}

/** One local server that answers like every HTTP destination's intake, and counts what each received. */
function startSinks(): Promise<{ server: Server; url: string; received: Map<string, number[]> }> {
  const received = new Map<string, number[]>();
  let splunkAcks = 0;
  const count = (name: string, found: number[]): void => {
    received.set(name, [...(received.get(name) ?? []), ...found]);
  };
  const server = createServer((req, res) => {
    void (async () => {
      const text = await body(req);
      const url = req.url ?? "";
      const json = (status: number, doc: unknown): void => {
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(doc));
      };
      if (url === "/dd/api/v2/logs" && req.headers["dd-api-key"] === "dd-key") {
        count("datadog", seqs(JSON.parse(text)));
        return json(202, {});
      }
      if (url.startsWith("/es/_bulk")) {
        const lines = text
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as Record<string, unknown>);
        const docs = lines.filter((_, i) => i % 2 === 1);
        count("elasticsearch", seqs(docs));
        return json(200, { errors: false, items: docs.map(() => ({ create: { status: 201 } })) });
      }
      if (url === "/nr/log/v1" && req.headers["api-key"] === "nr-key") {
        count("newrelic", seqs(JSON.parse(text)));
        return json(202, { requestId: "r" });
      }
      if (url === "/aad/tenant-1/oauth2/v2.0/token")
        return json(200, { access_token: "azure-token", expires_in: 3600, token_type: "Bearer" });
      if (
        url.startsWith("/dce/dataCollectionRules/dcr-1/streams/Custom-Kestra") &&
        req.headers.authorization === "Bearer azure-token"
      ) {
        count("azure-monitor", seqs(JSON.parse(text)));
        res.writeHead(204).end();
        return;
      }
      if (url === "/google/token")
        return json(200, { access_token: "gcp-token", expires_in: 3600, token_type: "Bearer" });
      if (url === "/gcp/v2/entries:write" && req.headers.authorization === "Bearer gcp-token") {
        count("gcp-logging", seqs((JSON.parse(text) as { entries: unknown[] }).entries));
        return json(200, {});
      }
      // archives: one JSON-lines object per request (a GCS media upload, an Azure Put Blob with a SAS)
      if (
        url.startsWith("/gcs/upload/storage/v1/b/archive/o?uploadType=media&name=kestra-log-file-") &&
        req.headers.authorization === "Bearer gcp-token"
      ) {
        count(
          "gcs",
          seqs(
            text
              .trim()
              .split("\n")
              .map((l) => JSON.parse(l) as unknown),
          ),
        );
        return json(200, { kind: "storage#object", bucket: "archive" });
      }
      if (
        req.method === "PUT" &&
        url.startsWith("/azblob/logs/kestra-log-file-") &&
        url.endsWith("?sv=2021-12-02&sig=az-sig")
      ) {
        count(
          "azure-blob",
          seqs(
            text
              .trim()
              .split("\n")
              .map((l) => JSON.parse(l) as unknown),
          ),
        );
        res.writeHead(201).end();
        return;
      }
      if (url === "/otlp/v1/logs" && req.headers.authorization === "Bearer otlp-token") {
        count("opentelemetry", seqs(JSON.parse(text)));
        return json(200, {});
      }
      // issue 16's HTTP exporters
      if (url === "/splunk/services/collector/event" && req.headers.authorization === "Splunk splunk-token") {
        if (typeof req.headers["x-splunk-request-channel"] !== "string") return json(400, { code: 10 });
        count(
          "splunk",
          seqs(
            text
              .trim()
              .split("\n")
              .map((l) => JSON.parse(l) as unknown),
          ),
        );
        return json(200, { text: "Success", code: 0, ackId: splunkAcks++ });
      }
      if (url === "/splunk/services/collector/ack") {
        const { acks } = JSON.parse(text) as { acks: number[] };
        return json(200, { acks: Object.fromEntries(acks.map((id) => [String(id), true])) });
      }
      if (url === "/graylog/gelf") {
        count(
          "graylog",
          seqs(
            text
              .trim()
              .split("\n")
              .map((l) => JSON.parse(l) as unknown),
          ),
        );
        return json(202, {});
      }
      if (url.startsWith("/lts/v2/p0123456789/lts/groups/g-1/streams/s-1/tenant/contents/high-accuracy")) {
        if (!String(req.headers.authorization).startsWith("SDK-HMAC-SHA256 Access=lts-ak, "))
          return json(401, {});
        const { contents } = JSON.parse(text) as { contents: Array<{ log: string }> };
        count("huawei-lts", seqs(contents.map((c) => JSON.parse(c.log) as unknown)));
        return json(200, { errorCode: "SVCSTG.ALS.200.200", errorMessage: "Report success.", result: null });
      }
      if (
        url === "/dash0/v1/logs" &&
        req.headers.authorization === "Bearer dash0-token" &&
        req.headers["dash0-dataset"] === "kestra"
      ) {
        count("dash0", seqs(JSON.parse(text)));
        return json(200, {});
      }
      json(404, { error: `unexpected ${req.method} ${url}` });
    })();
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      resolve({ server, url: `http://127.0.0.1:${port}`, received });
    }),
  );
}

const b64 = (s: string): string => Buffer.from(s).toString("base64");

describe("one config with every destination", () => {
  it("apply delivers every record exactly once to every exporter, and a second apply sends nothing", async () => {
    const { dir, cleanup } = tempDir();
    const sinks = await startSinks();
    const syslog = await startSyslogNg();
    const moto = motoOptions();
    const logs = new CloudWatchLogsClient({
      endpoint: moto.endpoint,
      region: moto.region,
      credentials: moto.credentials,
    });
    const group = uniqueName("all-destinations");
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    const s3 = motoS3();
    const bucket = uniqueName("all-destinations");
    await createBucket(s3, bucket);
    try {
      const N = 1500;
      // recent records (inside every destination's time window), a third of them tied, multi-line and non-ASCII
      writeJsonl(
        join(dir, "logs/a.jsonl"),
        entries(N, Date.now() - 30 * 60_000, {
          tieEvery: 3,
          over: (i) => ({ message: i % 7 === 0 ? `ligne ${i}\nété ✓` : `m${i}` }),
        }),
      );
      const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      const serviceAccount = JSON.stringify({
        type: "service_account",
        project_id: "proj-1",
        client_email: "shipper@proj-1.iam.gserviceaccount.com",
        private_key: privateKey.export({ type: "pkcs8", format: "pem" }),
        token_uri: `${sinks.url}/google/token`,
      });
      const u = sinks.url;
      const config = join(dir, "all.yaml");
      writeFileSync(
        config,
        `shippers:
  - id: everywhere
    source: { type: file, path: "logs/*.jsonl" }
    logLevelFilter: TRACE
    logExporters:
      - { id: dd, type: datadog, basePath: "${u}/dd", apiKey: "{{ secret('DD_KEY') }}" }
      - { id: es, type: elasticsearch, indexName: kestra-logs, connection: { hosts: ["${u}/es"] } }
      - { id: nr, type: newrelic, basePath: "${u}/nr", apiKey: "{{ secret('NR_KEY') }}" }
      - id: az
        type: io.kestra.plugin.ee.azure.monitor.LogExporter
        endpoint: "${u}/dce"
        authorityHost: "${u}/aad"
        tenantId: tenant-1
        clientId: client-1
        clientSecret: "{{ secret('AZURE_CLIENT_SECRET') }}"
        ruleId: dcr-1
        streamName: Custom-Kestra
      - { id: gcp, type: gcp-logging, projectId: proj-1, endpoint: "${u}/gcp", serviceAccount: "{{ secret('GCP_SA') }}" }
      - { id: otel, type: opentelemetry, otlpEndpoint: "${u}/otlp/v1/logs", authorizationHeaderName: Authorization, authorizationHeaderValue: "Bearer {{ secret('OTLP_TOKEN') }}" }
      - id: cw
        type: io.kestra.plugin.ee.aws.cloudwatch.LogExporter
        region: us-east-1
        endpointOverride: "${moto.endpoint}"
        accessKeyId: "{{ secret('AWS_KEY') }}"
        secretKeyId: "{{ secret('AWS_SECRET') }}"
        logGroupName: ${group}
        logStreamName: shipped
      - { id: file, type: file, path: out/all.jsonl }
      - { id: siem, type: io.kestra.plugin.ee.syslog.LogExporter, host: 127.0.0.1, port: ${syslog.ports.tcp}, protocol: TCP }
      - id: s3
        type: io.kestra.plugin.ee.aws.s3.LogExporter
        region: us-east-1
        endpointOverride: "${moto.endpoint}"
        accessKeyId: "{{ secret('AWS_KEY') }}"
        secretKeyId: "{{ secret('AWS_SECRET') }}"
        bucket: ${bucket}
        maxLinesPerFile: 400
        gzip: true
      - { id: gcs, type: io.kestra.plugin.ee.gcp.gcs.LogExporter, bucket: archive, endpoint: "${u}/gcs", serviceAccount: "{{ secret('GCP_SA') }}", maxLinesPerFile: 500 }
      - { id: blob, type: io.kestra.plugin.ee.azure.storage.LogExporter, endpoint: "${u}/azblob", containerName: logs, sasToken: "{{ secret('AZURE_SAS') }}" }
      - { id: splunk, type: splunk, host: "${u}/splunk", token: "{{ secret('SPLUNK_TOKEN') }}", indexerAcknowledgment: true }
      - { id: graylog, type: io.kestra.plugin.ee.graylog.LogExporter, endpoint: "${u}/graylog/gelf", bulk: true }
      - id: lts
        type: io.kestra.plugin.ee.huawei.lts.LogExporter
        region: eu-west-101
        projectId: p0123456789
        logGroupId: g-1
        logStreamId: s-1
        accessKeyId: lts-ak
        secretAccessKey: "{{ secret('LTS_SK') }}"
        endpointOverride: "${u}/lts"
      - { id: dash0, type: dash0, endpoint: "${u}/dash0/v1/logs", authToken: "{{ secret('DASH0_TOKEN') }}", dataset: kestra }
`,
      );
      const env = {
        SECRET_DD_KEY: b64("dd-key"),
        SECRET_NR_KEY: b64("nr-key"),
        SECRET_AZURE_CLIENT_SECRET: b64("azure-secret"),
        SECRET_GCP_SA: b64(serviceAccount),
        SECRET_OTLP_TOKEN: b64("otlp-token"),
        SECRET_AZURE_SAS: b64("sv=2021-12-02&sig=az-sig"),
        SECRET_SPLUNK_TOKEN: b64("splunk-token"),
        SECRET_LTS_SK: b64("lts-secret"),
        SECRET_DASH0_TOKEN: b64("dash0-token"),
        SECRET_AWS_KEY: b64("test"),
        SECRET_AWS_SECRET: b64("test"),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      };
      const st = ["--state", join(dir, "st"), "--dead-letter", join(dir, "dlq")];
      const first = await runCliAsync(["apply", "-c", config, ...st, "--json"], { env });
      expect(
        first.stderr.replace(
          /\(node:\d+\) Warning: NodeVersionSupportWarning[\s\S]*?show where the warning was created\)\n/,
          "",
        ),
      ).toBe("");
      expect(first.code).toBe(0);
      const report = JSON.parse(first.stdout);
      expect(
        report.shippers[0].exporters.map((e: { id: string; shipped: number; rejected: number }) => [
          e.id,
          e.shipped,
          e.rejected,
        ]),
      ).toEqual(
        [
          "dd",
          "es",
          "nr",
          "az",
          "gcp",
          "otel",
          "cw",
          "file",
          "siem",
          "s3",
          "gcs",
          "blob",
          "splunk",
          "graylog",
          "lts",
          "dash0",
        ].map((id) => [id, N, 0]),
      );
      const all = [...Array(N).keys()];
      for (const name of [
        "datadog",
        "elasticsearch",
        "newrelic",
        "azure-monitor",
        "gcp-logging",
        "opentelemetry",
        "gcs",
        "azure-blob",
        "splunk",
        "graylog",
        "huawei-lts",
        "dash0",
      ]) {
        expect([name, [...(sinks.received.get(name) ?? [])].sort((a, b) => a - b)]).toEqual([name, all]);
      }
      const cw: number[] = [];
      for (let token: string | undefined, last: string | undefined; ; last = token) {
        const page = await logs.send(
          new GetLogEventsCommand({
            logGroupName: group,
            logStreamName: "shipped",
            startFromHead: true,
            nextToken: token,
          }),
        );
        cw.push(...(page.events ?? []).map((e) => JSON.parse(e.message as string).seq as number));
        token = page.nextForwardToken;
        if (token === last || (page.events ?? []).length === 0) break;
      }
      expect(cw.sort((a, b) => a - b)).toEqual(all);
      const archived = await objects(s3, bucket);
      expect(archived).toHaveLength(Math.ceil(N / 400));
      expect(seqsOf(archived)).toEqual(all);
      const file = readFileSync(join(dir, "out/all.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).seq as number);
      expect(file).toEqual(all);
      // the non-ASCII, multi-line messages arrive unharmed
      expect(readFileSync(join(dir, "out/all.jsonl"), "utf8")).toContain(JSON.stringify("ligne 7\nété ✓"));
      // syslog-ng parsed every octet-counted message once; a multi-line message stays one CEF line
      const siem = await syslog.waitFor("tcp", N);
      const siemSeqs = siem.map((r) => Number(/ msg=(?:m|ligne )(\d+)/.exec(r.msg)?.[1] ?? NaN));
      expect(siemSeqs.sort((a, b) => a - b)).toEqual(all);
      expect(siem.map((r) => r.msg)).toContainEqual(expect.stringMatching(/ msg=ligne 7\\nété ✓$/));

      const second = await runCliAsync(["apply", "-c", config, ...st, "--json"], { env });
      expect(second.code).toBe(0);
      expect(
        JSON.parse(second.stdout).shippers[0].exporters.every((e: { shipped: number }) => e.shipped === 0),
      ).toBe(true);
      expect(sinks.received.get("datadog")).toHaveLength(N);
      expect(await syslog.received("tcp")).toHaveLength(N);
    } finally {
      logs.destroy();
      s3.destroy();
      sinks.server.close();
      await syslog.stop();
      cleanup();
    }
  });
});
