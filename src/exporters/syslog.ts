import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { readFile } from "node:fs/promises";
import { connect as tcpConnect, isIP, type Socket } from "node:net";
import { hostname as osHostname } from "node:os";
import { resolve } from "node:path";
import { connect as tlsConnect } from "node:tls";
import type { SyslogExporter as SyslogExporterConfig } from "../../generated/config";
import { ConfigError } from "../config/errors";
import { durationMs } from "../core/duration";
import type { LogRecord } from "../core/log-record";
import { redact } from "../secrets/redaction";
import { PERMANENT_NETWORK_CODES } from "../shipping/http-transport";
import { DeliveryError } from "./errors";
import type { EncodeRejection, Encoded, Exporter, ExporterLimits, SendResult } from "./exporter";
import type { ExporterContext } from "./registry";
import {
  formatMessage,
  octetCounted,
  SYSLOG_DEFAULTS,
  syslogHostname,
  syslogTarget,
  type SyslogFormatOptions,
  type SyslogProtocol,
} from "./syslog-format";

/** The parts of a config the exporter needs, with the truststore already read. */
export interface SyslogSettings {
  readonly host: string;
  readonly port: number;
  readonly protocol: SyslogProtocol;
  readonly connectTimeoutMs: number;
  /** Longest time one request may take to be written (a collector that stops reading). */
  readonly writeTimeoutMs: number;
  /** PEM CA certificates that the collector's certificate must chain to (TLS); Node's bundled CAs without them. */
  readonly ca?: string;
  readonly skipCertVerification: boolean;
  readonly format: SyslogFormatOptions;
}

/**
 * Syslog CEF, as Kestra's `io.kestra.plugin.ee.syslog.LogExporter`: each record becomes one RFC 5424 message
 * with a CEF payload (see `syslog-format.ts`). UDP sends one datagram per message; TCP and TLS write the messages
 * octet-counted (RFC 5425) on one connection, kept for the run and opened again when the collector closed it or a
 * write failed.
 *
 * What "acknowledged" means here: syslog has no application-level acknowledgement (RFC 5424 §8.5). A TCP/TLS
 * request is acknowledged once all its bytes were accepted by the local socket (the write callback) on a
 * connection the collector had not closed; bytes still in flight when the collector dies are lost without an
 * error, so a crash of the collector can lose up to a socket buffer of messages. A failed write is retried on a
 * new connection, and the part of the request the collector had already read is then delivered twice. UDP datagrams
 * are never acknowledged: the offset of a UDP exporter says what was handed to the network, not what arrived.
 */
export class SyslogExporter implements Exporter<string> {
  readonly type = "syslog" as const;
  readonly destination = "Syslog";
  readonly limits: ExporterLimits;
  /** One connection, written in order. */
  readonly defaultConcurrency = 1;
  private stream: Socket | undefined;
  private udp: UdpSocket | undefined;
  private udpError: Error | undefined;
  private opened = 0;

  constructor(
    readonly id: string,
    private readonly settings: SyslogSettings,
    chunk: number,
  ) {
    this.limits = { maxEntries: chunk, maxBytes: Infinity };
  }

  /** TCP/TLS connections opened so far: 1 for a run whose connection never broke. */
  get connectionsOpened(): number {
    return this.opened;
  }

  /** `udp://host:port`, `tcp://…` or `tls://…`. */
  describeTarget(): string {
    return syslogTarget(this.settings.protocol, this.settings.host, this.settings.port);
  }

  encode(record: LogRecord): Encoded<string> | EncodeRejection {
    const m = formatMessage(record, this.settings.format);
    if ("rejected" in m) return { record, rejected: m.rejected };
    const payload = this.settings.protocol === "UDP" ? m.text : octetCounted(m.text, m.bytes);
    const bytes = this.settings.protocol === "UDP" ? m.bytes : m.bytes + payload.length - m.text.length;
    return { record, payload, bytes, ...(m.truncated ? { truncated: true } : {}) };
  }

  async send(entries: ReadonlyArray<Encoded<string>>): Promise<SendResult> {
    try {
      if (this.settings.protocol === "UDP") await this.sendDatagrams(entries);
      else await this.write(entries.map((e) => e.payload).join(""));
    } catch (err) {
      throw this.deliveryError(err);
    }
    return {};
  }

