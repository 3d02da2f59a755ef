// What readers see while a deploy is under way, and how many KV reads each request costs.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { readArticle, readCatalog, readFeedWindow, readManifest } from "../../src/worker/store.js";
import { get, loadBundle, putEntries } from "./kv.js";

const { redeploy } = inject("bundles");
const routes = ["/", "/rss.xml", "/atom.xml", "/feed.json", "/category/emnews/rss.xml", "/emnews/2024/03/15/202403151000000001.html"];

async function snapshot(): Promise<string[]> {
  return Promise.all(routes.map(async (path) => `${path} ${(await get(path)).status} ${await (await get(path)).text()}`));
}

describe("a deploy under way", () => {
  beforeEach(() => loadBundle("samples"));

  it("serves the old version whole until the manifest is written, then the new one", async () => {
    const before = await snapshot();
    expect(before.join("")).not.toContain(redeploy.editedTitle);
    // every new pack written, one at a time: readers still see the old version, byte for byte
    for (const pack of redeploy.packs) {
      await putEntries([pack]);
      expect(await snapshot()).toEqual(before);
    }
    await putEntries([redeploy.manifest]);
    const after = await snapshot();
    for (const page of after.slice(0, 5)) expect(page).toContain(redeploy.editedTitle);
  });
});

describe("KV reads per request", () => {
  it("is the manifest plus at most one pack for a feed page, an article and the directory", async () => {
    await loadBundle("generated");
    let reads = 0;
    const counting = new Proxy(env.POSTS, {
      get(target, property) {
        const value = Reflect.get(target, property);
        if (property !== "get") return typeof value === "function" ? value.bind(target) : value;
        return (...args: unknown[]) => {
          reads++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    }) as KVNamespace;
    const count = async (read: () => Promise<unknown>) => {
      reads = 0;
      await read();
      return reads;
    };
    const manifest = (await readManifest(counting))!;
    const perWindow: number[] = [];
    for (const [page, limit] of [[1, 50], [9, 50], [2, 7], [8, 7], [12, 50], [60, 9], [1, 1]] as const) {
      perWindow.push(await count(async () => [await readManifest(counting), await readFeedWindow(counting, manifest, "main", page, limit)]));
    }
    // the newest posts ride in the manifest; everything else is one pack away
    expect(Math.max(...perWindow)).toBe(2);
    expect(perWindow.at(-1)).toBe(1);
    const [older] = (await readFeedWindow(env.POSTS, manifest, "main", 3, 50))!.items;
    const [newest] = (await readFeedWindow(env.POSTS, manifest, "main", 1, 1))!.items;
    expect(await count(async () => [await readManifest(counting), await readArticle(counting, manifest, older!.path)])).toBe(2);
    expect(await count(async () => [await readManifest(counting), await readArticle(counting, manifest, newest!.path)])).toBe(1);
    expect(await count(async () => [await readManifest(counting), await readCatalog(counting, manifest)])).toBe(2);
  });
});
