/**
 * Generates `generated/*.ts` from the JSON Schemas in `schemas/`, which are the single source of truth.
 *
 *   npm run generate            rewrite the generated files
 *   npm run generate -- --check exit 1 when a generated file is stale (used by a test and by CI)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compile, type JSONSchema } from "json-schema-to-typescript";

const root = join(__dirname, "..");

/** The schemas and the file each one generates. */
export const GENERATED: ReadonlyArray<{ schema: string; output: string; name: string }> = [
  { schema: "schemas/config.schema.json", output: "generated/config.ts", name: "LogShipperConfig" },
  { schema: "schemas/report.schema.json", output: "generated/report.ts", name: "Reports" },
  { schema: "schemas/state.schema.json", output: "generated/state.ts", name: "StateFile" },
];

const banner = (schema: string): string =>
  `/* eslint-disable */\n/**\n * GENERATED from ${schema} by json-schema-to-typescript. Do not edit by hand:\n * change the schema and run \`npm run generate\`.\n */`;

/** Renders the TypeScript source for one schema file. */
export async function render(schemaPath: string, name: string): Promise<string> {
  const schema = JSON.parse(readFileSync(join(root, schemaPath), "utf8")) as JSONSchema;
  return compile(schema, name, {
    bannerComment: banner(schemaPath),
    additionalProperties: false,
    unreachableDefinitions: true,
    declareExternallyReferenced: true,
    strictIndexSignatures: true,
    maxItems: -1,
    format: true,
    style: { printWidth: 110, singleQuote: false, trailingComma: "all" },
    cwd: join(root, "schemas"),
  });
}

/** Returns the generated files that differ from what the schemas produce. */
export async function staleFiles(): Promise<string[]> {
  const stale: string[] = [];
  for (const g of GENERATED) {
    const want = await render(g.schema, g.name);
    let have = "";
    try {
      have = readFileSync(join(root, g.output), "utf8");
    } catch {
      /* missing counts as stale */
    }
    if (have !== want) stale.push(g.output);
  }
  return stale;
}

async function main(): Promise<void> {
  if (process.argv.includes("--check")) {
    const stale = await staleFiles();
    if (stale.length > 0) {
      console.error(`Generated files are stale: ${stale.join(", ")}. Run \`npm run generate\`.`);
      process.exitCode = 1;
    }
    return;
  }
  for (const g of GENERATED) {
    writeFileSync(join(root, g.output), await render(g.schema, g.name));
    console.log(`wrote ${g.output}`);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