  async close(): Promise<void> {
    const stream = this.stream;
    this.stream = undefined;
    if (stream !== undefined && !stream.destroyed) {
      await new Promise<void>((done) => {
        const timer = setTimeout(() => stream.destroy(), this.settings.connectTimeoutMs);
        stream.once("close", () => {
          clearTimeout(timer);
          done();
        });
        stream.end();
      });
    }
    const udp = this.udp;
    this.udp = undefined;
    if (udp !== undefined) await new Promise<void>((done) => udp.close(() => done()));
  }

  private async write(text: string): Promise<void> {
    const socket = await this.connection();
    const ms = this.settings.writeTimeoutMs;
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => {
        const err = Object.assign(
          new Error(
            `the request was not written within ${ms} ms (writeTimeout): the collector stopped reading`,
          ),
          {
            code: "ETIMEDOUT",
          },
        );
        fail(err);
        socket.destroy(err);
      }, ms);
      socket.write(text, "utf8", (err) => {
        clearTimeout(timer);
        if (err) fail(err);
        else done();
      });
    });
  }

  /** The open connection, or a new one when there is none or the collector closed it. */
  private async connection(): Promise<Socket> {
    const s = this.stream;
    if (s !== undefined && !s.destroyed && !s.readableEnded && s.writable) return s;
    s?.destroy();
    this.stream = undefined;
    const socket = await this.connect();
    this.opened++;
    // the collector sends nothing; reading is what tells us that it closed the connection (a FIN ends the stream)
    socket.on("data", () => undefined);
    const drop = (): void => {
      if (this.stream === socket) this.stream = undefined;
      socket.destroy();
    };
    socket.on("end", drop);
    socket.on("error", drop);
    socket.on("close", drop);
    this.stream = socket;
    return socket;
  }

  private connect(): Promise<Socket> {
    const { host, port, protocol, connectTimeoutMs } = this.settings;
    return new Promise<Socket>((done, fail) => {
      const socket =
        protocol === "TLS"
          ? tlsConnect({
              host,
              port,
              ...(isIP(host) === 0 ? { servername: host } : {}),
              ...(this.settings.ca !== undefined ? { ca: this.settings.ca } : {}),
              rejectUnauthorized: !this.settings.skipCertVerification,
            })
          : tcpConnect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy(
          Object.assign(new Error(`no connection after ${connectTimeoutMs} ms (connectionTimeout)`), {
            code: "ETIMEDOUT",
          }),
        );
      }, connectTimeoutMs);
      const failed = (err: Error): void => {
        clearTimeout(timer);
        socket.destroy();
        fail(err);
      };
      socket.once("error", failed);
      socket.once(protocol === "TLS" ? "secureConnect" : "connect", () => {
        clearTimeout(timer);
        socket.off("error", failed);
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 30_000);
        done(socket);
      });
    });
  }

  private async sendDatagrams(entries: ReadonlyArray<Encoded<string>>): Promise<void> {
    const socket = this.udp ?? (await this.openUdp());
    for (const e of entries) {
      this.throwUdpError();
      await new Promise<void>((done, fail) => socket.send(e.payload, (err) => (err ? fail(err) : done())));
    }
    this.throwUdpError();
  }

  /** A connected UDP socket: the kernel then reports an ICMP "port unreachable" as ECONNREFUSED. */
  private async openUdp(): Promise<UdpSocket> {
    const socket = createSocket(isIP(this.settings.host) === 6 ? "udp6" : "udp4");
    await new Promise<void>((done, fail) => {
      socket.once("error", fail);
      socket.connect(this.settings.port, this.settings.host, () => {
        socket.off("error", fail);
        done();
      });
    });
    // an ICMP "port unreachable" comes back as an error event (ECONNREFUSED) after a send: it fails the request
    socket.on("error", (err) => {
      if (this.udp !== socket) return; // already dropped and closed
      this.udpError = err;
      this.udp = undefined;
      socket.close();
    });
    this.udp = socket;
    return socket;
  }

  /** Throws the error the UDP socket reported since the last send, once. */
  private throwUdpError(): void {
    const err = this.udpError;
    this.udpError = undefined;
    if (err !== undefined) throw err;
  }

  private deliveryError(err: unknown): DeliveryError {
    // the next attempt starts on a new connection (or socket)
    this.stream?.destroy();
    this.stream = undefined;
    this.udp?.close();
    this.udp = undefined;
    const code = (err as NodeJS.ErrnoException).code;
    const permanent = code !== undefined && (PERMANENT_NETWORK_CODES.has(code) || code === "ENOTFOUND");
    const hint =
      code !== undefined && PERMANENT_NETWORK_CODES.has(code)
        ? "; give the CA that signed the collector's certificate in trustStorePath, or set skipCertVerification (unsafe)"
        : "";
    return new DeliveryError(
      {
        exporterId: this.id,
        destination: this.destination,
        vendorMessage: redact(
          `${code ?? "error"} on ${this.describeTarget()}: ${(err as Error).message}${hint}`,
        ),
        retryable: !permanent,
      },
      { cause: err },
    );
  }
}

