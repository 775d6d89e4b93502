import { join } from "node:path";
import { build } from "esbuild";
import type { ValidateFunction } from "ajv";
import { validateNativeConfig, validateOffsetRecord, validateSource } from "../../src/config/schema";

const root = join(__dirname, "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const buildScript = require("../../scripts/build.js") as {
  precompiledValidatorsModule(): string;
  precompiledRefs(): string[];
};

/** The precompiled validators exactly as the bundles get them, loaded as a module. */
async function loadPrecompiled(): Promise<Record<string, ValidateFunction>> {
  const out = await build({
    stdin: { contents: buildScript.precompiledValidatorsModule(), resolveDir: root, loader: "js" },
    bundle: true,
    format: "cjs",
    platform: "node",
    write: false,
    logLevel: "silent",
  });
  const mod = { exports: {} as { PRECOMPILED?: Record<string, ValidateFunction> } };
  new Function("module", "exports", "require", out.outputFiles[0]?.text ?? "")(mod, mod.exports, require);
  return mod.exports.PRECOMPILED ?? {};
}

const CONFIG = "https://log-shipper.dev/schemas/config.schema.json";
const OFFSET = "https://log-shipper.dev/schemas/state.schema.json#/$defs/offsetRecord";
const SOURCE = `${CONFIG}#/$defs/source`;

describe("precompiled schema validators (the bundles' ajv standalone code)", () => {
  let pre: Record<string, ValidateFunction>;
  beforeAll(async () => {
    pre = await loadPrecompiled();
  });

  it("cover the refs the build promises", () => {
    expect(Object.keys(pre).sort()).toEqual([...buildScript.precompiledRefs()].sort());
  });

  const configs: unknown[] = [
    {
      shippers: [
        {
          id: "x",
          source: { type: "file", path: "a" },
          logExporters: [{ id: "e", type: "file", path: "o" }],
        },
      ],
    },
    {
      shippers: [
        { id: "x", source: { type: "file", path: "a" }, logExporters: [{ id: "e", type: "file", pth: "o" }] },
      ],
    },
    { shippers: [{ id: "-bad", source: { type: "kestra" }, logExporters: [{ id: "e", type: "datadog" }] }] },
    { shippers: [{ id: "x", source: { type: "nope" }, lookbackPeriod: "1 day", logExporters: [] }] },
    { shipers: [] },
    "not an object",
  ];

  it.each(configs.map((c, i) => [i, c]))(
    "give the runtime compiler's verdict and errors for config %i",
    (_i, doc) => {
      const fn = pre[CONFIG] as ValidateFunction;
      const valid = fn(doc);
      const expected = validateNativeConfig(doc);
      expect(valid).toBe(expected.length === 0);
      expect(fn.errors ?? []).toEqual(expected);
    },
  );

  it("agree on offset records and sources", () => {
    for (const doc of [
      { cursor: { ts: "x", key: "" } },
      {
        cursor: { ts: "2026-01-01T00:00:00.000000000Z", key: "" },
        updatedAt: "",
        configHash: "",
        shipped: 1,
        rejected: 0,
      },
    ]) {
      const fn = pre[OFFSET] as ValidateFunction;
      fn(doc);
      expect(fn.errors ?? []).toEqual(validateOffsetRecord(doc));
    }
    const src = pre[SOURCE] as ValidateFunction;
    src({ type: "file" });
    expect(src.errors ?? []).toEqual(validateSource({ type: "file" }));
  });
});
