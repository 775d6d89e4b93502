import { spawnSync } from "node:child_process";
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { createHandler } from "../../src/lambda/runtime";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { entries, tempDir, writeJsonl } from "../support/fixtures";
import { everyFile } from "../support/zip";
import { run, type Exit } from "./support/child";
import { NOW, T0 } from "./support/data";
import { createStateTable, dynamoClient } from "./support/aws";
import { recordResult } from "./support/results";
import { Sink } from "./support/sink";

// Secrets: a canary value given as SECRET_CANARY (Kestra OSS's base64 convention) is used as a Datadog API key,
// an Elasticsearch password and API key, and (wrongly) as a URL; the destinations echo the credentials they
// received in their error bodies. The canary, in any of the forms a credential travels in, must never appear in
// stdout or stderr, the reports, the state, the dead-letter files or the shipped output; nor in the Terraform
// JSON and archives synthesized by the constructs.

const ROOT = join(__dirname, "..", "..");
/** URL-special characters, so that the URL-encoded and base64 forms differ from the value. */
const CANARY = "cAnary-7d6c+S3cr3t/9f8e=";
const USER = "elastic";

/** Every form of the canary that a credential travels in. */
const FORMS: Record<string, string> = {
  value: CANARY,
  base64: Buffer.from(CANARY).toString("base64"),
  "url-encoded": encodeURIComponent(CANARY),
  "basic credentials": Buffer.from(`${USER}:${CANARY}`).toString("base64"),
};

/** Where a form of the canary shows up, as `where: form`. */
function leaks(places: Array<[string, string]>): string[] {
  return places.flatMap(([where, text]) =>
    Object.entries(FORMS)
      .filter(([, form]) => text.includes(form))
      .map(([form]) => `${where}: ${form}`),
  );
}

