import { awsClientConfig } from "../../src/core/aws-client-options";
import { LogShipperError } from "../../src/core/errors";
import { cloudWatchLogsClientConfig } from "../../src/shipping/aws-client";

describe("awsClientConfig (every AWS client of the runtime)", () => {
  it("takes explicit options first, then the service's endpoint variable, then AWS_ENDPOINT_URL", () => {
    const env = {
      AWS_ENDPOINT_URL: "http://all:1",
      AWS_ENDPOINT_URL_DYNAMODB: "http://ddb:2",
      AWS_REGION: "eu-west-1",
    };
    expect(awsClientConfig("dynamodb", { env })).toEqual({ region: "eu-west-1", endpoint: "http://ddb:2" });
    expect(awsClientConfig("s3", { env })).toEqual({ region: "eu-west-1", endpoint: "http://all:1" });
    expect(awsClientConfig("s3", { env, region: "us-east-2", endpoint: " http://mine:3 " })).toEqual({
      region: "us-east-2",
      endpoint: "http://mine:3",
    });
  });

  it("falls back to AWS_DEFAULT_REGION (which SDK v3 ignores) and leaves out what nothing sets", () => {
    expect(awsClientConfig("lambda", { env: { AWS_DEFAULT_REGION: "ap-south-1", AWS_REGION: " " } })).toEqual(
      {
        region: "ap-south-1",
      },
    );
    expect(awsClientConfig("lambda", { env: {} })).toEqual({});
  });
});

describe("cloudWatchLogsClientConfig (Kestra's AWS settings)", () => {
  it("uses the CloudWatch Logs endpoint variable, no SDK retries, and explicit keys when both are given", () => {
    const c = cloudWatchLogsClientConfig(
      { region: " eu-central-1 ", accessKeyId: "AKIA", secretKeyId: "s3cr3t", sessionToken: "tok" },
      { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: "http://logs:4", AWS_ENDPOINT_URL: "http://all:1" },
      "exporter cw",
    );
    expect(c).toEqual({
      region: "eu-central-1",
      endpoint: "http://logs:4",
      credentials: { accessKeyId: "AKIA", secretAccessKey: "s3cr3t", sessionToken: "tok" },
      maxAttempts: 1,
      requestHandler: { requestTimeout: 30_000, connectionTimeout: 10_000, throwOnRequestTimeout: true },
    });
    const own = cloudWatchLogsClientConfig(
      { region: "eu-central-1", endpointOverride: "http://override:5" },
      { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: "http://logs:4" },
      "x",
    );
    expect(own.endpoint).toBe("http://override:5");
    expect(own.credentials).toBeUndefined();
  });

  it("refuses a missing region and half a key pair, naming where", () => {
    expect(() => cloudWatchLogsClientConfig({ region: "{{ vars.region }}" }, {}, "exporter cw")).toThrow(
      /exporter cw: region "\{\{ vars.region \}\}" is not an AWS region/,
    );
    expect(() =>
      cloudWatchLogsClientConfig({ region: "us-east-1", accessKeyId: "AKIA" }, {}, "source"),
    ).toThrow(LogShipperError);
  });
});
