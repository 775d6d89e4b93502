import { gunzipSync } from "node:zlib";
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  gzipBody,
  httpBaseUrl,
  isSafeHeaderValue,
  jsonArrayBody,
  transportOptions,
} from "../../src/shipping/http-options";
import { clearSecretValues, registerSecretValue } from "../../src/secrets/redaction";

const target = { exporterId: "x", destination: "X", concurrency: 4 };

describe("transportOptions (Kestra's HTTP options)", () => {
  it("defaults: 60 s per request, TLS verified, one socket per request in flight", () => {
    expect(transportOptions(undefined, target)).toEqual({
      exporterId: "x",
      destination: "X",
      timeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
      connectTimeoutMs: undefined,
      idleTimeoutMs: undefined,
      insecure: false,
      maxSockets: 4,
    });
  });

  it("maps readTimeout, connectTimeout, readIdleTimeout (timeout.* first) and insecureTrustAllCertificates", () => {
    const o = transportOptions(
      {
        readTimeout: "PT2M",
        connectTimeout: "PT9S",
        readIdleTimeout: "PT9M",
        timeout: { connectTimeout: "PT3S", readIdleTimeout: "PT5M" },
        ssl: { insecureTrustAllCertificates: true },
        followRedirects: true,
      },
      target,
    );
    expect(o).toMatchObject({
      timeoutMs: 120_000,
      connectTimeoutMs: 3000,
      idleTimeoutMs: 300_000,
      insecure: true,
    });
    expect(transportOptions({ connectTimeout: "PT9S", readIdleTimeout: "PT1M" }, target)).toMatchObject({
      connectTimeoutMs: 9000,
      idleTimeoutMs: 60_000,
    });
  });

  it("turns TLS verification off for a destination's own switch (Elasticsearch's trustAllSsl) too", () => {
    expect(transportOptions(undefined, { ...target, insecure: true }).insecure).toBe(true);
    expect(
      transportOptions({ ssl: { insecureTrustAllCertificates: false } }, { ...target, insecure: false })
        .insecure,
    ).toBe(false);
  });
});

describe("httpBaseUrl", () => {
  afterEach(() => clearSecretValues());

  it("accepts http(s) URLs and drops trailing slashes", () => {
    expect(httpBaseUrl(" https://h.example/ ", "e", "basePath")).toBe("https://h.example");
    expect(httpBaseUrl("http://127.0.0.1:4318/v1/logs", "e", "otlpEndpoint")).toBe(
      "http://127.0.0.1:4318/v1/logs",
    );
  });

  it("refuses anything else without showing a secret value", () => {
    registerSecretValue("not-a-url-secret");
    expect(() => httpBaseUrl("not-a-url-secret", "e", "basePath")).toThrow(
      /basePath: "\(secret\)" is not an http/,
    );
    expect(() => httpBaseUrl("ftp://h", "e", "basePath")).toThrow(/not an http\(s\) URL/);
  });
});

describe("gzipBody and header values", () => {
  it("gzips asynchronously, byte for byte", async () => {
    const text = '[{"m":"é😀\\n"}]';
    expect(gunzipSync(await gzipBody(text)).toString("utf8")).toBe(text);
  });

  it("rejects control characters in header values (a tab is fine)", () => {
    expect(isSafeHeaderValue("Bearer abc\tdef")).toBe(true);
    expect(isSafeHeaderValue("abc\r\nX-Evil: 1")).toBe(false);
    expect(isSafeHeaderValue("abc\u007f")).toBe(false);
  });
});

describe("jsonArrayBody", () => {
  const enc = (value: unknown) => {
    const payload = JSON.stringify(value);
    return { payload, bytes: Buffer.byteLength(payload, "utf8") };
  };

  it("writes the payloads as one JSON array, multi-byte text included", () => {
    const values = [{ message: "plain" }, { message: "é😀\n処理" }, { message: "x".repeat(5000), n: 1 }];
    const body = jsonArrayBody(values.map(enc));
    expect(JSON.parse(body.toString("utf8"))).toEqual(values);
    expect(body.length).toBe(Buffer.byteLength(JSON.stringify(values), "utf8"));
  });

  it("writes an empty array, and refuses a payload whose byte count is wrong", () => {
    expect(jsonArrayBody([]).toString()).toBe("[]");
    expect(() => jsonArrayBody([{ payload: '{"m":"é"}', bytes: 9 }])).toThrow(/claims 9 bytes but has/);
  });
});
