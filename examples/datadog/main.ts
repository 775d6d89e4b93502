// The Datadog example of Kestra's LogShipper docs, as CDK-for-Terraform constructs: Kestra's logs shipped daily to
// Datadog's EU intake by a Lambda. Synthesize offline with:
//   cd examples/datadog && npx cdktf synth    (or npx cdktn synth, or npx tsx main.ts; writes cdktf.out/stacks/logshipper-datadog/cdk.tf.json)
// then set the secret values out of band (see docs/constructs.md) and deploy with terraform or cdktf.
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, LocalBackend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { LogShipper, LogShipperRuntime } from "@logshipper/log-shipper/constructs";

/** One reconciler Lambda and one daily shipper from the Kestra API to Datadog. */
export class DatadogExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1" });
    // relative to cdktf.out/stacks/<id>: the state stays next to cdktf.json, and no absolute path is synthesized
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });

    const runtime = new LogShipperRuntime(this, "Runtime");
    new LogShipper(this, "Datadog", {
      runtime,
      id: "datadog",
      description: "Kestra logs to Datadog (EU)",
      source: {
        type: "kestra",
        url: "https://kestra.example.com",
        auth: { type: "bearer", token: "{{ secret('KESTRA_API_TOKEN') }}" },
      },
      schedule: "@daily",
      logLevelFilter: "INFO",
      lookbackPeriod: "P1D",
      logExporters: [
        {
          id: "DatadogLogExporter",
          type: "io.kestra.plugin.ee.datadog.LogExporter",
          basePath: "https://http-intake.logs.datadoghq.eu",
          apiKey: "{{ secret('DATADOG_API_KEY') }}",
        },
      ],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new DatadogExampleStack(app, "logshipper-datadog");
  app.synth();
}
