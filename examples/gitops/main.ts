// The GitOps example's infrastructure: flow.yaml's shippers on one reconciler Lambda, with the Terraform state in
// S3. The workflow in .github/workflows/logshipper.yml synthesizes and deploys it on every merge to main.
// The constructs come from the log-shipper package, as in your own repository (`npm i @logshipper/log-shipper`).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, S3Backend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { LogShipper, LogShipperRuntime } from "@logshipper/log-shipper/constructs";

/** Where the Terraform state lives; CI runners keep nothing between runs. */
export interface GitOpsStackProps {
  /** The state bucket. */
  readonly stateBucket: string;
  /** The AWS region of everything. */
  readonly region: string;
  /** The Kestra instance the shippers read. */
  readonly kestraUrl: string;
}

/** flow.yaml's shippers on a `logshipper-gitops` reconciler. */
export class GitOpsExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: GitOpsStackProps) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: props.region });
    const backend = new S3Backend(this, {
      bucket: props.stateBucket,
      key: `log-shipper/${id}.tfstate`,
      region: props.region,
      encrypt: true,
    });
    backend.addOverride("use_lockfile", true); // S3-native locking (Terraform >= 1.10)

    const runtime = new LogShipperRuntime(this, "Runtime", {
      // fixed names, so that the CI's `logshipper plan --state dynamodb://logshipper-gitops-offsets` finds the table
      functionName: "logshipper-gitops",
      environment: { KESTRA_URL: props.kestraUrl },
      createAlarms: true,
    });
    LogShipper.fromKestraFlow(this, "Flow", readFileSync(join(__dirname, "flow.yaml"), "utf8"), {
      runtime,
      fileName: "flow.yaml",
      source: { type: "kestra", auth: { type: "bearer", token: "{{ secret('KESTRA_API_TOKEN') }}" } },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new GitOpsExampleStack(app, "logshipper-gitops", {
    stateBucket: process.env.TF_STATE_BUCKET ?? "my-terraform-state",
    region: process.env.AWS_REGION ?? "eu-west-1",
    kestraUrl: process.env.KESTRA_URL ?? "https://kestra.example.com",
  });
  app.synth();
}
