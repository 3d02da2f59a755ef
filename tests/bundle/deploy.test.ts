import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundlePosts } from "../../src/bundle/bundle-posts.js";
import { applyPlan, planAgainst } from "../../src/bundle/deploy.js";
import { GRACE_MS } from "../../src/bundle/deploy-plan.js";
import type { KvEntry, KvStore } from "../../src/bundle/kv-store.js";
import { layOutKv, type KvLayout } from "../../src/bundle/layout-kv.js";
import { OfflineKvStore } from "../../src/bundle/offline-kv-store.js";
import type { Manifest, PostRecord } from "../../src/post.js";
import { site } from "../../src/site.js";
import { root } from "../support/shared.js";

/** A KV that dies after `limit` writes, as a deploy killed half-way would. */
class DyingStore implements KvStore {
  writes = 0;
  constructor(private readonly inner: KvStore, private readonly limit: number) {}
  listKeys(prefix: string) {
    return this.inner.listKeys(prefix);
  }
  getText(key: string) {
    return this.inner.getText(key);
  }
  async putMany(entries: readonly KvEntry[]) {
    for (const entry of entries) {
      if (this.writes >= this.limit) throw new Error("killed");
      await this.inner.putMany([entry]);
      this.writes++;
    }
  }
  deleteMany(keys: readonly string[]) {
    return this.inner.deleteMany(keys);
  }
}

async function deploy(store: KvStore, layout: KvLayout, now: number) {
  const plan = await planAgainst(store, layout, now);
  await applyPlan(store, plan);
  return plan;
}

const samples = (await bundlePosts(join(root, "posts"), site)).records;
const v1 = layOutKv(samples, site);
const edited: PostRecord[] = [{ ...samples[0]!, title: "改过的标题" }, ...samples.slice(1)];
const v2 = layOutKv(edited, site);

describe("deploying", () => {
  it("writes nothing when KV already serves the same posts", async () => {
    const store = OfflineKvStore.inMemory();
    await deploy(store, v1, 0);
    const again = await planAgainst(store, v1, 1);
    expect(again.puts).toEqual([]);
    expect(again.deletes).toEqual([]);
  });

  it("killed after any number of writes, leaves the old version whole; run again, sends only what is missing", async () => {
    const fresh = OfflineKvStore.inMemory();
    await deploy(fresh, v1, 0);
    const full = await planAgainst(fresh, v2, 1);
    expect(full.puts.at(-1)!.key).toBe("manifest");
    for (let killedAfter = 0; killedAfter < full.puts.length; killedAfter++) {
      const store = OfflineKvStore.inMemory();
      await deploy(store, v1, 0);
      const v1Manifest = await store.getText("manifest");
      await expect(deploy(new DyingStore(store, killedAfter), v2, 1)).rejects.toThrow("killed");
      // still v1, all of it
      expect(await store.getText("manifest")).toBe(v1Manifest);
      const v1Packs = [...v1.packs.keys()];
      expect((await store.listKeys("pack/")).filter((k) => v1Packs.includes(k)).sort()).toEqual(v1Packs.sort());
      const rerun = await deploy(store, v2, 2);
      expect(rerun.puts.length).toBe(full.puts.length - killedAfter);
      expect((JSON.parse((await store.getText("manifest"))!) as Manifest).version).toBe(v2.manifest.version);
    }
  });

  it("deletes packs no longer used only after the grace period", async () => {
    const store = OfflineKvStore.inMemory();
    await deploy(store, v1, 0);
    const replaced = [...v1.packs.keys()].filter((k) => !v2.packs.has(k));
    expect(replaced.length).toBeGreaterThan(0);
    const second = await deploy(store, v2, 1_000);
    expect(second.deletes).toEqual([]);
    expect(second.manifest.retired.map((r) => r.key).sort()).toEqual(replaced.sort());
    const early = await deploy(store, v2, 1_000 + GRACE_MS - 1);
    expect(early.deletes).toEqual([]);
    const late = await deploy(store, v2, 1_000 + GRACE_MS);
    expect(late.deletes.sort()).toEqual(replaced.sort());
    expect(late.manifest.retired).toEqual([]);
    for (const key of replaced) expect(await store.listKeys(key)).toEqual([]);
  });
});
