// Peer: the official Datadog API client, v2 LogsApi.submitLog, 1000 logs per call, gzip (the client's pako,
// level 6), `--inflight` calls at once. Usage: --file F --url http://127.0.0.1:PORT --inflight N
import { client, v2 } from "@datadog/datadog-api-client";
import { flags, keptBatches, need, report, uptimeS, type Entry } from "./common";

function item(e: Entry): v2.HTTPLogItem {
  const { message, level, ...rest } = e;
  const tags = `namespace:${e.namespace},flow_id:${e.flowId}${typeof e.tenantId === "string" ? `,tenant_id:${e.tenantId}` : ""}`;
  return {
    ddsource: "kestra",
    service: "kestra",
    ddtags: tags,
    message,
    additionalProperties: { ...rest, status: level.toLowerCase() },
  };
}

async function main(): Promise<void> {
  const loadS = uptimeS();
  const f = flags();
  const inflight = Number(f.get("inflight") ?? "1");
  const configuration = client.createConfiguration({
    authMethods: { apiKeyAuth: "bench-api-key" },
    baseServer: new client.BaseServerConfiguration(need(f, "url"), {}),
  });
  const api = new v2.LogsApi(configuration);
  const running = new Set<Promise<void>>();
  let records = 0;
  for await (const batch of keptBatches(need(f, "file"), 1000)) {
    const body = batch.map((b) => item(b.entry));
    const p: Promise<void> = api.submitLog({ body, contentEncoding: "gzip" }).then(() => {
      records += body.length;
      running.delete(p);
    });
    running.add(p);
    if (running.size >= inflight) await Promise.race(running);
  }
  await Promise.all(running);
  const timedS = uptimeS() - loadS;
  report({
    loadS,
    timedS,
    records,
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
