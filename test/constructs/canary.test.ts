import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { CloudWatchExampleStack } from "../../examples/cloudwatch/main";
import { DatadogExampleStack } from "../../examples/datadog/main";
import { LogShipper, LogShipperRuntime } from "../../constructs";
import { readZip } from "../support/zip";
import { ConstructsSandbox } from "./helpers";

const sandbox = new ConstructsSandbox();
afterAll(() => sandbox.cleanup());

/** Values that only exist in this process's environment, as a CI runner or a developer's shell would hold them. */
const CANARY = "canary-3f9c2e71-never-in-terraform";
const CANARY_B64 = Buffer.from(CANARY).toString("base64");
const EXISTING_CANARY = "canary-existing-secret-value-a81d";

/** Every file under a directory, zip archives unpacked, as `[path, text]`. */
function everyFile(dir: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...everyFile(path));
    else if (name.endsWith(".zip")) {
      for (const [entry, content] of readZip(readFileSync(path)))
        out.push([`${path}!${entry}`, content.toString("utf8")]);
    } else out.push([path, readFileSync(path, "utf8")]);
  }
  return out;
}

describe("secret values", () => {
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
  });

  it("never appear in the synthesized output, the bundled config or the archive", () => {
    // every way a value could be at hand at synth time: Kestra OSS's SECRET_<NAME> (base64), a plain variable
    Object.assign(process.env, {
      SECRET_DATADOG_API_KEY: CANARY_B64,
      DATADOG_API_KEY: CANARY,
      SECRET_AWS_SECRET_KEY_ID: CANARY_B64,
      AWS_SECRET_KEY_ID: CANARY,
      KESTRA_API_TOKEN: CANARY,
      SECRET_PROD_TOKEN: Buffer.from(EXISTING_CANARY).toString("base64"),
    });
    const app = sandbox.app();
    new DatadogExampleStack(app, "datadog");
    new CloudWatchExampleStack(app, "cloudwatch");
    const stack = new DatadogExampleStack(app, "existing");
    const runtime = stack.node.findChild("Runtime") as LogShipperRuntime;
    new LogShipper(stack, "Existing", {
      runtime,
      id: "existing",
      source: { type: "kestra", url: "https://kestra.example.com" },
      logExporters: [
        {
          id: "otel",
          type: "opentelemetry",
          otlpEndpoint: "https://otel.example.com/v1/logs",
          authorizationHeaderName: "Authorization",
          authorizationHeaderValue: "Bearer {{ secret('PROD_TOKEN') }}",
        },
      ],
      secrets: {
        PROD_TOKEN: {
          existingSecretArn:
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:logshipper/PROD_TOKEN-Xy12Za",
        },
      },
    });
    app.synth();

    const files = everyFile(app.outdir);
    // the scan does read the archives: the secret *names* are there, in the bundled config
    const configs = files.filter(([path]) => path.endsWith("!logshipper.config.json"));
    expect(configs).toHaveLength(3);
    expect(configs.map(([, text]) => text).join("\n")).toContain("{{ secret('DATADOG_API_KEY') }}");
    expect(files.some(([, text]) => text.includes("logshipper/PROD_TOKEN-Xy12Za"))).toBe(true);
    for (const [path, text] of files) {
      for (const value of [CANARY, CANARY_B64, EXISTING_CANARY]) {
        if (text.includes(value)) throw new Error(`${path} holds a secret value`);
      }
    }
  });
});
