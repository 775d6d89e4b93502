import { writeFile } from "node:fs/promises";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { join } from "node:path";
import type { SyslogExporter as SyslogConfig } from "../../generated/config";
import type { ResolvedExporter } from "../../src/config/model";
import { DeliveryError } from "../../src/exporters/errors";
import { isRejection, type Encoded, type Exporter } from "../../src/exporters/exporter";
import { createSyslogExporter, type SyslogExporter } from "../../src/exporters/syslog";
import { TRUNCATION_MARK } from "../../src/exporters/text-limits";
import { kestraRecords, shipThrough } from "../support/http-exporters";
import { freePort } from "../support/moto";
import { startSyslogNg, type Received, type SyslogServer } from "../support/syslog-ng";
import { applyOnce, tempDir } from "../support/exporter-harness";
import { kestraEntry } from "../support/http-exporters";

jest.setTimeout(60_000);

let server: SyslogServer;
let dir: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  server = await startSyslogNg();
  dir = await tempDir();
});
afterAll(async () => {
  await server?.stop();
  await dir?.cleanup();
});

/** A syslog exporter made from config by its factory, as `apply` makes it. */
async function syslog(config: Partial<SyslogConfig>, chunk = 1000): Promise<Exporter> {
  const full = { id: "siem", type: "io.kestra.plugin.ee.syslog.LogExporter", host: "127.0.0.1", ...config };
  return createSyslogExporter({
    resolved: { id: "siem", chunk } as ResolvedExporter,
    config: full as SyslogConfig,
    baseDir: dir.dir,
    shipperId: "s",
    env: {},
    warn: () => undefined,
  } as never);
}

/** The `message N` of each message a listener received, in order. */
const numbers = (got: Received[]): number[] =>
  got.map((r) => Number(/msg=message (\d+)$/.exec(r.msg)?.[1] ?? NaN));

/** Encodes and sends records as one request (first attempt). */
async function sendNow(exporter: Exporter, records: ReturnType<typeof kestraRecords>): Promise<unknown> {
  const encoded = records.map((r) => exporter.encode(r)).filter((e) => !isRejection(e)) as Encoded[];
  return exporter.send(encoded, { attempt: 1 }).catch((err: unknown) => err);
}

