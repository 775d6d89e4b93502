import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { entries, writeJsonl } from "../support/fixtures";
import { readZip } from "../support/zip";
import {
  CDKTF_JSON,
  cdkSynth,
  copyExample,
  type Flavour,
  FLAVOURS,
  installApp,
  npm,
  type Packed,
  packProject,
  readmeMainTs,
  readStack,
  removeAll,
  REPO,
  run,
  type StackJson,
  toCdktn,
  TSCONFIG_JSON,
} from "../support/package-app";

// The package as a user gets it: `npm pack`, installed into a fresh app outside the repository next to cdktf or CDK
// Terrain, the README's main.ts and the examples synthesized there offline with the flavour's CLI, and the installed
// `logshipper` CLI run. About a minute per flavour with a warm npm cache (most of it installing the provider bindings).
jest.setTimeout(600_000);

const VERSION = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string }).version;
const EXAMPLES: ReadonlyArray<[string, string]> = [
  ["datadog", "logshipper-datadog"],
  ["cloudwatch", "logshipper-cloudwatch"],
  ["kestra-flow", "logshipper-kestra-flow"],
  ["gitops", "logshipper-gitops"],
];

let packed: Packed;
const apps: Partial<Record<Flavour, string>> = {};
/** The synthesized stacks, by flavour and stack id. */
const stacks: Record<Flavour, Map<string, StackJson>> = { cdktf: new Map(), cdktn: new Map() };

beforeAll(async () => {
  packed = packProject();
  // both apps at once: installing is mostly waiting for the disk
  const [cdktf, cdktn] = await Promise.all([
    installApp("cdktf", packed.tarball),
    installApp("cdktn", packed.tarball),
  ]);
  Object.assign(apps, { cdktf, cdktn });
});
afterAll(() => removeAll([packed?.dir, apps.cdktf, apps.cdktn]));

describe("the npm package", () => {
  it("holds the bundles, the prebuilt Lambda and the type declarations, and nothing of the repository's tooling", () => {
    const files = packed.files;
    for (const f of [
      "package.json",
      "README.md",
      "bin/logshipper.js",
      "dist/cli.js",
      "dist/index.js",
      "dist/lambda/index.js",
      "dist/constructs/index.js",
      "dist/types/src/index.d.ts",
      "dist/types/constructs/index.d.ts",
    ]) {
      expect(files).toContain(f);
    }
    const outside = files.filter(
      (f) => !/^(bin|dist|schemas)\//.test(f) && !["package.json", "README.md", "CHANGELOG.md"].includes(f),
    );
    expect(outside).toEqual([]);
    // no TypeScript sources (only declarations), no tests, bench, docs or examples
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    // what it weighs (README "The package"): about 1.5 MB packed; the bound catches an accidental folder
    expect(packed.size).toBeLessThan(3_000_000);
    expect(packed.unpackedSize).toBeLessThan(12_000_000);
  });
});

