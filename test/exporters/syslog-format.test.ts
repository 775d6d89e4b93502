import {
  cefExtensionEscape,
  cefHeaderEscape,
  formatMessage,
  octetCounted,
  syslogHostname,
} from "../../src/exporters/syslog-format";
import { TRUNCATION_MARK } from "../../src/exporters/text-limits";
import { entry, record } from "../support/exporter-harness";

const options = { facility: 16, hostname: "shipper-1", appName: "kestra", maxMessageBytes: 2048 };

function text(m: ReturnType<typeof formatMessage>): string {
  if ("rejected" in m) throw new Error(m.rejected);
  return m.text;
}

describe("CEF escaping", () => {
  it("escapes \\ and | in header fields and turns line breaks into spaces", () => {
    expect(cefHeaderEscape("a|b\\c\r\nd")).toBe("a\\|b\\\\c  d");
  });

  it("escapes \\ and = in extension values, and writes line breaks as \\n and \\r", () => {
    expect(cefExtensionEscape("C:\\dir x=1|2\r\nnext")).toBe("C:\\\\dir x\\=1|2\\r\\nnext");
  });
});

describe("RFC 5424 message with a CEF payload", () => {
  it("has PRI = facility × 8 + severity, a microsecond UTC timestamp, and the Kestra fields as CEF extensions", () => {
    const m = text(
      formatMessage(
        record(entry({ level: "WARN", message: "disk at 91%|x=y\nsecond line", triggerId: "daily" })),
        options,
      ),
    );
    expect(m).toBe(
      "<132>1 2026-11-24T10:00:00.123456Z shipper-1 kestra - - - " +
        "CEF:0|Kestra|Kestra|1|WARN|disk at 91%\\|x=y|6|" +
        `rt=${Date.parse("2026-11-24T10:00:00.123Z")} ` +
        "cs1Label=namespace cs1=company.team cs2Label=flowId cs2=daily_report cs3Label=taskId cs3=extract " +
        "cs4Label=executionId cs4=4wjtkzwVGBM9yKnjo1JFjD cs5Label=taskRunId cs5=1ZCNy1JcVYEdJgLJ6F2JKX " +
        "cs6Label=tenantId cs6=main cn1Label=attemptNumber cn1=1 kestraTriggerId=daily kestraThread=worker-1 " +
        "kestraTimestamp=2026-11-24T10:00:00.123456789Z msg=disk at 91%|x\\=y\\nsecond line",
    );
    // the levels map to syslog severities (local0 = 16)
    expect(text(formatMessage(record(entry({ level: "ERROR" })), options))).toMatch(/^<131>1 /);
    expect(text(formatMessage(record(entry({ level: "INFO" })), options))).toMatch(/^<134>1 /);
    expect(text(formatMessage(record(entry({ level: "TRACE" })), { ...options, facility: 1 }))).toMatch(
      /^<15>1 /,
    );
  });

  it("cuts a message that would pass maxMessageBytes at the msg extension, counting bytes and escapes, and marks it", () => {
    const message = `${"é=".repeat(3000)}end`;
    const m = formatMessage(record(entry({ message })), options);
    if ("rejected" in m) throw new Error(m.rejected);
    expect(m.truncated).toBe(true);
    expect(m.bytes).toBe(Buffer.byteLength(m.text));
    expect(m.bytes).toBeLessThanOrEqual(2048);
    expect(m.bytes).toBeGreaterThan(2040); // the room is used, not thrown away
    expect(m.text.endsWith(TRUNCATION_MARK)).toBe(true);
    expect(m.text).toMatch(/msg=(é\\=)+é?(\\=)? …\[truncated by log-shipper\]$/);
  });

  it("refuses a record whose fields alone pass maxMessageBytes", () => {
    const m = formatMessage(record(entry({ namespace: "n".repeat(3000) })), options);
    expect(m).toEqual({ rejected: expect.stringMatching(/larger than maxMessageBytes \(2048\)/) });
  });

  it("octet counting counts UTF-8 bytes, not characters", () => {
    expect(octetCounted("<14>1 - - - - - - café")).toBe("23 <14>1 - - - - - - café");
  });

  it("HOSTNAME is printable US-ASCII", () => {
    expect(syslogHostname("my host é")).toBe("my_host__");
    expect(syslogHostname("")).toBe("-");
  });
});
