import { kvKeys } from "../kv-keys.js";
import type { Manifest } from "../post.js";
import { planDeploy, type DeployPlan } from "./deploy-plan.js";
import type { KvEntry, KvStore } from "./kv-store.js";
import type { KvLayout } from "./layout-kv.js";

/** wrangler sends at most 10,000 pairs and 100 MB per bulk request; stay well inside both. */
const BATCH_PAIRS = 5_000;
const BATCH_BYTES = 64 * 1024 * 1024;

export function batches(entries: readonly KvEntry[]): KvEntry[][] {
  const out: KvEntry[][] = [];
  let batch: KvEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entry.key.length + (entry.bytes ?? entry.value.length * 3);
    if (batch.length && (batch.length >= BATCH_PAIRS || bytes + size > BATCH_BYTES)) {
      out.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(entry);
    bytes += size;
  }
  if (batch.length) out.push(batch);
  return out;
}

/** Reads what the target KV holds now and plans the deploy against it. */
export async function planAgainst(store: KvStore, layout: KvLayout, now = Date.now()): Promise<DeployPlan> {
  // one after the other: two wrangler processes on one local KV lock each other out (SQLITE_BUSY)
  const existing = await store.listKeys(kvKeys.packPrefix);
  const previousText = await store.getText(kvKeys.manifest);
  let previous: Manifest | null = null;
  try {
    previous = previousText ? (JSON.parse(previousText) as Manifest) : null;
  } catch {
    previous = null;
  }
  return planDeploy(layout, new Set(existing), previous, now);
}

export interface DeployProgress {
  (done: number, total: number, phase: "upload" | "delete"): void;
}

/**
 * Carries a plan out: packs first, the manifest alone and last, deletions after. Killed at any
 * point, KV still serves the old version whole; run again, it sends only what is missing.
 */
export async function applyPlan(store: KvStore, plan: DeployPlan, progress: DeployProgress = () => {}): Promise<void> {
  const packs = plan.puts.filter((e) => e.key !== kvKeys.manifest);
  const manifest = plan.puts.filter((e) => e.key === kvKeys.manifest);
  let done = 0;
  for (const batch of batches(packs)) {
    await store.putMany(batch);
    done += batch.length;
    progress(done, plan.puts.length, "upload");
  }
  if (manifest.length) {
    await store.putMany(manifest);
    progress(plan.puts.length, plan.puts.length, "upload");
  }
  if (plan.deletes.length) {
    await store.deleteMany(plan.deletes);
    progress(plan.deletes.length, plan.deletes.length, "delete");
  }
}
