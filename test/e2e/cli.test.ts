import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { validateApplyReport, validatePlanReport } from "../../src/config/schema";
import { FileStateStore } from "../../src/state/file-state-store";
import { writeKestraLogFile } from "../../src/testing/kestra-log-generator";
import { runCli, startCli } from "../support/cli";
import { entries, tempDir, writeJsonl } from "../support/fixtures";

const root = join(__dirname, "..", "..");
const NOW = "2026-11-25T12:00:00Z";
const T0 = Date.parse("2026-11-25T08:00:00.000Z");

function lines(file: string): Array<Record<string, unknown>> {
  return existsSync(file)
    ? readFileSync(file, "utf8")
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
}

describe("logshipper CLI", () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  const write = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const simple = (extra = ""): string =>
    write(
      "c.yaml",
      `shippers:
  - id: app
    source: { type: file, path: "logs/*.jsonl" }
${extra}    logExporters:
      - { id: out, type: file, path: out/out.jsonl }
`,
    );

  it("the local example ships sample logs, then nothing new on the second run (what `npm start` does)", async () => {
    copyFileSync(join(root, "examples/local/logshipper.yaml"), join(dir, "logshipper.yaml"));
    await writeKestraLogFile(join(dir, "logs/kestra-logs.jsonl"), {
      count: 3000,
      seed: 3,
      startMs: Date.now() - 20 * 3_600_000,
      stepMs: 20_000,
    });
    const first = runCli(["apply", "--config", "logshipper.yaml"], { cwd: dir });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const shipped = Number(/archive +file: shipped ([\d,]+)/.exec(first.stdout)?.[1]?.replace(/,/g, ""));
    expect(shipped).toBeGreaterThan(1000);
    expect(lines(join(dir, "shipped/archive.jsonl"))).toHaveLength(shipped);
    const second = runCli(["apply", "--config", "logshipper.yaml"], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Apply complete: 0 shipped, 0 rejected, 0 invalid lines/);
    expect(lines(join(dir, "shipped/archive.jsonl"))).toHaveLength(shipped);
  });

  it("--version prints the package's version and exits 0", () => {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    for (const flag of ["--version", "-V"]) {
      const r = runCli([flag]);
      expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    }
  });

  it("plan and apply --json print documents the report schema accepts; --detailed-exitcode says whether there is work", () => {
    writeJsonl(join(dir, "logs/a.jsonl"), entries(120, T0));
    const config = simple();
    const plan = runCli([
      "plan",
      "-c",
      config,
      "--state",
      join(dir, "st"),
      "--now",
      NOW,
      "--json",
      "--detailed-exitcode",
    ]);
    expect(plan.code).toBe(2);
    const planReport = JSON.parse(plan.stdout);
    expect(validatePlanReport(planReport)).toEqual([]);
    expect(planReport.shippers[0].exporters[0]).toMatchObject({
      id: "out",
      type: "file",
      from: "2026-11-24T12:00:00.000Z",
      to: "2026-11-25T12:00:00.000Z",
      pending: 120,
    });
    const apply = runCli(["apply", "-c", config, "--state", join(dir, "st"), "--now", NOW, "--json"]);
    expect(apply.code).toBe(0);
    const applyReport = JSON.parse(apply.stdout);
    expect(validateApplyReport(applyReport)).toEqual([]);
    expect(applyReport).toMatchObject({
      command: "apply",
      invalidLines: 0,
      shippers: [{ id: "app", exporters: [{ id: "out", shipped: 120, rejected: 0 }] }],
    });
    expect(
      runCli(["plan", "-c", config, "--state", join(dir, "st"), "--now", NOW, "--detailed-exitcode"]).code,
    ).toBe(0);
    expect(runCli(["plan", "-c", config, "--state", join(dir, "st"), "--now", NOW]).code).toBe(0);
  });

  it("plan prints a readable plan with a summary line, and secrets as (secret NAME)", () => {
    writeJsonl(join(dir, "logs/a.jsonl"), entries(10, T0));
    const config = write(
      "c.yaml",
      `shippers:
  - id: app
    source: { type: file, path: "logs/*.jsonl" }
    logExporters:
      - { id: dd, type: datadog, basePath: "{{ secret('DD_URL') }}", apiKey: "{{ secret('DD_KEY') }}" }
`,
    );
    const env = {
      SECRET_DD_URL: Buffer.from("https://canary-url.example.com").toString("base64"),
      SECRET_DD_KEY: Buffer.from("canary-key-1234").toString("base64"),
    };
    const r = runCli(["plan", "-c", config, "--state", join(dir, "st"), "--now", NOW], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /\+ dd +datadog → \(secret DD_URL\) +2026-11-24T12:00:00.000Z → 2026-11-25T12:00:00.000Z +10 records to backfill/,
    );
    expect(r.stdout).toMatch(/^Plan: 10 records to ship to 1 exporter; 0 up to date; 2 drift\.$/m);
    expect(r.stdout + r.stderr).not.toMatch(/canary/);
  });

  it("validate accepts the Kestra docs' flows unchanged and rejects bad configs with exit 1, path and line, no stack trace", () => {
    expect(runCli(["validate", "-c", join(root, "examples/kestra/datadog-flow.yaml")])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        /is valid \(kestra-flow\): 1 shipper, 1 exporter: company.team.log_shipper.log_export/,
      ),
    });
    expect(runCli(["validate", "-c", join(root, "examples/kestra/cloudwatch-flow.yaml")]).code).toBe(0);
    const cases: Array<[string, RegExp]> = [
      [
        "    lookbackPeriode: P1D\n",
        /c.yaml:4:5: shippers\[0\]\.lookbackPeriode: unknown key "lookbackPeriode"; allowed: .* did you mean "lookbackPeriod"\?/,
      ],
      ["    batchSize: lots\n", /c.yaml:4:16: shippers\[0\]\.batchSize: must be an integer, got "lots"/],
      [
        "    lookbackPeriod: 24h\n",
        /c.yaml:4:21: shippers\[0\]\.lookbackPeriod: "24h" must be an ISO-8601 duration/,
      ],
      ['    schedule: "every day"\n', /c.yaml:4:15: shippers\[0\]\.schedule: "every day" has 2 fields/],
    ];
    for (const [extra, message] of cases) {
      const r = runCli(["validate", "-c", simple(extra)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const dup = runCli([
      "validate",
      "-c",
      write(
        "d.yaml",
        `shippers:\n  - { id: a, source: { type: file, path: x }, logExporters: [{ id: o, type: file }] }\n  - { id: a, source: { type: file, path: x }, logExporters: [{ id: o, type: fiel }] }\n`,
      ),
    ]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/d.yaml:3:11: shippers\[1\]\.id: duplicate shipper id "a"/);
    expect(dup.stderr).toMatch(
      /d.yaml:3:77: shippers\[1\]\.logExporters\[0\]\.type: unknown type "fiel"; .*did you mean "file"\?/,
    );
    const usage = runCli(["plan"]);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/required option '-c, --config <file>' not specified/);
    expect(runCli(["apply", "-c", simple(), "--now", "tomorrow"]).stderr).toMatch(
      /^Error: --now tomorrow: expected an ISO-8601 date-time/,
    );
  });

  it("a second apply while one holds the lock exits 1 naming the holder; four concurrent applies never duplicate", async () => {
    writeJsonl(join(dir, "logs/a.jsonl"), entries(40_000, T0));
    const config = simple("    batchSize: 500\n");
    const state = join(dir, "st");
    const lease = await new FileStateStore(state).acquireLease("app", {
      owner: "held-by-test",
      ttlMs: 60_000,
    });
    const locked = runCli(["apply", "-c", config, "--state", state, "--now", NOW]);
    expect(locked.code).toBe(1);
    expect(locked.stdout).toMatch(/skipped: shipper app is locked by pid \d+ on .* \(run held-by-test/);
    await lease.release();
    const runs = [1, 2, 3, 4].map(() =>
      startCli(["apply", "-c", config, "--state", state, "--now", NOW, "--json"]),
    );
    const results = await Promise.all(
      runs.map(
        (p) =>
          new Promise<{ code: number; out: string; err: string }>((resolve) => {
            let out = "";
            let err = "";
            p.stdout?.on("data", (d) => (out += d));
            p.stderr?.on("data", (d) => (err += d));
            // "close", not "exit": the process can exit before its output has been read
            p.on("close", (code) => resolve({ code: code ?? -1, out, err }));
          }),
      ),
    );
    for (const r of results)
      expect({ code: r.code, err: r.err, out: r.out.slice(0, 1) }).toMatchObject({ out: "{" });
    const shipped = results
      .map((r) => JSON.parse(r.out).shippers[0])
      .map((s) => (s.status === "skipped" ? 0 : s.exporters[0].shipped));
    expect(shipped.reduce((a, b) => a + b, 0)).toBe(40_000);
    expect(results.filter((r) => r.code === 0).length).toBeGreaterThanOrEqual(1);
    expect(lines(join(dir, "out/out.jsonl"))).toHaveLength(40_000);
  });

  it("resumes after SIGKILL mid-apply: every record delivered, at most one batch duplicated per kill", async () => {
    const N = 60_000;
    const CHUNK = 200;
    writeJsonl(join(dir, "logs/a.jsonl"), entries(N, T0, { tieEvery: 6 }));
    const config = write(
      "c.yaml",
      `shippers:
  - id: app
    source: { type: file, path: "logs/*.jsonl" }
    batchSize: 300
    logExporters:
      - { id: out, type: file, path: out/out.jsonl, chunk: ${CHUNK} }
`,
    );
    const out = join(dir, "out/out.jsonl");
    const size = (): number => (existsSync(out) ? statSync(out).size : 0);
    let kills = 0;
    for (const fraction of [0.15, 0.4, 0.7]) {
      const target = fraction * N * 330; // ~330 bytes a line
      const child = startCli(["apply", "-c", config, "--state", join(dir, "st"), "--now", NOW]);
      const exited = new Promise((r) => child.on("exit", r));
      while (size() < target && child.exitCode === null) await new Promise((r) => setTimeout(r, 2));
      if (child.exitCode === null) {
        child.kill("SIGKILL");
        kills++;
      }
      await exited;
    }
    const final = runCli(["apply", "-c", config, "--state", join(dir, "st"), "--now", NOW]);
    expect(final.code).toBe(0);
    const seqs = lines(out).map((e) => e.seq as number);
    const unique = new Set(seqs);
    expect(unique.size).toBe(N);
    expect(kills).toBeGreaterThanOrEqual(1);
    expect(seqs.length - N).toBeLessThanOrEqual(kills * CHUNK);
    expect(
      runCli(["plan", "-c", config, "--state", join(dir, "st"), "--now", NOW, "--detailed-exitcode"]).code,
    ).toBe(0);
  });

  it("state list, show, set-offset and rm", () => {
    writeJsonl(join(dir, "logs/a.jsonl"), entries(10, T0));
    const config = simple();
    const st = ["--state", join(dir, "st")];
    runCli(["apply", "-c", config, ...st, "--now", NOW]);
    expect(runCli(["state", "list", ...st]).stdout).toMatch(
      /^SHIPPER +OFFSET KEY +EXPORTER +CURSOR +UPDATED +SHIPPED +REJECTED\napp +LogShipper-state +out +2026-11-25T08:00:00.009Z/,
    );
    expect(JSON.parse(runCli(["state", "show", "app", ...st]).stdout)[0].record.shipped).toBe(10);
    const set = runCli([
      "state",
      "set-offset",
      "app",
      "out",
      "--to",
      "2026-11-25T08:00:00.004Z",
      "-c",
      config,
      ...st,
    ]);
    expect(set).toMatchObject({
      code: 0,
      stdout: "Set app/LogShipper-state/out to 2026-11-25T08:00:00.004Z (was 2026-11-25T08:00:00.009Z).\n",
    });
    const plan = JSON.parse(runCli(["plan", "-c", config, ...st, "--now", NOW, "--json"]).stdout);
    expect(plan.shippers[0].exporters[0].pending).toBe(5);
    expect(plan.drift.map((d: { kind: string }) => d.kind)).toEqual(["lagging"]);
    expect(runCli(["state", "rm", "app", "out", ...st]).stdout).toBe(
      "Removed 1 offset: app/LogShipper-state/out\n",
    );
    expect(runCli(["state", "show", "app", ...st])).toMatchObject({
      code: 1,
      stderr: "Error: no offset stored for app\n",
    });
    writeFileSync(join(dir, "st/app.json"), "{garbage");
    const corrupt = runCli(["plan", "-c", config, ...st, "--now", NOW]);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toMatch(/state .*app.json is unreadable: not valid JSON/);
    expect(readFileSync(join(dir, "st/app.json"), "utf8")).toBe("{garbage");
    expect(runCli(["state", "rm", "app", "--all", ...st]).stdout).toBe("Removed every offset of app.\n");
  });
});
