import { emfDocument } from "../../src/lambda/emf";
import { lagSeconds, runMetrics } from "../../src/lambda/run-report";

describe("EMF documents", () => {
  it("puts _aws metadata, dimensions and metric values at the root", () => {
    const doc = emfDocument(
      "LogShipper",
      { Shipper: "billing", Exporter: "dd" },
      [
        { name: "Shipped", unit: "Count", value: 12 },
        { name: "LagSeconds", unit: "Seconds", value: 3.5 },
      ],
      1_764_000_000_000,
    );
    expect(JSON.parse(JSON.stringify(doc))).toEqual({
      _aws: {
        Timestamp: 1_764_000_000_000,
        CloudWatchMetrics: [
          {
            Namespace: "LogShipper",
            Dimensions: [["Shipper", "Exporter"]],
            Metrics: [
              { Name: "Shipped", Unit: "Count" },
              { Name: "LagSeconds", Unit: "Seconds" },
            ],
          },
        ],
      },
      Shipper: "billing",
      Exporter: "dd",
      Shipped: 12,
      LagSeconds: 3.5,
    });
  });

  it("refuses what CloudWatch would drop", () => {
    expect(() => emfDocument("N", { A: "" }, [{ name: "M", unit: "Count", value: 1 }])).toThrow(/empty/);
    expect(() => emfDocument("N", { A: "x" }, [{ name: "A", unit: "Count", value: 1 }])).toThrow(/both/);
    expect(() => emfDocument("N", {}, [{ name: "M", unit: "Count", value: NaN }])).toThrow(/finite/);
    expect(() => emfDocument("N", {}, [])).toThrow(/1 to 100/);
  });

  it("emits nothing for a deferred shipper, only shipper-level Drift for a skipped one", () => {
    expect(runMetrics({ shipper: "s", status: "deferred", drift: [] })).toEqual([]);
    const docs = runMetrics(
      {
        shipper: "s",
        status: "skipped",
        drift: [{ kind: "locked", shipper: "s", message: "locked" }],
        report: { id: "s", exporters: [] },
      },
      1,
    );
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ Shipper: "s", Drift: 1 });
  });

  it("measures lag from the committed cursor to the end of the range, 0 once caught up", () => {
    const base = {
      id: "e",
      type: "file",
      from: "2026-11-25T10:00:00.000Z",
      to: "2026-11-25T12:00:00.000Z",
      shipped: 0,
      rejected: 0,
    };
    expect(lagSeconds({ ...base, status: "ok" })).toBe(0);
    expect(
      lagSeconds({ ...base, status: "partial", cursor: { ts: "2026-11-25T11:59:00.000000000Z", key: "" } }),
    ).toBe(60);
    expect(lagSeconds({ ...base, status: "failed", cursor: null })).toBe(7200);
  });
});
