// The AWS CloudWatch example of Kestra's LogShipper docs, as CDK-for-Terraform constructs: Kestra's logs shipped
// daily to the `kestra` log group by a Lambda. Synthesize offline with:
//   cd examples/cloudwatch && npx cdktf synth    (or npx cdktn synth, or npx tsx main.ts; writes cdktf.out/stacks/logshipper-cloudwatch/cdk.tf.json)
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, LocalBackend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { LogShipper, LogShipperRuntime } from "@logshipper/log-shipper/constructs";

const REGION = "eu-west-1";

/** One reconciler Lambda and one daily shipper from the Kestra API to CloudWatch Logs. */
export class CloudWatchExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: REGION });
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });

    const runtime = new LogShipperRuntime(this, "Runtime", {
      environment: { KESTRA_URL: "https://kestra.example.com" },
      createAlarms: true,
    });
    new LogShipper(this, "CloudWatch", {
      runtime,
      id: "cloudwatch",
      source: { type: "kestra", auth: { type: "bearer", token: "{{ secret('KESTRA_API_TOKEN') }}" } },
      schedule: "@daily",
      logLevelFilter: "INFO",
      lookbackPeriod: "P1D",
      offsetKey: "LogShipper-state-2",
      logExporters: [
        {
          id: "AWSLogExporter",
          type: "io.kestra.plugin.ee.aws.cloudwatch.LogExporter",
          // Kestra's example passes access keys; without them the exporter uses the Lambda's role, which the
          // construct grants logs:CreateLogStream/PutLogEvents/DescribeLogStreams on this log group
          accessKeyId: "{{ secret('AWS_ACCESS_KEY_ID') }}",
          secretKeyId: "{{ secret('AWS_SECRET_KEY_ID') }}",
          region: REGION,
          logGroupName: "kestra",
          logStreamName: "kestra-log-stream",
        },
      ],
      // create the `kestra` log group and its stream in this stack's account and region
      createLogGroups: true,
      logGroupRetentionDays: 90,
    });
  }
}

if (require.main === module) {
  const app = new App();
  new CloudWatchExampleStack(app, "logshipper-cloudwatch");
  app.synth();
}
