import nock from "nock";
import { dash0Exporter } from "../../src/exporters/dash0";
import { kestraFlowWith, kestraRecords, shipThrough } from "../support/http-exporters";
import { applyIn, capture, secretEnv, useNockContract, type NockReply } from "../support/exporter-harness";

const INGRESS = "https://ingress.eu-west-1.aws.dash0.test";
const TOKEN = "auth_0123456789abcdefDASH0";

interface OtlpBody {
  resourceLogs: Array<{
    resource: { attributes: Array<{ key: string; value: Record<string, unknown> }> };
    scopeLogs: Array<{ logRecords: Array<{ body: { stringValue: string }; severityNumber: number }> }>;
  }>;
}

function exporter(overrides: Record<string, unknown> = {}, chunk = 1000) {
  return dash0Exporter(
    "dash0",
    { id: "dash0", type: "dash0", endpoint: `${INGRESS}/v1/logs`, authToken: TOKEN, ...overrides } as never,
    chunk,
    4,
  );
}

function ingress(answer: (n: number) => NockReply = () => [200, "{}"]) {
  return capture<OtlpBody>(nock(INGRESS).persist().post("/v1/logs"), (_req, n) => answer(n));
}

const records = (b: OtlpBody) => b.resourceLogs[0]!.scopeLogs[0]!.logRecords;

const tmp = useNockContract();

describe("Dash0 exporter (OTLP/HTTP with Dash0's headers)", () => {
  it("sends OTLP JSON with Authorization: Bearer <authToken> and the Dash0-Dataset header", async () => {
    const seen = ingress();
    const e = exporter({ dataset: "kestra-prod" });
    const { outcome } = await shipThrough(e, kestraRecords(3));
    expect(outcome).toMatchObject({ status: "ok", shipped: 3 });
    expect(e.type).toBe("dash0");
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]!.headers["dash0-dataset"]).toBe("kestra-prod");
    expect(seen[0]!.headers["content-encoding"]).toBe("gzip");
    expect(records(seen[0]!.body).map((r) => [r.body.stringValue, r.severityNumber])).toEqual([
      ["message 0", 9],
      ["message 1", 9],
      ["message 2", 9],
    ]);
  });

  it("sends no Dash0-Dataset header without a dataset (Dash0 writes to its default dataset)", async () => {
    const seen = ingress();
    await shipThrough(exporter(), kestraRecords(1));
    expect(seen[0]!.headers["dash0-dataset"]).toBeUndefined();
  });

  it("appends /v1/logs to a bare ingress URL", async () => {
    const seen = ingress();
    await shipThrough(exporter({ endpoint: INGRESS }), kestraRecords(1));
    expect(seen).toHaveLength(1);
  });

  it("follows OTLP's rules: 429/503 retried, 403 (a dataset the token may not write) fails with Dash0's name", async () => {
    const retried = ingress((n) => (n === 1 ? [503, "", { "Retry-After": "0" }] : [200, "{}"]));
    const ok = await shipThrough(exporter(), kestraRecords(2));
    expect(ok.outcome).toMatchObject({ status: "ok", retries: 1 });
    expect(retried).toHaveLength(2);
    nock.cleanAll();
    const refused = ingress(() => [403, `{"message":"dataset not allowed for ${TOKEN}"}`]);
    const { outcome, stored } = await shipThrough(exporter({ dataset: "secret-ds" }), kestraRecords(2));
    expect(outcome.status).toBe("failed");
    expect(refused).toHaveLength(1);
    expect(stored).toBeUndefined();
    const message = (outcome.error as Error).message;
    expect(message).toContain("exporter dash0 (Dash0): HTTP 403");
    expect(message).not.toContain(TOKEN);
  });

  it("dead-letters a partial success as the OpenTelemetry exporter does", async () => {
    ingress(() => [200, '{"partialSuccess":{"rejectedLogRecords":"1","errorMessage":"too old"}}']);
    const { outcome, deadLetters } = await shipThrough(exporter(), kestraRecords(2));
    // the receiver's count: 1 of the 2 rejected, which one unknown, so both are dead-lettered as uncertain
    expect(outcome).toMatchObject({ shipped: 1, rejected: 1, retries: 0, uncertain: 2 });
    expect(deadLetters).toHaveLength(2);
    expect(deadLetters[0]!.reason).toContain("too old");
  });

  it("refuses a dataset that cannot be a header value", () => {
    expect(() => exporter({ dataset: "bad\nvalue" })).toThrow(/dataset/);
  });
});

describe("Dash0 exporter through runApply", () => {
  it("ships a Kestra flow's logs with the Kestra type name and properties", async () => {
    const { config, entries } = kestraFlowWith(
      tmp.dir,
      [
        "- id: dash0",
        "  type: io.kestra.plugin.ee.dash0.LogExporter",
        `  endpoint: ${INGRESS}/v1/logs`,
        "  authToken: \"{{ secret('DASH0_AUTH_TOKEN') }}\"",
        "  dataset: kestra",
      ],
      7,
    );
    const seen = ingress();
    const { report } = await applyIn(tmp.dir, config, { env: secretEnv({ DASH0_AUTH_TOKEN: TOKEN }) });
    expect(report.shippers[0]!.exporters[0]).toMatchObject({ status: "ok", shipped: 7, type: "dash0" });
    expect(seen.flatMap((s) => records(s.body).map((r) => r.body.stringValue))).toEqual(
      entries.map((e) => e.message),
    );
    expect(seen[0]!.headers["dash0-dataset"]).toBe("kestra");
  });
});
