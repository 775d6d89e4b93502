import type { LambdaClient } from "@aws-sdk/client-lambda";
import { awsClientConfig, LazyAwsClient, type AwsClientOptions } from "../core/aws-client-options";

/** The event of a continuation: one shipper, and how many self-invocations led to it. */
export interface ContinuationEvent {
  readonly shipper: string;
  readonly hop: number;
}

/** Starts a continuation of a shipper's run in a new invocation. */
export interface ContinuationInvoker {
  invoke(event: ContinuationEvent): Promise<void>;
}

/** Where the self-invoke goes. */
export interface LambdaSelfInvokerOptions extends AwsClientOptions {
  readonly functionName: string;
  /** An SDK client to use instead of creating one. */
  readonly client?: LambdaClient;
}

type Sdk = typeof import("@aws-sdk/client-lambda");

/**
 * Invokes this function again, asynchronously (`InvocationType: "Event"`: Lambda queues the event and answers
 * 202 at once), so that the continuation runs with a fresh time budget while this invocation ends.
 */
export class LambdaSelfInvoker implements ContinuationInvoker {
  private readonly lambda: LazyAwsClient<Sdk, LambdaClient>;

  constructor(private readonly options: LambdaSelfInvokerOptions) {
    this.lambda = new LazyAwsClient<Sdk, LambdaClient>(
      () => import("@aws-sdk/client-lambda"),
      (sdk) => new sdk.LambdaClient(awsClientConfig("lambda", options)),
      options.client,
    );
  }

  async invoke(event: ContinuationEvent): Promise<void> {
    await this.send(event);
  }

  /** Sends the `Invoke` request and returns Lambda's answer (`StatusCode` 202 for a queued event). */
  async send(event: ContinuationEvent): Promise<{ StatusCode?: number; Payload?: Uint8Array }> {
    const { sdk, client } = await this.lambda.get();
    return client.send(
      new sdk.InvokeCommand({
        FunctionName: this.options.functionName,
        InvocationType: "Event",
        Payload: Buffer.from(JSON.stringify({ shipper: event.shipper, hop: event.hop })),
      }),
    );
  }
}
