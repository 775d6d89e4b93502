// A Kestra flow with a LogShipper task, deployed unchanged as a Lambda: flow.yaml is the AWS CloudWatch example of
// Kestra's LogShipper docs (kestra-io/docs, docs/07.enterprise/02.governance/logshipper). Its Schedule trigger becomes
// an EventBridge Scheduler schedule, its {{ secret('X') }} become Secrets Manager secrets, and {{ vars.region }} is
// given below. Synthesize offline with:
//   cd examples/kestra-flow && npx cdktf synth    (or npx cdktn synth, or npx tsx main.ts; writes cdktf.out/stacks/logshipper-kestra-flow/cdk.tf.json)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, LocalBackend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { LogShipper, LogShipperRuntime } from "@logshipper/log-shipper/constructs";

const REGION = "eu-west-1";

/** The shippers of flow.yaml on one reconciler Lambda. */
export class KestraFlowExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: REGION });
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });

    const runtime = new LogShipperRuntime(this, "Runtime");
    LogShipper.fromKestraFlow(this, "Flow", readFileSync(join(__dirname, "flow.yaml"), "utf8"), {
      runtime,
      fileName: "flow.yaml",
      vars: { region: REGION },
      // the Lambda reads the logs through the Kestra API
      source: {
        type: "kestra",
        url: "https://kestra.example.com",
        auth: { type: "bearer", token: "{{ secret('KESTRA_API_TOKEN') }}" },
      },
      createLogGroups: true,
    });
  }
}

if (require.main === module) {
  const app = new App();
  new KestraFlowExampleStack(app, "logshipper-kestra-flow");
  app.synth();
}
