import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { type App, type TerraformResource, TerraformStack, Testing } from "cdktf";
import { HANDLER_BUNDLE_CONTEXT } from "../../constructs";
import type { Shipper } from "../../generated/config";

/** A tiny stand-in for the prebuilt handler (dist/lambda/index.js): the constructs only copy it into the archive. */
export const PLACEHOLDER_HANDLER = `"use strict";
exports.handler = async (event) => ({ placeholder: "log-shipper-test-placeholder", shipper: event.shipper });
`;

/** A daily shipper from the Kestra API to Datadog EU, with one secret. */
export const DATADOG_SHIPPER: Shipper = {
  id: "datadog",
  source: { type: "kestra", url: "https://kestra.example.com" },
  schedule: "@daily",
  logExporters: [
    {
      id: "dd",
      type: "io.kestra.plugin.ee.datadog.LogExporter",
      basePath: "https://http-intake.logs.datadoghq.eu",
      apiKey: "{{ secret('DATADOG_API_KEY') }}",
    },
  ],
};

/**
 * Temp directories for one test file: a placeholder handler bundle and one cdktf outdir per app. Call `cleanup()` in
 * `afterAll`; cdktf never removes its out dirs itself.
 */
export class ConstructsSandbox {
  readonly root = mkdtempSync(join(tmpdir(), "logshipper-constructs-"));
  readonly handlerBundle = join(this.root, "handler.js");
  private apps = 0;

  /** @param handlerSource the handler bundle's text: CommonJS exporting `handler` */
  constructor(handlerSource: string | Buffer = PLACEHOLDER_HANDLER) {
    writeFileSync(this.handlerBundle, handlerSource);
  }

  /** A testing app whose runtimes deploy the placeholder handler, writing into this sandbox. */
  app(context: Record<string, unknown> = {}): App {
    return Testing.app({
      outdir: mkdtempSync(join(this.root, `app${++this.apps}-`)),
      context: { [HANDLER_BUNDLE_CONTEXT]: this.handlerBundle, ...context },
    });
  }

  /** A stack with an AWS provider (cdktf's validations want one). */
  stack(id = "test", region = "eu-west-1"): TerraformStack {
    const stack = new TerraformStack(this.app(), id);
    new AwsProvider(stack, "aws", { region });
    return stack;
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** A synthesized stack as plain JSON. */
export interface Synthesized {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
}

/** `Testing.synth` with the validations on, parsed. */
export function synth(stack: TerraformStack): Synthesized {
  return JSON.parse(Testing.synth(stack, true)) as Synthesized;
}

/** Every resource of one Terraform type, by logical id. */
export function resources(s: Synthesized, type: string): Record<string, Record<string, unknown>> {
  return s.resource?.[type] ?? {};
}

/** The synthesized body of one resource construct. */
export function resourceOf(s: Synthesized, element: TerraformResource): Record<string, unknown> {
  const body = s.resource?.[element.terraformResourceType]?.[element.friendlyUniqueId];
  if (body === undefined)
    throw new Error(`${element.node.path} (${element.terraformResourceType}) is not synthesized`);
  return body;
}

/** An IAM policy statement as synthesized. */
export interface Statement {
  Sid?: string;
  Effect: string;
  Action: string[];
  Resource?: string[];
  Principal?: unknown;
  Condition?: unknown;
}

/** The statements of a synthesized policy document (a JSON string). */
export function statements(policy: unknown): Statement[] {
  return (JSON.parse(policy as string) as { Statement: Statement[] }).Statement;
}
