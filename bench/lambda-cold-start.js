// Measures the Lambda bundle's cold start: bundle size, require() time, and the first and second invocation of a
// small run (file source -> file exporter, DynamoDB state on moto_server). Each sample is a fresh Node process.
//   node bench/lambda-cold-start.js [samples]
// Needs moto_server on PATH; BENCH_DEBUG=1 prints the handler's log lines. Prints wall and CPU milliseconds
// (CPU is the steadier number on a busy machine).
"use strict";
const { spawn, execFileSync } = require("node:child_process");
const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = require("node:fs");
const { createServer } = require("node:net");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { setTimeout: sleep } = require("node:timers/promises");
const { bundleLambda } = require("../scripts/build.js");

const samples = Number(process.argv[2] ?? 5);

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitUp(endpoint) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await globalThis.fetch(`${endpoint}/moto-api/`)).status < 500) return;
    } catch {
      /* not yet */
    }
    await sleep(100);
  }
  throw new Error("moto_server did not start");
}

// the child: require the bundle, invoke twice, print timings as JSON
const CHILD = `
const t0 = process.hrtime.bigint(); const c0 = process.cpuUsage();
const ms = (a) => Number(process.hrtime.bigint() - a) / 1e6;
const cpu = (c) => { const u = process.cpuUsage(c); return (u.user + u.system) / 1000; };
const { handler } = require(process.env.BUNDLE);
const requireMs = ms(t0), requireCpu = cpu(c0);
const ctx = { awsRequestId: "bench", getRemainingTimeInMillis: () => 600000 };
(async () => {
  const t1 = process.hrtime.bigint(), c1 = process.cpuUsage();
  const r1 = await handler({}, ctx);
  const firstMs = ms(t1), firstCpu = cpu(c1);
  const t2 = process.hrtime.bigint(), c2 = process.cpuUsage();
  await handler({}, ctx);
  process.stdout.write("\\nBENCH " + JSON.stringify({ requireMs, requireCpu, firstMs, firstCpu, secondMs: ms(t2), secondCpu: cpu(c2), shipped: r1.shippers[0].shipped }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

(async () => {
  const dir = mkdtempSync(join(tmpdir(), "ls-bench-"));
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const moto = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  try {
    await waitUp(endpoint);
    const { file, bytes } = await bundleLambda(join(dir, "bundle"));
    mkdirSync(join(dir, "logs"));
    const now = Date.now();
    const lines = [];
    for (let i = 0; i < 100; i++)
      lines.push(
        JSON.stringify({
          timestamp: new Date(now - 60_000 + i).toISOString(),
          level: "INFO",
          namespace: "company.team",
          flowId: "f",
          message: `line ${i}`,
        }),
      );
    writeFileSync(join(dir, "logs", "app.jsonl"), `${lines.join("\n")}\n`);
    const config = {
      shippers: [
        {
          id: "bench",
          source: { type: "file", path: "./logs/*.jsonl" },
          logExporters: [{ id: "out", type: "file", path: "./out/out.jsonl" }],
        },
      ],
    };
    writeFileSync(join(dir, "logshipper.config.json"), JSON.stringify(config));
    const env = {
      PATH: process.env.PATH,
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      BUNDLE: file,
      // as in Lambda, the AWS SDK is found through NODE_PATH (there: /var/runtime/node_modules)
      NODE_PATH: join(__dirname, "..", "node_modules"),
      LOGSHIPPER_CONFIG_PATH: join(dir, "logshipper.config.json"),
    };
    const rows = [];
    for (let i = 0; i < samples; i++) {
      const table = `bench-${i}-${Date.now()}`;
      execFileSync(
        process.execPath,
        [join(__dirname, "..", "dist", "cli.js"), "state", "init", "--state", `dynamodb://${table}`],
        { env },
      );
      rmSync(join(dir, "out"), { recursive: true, force: true });
      const out = execFileSync(process.execPath, ["-e", CHILD], {
        stdio: ["ignore", "pipe", "inherit"],
        env: { ...env, LOGSHIPPER_STATE_TABLE: table },
        cwd: dir,
      });
      if (process.env.BENCH_DEBUG) process.stderr.write(out);
      const line = out
        .toString()
        .split("\n")
        .find((l) => l.startsWith("BENCH "));
      rows.push(JSON.parse(line.slice("BENCH ".length)));
    }
    const median = (k) => rows.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(rows.length / 2)];
    console.log(`bundle: ${(bytes / 1024).toFixed(0)} KiB minified (${file})`);
    console.log(`samples: ${rows.length}, shipped per run: ${rows[0].shipped}`);
    for (const k of ["require", "first", "second"])
      console.log(
        `${k.padEnd(8)} wall ${median(`${k}Ms`).toFixed(0)} ms, cpu ${median(`${k}Cpu`).toFixed(0)} ms (median)`,
      );
  } finally {
    moto.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
