import { randomBytes } from "node:crypto";
import type { AwsClientOptions } from "../../src/core/aws-client-options";

/** Client options that reach the moto_server of the global setup (dummy credentials, us-east-1). */
export function motoOptions(): AwsClientOptions & { endpoint: string } {
  const endpoint = process.env.MOTO_ENDPOINT;
  if (endpoint === undefined)
    throw new Error("MOTO_ENDPOINT is not set: run the tests through jest's global setup");
  return {
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    // an empty environment: nothing from the developer's shell (AWS_PROFILE, AWS_ENDPOINT_URL) leaks in
    env: {},
  };
}

/** A name no other test uses (tests share one moto_server, so they never reset it). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}
