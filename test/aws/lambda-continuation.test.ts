import { CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { LambdaSelfInvoker } from "../../src/lambda/continuation";
import { motoOptions, uniqueName } from "../support/aws";

/** moto's IAM Query API (no SDK client for IAM in this project): CreateFunction needs an existing role. */
async function createRole(endpoint: string, name: string): Promise<string> {
  const res = await fetch(`${endpoint}/`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization:
        "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0",
    },
    body: new URLSearchParams({
      Action: "CreateRole",
      Version: "2010-05-08",
      RoleName: name,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      }),
    }),
  });
  const text = await res.text();
  const arn = /<Arn>([^<]+)<\/Arn>/.exec(text)?.[1];
  if (arn === undefined) throw new Error(`CreateRole failed: ${text.slice(0, 300)}`);
  return arn;
}

/** An empty zip archive: moto stores the code without running it. */
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

describe("LambdaSelfInvoker (moto)", () => {
  it("queues the continuation with an asynchronous Invoke (InvocationType Event) of this function", async () => {
    const { endpoint, region, credentials } = motoOptions();
    // run invocations without Docker: moto's simple Lambda backend answers with the payload it received
    await fetch(`${endpoint}/moto-api/config`, {
      method: "POST",
      body: JSON.stringify({ lambda: { use_docker: false } }),
    });
    const functionName = uniqueName("reconciler");
    const lambda = new LambdaClient({ endpoint, region, credentials });
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: functionName,
        Runtime: "nodejs22.x",
        Role: await createRole(endpoint, uniqueName("role")),
        Handler: "index.handler",
        Code: { ZipFile: EMPTY_ZIP },
      }),
    );
    lambda.destroy();

    const invoker = new LambdaSelfInvoker({ ...motoOptions(), functionName });
    const out = await invoker.send({ shipper: "billing", hop: 3 });
    // 202 Accepted is the answer to InvocationType "Event" (a synchronous invoke answers 200)
    expect(out.StatusCode).toBe(202);
    expect(JSON.parse(Buffer.from(out.Payload ?? new Uint8Array()).toString("utf8"))).toEqual({
      shipper: "billing",
      hop: 3,
    });
    await expect(invoker.invoke({ shipper: "billing", hop: 4 })).resolves.toBeUndefined();
  });

  it("sends exactly FunctionName, InvocationType Event and the JSON event", async () => {
    const sent: unknown[] = [];
    const client = {
      send: async (command: { input: unknown }) => (sent.push(command.input), { StatusCode: 202 }),
    };
    const invoker = new LambdaSelfInvoker({ functionName: "fn", client: client as never });
    await invoker.invoke({ shipper: "s", hop: 1 });
    expect(sent).toEqual([
      { FunctionName: "fn", InvocationType: "Event", Payload: Buffer.from('{"shipper":"s","hop":1}') },
    ]);
  });
});
