/**
 * When a pack may go. A pack leaves a version when the manifest stops naming it; readers may hold
 * an older manifest that names it for a while after, and a publish running beside this one may be
 * about to name it. So a pack is first *retired* (listed in the manifest, kept), then *deleted*
 * once KV's own clock says the grace period has passed since a manifest listing it went live.
 * Nothing here reads the publishing machine's clock.
 */
import { by, compareText } from "../../compare.js";
import type { RetiredPack } from "../../kv/manifest.js";
import type { KvClock } from "./kv-state.js";

/**
 * How long a retired pack stays, by KV's clock, after a manifest that no longer names it went
 * live. It covers, with room to spare: a reader's copy of the old manifest (KV's 60 s of
 * propagation, the Worker's 60 s `cacheTtl` and its MANIFEST_TTL_SECONDS), and a publish running
 * beside this one, which writes its manifest within MAX_PUBLISH_MS of reading KV's (a read up to
 * 60 s stale), so that by the time a pack goes, every manifest that may name it has been read.
 */
export const GRACE_SECONDS = 600;

/** What the publish knows of KV's packs. */
export interface RetirementInput {
  /** The retired list of the manifest the publish read (empty without one). */
  retired: readonly RetiredPack[];
  /** That manifest's stamp. */
  stamp?: string;
  /** The last reading of KV's clock. */
  clock?: KvClock;
  /** Every pack key KV lists. */
  present: ReadonlySet<string>;
  /** Every pack the new version names. */
  used: ReadonlySet<string>;
}

/**
 * The new version's retired list and the packs to delete now:
 * - a pack the manifest named and the new version does not is retired, without a time yet;
 * - a pack KV lists that no manifest names or retires (an interrupted or concurrent publish's, or
 *   one whose delete was cut short) is retired the same way: an orphan is never deleted at once;
 * - a retired pack gets its time from the clock reading written after the manifest that listed it;
 * - a retired pack whose time is GRACE_SECONDS behind the latest clock reading is deleted;
 * - a retired pack KV no longer lists is forgotten; one the new version names again is not retired.
 */
export function retire({ retired, stamp, clock, present, used }: RetirementInput): { retired: RetiredPack[]; deletes: string[] } {
  const timed = clock !== undefined && stamp !== undefined && clock.stamp === stamp ? clock.at : undefined;
  const next: RetiredPack[] = [];
  const deletes: string[] = [];
  const known = new Set<string>();
  for (const entry of retired) {
    known.add(entry.key);
    if (used.has(entry.key) || !present.has(entry.key)) continue;
    const since = entry.since ?? timed;
    if (since !== undefined && clock !== undefined && clock.at - since >= GRACE_SECONDS) deletes.push(entry.key);
    else next.push(since === undefined ? { key: entry.key } : { key: entry.key, since });
  }
  // the packs the manifest read named, and orphans, alike
  for (const key of present) if (!used.has(key) && !known.has(key)) next.push({ key });
  return { retired: next.sort(by((entry) => entry.key)), deletes: deletes.sort(compareText) };
}
