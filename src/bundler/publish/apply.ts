import { MANIFEST_KEY } from "../../kv/keys.js";
import { readSection, type Manifest } from "../../kv/manifest.js";
import type { FeedInfo, PostRecord } from "../../post.js";
import type { Site } from "../../site.js";
import type { DeltaLimits } from "../layout/cut.js";
import type { SealedLayout } from "../layout/sealed.js";
import { feedInfosById, layOutVersion, splitAtCut } from "../layout/version.js";
import { readKvState, sealedLayoutInKv } from "./kv-state.js";
import type { KvEntry, KvStore } from "./kv-store.js";
import { UnencodablePackError, planWrites, type WritePlan } from "./writes.js";

/** wrangler sends at most 10,000 pairs and 100 MB per bulk request; stay well inside both. */
const BATCH_PAIRS = 5_000;
const BATCH_BYTES = 64 * 1024 * 1024;

/** Every feed a version serves, by id: its sealed layout (read if not given: one read) with the delta's newer FeedInfos over it. */
async function feedInfosOf(store: KvStore, manifest: Manifest, sealed?: SealedLayout): Promise<Map<string, FeedInfo>> {
  const summaries = (sealed ?? (await sealedLayoutInKv(store, manifest)))?.summaries ?? new Map();
  return feedInfosById(summaries, readSection(manifest, "delta").meta.infos);
}

/**
 * The longest a publish may take from reading KV to writing its manifest. Past it, the plan is
 * made again from what KV holds then (the packs already sent are found there): a retired pack is
 * deleted GRACE_SECONDS after it was retired, so a manifest written within this of its reading
 * never names a pack that is gone (see retirement.ts).
 */
export const MAX_PUBLISH_MS = 5 * 60 * 1000;

/** A plan older than MAX_PUBLISH_MS when its manifest was due: made again. */
export class StalePlanError extends Error {}

/** A plan against KV, and what KV serves before it. */
export interface PublishPlan extends WritePlan {
  /** Every feed of the version KV serves now, as readers are told of it (for WebSub): read when asked, from what planning already read where it can. */
  feedsBefore(): Promise<Map<string, FeedInfo>>;
  /** Why the manifest KV held could not be read, when it could not (its packs are retired). */
  unreadable?: string;
  /** When KV was read, on the publishing machine's monotonic clock (ms): only the plan's age is taken from it. */
  readAt: number;
}

/** Reads what the target KV holds and plans the publish of `records` (published, newest first) onto it. */
export async function planPublish(store: KvStore, records: readonly PostRecord[], site: Site, limits?: DeltaLimits, monotonic = () => performance.now()): Promise<PublishPlan> {
  const readAt = monotonic();
  const state = await readKvState(store);
  const options = { previousCut: state.head?.cut, limits };
  // chosen once: the cut and the key of the posts up to it cost ~0.1 s at 100,000 posts
  const split = splitAtCut(records, site, options);
  const unchanged = state.manifest !== null && split.sealedKey === state.head!.sealed;
  const inKv = unchanged ? await sealedLayoutInKv(store, state.manifest!) : undefined;
  let plan: WritePlan;
  try {
    plan = planWrites(layOutVersion(records, site, { ...options, inKv, split }), state);
  } catch (error) {
    // a pack of the layout read back from KV is missing from KV: laid out again, it can be written
    if (!(error instanceof UnencodablePackError) || !inKv) throw error;
    plan = planWrites(layOutVersion(records, site, { ...options, split }), state);
  }
  return {
    ...plan,
    readAt,
    feedsBefore: async () => (state.manifest ? feedInfosOf(store, state.manifest, inKv) : new Map()),
    ...(state.unreadable ? { unreadable: state.unreadable } : {}),
  };
}

export interface ApplyOptions {
  progress?(done: number, total: number, phase: "upload" | "delete"): void;
  /** The publishing machine's monotonic clock, ms (tests pass their own). */
  monotonic?(): number;
}

/**
 * Carries a plan out: packs first, encoded one at a time and sent in batches, the manifest alone
 * and last, the clock after it, deletions after that. Killed at any point, KV still serves the
 * old version whole; run again, it sends only what is missing. A plan too old to write its
 * manifest safely throws StalePlanError before writing it.
 */
export async function applyPlan(store: KvStore, plan: PublishPlan, { progress = () => {}, monotonic = () => performance.now() }: ApplyOptions = {}): Promise<void> {
  const packs = plan.puts.filter((p) => p.key !== MANIFEST_KEY);
  const manifest = plan.puts.find((p) => p.key === MANIFEST_KEY);
  let done = 0;
  let batch: KvEntry[] = [];
  let bytes = 0;
  const flush = async () => {
    if (!batch.length) return;
    await store.putMany(batch);
    done += batch.length;
    progress(done, plan.puts.length, "upload");
    batch = [];
    bytes = 0;
  };
  for (const put of packs) {
    const value = put.encode();
    if (batch.length >= BATCH_PAIRS || bytes + value.byteLength > BATCH_BYTES) await flush();
    batch.push({ key: put.key, value });
    bytes += value.byteLength;
  }
  await flush();
  if (monotonic() - plan.readAt > MAX_PUBLISH_MS) throw new StalePlanError(`${Math.round((monotonic() - plan.readAt) / 1000)} s since KV was read: planned again`);
  if (manifest) {
    await store.putMany([{ key: manifest.key, value: manifest.encode() }]);
    progress(plan.puts.length, plan.puts.length, "upload");
  }
  if (plan.clock) await store.putMany([{ key: plan.clock.key, value: plan.clock.encode(), ...plan.clock.extras }]);
  if (plan.deletes.length) {
    await store.deleteMany(plan.deletes);
    progress(plan.deletes.length, plan.deletes.length, "delete");
  }
}
