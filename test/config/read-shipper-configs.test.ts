import { ConfigError } from "../../src/config/errors";
import { loadConfigText, readShipperConfigs } from "../../src/config/load";

const FLOW = `
id: log_shipper
namespace: company.team
variables:
  region: eu-west-1
triggers:
  - id: daily
    type: io.kestra.plugin.core.trigger.Schedule
    cron: "@daily"
tasks:
  - id: log_export
    type: io.kestra.plugin.ee.core.log.LogShipper
    offsetKey: LogShipper-state-2
    logExporters:
      - id: aws_cloudwatch
        type: io.kestra.plugin.ee.aws.cloudwatch.LogExporter
        accessKeyId: "{{ secret('AWS_ACCESS_KEY_ID') }}"
        region: "{{ vars.region }}"
        logGroupName: kestra
        logStreamName: kestra-log-stream
`;

describe("readShipperConfigs", () => {
  it("returns each shipper of a Kestra flow in the native shape, variables rendered and secrets kept", () => {
    const loaded = readShipperConfigs("flow.yaml", FLOW, "/", {});
    expect(loaded.kind).toBe("kestra-flow");
    expect(loaded.configs).toEqual([
      {
        id: "company.team.log_shipper.log_export",
        source: { type: "kestra" },
        schedule: "@daily",
        offsetKey: "LogShipper-state-2",
        logExporters: [
          {
            id: "aws_cloudwatch",
            type: "io.kestra.plugin.ee.aws.cloudwatch.LogExporter",
            accessKeyId: "{{ secret('AWS_ACCESS_KEY_ID') }}",
            region: "eu-west-1",
            logGroupName: "kestra",
            logStreamName: "kestra-log-stream",
          },
        ],
      },
    ]);
  });

  it("configs written back as a native config load to the same shippers (dotted Kestra ids included)", () => {
    const fromFlow = readShipperConfigs("flow.yaml", FLOW, "/", {});
    const native = loadConfigText("native.json", JSON.stringify({ shippers: fromFlow.configs }), "/", {
      strictVars: true,
    });
    expect(native.kind).toBe("native");
    expect(native.shippers).toEqual(fromFlow.shippers);
  });

  it("throws the same ConfigError as loadConfigText", () => {
    const bad = FLOW.replace("        logGroupName: kestra\n", "");
    expect(() => readShipperConfigs("flow.yaml", bad, "/")).toThrow(ConfigError);
    expect(() => readShipperConfigs("flow.yaml", bad, "/")).toThrow(/logGroupName/);
  });
});