/**
 * The PEM CA certificates of `trustStore` (base64 content) or `trustStorePath` (a file, relative to the config).
 * Kestra's PKCS12 and JKS truststores are Java formats that Node cannot read as trust anchors: they are refused with
 * the command that converts them.
 */
export async function readTrustStore(
  config: SyslogExporterConfig,
  exporterId: string,
  baseDir: string,
): Promise<string | undefined> {
  if (config.trustStore === undefined && config.trustStorePath === undefined) return undefined;
  const where = config.trustStore !== undefined ? "trustStore" : "trustStorePath";
  let bytes: Buffer;
  try {
    bytes =
      config.trustStore !== undefined
        ? Buffer.from(config.trustStore, "base64")
        : await readFile(resolve(baseDir, config.trustStorePath as string));
  } catch (err) {
    throw new ConfigError(`exporter ${exporterId}`, [
      { path: where, message: `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})` },
    ]);
  }
  const text = bytes.toString("utf8");
  if (config.trustStoreType !== "PKCS12" && config.trustStoreType !== "JKS" && text.includes("-----BEGIN"))
    return text;
  const type = config.trustStoreType ?? "PKCS12";
  throw new ConfigError(`exporter ${exporterId}`, [
    {
      path: where,
      message: `is a ${type} truststore (or not PEM); log-shipper reads PEM CA certificates: convert it with \`${
        type === "JKS"
          ? "keytool -exportcert -rfc -keystore FILE -alias ALIAS > ca.pem"
          : "openssl pkcs12 -in FILE -nokeys -out ca.pem"
      }\` and set trustStoreType: PEM`,
    },
  ]);
}

/** Creates the syslog exporter. */
export async function createSyslogExporter(
  context: ExporterContext<SyslogExporterConfig>,
): Promise<Exporter> {
  const c = context.config;
  const protocol = c.protocol ?? SYSLOG_DEFAULTS.protocol;
  const ca = protocol === "TLS" ? await readTrustStore(c, context.resolved.id, context.baseDir) : undefined;
  const settings: SyslogSettings = {
    host: c.host.trim(),
    port: c.port ?? SYSLOG_DEFAULTS.port[protocol],
    protocol,
    connectTimeoutMs: durationMs(c.connectionTimeout ?? SYSLOG_DEFAULTS.connectionTimeout),
    writeTimeoutMs: durationMs(c.writeTimeout ?? SYSLOG_DEFAULTS.writeTimeout),
    ...(ca !== undefined ? { ca } : {}),
    skipCertVerification: c.skipCertVerification === true,
    format: {
      facility: c.facility ?? SYSLOG_DEFAULTS.facility,
      hostname: syslogHostname(c.hostname ?? osHostname()),
      appName: c.appName ?? SYSLOG_DEFAULTS.appName,
      maxMessageBytes: c.maxMessageBytes ?? SYSLOG_DEFAULTS.maxMessageBytes[protocol],
    },
  };
  return new SyslogExporter(context.resolved.id, settings, context.resolved.chunk);
}
