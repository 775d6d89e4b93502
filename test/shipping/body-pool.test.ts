import { gunzipSync } from "node:zlib";

type Pool = typeof import("../../src/shipping/body-pool");
type Options = typeof import("../../src/shipping/http-options");

// a fresh pool (module state) for each test
let bodyBuffer: Pool["bodyBuffer"];
let recycleBody: Pool["recycleBody"];
let gzipBody: Options["gzipBody"];
let jsonArrayBody: Options["jsonArrayBody"];
beforeEach(() => {
  jest.isolateModules(() => {
    /* eslint-disable @typescript-eslint/no-require-imports -- a fresh module instance (pool state) per test */
    ({ bodyBuffer, recycleBody } = require("../../src/shipping/body-pool") as Pool);
    ({ gzipBody, jsonArrayBody } = require("../../src/shipping/http-options") as Options);
    /* eslint-enable @typescript-eslint/no-require-imports */
  });
});

describe("body pool", () => {
  it("reuses a body's buffer once it is given back, and never while it is lent", () => {
    const a = bodyBuffer(1000);
    const b = bodyBuffer(1000);
    expect(a.length).toBe(1000);
    expect(b.buffer).not.toBe(a.buffer); // both lent: two buffers
    recycleBody(a);
    const c = bodyBuffer(900);
    expect(c.buffer).toBe(a.buffer);
    expect(c.length).toBe(900);
    recycleBody(b);
    recycleBody(c);
  });

  it("takes the smallest free buffer that fits, and allocates when none does", () => {
    const small = bodyBuffer(10); // a 256 KiB buffer
    const big = bodyBuffer(3 * 1024 * 1024);
    recycleBody(big);
    recycleBody(small);
    expect(bodyBuffer(100).buffer).toBe(small.buffer);
    expect(bodyBuffer(2 * 1024 * 1024).buffer).toBe(big.buffer);
    const fresh = bodyBuffer(8 * 1024 * 1024);
    expect(fresh.buffer).not.toBe(big.buffer);
    expect(fresh.length).toBe(8 * 1024 * 1024);
  });

  it("ignores buffers it did not lend, and a body given back twice", () => {
    const own = Buffer.alloc(4096);
    recycleBody(own);
    expect(bodyBuffer(10).buffer).not.toBe(own.buffer);
    const lent = bodyBuffer(10);
    recycleBody(lent);
    recycleBody(lent);
    const x = bodyBuffer(10);
    const y = bodyBuffer(10);
    expect(x.buffer).toBe(lent.buffer);
    expect(y.buffer).not.toBe(lent.buffer); // not handed out twice
  });

  it("gzipBody gives a pooled body back after compressing it, with the bytes compressed intact", async () => {
    const body = jsonArrayBody([
      { payload: '{"m":"a"}', bytes: 9 },
      { payload: '{"m":"é"}', bytes: 10 },
    ]);
    const gz = await gzipBody(body);
    expect(gunzipSync(gz).toString("utf8")).toBe('[{"m":"a"},{"m":"é"}]');
    // given back: the next body reuses its buffer
    expect(bodyBuffer(21).buffer).toBe(body.buffer);
  });
});