describe.each<Flavour>(["cdktf", "cdktn"])("installed next to %s", (flavour) => {
  let app: string;
  beforeAll(() => {
    app = apps[flavour] as string;
  });

  it(`the README's main.ts synthesizes offline with \`${FLAVOURS[flavour].cli} synth\`: schedule, Lambda, table, policies`, async () => {
    const main = readmeMainTs();
    writeFileSync(join(app, "main.ts"), flavour === "cdktn" ? toCdktn(main) : main);
    writeFileSync(join(app, "cdktf.json"), CDKTF_JSON);
    const out = await cdkSynth(flavour, app, app);
    expect(out.stdout).toMatch(/Generated Terraform code for the stacks: logshipper/);
    const stack = readStack(app, "logshipper");
    stacks[flavour].set("readme", stack);

    const [schedule, ...moreSchedules] = Object.values(stack.resource.aws_scheduler_schedule ?? {});
    expect(moreSchedules).toEqual([]);
    expect(schedule).toEqual(
      expect.objectContaining({
        schedule_expression: "cron(0 0 * * ? *)",
        schedule_expression_timezone: "UTC",
        flexible_time_window: { mode: "OFF" },
        target: expect.objectContaining({ input: JSON.stringify({ shipper: "datadog" }) }),
      }),
    );

    const [fn] = Object.values(stack.resource.aws_lambda_function ?? {});
    expect(fn).toEqual(
      expect.objectContaining({ runtime: "nodejs24.x", architectures: ["arm64"], handler: "index.handler" }),
    );
    const hash = fn?.source_code_hash as string;
    expect(hash).toMatch(/^[0-9A-F]{32}$/);
    expect(fn?.filename).toMatch(new RegExp(`^assets/[^/]+/${hash}/archive\\.zip$`));
    // the archive: the package's prebuilt handler, byte for byte, and the shipper's config
    const zip = readZip(readFileSync(join(app, "cdktf.out", "stacks", "logshipper", fn?.filename as string)));
    expect([...zip.keys()].sort()).toEqual(["index.js", "logshipper.config.json"]);
    const prebuilt = join(app, "node_modules", "@logshipper", "log-shipper", "dist", "lambda", "index.js");
    expect(zip.get("index.js")?.equals(readFileSync(prebuilt))).toBe(true);
    const config = JSON.parse(zip.get("logshipper.config.json")?.toString() ?? "") as {
      shippers: Array<{ id: string }>;
    };
    expect(config.shippers.map((s) => s.id)).toEqual(["datadog"]);

    const [table] = Object.values(stack.resource.aws_dynamodb_table ?? {});
    expect(table).toEqual(expect.objectContaining({ hash_key: "shipper", range_key: "item" }));
    const policies = Object.values(stack.resource.aws_iam_role_policy ?? {}).map((p) => p.name);
    expect(policies.sort()).toEqual(["invoke-reconciler", "logshipper-datadog", "logshipper-runtime"]);
    expect(Object.keys(stack.resource.aws_secretsmanager_secret ?? {})).toHaveLength(1);
    // nothing of the machine that synthesized it
    expect(JSON.stringify(stack)).not.toContain(app);
  });

  it("the README's main.ts type-checks against the package's declarations (strict, skipLibCheck off)", () => {
    writeFileSync(join(app, "tsconfig.json"), TSCONFIG_JSON);
    const tsc = run(join(app, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.json"], app);
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });

  it("synthesizes every example in its own folder, importing the package through its exports map", async () => {
    const dirs = EXAMPLES.map(([name]) => copyExample(name, app, flavour));
    for (const dir of dirs) {
      expect(readFileSync(join(dir, "main.ts"), "utf8")).toContain(
        'from "@logshipper/log-shipper/constructs"',
      );
    }
    // two at a time: each synth is a CLI that starts the app in a child process
    for (let i = 0; i < dirs.length; i += 2) {
      await Promise.all(dirs.slice(i, i + 2).map((dir) => cdkSynth(flavour, app, dir)));
    }
    EXAMPLES.forEach(([name, id], i) => stacks[flavour].set(name, readStack(dirs[i] as string, id)));
  });

  it("runs the installed CLI: --version, validate and plan", () => {
    const bin = join(app, "node_modules", ".bin", "logshipper");
    expect(run(bin, ["--version"], app).stdout.trim()).toBe(VERSION);
    writeFileSync(
      join(app, "logshipper.yaml"),
      "shippers:\n  - id: app\n    source: { type: file, path: logs/*.jsonl }\n    logExporters:\n" +
        "      - { id: out, type: file, path: shipped/out.jsonl }\n",
    );
    npm(["exec", "--offline", "--", "logshipper", "--version"], app);
    const validate = run(bin, ["validate", "--config", "logshipper.yaml"], app);
    expect(validate.stderr).toBe("");
    expect(validate.status).toBe(0);
    const plan = run(bin, ["plan", "--config", "logshipper.yaml", "--json"], app);
    expect(plan.status).toBe(0);
    expect(JSON.parse(plan.stdout)).toEqual(
      expect.objectContaining({
        command: "plan",
        shippers: [
          expect.objectContaining({ id: "app", exporters: [expect.objectContaining({ id: "out" })] }),
        ],
      }),
    );
    const bad = run(bin, ["validate", "--config", "missing.yaml"], app);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/missing\.yaml.*file not found/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it("runs a sliced apply --parallel 2 from the installed package: worker threads, every record once", () => {
    const bin = join(app, "node_modules", ".bin", "logshipper");
    const t0 = Date.parse("2026-12-01T00:00:00.000Z");
    writeJsonl(join(app, "logs", "app.jsonl"), entries(3000, t0));
    const args = ["apply", "--config", "logshipper.yaml", "--now", "2026-12-01T01:00:00Z", "--json"];
    // 3,000 records in slices of 500: the backlog is sliced (it holds at least twice the target)
    const first = run(bin, [...args, "--parallel", "2", "--slice-target", "500"], app);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout).shippers[0].exporters[0]).toMatchObject({ id: "out", shipped: 3000 });
    const lines = readFileSync(join(app, "shipped", "out.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean);
    expect(lines).toHaveLength(3000);
    expect(new Set(lines).size).toBe(3000);
    const again = run(bin, [...args, "--parallel", "2"], app);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout).shippers[0].exporters[0]).toMatchObject({ shipped: 0 });
  });

  it("loads the runtime API from the package root (loadConfig, plan)", () => {
    writeFileSync(
      join(app, "embed.js"),
      `const { loadConfig, plan, openStateStore } = require("@logshipper/log-shipper");
(async () => {
  const config = await loadConfig("logshipper.yaml");
  const state = await openStateStore(".logshipper/state");
  const { report } = await plan(config, { state, now: new Date("2026-12-01T00:00:00Z"), count: false });
  console.log(JSON.stringify(report.shippers.map((s) => s.id)));
})().catch((e) => { console.error(e.message); process.exit(1); });
`,
    );
    const embed = run(process.execPath, ["embed.js"], app);
    expect(embed.stderr).toBe("");
    expect(JSON.parse(embed.stdout)).toEqual(["app"]);
  });
});

/** A stack without what legitimately differs between the flavours (asserted by the test below). */
function comparable(stack: StackJson): StackJson {
  const copy = JSON.parse(JSON.stringify(stack)) as StackJson;
  const metadata = copy["//"]?.metadata;
  if (metadata !== undefined) delete metadata.version;
  const aws = copy.terraform?.required_providers?.aws;
  if (aws !== undefined) copy.terraform!.required_providers!.aws = { source: "<aws>", version: "<aws>" };
  return copy;
}

describe("cdktf and CDK Terrain", () => {
  it("synthesize the same Terraform JSON for the README and every example, asset hashes included", () => {
    expect([...stacks.cdktn.keys()].sort()).toEqual([...stacks.cdktf.keys()].sort());
    expect(stacks.cdktf.size).toBe(EXAMPLES.length + 1);
    for (const [name, cdktf] of stacks.cdktf) {
      const cdktn = stacks.cdktn.get(name) as StackJson;
      expect({ name, stack: comparable(cdktn) }).toEqual({ name, stack: comparable(cdktf) });
      // what differs: the library version in the metadata, and the AWS provider each flavour's prebuilt bindings
      // pin: cdktf 0.21's shorthand source "aws" at 6.25.0, CDK Terrain's explicit "hashicorp/aws" (the same provider
      // for Terraform; OpenTofu reads it from its own registry) at a later 6.x
      expect(cdktf["//"]?.metadata?.version).toBe("0.21.0");
      expect(cdktn["//"]?.metadata?.version).toBe("0.24.0");
      expect(cdktf.terraform?.required_providers?.aws).toEqual({ source: "aws", version: "6.25.0" });
      expect(cdktn.terraform?.required_providers?.aws).toEqual({
        source: "hashicorp/aws",
        version: expect.stringMatching(/^6\.(2[6-9]|[3-9]\d)\.\d+$/),
      });
    }
  });
});
