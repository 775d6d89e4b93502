// Peer: the official Elasticsearch client's bulk helper, default flush settings (5 MB, concurrency 5, no
// compression), one `index` action per kept record. Usage: --file F --url http://127.0.0.1:PORT
import { Client } from "@elastic/elasticsearch";
import { flags, keptBatches, need, report, uptimeS, type Entry } from "./common";

async function main(): Promise<void> {
  const loadS = uptimeS();
  const f = flags();
  const client = new Client({ node: need(f, "url") });
  let dropped = 0;
  async function* documents(): AsyncGenerator<Entry> {
    for await (const batch of keptBatches(need(f, "file"), 1000)) for (const { entry } of batch) yield entry;
  }
  const result = await client.helpers.bulk<Entry>({
    datasource: documents(),
    onDocument: () => ({ index: { _index: "kestra-logs" } }),
    onDrop: () => {
      dropped++;
    },
  });
  await client.close();
  const timedS = uptimeS() - loadS;
  report({
    loadS,
    timedS,
    records: result.successful,
    dropped,
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
