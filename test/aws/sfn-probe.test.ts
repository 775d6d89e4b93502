import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { scaleOutDefinition } from "../../constructs/private/state-machine";
import { motoOptions } from "../support/aws";
import { awsJson, enableSfnExecution, serveCallbacks, sqsCallbackTask } from "../support/sfn";

it("probe", async () => {
  const { endpoint, credentials } = motoOptions();
  const region = "eu-north-1";
  await enableSfnExecution(endpoint);
  const s3 = new S3Client({ endpoint, region, credentials, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: "probe-plans", CreateBucketConfiguration: { LocationConstraint: region } }));
  await s3.send(new PutObjectCommand({ Bucket: "probe-plans", Key: "p/slices.json", Body: JSON.stringify([{ id: "s0000" }, { id: "s0001" }, { id: "s0002" }]) }));
  const q = await awsJson<{ QueueUrl: string }>(endpoint, region, "AmazonSQS.CreateQueue", { QueueName: "probe" });
  const def = scaleOutDefinition({ shipper: "billing", task: sqsCallbackTask(q.QueueUrl), resultBucket: "probe-plans", resultPrefix: "r", settings: { maxConcurrency: 2, sliceTarget: undefined } });
  const sm = await awsJson<{ stateMachineArn: string }>(endpoint, region, "AWSStepFunctions.CreateStateMachine", { name: "probe", definition: JSON.stringify(def), roleArn: "arn:aws:iam::123456789012:role/x" });
  const ex = await awsJson<{ executionArn: string }>(endpoint, region, "AWSStepFunctions.StartExecution", { stateMachineArn: sm.stateMachineArn, input: "{}" });
  const calls: unknown[] = [];
  const seen = new Map<string, number>();
  let status = "RUNNING";
  let failedOnce = false;
  await serveCallbacks({ endpoint, region, queueUrl: q.QueueUrl, deadlineMs: 30000,
    stop: async () => { const d = await awsJson<{ status: string }>(endpoint, region, "AWSStepFunctions.DescribeExecution", { executionArn: ex.executionArn }); status = d.status; return status !== "RUNNING"; },
    answer: async (m) => {
      calls.push({ step: m.step, payload: m.payload });
      if (m.step === "Plan") return { output: { shipper: "billing", runId: "r1", owner: "o", leaseToken: 3, sliceCount: 3, maxConcurrency: 2, planBucket: "probe-plans", planKey: "p/slices.json" } };
      if (m.step === "ShipSlice") {
        const id = (m.payload.slice as { id: string }).id;
        const n = (seen.get(id) ?? 0) + 1; seen.set(id, n);
        if (id === "s0001" && !failedOnce) { failedOnce = true; throw Object.assign(new Error("killed"), { name: "Sandbox.Timedout" }); }
        return { output: { done: n >= 2 } };
      }
      return { output: { status: "failed" } };
    } });
  const hist = await awsJson<{ events: Array<{ type: string }> }>(endpoint, region, "AWSStepFunctions.GetExecutionHistory", { executionArn: ex.executionArn, maxResults: 1000 });
  console.log(status, JSON.stringify(calls, null, 1), [...seen], hist.events.map((e) => e.type).join(","));
}, 60000);
