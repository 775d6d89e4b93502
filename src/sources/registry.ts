import type { Source as SourceConfig } from "../../generated/config";
import type { SecretResolver } from "../secrets/secret-resolver";
import { FileSource } from "./file-source";
import type { Source } from "./source";

/** What a source factory gets. */
export interface SourceContext {
  /** Directory that relative paths resolve against. */
  readonly baseDir: string;
  readonly env: NodeJS.ProcessEnv;
  /**
   * Resolves `{{ secret() }}` in a remote source's credentials (plan and apply both pass it: a remote source needs
   * them to check and count). Absent when the caller has no resolver.
   */
  readonly secrets?: SecretResolver;
}

/** Creates the source a shipper reads from. */
export async function createSource(config: SourceConfig, context: SourceContext): Promise<Source> {
  switch (config.type) {
    case "file":
      return new FileSource(config, context.baseDir);
    case "kestra":
      return (await import("./kestra-source.js")).createKestraSource(config, context);
    case "cloudwatch":
      return (await import("./cloudwatch-source.js")).createCloudWatchSource(config, context);
    case "s3":
      return (await import("./s3-source.js")).createS3Source(config, context);
  }
}