describe("syslog exporter against syslog-ng", () => {
  it("TCP: every record once, in order, octet-counted (multi-byte text included), on one reused connection", async () => {
    const before = (await server.received("tcp")).length;
    const records = kestraRecords(250);
    // multi-byte characters in another field: a frame counted in characters instead of bytes would misframe
    const withAccents = records.map((r) => ({ ...r, entry: { ...r.entry, thread: "wörker-ü-€" } }));
    const out = await shipThrough(
      await syslog({ protocol: "TCP", port: server.ports.tcp }, 100),
      withAccents,
    );
    expect(out.outcome.status).toBe("ok");
    expect(out.outcome.shipped).toBe(250);
    const got = (await server.waitFor("tcp", before + 250)).slice(before);
    expect(numbers(got)).toEqual(records.map((_, i) => i));
    const first = got[0] as Received;
    expect(first.pri).toBe(134); // local0.info
    expect(first.program).toBe("kestra");
    expect(first.msg).toMatch(/^CEF:0\|Kestra\|Kestra\|1\|INFO\|message 0\|3\|rt=\d+ cs1Label=namespace /);
    expect(first.msg).toContain("kestraThread=wörker-ü-€");
    // syslog-ng read the RFC 5424 TIMESTAMP (microseconds)
    expect(first.date).toBe(`${records[0]!.ts.slice(0, 26)}+00:00`);
  });

  it.each(["tcp", "tls"] as const)(
    "%s: reconnects after the collector restarted between requests, and loses nothing",
    async (t) => {
      const protocol = t === "tcp" ? "TCP" : "TLS";
      const exporter = await syslog({
        protocol,
        port: server.ports[t],
        hostname: "restart-test",
        ...(t === "tls" ? { trustStore: Buffer.from(server.certPem).toString("base64") } : {}),
      });
      const before = (await server.received(t)).length;
      const records = kestraRecords(40);
      expect(await sendNow(exporter, records.slice(0, 20))).toEqual({});
      await server.waitFor(t, before + 20);
      await server.restart();
      // the old connection is dead: writing to it would fail (EPIPE) or vanish
      expect(await sendNow(exporter, records.slice(20))).toEqual({});
      await exporter.close?.();
      const got = (await server.waitFor(t, before + 40)).slice(before);
      expect(numbers(got)).toEqual(records.map((_, i) => i));
      expect((exporter as SyslogExporter).connectionsOpened).toBe(2); // one before, one after the restart
      expect(got.every((r) => r.host === "restart-test")).toBe(true);
    },
  );

  it("TLS: a handshake that never completes gives up after connectionTimeout, retryable", async () => {
    const silent = createServer(() => undefined); // accepts, never answers the ClientHello
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    try {
      const port = (silent.address() as AddressInfo).port;
      const started = Date.now();
      const err = await sendNow(
        await syslog({ protocol: "TLS", port, connectionTimeout: "PT0.3S" }),
        kestraRecords(1),
      );
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(err).toMatchObject({ retryable: true });
      expect((err as Error).message).toMatch(
        /ETIMEDOUT on tls:\/\/127\.0\.0\.1:\d+: no connection after 300 ms/,
      );
    } finally {
      silent.close();
    }
  });

  it("TCP: a collector that accepts but stops reading fails the request after writeTimeout, retryable", async () => {
    const stalled: Socket[] = [];
    const stuck = createServer((socket) => {
      socket.pause(); // reads nothing: the kernel buffers fill and the write never completes
      stalled.push(socket);
    });
    await new Promise<void>((r) => stuck.listen(0, "127.0.0.1", r));
    try {
      const port = (stuck.address() as AddressInfo).port;
      const exporter = await syslog(
        { protocol: "TCP", port, writeTimeout: "PT0.5S", maxMessageBytes: 9000 },
        4000,
      );
      const records = kestraRecords(4000, (i) => ({ message: `message ${i} ${"x".repeat(8000)}` }));
      const started = Date.now();
      const err = await sendNow(exporter, records); // about 33 MB: more than loopback socket buffers hold
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(err).toMatchObject({ retryable: true });
      expect((err as Error).message).toMatch(/ETIMEDOUT on tcp:.*not written within 500 ms \(writeTimeout\)/);
      await exporter.close?.();
    } finally {
      stalled.forEach((s) => s.destroy());
      stuck.close();
    }
  });

  it("TCP: a collector that is down is a retryable failure naming the target", async () => {
    const err = await sendNow(await syslog({ protocol: "TCP", port: server.ports.udp }), kestraRecords(1));
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ retryable: true });
    expect((err as Error).message).toMatch(/ECONNREFUSED on tcp:\/\/127\.0\.0\.1:\d+/);
  });

  it("UDP: one datagram per record; a message over 2048 bytes is cut and marked", async () => {
    const before = (await server.received("udp")).length;
    const records = kestraRecords(30, (i) => ({
      message: i === 5 ? `message 5 ${"x".repeat(5000)}` : `message ${i}`,
    }));
    const out = await shipThrough(await syslog({ protocol: "UDP", port: server.ports.udp }), records);
    expect(out.outcome.status).toBe("ok");
    expect(out.outcome.truncated).toBe(1);
    const got = (await server.waitFor("udp", before + 30)).slice(before);
    expect(got).toHaveLength(30);
    const cut = got.find((r) => r.msg.includes("msg=message 5 "));
    expect(cut?.msg.endsWith(TRUNCATION_MARK)).toBe(true);
    expect(Buffer.byteLength(cut?.msg ?? "")).toBeLessThan(2048);
    expect(Buffer.byteLength(cut?.msg ?? "")).toBeGreaterThan(1700);
  });

  describe("TLS", () => {
    it("refuses the collector's self-signed certificate without a CA (verification is on by default), not retryable", async () => {
      const err = await sendNow(await syslog({ protocol: "TLS", port: server.ports.tls }), kestraRecords(1));
      expect(err).toBeInstanceOf(DeliveryError);
      expect(err).toMatchObject({ retryable: false });
      expect((err as Error).message).toMatch(/DEPTH_ZERO_SELF_SIGNED_CERT.*trustStorePath/);
    });

    it("delivers every record once when the CA is given (trustStorePath, PEM)", async () => {
      const ca = join(dir.dir, "ca.pem");
      await writeFile(ca, server.certPem);
      const before = (await server.received("tls")).length;
      const records = kestraRecords(120);
      const out = await shipThrough(
        await syslog({ protocol: "TLS", port: server.ports.tls, trustStorePath: "ca.pem" }, 50),
        records,
      );
      expect(out.outcome.status).toBe("ok");
      const got = (await server.waitFor("tls", before + 120)).slice(before);
      expect(numbers(got)).toEqual(records.map((_, i) => i));
    });

    it("takes the CA as base64 content (trustStore, as in Kestra's docs), and skipCertVerification accepts any certificate", async () => {
      const before = (await server.received("tls")).length;
      const viaContent = await syslog({
        protocol: "TLS",
        port: server.ports.tls,
        trustStore: Buffer.from(server.certPem).toString("base64"),
      });
      expect(await sendNow(viaContent, kestraRecords(3))).toEqual({});
      await viaContent.close?.();
      const unchecked = await syslog({ protocol: "TLS", port: server.ports.tls, skipCertVerification: true });
      expect(await sendNow(unchecked, kestraRecords(2))).toEqual({});
      await unchecked.close?.();
      expect(await server.waitFor("tls", before + 5)).toHaveLength(before + 5);
    });

    it("refuses a PKCS12 truststore with the command that converts it", async () => {
      await writeFile(join(dir.dir, "store.p12"), Buffer.from([0x30, 0x82, 0x01, 0x00]));
      await expect(
        syslog({
          protocol: "TLS",
          port: server.ports.tls,
          trustStorePath: "store.p12",
          trustStoreType: "PKCS12",
        }),
      ).rejects.toThrow(/PKCS12 truststore.*openssl pkcs12 -in FILE -nokeys -out ca\.pem/);
    });
  });

  it("UDP: a port where nothing listens (ICMP port unreachable) fails the request, retryable, instead of vanishing", async () => {
    const port = await freePort(); // nothing listens there
    const err = await sendNow(await syslog({ protocol: "UDP", port }), kestraRecords(50));
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ retryable: true });
    expect((err as Error).message).toMatch(/ECONNREFUSED on udp:\/\/127\.0\.0\.1:\d+/);
  });

  it("two exporters sharing one id (as in Kestra's 0.22 Azure guide) keep their own offsets, keyed by id and type", async () => {
    const { dir: work, cleanup } = await tempDir();
    const before = (await server.received("tcp")).length;
    try {
      const exporters = `- { id: out, type: file, path: out.jsonl }
- { id: out, type: io.kestra.plugin.ee.syslog.LogExporter, host: 127.0.0.1, port: ${server.ports.tcp}, protocol: TCP, hostname: shared-id }`;
      const lines = Array.from({ length: 30 }, (_, i) => kestraEntry(i, { message: `message ${i}` }));
      const first = await applyOnce(work, lines, exporters);
      expect(first.report.shippers[0]?.exporters.map((e) => [e.id, e.shipped])).toEqual([
        ["out@file", 30],
        ["out@syslog", 30],
      ]);
      const offsets = await first.state.list("s");
      expect(offsets.map((o) => [o.exporter, o.record.shipped]).sort()).toEqual([
        ["out@file", 30],
        ["out@syslog", 30],
      ]);
      // more logs: each exporter continues from its own offset, nothing is sent twice
      const more = Array.from({ length: 5 }, (_, i) => kestraEntry(30 + i, { message: `message ${30 + i}` }));
      const second = await applyOnce(work, more, exporters, { append: true });
      expect(second.report.shippers[0]?.exporters.map((e) => e.shipped)).toEqual([5, 5]);
      const got = (await server.waitFor("tcp", before + 35)).slice(before);
      expect(got.every((r) => r.host === "shared-id")).toBe(true);
      expect(numbers(got)).toEqual([...Array(35).keys()]);
    } finally {
      await cleanup();
    }
  });
});
