import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./moto";

/** Where Debian puts syslog-ng (package syslog-ng-core); `test/support/ensure-syslog-ng.sh` installs it. */
const SYSLOG_NG = ["/usr/sbin/syslog-ng", "/usr/bin/syslog-ng"].find((p) => existsSync(p)) ?? "syslog-ng";

/** The messages one listener received, as syslog-ng parsed them. */
export interface Received {
  readonly pri: number;
  /** syslog-ng's ISODATE of the message (its RFC 5424 TIMESTAMP). */
  readonly date: string;
  readonly host: string;
  readonly program: string;
  /** The MSG part, the CEF text. */
  readonly msg: string;
}

/** A running syslog-ng with an RFC 5424 `syslog()` listener per transport on 127.0.0.1. */
export interface SyslogServer {
  /** The directory of its config, certificate and output files (`udp.log`, `tcp.log`, `tls.log`). */
  readonly directory: string;
  readonly ports: { readonly udp: number; readonly tcp: number; readonly tls: number };
  /** The self-signed certificate of the TLS listener (PEM; its subject alternative name is IP 127.0.0.1). */
  readonly certPem: string;
  /** What a listener wrote to its file so far. */
  received(transport: "udp" | "tcp" | "tls"): Promise<Received[]>;
  /** Waits (bounded) until a listener's file holds at least `count` messages. */
  waitFor(transport: "udp" | "tcp" | "tls", count: number, timeoutMs?: number): Promise<Received[]>;
  /** Stops syslog-ng (SIGTERM) and starts it again on the same ports. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const SEP = "\u001f"; // between the fields of one output line (CEF escapes line breaks, never this)

/** Fails with the command that installs syslog-ng when it is missing, instead of skipping. */
export function requireSyslogNg(): void {
  const r = spawnSync(SYSLOG_NG, ["--version"], { stdio: "ignore" });
  if (r.error !== undefined || r.status !== 0)
    throw new Error(
      "syslog-ng is not installed: run test/support/ensure-syslog-ng.sh (apt-get install -y syslog-ng-core)",
    );
}

/**
 * Starts syslog-ng (Debian's `syslog-ng-core`) with a UDP, a TCP (RFC 6587 octet counting) and a TLS listener
 * (RFC 5425, with a self-signed certificate made here with openssl), each writing what it parsed to a file of its
 * own. Resolves once the TCP and TLS ports accept connections.
 */
export async function startSyslogNg(): Promise<SyslogServer> {
  requireSyslogNg();
  const dir = await mkdtemp(join(tmpdir(), "logshipper-syslog-"));
  const ports = { udp: await freePort(), tcp: await freePort(), tls: await freePort() };
  execFileSync(
    "openssl",
    [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "1",
      "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
    ],
    { stdio: "ignore" },
  ); // prettier-ignore
  const out = (t: string): string => join(dir, `${t}.log`);
  const template = `"\${PRI}${SEP}\${ISODATE}${SEP}\${HOST}${SEP}\${PROGRAM}${SEP}\${MSG}\\n"`;
  const listener = (t: "udp" | "tcp" | "tls", extra = ""): string =>
    `source s_${t} { syslog(ip("127.0.0.1") port(${ports[t]}) transport("${t}")${extra}); };\n` +
    `destination d_${t} { file("${out(t)}" template(${template}) flush-lines(1)); };\n` +
    `log { source(s_${t}); destination(d_${t}); };\n`;
  const conf =
    `@version: 3.38\n` +
    `options { keep-hostname(yes); frac-digits(6); log-msg-size(65536); };\n` +
    listener("udp", " so-rcvbuf(1048576)") +
    listener("tcp") +
    listener(
      "tls",
      ` tls(key-file("${join(dir, "key.pem")}") cert-file("${join(dir, "cert.pem")}") peer-verify(optional-untrusted))`,
    );
  await writeFile(join(dir, "syslog-ng.conf"), conf);
  const certPem = await readFile(join(dir, "cert.pem"), "utf8");

  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    const proc = spawn(
      SYSLOG_NG,
      ["-F", "--no-caps", "-f", join(dir, "syslog-ng.conf"), "-R", join(dir, "persist"),
        "-p", join(dir, "pid"), "-c", join(dir, "ctl")],
      { stdio: ["ignore", "ignore", "pipe"] },
    ); // prettier-ignore
    let stderr = "";
    proc.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    child = proc;
    const deadline = Date.now() + 15_000;
    while (!(await accepts(ports.tcp)) || !(await accepts(ports.tls))) {
      if (proc.exitCode !== null || Date.now() > deadline)
        throw new Error(`syslog-ng did not start (exit ${proc.exitCode}): ${stderr.slice(0, 2000)}`);
      await sleep(50);
    }
  };
  const stop = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (proc === undefined || proc.exitCode !== null) return;
    const exited = new Promise((done) => proc.once("exit", done));
    proc.kill("SIGTERM");
    const timer = setTimeout(() => proc.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  await start();

  const received = async (t: "udp" | "tcp" | "tls"): Promise<Received[]> => {
    const text = await readFile(out(t), "utf8").catch(() => "");
    return text
      .split("\n")
      .filter((l) => l !== "")
      .map((line) => {
        const [pri, date, host, program, ...msg] = line.split(SEP);
        return {
          pri: Number(pri),
          date: date ?? "",
          host: host ?? "",
          program: program ?? "",
          msg: msg.join(SEP),
        };
      });
  };
  return {
    directory: dir,
    ports,
    certPem,
    received,
    async waitFor(t, count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const got = await received(t);
        if (got.length >= count || Date.now() > deadline) return got;
        await sleep(25);
      }
    },
    async restart() {
      await stop();
      await start();
    },
    async stop() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = connect({ host: "127.0.0.1", port });
    s.once("connect", () => {
      s.destroy();
      done(true);
    });
    s.once("error", () => done(false));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
