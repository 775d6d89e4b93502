import type { Command } from "commander";
import { loadConfigFile } from "../config/load";
import { DEFAULTS } from "../config/model";
import { LogShipperError } from "../core/errors";
import { normalizeTimestamp, toIso } from "../core/timestamp";
import { StateCorruptError } from "../state/errors";
import { DEFAULT_STATE_DIR, openStateStore } from "../state/open-state-store";
import type { OffsetRef, StateStore, StoredOffset } from "../state/state-store";
import { num, pad, plural } from "./format";
import type { CliIO } from "./main";

/** Sorts after every real tiebreak key. */
const AFTER_EVERY_KEY = "\uffff";

interface StateOptions {
  state: string;
  offsetKey?: string;
  json?: boolean;
  to?: string;
  key?: string;
  config?: string;
  all?: boolean;
}

async function withState<T>(
  location: string,
  env: NodeJS.ProcessEnv,
  run: (store: StateStore) => Promise<T>,
): Promise<T> {
  const store = await openStateStore(location, env);
  try {
    return await run(store);
  } finally {
    await store.close?.();
  }
}

function table(rows: readonly StoredOffset[]): string {
  if (rows.length === 0) return "No offsets stored.";
  const header = ["SHIPPER", "OFFSET KEY", "EXPORTER", "CURSOR", "UPDATED", "SHIPPED", "REJECTED"];
  const body = rows.map((r) => [
    r.shipper,
    r.offsetKey,
    r.exporter,
    toIso(r.record.cursor.ts),
    r.record.updatedAt,
    num(r.record.shipped),
    num(r.record.rejected),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  return [header, ...body]
    .map((cols) =>
      cols
        .map((c, i) => pad(c, widths[i] as number))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** `logshipper state init|list|show|rm|set-offset`: create, inspect and repair stored offsets, like `terraform state`. */
export function registerStateCommands(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const state = program.command("state").description("inspect and repair stored offsets");
  const stateOption = (c: Command): Command =>
    c.option("--state <location>", "state: a directory or dynamodb://TABLE[?region=R]", DEFAULT_STATE_DIR);

  stateOption(
    state
      .command("init")
      .description(
        "create the state storage: the directory, or the DynamoDB table (on-demand) and wait until it is active",
      ),
  ).action(async (options: StateOptions) => {
    await withState(options.state, io.env, async (store) => {
      if (store.init === undefined)
        throw new LogShipperError("USAGE", `${store.describe()} cannot be initialized`);
      io.stdout(`${await store.init()}\n`);
    });
    setExit(0);
  });

  stateOption(state.command("list").description("list every stored offset"))
    .option("--json", "print JSON")
    .action(async (options: StateOptions) => {
      const rows = await withState(options.state, io.env, (s) => s.list());
      io.stdout(options.json ? `${JSON.stringify(rows, null, 2)}\n` : `${table(rows)}\n`);
      setExit(0);
    });

  stateOption(state.command("show").description("show the offsets of a shipper (or one exporter) as JSON"))
    .argument("<shipper>")
    .argument("[exporter]")
    .option("--offset-key <key>", "only this offsetKey")
    .action(async (shipper: string, exporter: string | undefined, options: StateOptions) => {
      const rows = (await withState(options.state, io.env, (s) => s.list(shipper))).filter(
        (r) =>
          (exporter === undefined || r.exporter === exporter) &&
          (options.offsetKey === undefined || r.offsetKey === options.offsetKey),
      );
      if (rows.length === 0)
        throw new LogShipperError(
          "STATE_NOT_FOUND",
          `no offset stored for ${shipper}${exporter ? `/${exporter}` : ""}`,
        );
      io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
      setExit(0);
    });

  stateOption(state.command("rm").description("remove offsets: the exporter starts over from the lookback"))
    .argument("<shipper>")
    .argument("[exporter]", "only this exporter (default: every offset of the shipper)")
    .option("--offset-key <key>", "only this offsetKey")
    .option(
      "--all",
      "remove every offset of the shipper, even unreadable ones (a corrupt state file or item)",
    )
    .action(async (shipper: string, exporter: string | undefined, options: StateOptions) => {
      await withState(options.state, io.env, async (store) => {
        if (options.all) {
          if (store.removeShipper === undefined)
            throw new LogShipperError("USAGE", `--all is not supported by ${store.describe()}`);
          const removed = await store.removeShipper(shipper);
          io.stdout(
            removed ? `Removed every offset of ${shipper}.\n` : `No offsets stored for ${shipper}.\n`,
          );
          return;
        }
        const rows = (await store.list(shipper)).filter(
          (r) =>
            (exporter === undefined || r.exporter === exporter) &&
            (options.offsetKey === undefined || r.offsetKey === options.offsetKey),
        );
        for (const r of rows) await store.remove(r);
        io.stdout(
          rows.length === 0
            ? "Nothing to remove.\n"
            : `Removed ${plural(rows.length, "offset")}: ${rows.map((r) => `${r.shipper}/${r.offsetKey}/${r.exporter}`).join(", ")}\n`,
        );
      });
      setExit(0);
    });

  stateOption(state.command("set-offset").description("set an exporter's cursor (forwards or backwards)"))
    .argument("<shipper>")
    .argument("<exporter>")
    .requiredOption(
      "--to <iso>",
      "the new position (ISO-8601 with a zone): records after it will be shipped, records at or before it not",
    )
    .option(
      "--key <key>",
      "tiebreak key at that timestamp: records at it with a greater key are shipped (default: none are)",
    )
    .option("--offset-key <key>", `offsetKey (default: the config's, else ${DEFAULTS.offsetKey})`)
    .option("-c, --config <file>", "config file, to record the exporter's config hash and offsetKey")
    .action(async (shipper: string, exporter: string, options: StateOptions) => {
      const ts = normalizeTimestamp(options.to ?? "");
      if (ts === undefined)
        throw new LogShipperError(
          "USAGE",
          `--to ${options.to}: expected an ISO-8601 date-time with a zone, e.g. 2026-11-25T00:00:00Z`,
        );
      let offsetKey = options.offsetKey;
      let configHash = "manual";
      let exporterType: string | undefined;
      if (options.config !== undefined) {
        const config = await loadConfigFile(options.config);
        const s = config.shippers.find((x) => x.id === shipper);
        const e = s?.exporters.find((x) => x.id === exporter);
        if (s === undefined || e === undefined)
          throw new LogShipperError(
            "STATE_NOT_FOUND",
            `${shipper}/${exporter} is not declared in ${options.config}`,
          );
        offsetKey ??= s.offsetKey;
        configHash = e.configHash;
        exporterType = e.type;
      }
      const ref: OffsetRef = { shipper, offsetKey: offsetKey ?? DEFAULTS.offsetKey, exporter };
      await withState(options.state, io.env, async (store) => {
        // an unreadable offset is what set-offset repairs: it is replaced, its totals start over
        const current = await store.get(ref).catch((err: unknown) => {
          if (err instanceof StateCorruptError) return undefined;
          throw err;
        });
        await store.put(ref, {
          // without --key, the position is after every record at that timestamp
          cursor: { ts, key: options.key ?? AFTER_EVERY_KEY },
          updatedAt: new Date().toISOString(),
          configHash,
          ...((exporterType ?? current?.exporterType)
            ? { exporterType: exporterType ?? current?.exporterType }
            : {}),
          shipped: current?.shipped ?? 0,
          rejected: current?.rejected ?? 0,
        });
        io.stdout(
          `Set ${ref.shipper}/${ref.offsetKey}/${ref.exporter} to ${toIso(ts)}${current ? ` (was ${toIso(current.cursor.ts)})` : ""}.\n`,
        );
      });
      setExit(0);
    });
}
