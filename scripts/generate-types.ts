/**
 * Generates `generated/*.ts` from the JSON Schemas in `schemas/`, which are the single source of truth, and
 * `generated/validators.js`: the schemas' Ajv validators compiled ahead of time (standalone code), so that no run
 * of the CLI or the Lambda pays for compiling them (about 0.3 s of CPU and 20 MB at every start).
 *
 *   npm run generate            rewrite the generated files
 *   npm run generate -- --check exit 1 when a generated file is stale (used by a test and by CI)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import standaloneCode from "ajv/dist/standalone";
import { compile, type JSONSchema } from "json-schema-to-typescript";
import { AJV_OPTIONS, VALIDATOR_REFS } from "../src/config/schema-refs";

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

/** The file of precompiled validators (CommonJS, with its declarations beside it). */
export const VALIDATORS = "generated/validators.js";
const VALIDATORS_DTS = "generated/validators.d.ts";

/** Renders the precompiled Ajv validators of every schema (one export per entry of `VALIDATOR_REFS`). */
export function renderValidators(): { js: string; dts: string } {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true, esm: false, lines: true } });
  for (const g of GENERATED) ajv.addSchema(JSON.parse(readFileSync(join(root, g.schema), "utf8")) as object);
  const code = standaloneCode(ajv, { ...VALIDATOR_REFS });
  const head = `/* eslint-disable */\n// GENERATED from schemas/*.schema.json by scripts/generate-types.ts (Ajv standalone code). Do not edit by hand:\n// change a schema and run \`npm run generate\`.\n`;
  const dts =
    `${head}import type { ValidateFunction } from "ajv";\n\n` +
    Object.keys(VALIDATOR_REFS)
      .map(
        (name) =>
          `/** Validates against ${VALIDATOR_REFS[name as keyof typeof VALIDATOR_REFS]}. */\nexport declare const ${name}: ValidateFunction;\n`,
      )
      .join("");
  return { js: `${head}${code}\n`, dts };
}

/** Returns the generated files that differ from what the schemas produce. */
export async function staleFiles(): Promise<string[]> {
  const stale: string[] = [];
  const validators = renderValidators();
  for (const [output, want] of [
    [VALIDATORS, validators.js],
    [VALIDATORS_DTS, validators.dts],
  ] as const) {
    let have = "";
    try {
      have = readFileSync(join(root, output), "utf8");
    } catch {
      /* missing counts as stale */
    }
    if (have !== want) stale.push(output);
  }
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
  const validators = renderValidators();
  writeFileSync(join(root, VALIDATORS), validators.js);
  writeFileSync(join(root, VALIDATORS_DTS), validators.dts);
  console.log(`wrote ${VALIDATORS} and ${VALIDATORS_DTS}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
