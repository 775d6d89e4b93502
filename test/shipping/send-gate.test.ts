import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { HttpTransport } from "../../src/shipping/http-transport";
import { withSendGate } from "../../src/shipping/send-gate";

describe("the send gate in the HTTP transport", () => {
  let server: Server;
  let url: string;
  const arrivals: number[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      arrivals.push(Date.now());
      req.resume();
      req.on("end", () => res.end("{}"));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends a request made inside a send only when the gate opens, and one made outside at once", async () => {
    const transport = new HttpTransport({ exporterId: "x", destination: "X" });
    try {
      const start = Date.now();
      const res = await withSendGate(
        () => sleep(250),
        () => transport.request("POST", url, { body: "{}" }),
      );
      expect(res.status).toBe(200);
      expect((arrivals[0] as number) - start).toBeGreaterThanOrEqual(245);

      const again = Date.now();
      await transport.request("POST", url, { body: "{}" });
      expect((arrivals[1] as number) - again).toBeLessThan(245);
    } finally {
      transport.close();
    }
  });
});
