// Step Functions on moto_server for the scale-out tests: a small client of the AWS JSON protocol (Step Functions and
// SQS speak it; moto checks no signature, and reads the Region from the credential scope), the task factory that
// swaps each `lambda:invoke` for an SQS callback task, and the worker loop that answers those callbacks by running
// the real handler in-process.
import type { AslObject, ReconcilerStep, TaskFactory } from "../../constructs/private/state-machine";

/** Calls one action of a JSON-protocol AWS service on moto, in `region`. Throws with AWS's error on a non-2xx. */
export async function awsJson<T = Record<string, unknown>>(
  endpoint: string,
  region: string,
  target: string,
  body: Record<string, unknown>,
): Promise<T> {
  const service = target.startsWith("AmazonSQS.") ? "sqs" : "states";
  const res = await fetch(endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": target,
      authorization: `AWS4-HMAC-SHA256 Credential=test/20261204/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${target} in ${region}: HTTP ${res.status}: ${text.slice(0, 500)}`);
  return (text === "" ? {} : JSON.parse(text)) as T;
}

/** Turns on moto's execution of state machines (off by default; it then only records executions). */
export async function enableSfnExecution(endpoint: string): Promise<void> {
  const res = await fetch(`${endpoint}/moto-api/config`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ stepfunctions: { execute_state_machine: true } }),
  });
  if (!res.ok) throw new Error(`POST /moto-api/config: HTTP ${res.status}`);
}

/** What a callback message carries: the task token and the handler's event. */
export interface CallbackMessage {
  readonly token: string;
  readonly step: ReconcilerStep;
  readonly payload: Record<string, unknown>;
}

/**
 * A task factory for moto: each reconciler call becomes `sqs:sendMessage.waitForTaskToken` to `queueUrl`, the
 * message carrying `$$.Task.Token`, the step and the very payload the Lambda task would send.
 */
export function sqsCallbackTask(queueUrl: string): TaskFactory {
  return (step, payload): AslObject => ({
    Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
    Parameters: {
      QueueUrl: queueUrl,
      MessageBody: { "token.$": "$$.Task.Token", step, payload },
    },
  });
}

/** How the worker answers one callback: a result (sent as `{ Payload: result }`, like Lambda) or a failure. */
export type CallbackAnswer =
  { readonly output: unknown } | { readonly error: string; readonly cause: string };

/**
 * Reads callback messages from `queueUrl` until `stop()` returns true, answering each with `answer(message)`
 * (`SendTaskSuccess` with `{ Payload: output }`, or `SendTaskFailure`). Messages are handled `parallel` at a time.
 */
export async function serveCallbacks(options: {
  endpoint: string;
  region: string;
  queueUrl: string;
  answer: (message: CallbackMessage) => Promise<CallbackAnswer>;
  stop: () => Promise<boolean>;
  deadlineMs: number;
}): Promise<void> {
  const { endpoint, region, queueUrl } = options;
  const inFlight = new Set<Promise<void>>();
  const end = Date.now() + options.deadlineMs;
  while (!(await options.stop())) {
    if (Date.now() > end) throw new Error(`the execution did not end within ${options.deadlineMs} ms`);
    const got = await awsJson<{ Messages?: Array<{ Body: string; ReceiptHandle: string }> }>(
      endpoint,
      region,
      "AmazonSQS.ReceiveMessage",
      { QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 300 },
    );
    for (const m of got.Messages ?? []) {
      await awsJson(endpoint, region, "AmazonSQS.DeleteMessage", {
        QueueUrl: queueUrl,
        ReceiptHandle: m.ReceiptHandle,
      });
      const message = JSON.parse(m.Body) as CallbackMessage;
      const job = (async () => {
        // a handler that throws is a failed task, as a Lambda function error is (error = the error's name)
        const answer = await options.answer(message).catch((err: unknown): CallbackAnswer => ({
          error: err instanceof Error ? err.name : "Error",
          cause: err instanceof Error ? err.message : String(err),
        }));
        if ("output" in answer)
          await awsJson(endpoint, region, "AWSStepFunctions.SendTaskSuccess", {
            taskToken: message.token,
            output: JSON.stringify({ Payload: answer.output }),
          });
        else
          await awsJson(endpoint, region, "AWSStepFunctions.SendTaskFailure", {
            taskToken: message.token,
            error: answer.error,
            cause: answer.cause,
          });
      })();
      inFlight.add(job);
      void job.finally(() => inFlight.delete(job));
    }
    if ((got.Messages ?? []).length === 0) await new Promise((r) => setTimeout(r, 50));
  }
  await Promise.all(inFlight);
}