describe("secrets", () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempDir("logshipper-secrets-")));
  afterAll(() => cleanup());

  it("a canary secret never leaves the process: not in output, reports, state, dead-letter or errors", async () => {
    writeJsonl(
      join(dir, "logs", "a.jsonl"),
      entries(300, T0, { over: (i) => ({ message: `seq=${i} m${i}` }) }),
    );
    // a Datadog intake that refuses the key and repeats it; an Elasticsearch that refuses some documents and
    // repeats the Authorization header in the item errors
    const dd = await Sink.start("datadog", { faults: { always: 403, echoCredentials: true } });
    const es = await Sink.start("elasticsearch", {
      faults: { echoCredentials: true, poison: (seq) => seq % 50 === 0 },
    });
    try {
      const config = join(dir, "secrets.yaml");
      writeFileSync(
        config,
        `shippers:
  - id: sec
    source: { type: file, path: "logs/*.jsonl" }
    logExporters:
      - { id: dd, type: datadog, basePath: "${dd.url}", apiKey: "{{ secret('CANARY') }}" }
      - id: esbasic
        type: elasticsearch
        connection: { hosts: ["${es.url}"], basicAuth: { username: ${USER}, password: "{{ secret('CANARY') }}" } }
        indexName: logs
      - id: eskey
        type: elasticsearch
        connection: { hosts: ["${es.url}"], apiKey: "{{ secret('CANARY') }}" }
        indexName: logs2
      - { id: badurl, type: datadog, basePath: "{{ secret('CANARY') }}", apiKey: "{{ secret('CANARY') }}" }
      - id: refused
        type: datadog
        basePath: "{{ secret('CANARY_URL') }}"
        apiKey: "{{ secret('CANARY') }}"
        retryBudget: PT1S
      - { id: out, type: file, path: out/out.jsonl }
`,
      );
      const env = {
        SECRET_CANARY: FORMS.base64,
        // a URL that holds the canary, to a port where nothing listens
        SECRET_CANARY_URL: Buffer.from(`http://127.0.0.1:9/intake?token=${CANARY}`).toString("base64"),
      };
      const st = ["--state", join(dir, "state")];
      const dl = ["--dead-letter", join(dir, "dead-letter")];
      const commands: string[][] = [
        ["validate", "-c", config],
        ["validate", "-c", config, "--json"],
        ["plan", "-c", config, ...st, "--now", NOW],
        ["plan", "-c", config, ...st, "--now", NOW, "--json"],
        ["apply", "-c", config, ...st, ...dl, "--now", NOW],
        ["apply", "-c", config, ...st, ...dl, "--now", NOW, "--json", "--debug"],
        ["plan", "-c", config, ...st, "--now", NOW, "--debug"],
        ["state", "list", ...st],
        ["state", "show", "sec", ...st],
        ["state", "list", "--json", ...st],
      ];
      const exits: Array<[string, Exit]> = [];
      for (const args of commands) exits.push([args.join(" "), await run(args, { cwd: dir, env })]);
      // the canary was really used: each destination received it, and the runs reported the echoes
      expect(dd.requests.some((r) => r.headers["dd-api-key"] === CANARY)).toBe(true);
      expect(es.requests.some((r) => r.headers.authorization === `Basic ${FORMS["basic credentials"]}`)).toBe(
        true,
      );
      expect(es.requests.some((r) => r.headers.authorization === `ApiKey ${CANARY}`)).toBe(true);
      const apply = exits.find(([c]) => c.startsWith("apply"))?.[1] as Exit;
      expect(apply.stdout).toMatch(
        /FAILED +dd +datadog: shipped 0 .*\n.*HTTP 403: always 403 \(credentials received: \{"apiKey":"\(secret\)"\}\)/,
      );
      expect(apply.stdout).toMatch(/FAILED +badurl [^]*basePath: "\(secret\)" is not an http\(s\) URL/);
      expect(apply.stdout).toMatch(/ok +esbasic +elasticsearch: shipped 294, 6 rejected/);
      expect(apply.stdout).toMatch(/FAILED +refused .*\n.*gave up after retrying .*ECONNREFUSED/);
      const places: Array<[string, string]> = [
        ...exits.flatMap(([c, e]): Array<[string, string]> => [
          [`${c} (stdout)`, e.stdout],
          [`${c} (stderr)`, e.stderr],
        ]),
        ...everyFile(join(dir, "state")),
        ...everyFile(join(dir, "dead-letter")),
        ...everyFile(join(dir, "out")),
      ];
      const found = leaks(places);
      recordResult({
        scenario: "secrets: CLI output, reports, state, dead-letter",
        faults: `destinations echo the credentials; ${commands.length} commands`,
        note: `${places.length} outputs and files scanned for ${Object.keys(FORMS).length} forms of the canary: ${found.length} found`,
      });
      expect(found).toEqual([]);
      // the echoed reasons did reach the dead-letter file, redacted
      expect(readFileSync(join(dir, "dead-letter", "sec", "esbasic.jsonl"), "utf8")).toMatch(/\(secret\)/);
    } finally {
      await dd.close();
      await es.close();
    }
  });

  it("the Terraform JSON and archives synthesized by the examples never hold a secret's value", () => {
    const out = join(dir, "synth");
    mkdirSync(out, { recursive: true });
    // every way a value could be at hand at synth time: Kestra's SECRET_<NAME> (base64), a plain variable
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CHECKPOINT_DISABLE: "1",
      SECRET_DATADOG_API_KEY: FORMS.base64,
      DATADOG_API_KEY: CANARY,
      SECRET_KESTRA_API_TOKEN: FORMS.base64,
      KESTRA_API_TOKEN: CANARY,
      SECRET_AWS_ACCESS_KEY_ID: FORMS.base64,
      SECRET_AWS_SECRET_KEY_ID: FORMS.base64,
    };
    const examples = ["examples/datadog/main.ts", "examples/kestra-flow/main.ts"];
    for (const example of examples) {
      const r = spawnSync(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, example)], {
        cwd: out,
        env,
        encoding: "utf8",
        timeout: 120_000,
      });
      expect({ example, status: r.status, stderr: r.stderr }).toEqual({ example, status: 0, stderr: "" });
    }
    const files = everyFile(join(out, "cdktf.out"));
    const tf = files.filter(([p]) => p.endsWith("cdk.tf.json"));
    const found = leaks(files);
    recordResult({
      scenario: "secrets: synthesized Terraform",
      faults: `canary in SECRET_* and plain env vars; ${examples.length} examples synthesized`,
      note: `${files.length} files scanned (${tf.length} cdk.tf.json, archives unpacked): ${found.length} found`,
    });
    expect(tf).toHaveLength(2);
    // the scan reads the secrets' names (so it would see their values)
    expect(files.map(([, text]) => text).join("\n")).toContain("DATADOG_API_KEY");
    expect(found).toEqual([]);
  });

  it("the Lambda reconciler: a canary from Secrets Manager never reaches its log lines, EMF, result, state or S3 dead-letter", async () => {
    const aws = {
      endpoint: process.env.MOTO_ENDPOINT as string,
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    };
    const stamp = Date.now().toString(36);
    const table = `secrets-${stamp}`;
    const bucket = `secrets-dl-${stamp}`;
    const prefix = `ls-${stamp}`;
    const sm = new SecretsManagerClient(aws);
    const s3 = new S3Client({ ...aws, forcePathStyle: true });
    const ddb = dynamoClient();
    const dd = await Sink.start("datadog", { faults: { always: 403, echoCredentials: true } });
    const es = await Sink.start("elasticsearch", {
      faults: { echoCredentials: true, poison: (seq) => seq % 50 === 0 },
    });
    try {
      await sm.send(new CreateSecretCommand({ Name: `${prefix}/CANARY`, SecretString: CANARY }));
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      await createStateTable(ddb, table);
      const lambdaDir = join(dir, "lambda");
      writeJsonl(
        join(lambdaDir, "logs", "a.jsonl"),
        entries(300, Date.now() - 3_600_000, { over: (i) => ({ message: `seq=${i} m${i}` }) }),
      );
      writeFileSync(
        join(lambdaDir, "logshipper.config.json"),
        JSON.stringify({
          shippers: [
            {
              id: "lsec",
              source: { type: "file", path: "logs/*.jsonl" },
              logExporters: [
                { id: "dd", type: "datadog", basePath: dd.url, apiKey: "{{ secret('CANARY') }}" },
                {
                  id: "es",
                  type: "elasticsearch",
                  connection: {
                    hosts: [es.url],
                    basicAuth: { username: USER, password: "{{ secret('CANARY') }}" },
                  },
                  indexName: "logs",
                },
              ],
            },
          ],
        }),
      );
      const lines: string[] = [];
      const handler = createHandler({
        env: {
          LOGSHIPPER_CONFIG_PATH: join(lambdaDir, "logshipper.config.json"),
          LOGSHIPPER_STATE_TABLE: table,
          LOGSHIPPER_SECRET_PREFIX: prefix,
          LOGSHIPPER_DEAD_LETTER_BUCKET: bucket,
          LOGSHIPPER_SAFETY_MARGIN_MS: "1000",
          AWS_LAMBDA_FUNCTION_NAME: "logshipper-reconciler",
        },
        aws: { ...aws, env: {} },
        write: (line) => lines.push(line),
        invoker: { invoke: async () => undefined },
      });
      const result = await handler(
        {},
        {
          awsRequestId: "req-secrets",
          functionName: "logshipper-reconciler",
          getRemainingTimeInMillis: () => 60_000,
        },
      );
      // the secret was resolved and used, and the destinations echoed it back
      expect(dd.requests.some((r) => r.headers["dd-api-key"] === CANARY)).toBe(true);
      expect(es.refused.size).toBe(6);
      const items = (await ddb.send(new ScanCommand({ TableName: table }))).Items ?? [];
      const objects = (await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? [];
      const deadLetters = await Promise.all(
        objects.map(async (o) => {
          const body = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: o.Key }));
          return [
            `s3://${bucket}/${o.Key}`,
            await (body.Body as { transformToString(): Promise<string> }).transformToString(),
          ] as [string, string];
        }),
      );
      expect(deadLetters.length).toBeGreaterThan(0);
      expect(deadLetters.map(([, t]) => t).join("\n")).toMatch(/\(secret\)/);
      const places: Array<[string, string]> = [
        ...lines.map((l, i): [string, string] => [`log line ${i}`, l]),
        ["handler result", JSON.stringify(result)],
        ...items.map((item, i): [string, string] => [`DynamoDB item ${i}`, JSON.stringify(item)]),
        ...deadLetters,
      ];
      const found = leaks(places);
      recordResult({
        scenario: "secrets: Lambda (Secrets Manager, DynamoDB, S3 dead-letter)",
        faults: "destinations echo the credentials",
        note: `${lines.length} log lines (EMF included), the result, ${items.length} DynamoDB items and ${deadLetters.length} S3 objects scanned: ${found.length} found`,
      });
      expect(found).toEqual([]);
    } finally {
      sm.destroy();
      s3.destroy();
      ddb.destroy();
      await dd.close();
      await es.close();
    }
  });
});
