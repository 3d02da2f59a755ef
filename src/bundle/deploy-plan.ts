import { kvKeys } from "../kv-keys.js";
import type { Manifest } from "../post.js";
import type { KvEntry } from "./kv-store.js";
import type { KvLayout } from "./layout-kv.js";

/** Longer than KV's 60 s propagation: a reader that still sees the old manifest finds its packs. */
export const GRACE_MS = 5 * 60 * 1000;

export interface DeployPlan {
  /** Packs missing from KV, then the manifest, last. Empty when KV already serves this version. */
  puts: KvEntry[];
  /** Retired packs whose grace period is over. */
  deletes: string[];
  manifest: Manifest;
  /** Packs of this version already in KV, not sent again. */
  kept: number;
}

/**
 * What a deploy must do to make KV serve `layout`: write the packs it lacks (content-addressed, so
 * a pack present is a pack whole), write the manifest last, retire packs nothing uses any more
 * and delete those retired for longer than the grace period.
 */
export function planDeploy(
  layout: KvLayout,
  existingPacks: ReadonlySet<string>,
  previous: Manifest | null,
  now: number,
  graceMs = GRACE_MS,
): DeployPlan {
  const missing = [...layout.packs.keys()].filter((key) => !existingPacks.has(key));
  const retiredBefore = new Map((previous?.retired ?? []).map((r) => [r.key, r.since]));
  const retired: Manifest["retired"] = [];
  const deletes: string[] = [];
  for (const key of [...existingPacks].sort()) {
    if (layout.packs.has(key)) continue;
    const since = retiredBefore.get(key) ?? new Date(now).toISOString();
    if (Date.parse(since) + graceMs <= now) deletes.push(key);
    else retired.push({ key, since });
  }
  const manifest: Manifest = { ...layout.manifest, retired };
  const unchanged = previous !== null && JSON.stringify(previous) === JSON.stringify(manifest);
  const puts = missing.map((key) => layout.packs.entry(key));
  if (!unchanged) puts.push({ key: kvKeys.manifest, value: JSON.stringify(manifest) });
  return { puts, deletes, manifest, kept: layout.packs.size - missing.length };
}
