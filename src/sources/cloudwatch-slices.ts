/**
 * Slicing a CloudWatch Logs backlog by log groups (issue 15: "sets of log groups, a hot group alone").
 *
 * `FilterLogEvents` cannot count without spending the 5 TPS budget that shipping needs, so the sizes come from
 * `DescribeLogGroups` (`storedBytes`, which the source already calls to list its groups: one paged call per
 * prefix or configured name). The time buckets are the core's (`timeBuckets`, as for any source that cannot
 * count); each bucket is then crossed with the group sets of {@link groupSets}.
 */
import { LogShipperError } from "../core/errors";
import { timeBuckets } from "../reconcile/slice-planning";
import { DEFAULT_MAX_CONCURRENCY, DEFAULT_SLICE_SPAN_MS } from "../reconcile/scale-out-common";
import { MAX_PLAN_HINT_BYTES } from "./file-slices";
import type { JsonValue } from "../core/json";
import type { ReadRange, SliceTarget, SourceSlice } from "./source";

/** A log group as `DescribeLogGroups` lists it. */
export interface GroupSize {
  readonly name: string;
  /** `storedBytes`, or `undefined` when the listing did not say. */
  readonly storedBytes: number | undefined;
}

/**
 * The hot groups of a plan, each shipped in slices of its own, or `undefined` to keep one set of all groups (slices
 * without `groups`).
 *
 * The rule: a group whose `storedBytes` is more than `1 / maxConcurrency` of the groups' total is **hot**. Every
 * other group, and any group created after planning, is read by the shared slice of each bucket ("every group but
 * the hot ones"), so a split plan never reads less than an unsplit one would. Hot groups are at most
 * `maxConcurrency − 1` by construction; when the hot groups and the shared set would exceed `maxSets`, the smallest
 * hot groups rejoin the shared set. `undefined` when there is one group, when any size is unknown or the total is 0
 * (CloudWatch updates `storedBytes` lazily), or when no group is hot: the plan is then exactly the time buckets of
 * a source that cannot count.
 */
export function hotGroups(
  groups: readonly GroupSize[],
  maxConcurrency: number,
  maxSets: number,
): string[] | undefined {
  if (groups.length < 2 || groups.some((g) => g.storedBytes === undefined)) return undefined;
  const total = groups.reduce((n, g) => n + (g.storedBytes as number), 0);
  if (!(total > 0)) return undefined;
  const hot = [...groups]
    .sort((a, b) => (b.storedBytes as number) - (a.storedBytes as number) || (a.name < b.name ? -1 : 1))
    .filter((g) => (g.storedBytes as number) * maxConcurrency > total)
    .map((g) => g.name);
  // the shared slice is always there (it also reads groups created after planning): one set more than the hot
  while (hot.length > 0 && hot.length + 1 > Math.max(1, maxSets)) hot.pop();
  return hot.length === 0 ? undefined : hot;
}

/** The hint of a bucket's shared slice: every group but the hot ones. */
export interface SharedGroupsHint {
  readonly otherThan: string[];
}

/**
 * The groups a slice's hint leaves out (`{ otherThan }`, see {@link SharedGroupsHint}), `undefined` without a
 * hint; a typed error for a hint of another shape (a plan made by another version or for another source).
 */
export function otherThanOf(hint: JsonValue | undefined, source: string): string[] | undefined {
  if (hint === undefined) return undefined;
  const other = (hint as { otherThan?: unknown } | null)?.otherThan;
  if (
    typeof hint !== "object" ||
    hint === null ||
    Array.isArray(hint) ||
    !Array.isArray(other) ||
    other.some((g) => typeof g !== "string")
  )
    throw new LogShipperError(
      "SLICE_PLAN_MISMATCH",
      `${source}: a slice hint ${JSON.stringify(hint).slice(0, 200)} is not a CloudWatch one (expected {"otherThan": [log group names]}); the plan was made for another source`,
    );
  return other as string[];
}

/**
 * The slices of a CloudWatch plan: the core's time buckets over `(range.after, range.to]` (span
 * `target.sliceSpanMs`), each repeated once per group set (hot groups alone, the rest together), in bucket
 * order. The buckets are fewer when there are several sets, so that buckets × sets stays within
 * `target.maxSlices` and the group lists of all slices within {@link MAX_PLAN_HINT_BYTES} (a stored plan is one
 * DynamoDB item); when one bucket's lists alone exceed it, the plan is today's buckets without groups. A range
 * shorter than two spans is one bucket without groups, as today (serial: a regular scheduled run is not split).
 */
export function planGroupSlices(
  range: Pick<ReadRange, "after" | "to">,
  target: SliceTarget,
  groups: readonly GroupSize[],
): SourceSlice[] {
  const maxSlices = Math.max(1, target.maxSlices);
  const span = target.sliceSpanMs ?? DEFAULT_SLICE_SPAN_MS;
  const plain = timeBuckets(range, span, maxSlices);
  // a range shorter than two spans stays one bucket (serial), as today: a scheduled run is never split
  if (plain.length < 2) return plain;
  const hot = hotGroups(groups, target.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY.cloudwatch, maxSlices);
  if (hot === undefined) return plain;
  const hint: SharedGroupsHint = { otherThan: [...hot] };
  const sets: Array<Pick<SourceSlice, "groups" | "hint">> = [
    ...hot.map((g) => ({ groups: [g] })),
    { hint: { otherThan: hint.otherThan } },
  ];
  // the group lists repeat in every bucket of the stored plan (one state item): same budget as file hints
  const byBytes = Math.floor(MAX_PLAN_HINT_BYTES / JSON.stringify(sets).length);
  if (byBytes < 1) return plain;
  const buckets = timeBuckets(
    range,
    span,
    Math.max(1, Math.min(Math.floor(maxSlices / sets.length), byBytes)),
  );
  return buckets.flatMap((b) => sets.map((set) => ({ ...b, ...set })));
}

/**
 * The groups a read covers: every found group; with `wanted` (a slice's `groups`) those of them that exist; with
 * `otherThan` (a shared slice's hint) every found group but those. A wanted group that the config does not name
 * (not in `logGroupNames`, or not starting with `logGroupNamePrefix`) is an error: the plan was made for another
 * config, and skipping it would ship less than the slice holds. A configured group that no longer exists is
 * skipped, as a serial read skips it (its events are gone; `check` reports it).
 */
export function groupsToRead(
  found: readonly string[],
  wanted: readonly string[] | undefined,
  config: { readonly logGroupNames?: readonly string[]; readonly logGroupNamePrefix?: string },
  source: string,
  otherThan?: readonly string[],
): string[] {
  if (wanted === undefined) {
    if (otherThan === undefined) return [...found];
    const skip = new Set(otherThan);
    return found.filter((g) => !skip.has(g));
  }
  const configured = (g: string): boolean =>
    config.logGroupNames !== undefined
      ? config.logGroupNames.includes(g)
      : config.logGroupNamePrefix !== undefined && g.startsWith(config.logGroupNamePrefix);
  const unknown = wanted.filter((g) => !configured(g));
  if (unknown.length > 0)
    throw new LogShipperError(
      "SLICE_PLAN_MISMATCH",
      `${source}: the slice names log group(s) ${unknown.join(", ")}, which the config does not (allowed: ${
        config.logGroupNames?.join(", ") ?? `names starting with ${config.logGroupNamePrefix}`
      }); the plan was made for another config`,
    );
  const want = new Set(wanted);
  return found.filter((g) => want.has(g));
}
