import type { Source as SourceConfig } from "../../generated/config";
import type { SecretResolver } from "../secrets/secret-resolver";
import { FileSource } from "./file-source";
import type { Source } from "./source";

/** What a source factory gets. */
export interface SourceContext {
  /** Directory that relative paths resolve against. */
  readonly baseDir: string;
  readonly env: NodeJS.ProcessEnv;
  /** Resolves `{{ secret() }}` in credentials; absent for `plan` where no credentials are read. */
  readonly secrets?: SecretResolver;
}

/** Creates the source a shipper reads from. */
export async function createSource(config: SourceConfig, context: SourceContext): Promise<Source> {
  switch (config.type) {
    case "file":
      return new FileSource(config, context.baseDir);
    case "kestra":
    case "cloudwatch":
      throw new Error(`the ${config.type} source is not available in this build`);
  }
}
