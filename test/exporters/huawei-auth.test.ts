import { createHash } from "node:crypto";
import { canonicalRequest, sdkDate, signHuaweiRequest } from "../../src/exporters/huawei-auth";

// The worked example of Huawei Cloud's "API Request Signing Guide" (AK/SK signing, "Constructing a Standard
// Request" … "Adding the Signature to the Request Header"): a VPC query with its documented canonical request
// hash, signature and Authorization header.
const EXAMPLE = {
  method: "GET",
  url: "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
  headers: { "Content-Type": "application/json" },
  body: "",
};
const AK = "QTWAOYTTINDUT2QVKYUC";
const SK = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc";
const DATE = new Date("2019-11-15T03:36:55Z");

describe("Huawei Cloud SDK-HMAC-SHA256 signing", () => {
  it("builds the guide's canonical request (its SHA-256 is the documented one)", () => {
    const headers = {
      ...EXAMPLE.headers,
      Host: "service.region.example.com",
      "X-Sdk-Date": "20191115T033655Z",
    };
    const canonical = canonicalRequest(EXAMPLE, headers);
    expect(canonical).toBe(
      [
        "GET",
        "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/",
        "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
        "content-type:application/json\nhost:service.region.example.com\nx-sdk-date:20191115T033655Z\n",
        "content-type;host;x-sdk-date",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      ].join("\n"),
    );
    expect(createHash("sha256").update(canonical).digest("hex")).toBe(
      "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a",
    );
  });

  it("produces the guide's signature and Authorization header", () => {
    const headers = signHuaweiRequest(EXAMPLE, { accessKeyId: AK, secretAccessKey: SK }, DATE);
    expect(headers["X-Sdk-Date"]).toBe("20191115T033655Z");
    expect(headers.Authorization).toBe(
      "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, " +
        "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
    );
    expect(headers).not.toHaveProperty("Host"); // the HTTP client sends Host from the URL
  });

  it("signs the security token of temporary credentials and changes with the body", () => {
    const base = { ...EXAMPLE, method: "POST", body: '{"a":1}' };
    const withToken = signHuaweiRequest(
      base,
      { accessKeyId: AK, secretAccessKey: SK, securityToken: "tok" },
      DATE,
    );
    expect(withToken["X-Security-Token"]).toBe("tok");
    expect(withToken.Authorization).toContain("SignedHeaders=content-type;host;x-sdk-date;x-security-token,");
    const other = signHuaweiRequest(
      { ...base, body: '{"a":2}' },
      { accessKeyId: AK, secretAccessKey: SK },
      DATE,
    );
    const same = signHuaweiRequest(base, { accessKeyId: AK, secretAccessKey: SK }, DATE);
    expect(other.Authorization).not.toBe(same.Authorization);
  });

  it("encodes the path per RFC 3986, ends it with /, and sorts the query", () => {
    const canonical = canonicalRequest(
      { method: "get", url: "https://h.example/a b/c*?z=1&a=%2F&a=0", headers: {}, body: "" },
      { Host: "h.example" },
    );
    const [method, path, query] = canonical.split("\n");
    expect([method, path, query]).toEqual(["GET", "/a%20b/c%2A/", "a=%2F&a=0&z=1"]);
  });

  it("writes X-Sdk-Date as YYYYMMDDTHHMMSSZ", () => {
    expect(sdkDate(new Date("2026-12-03T19:04:05.678Z"))).toBe("20261203T190405Z");
  });
});
