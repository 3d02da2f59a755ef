// Any chain of publishes leaves KV serving exactly what a fresh publish of the same posts serves,
// also with faults mixed in: a publish overlapping another, a pack lost, a publish killed before
// its deletes, a slow one; and no reader of a recent manifest ever misses a pack.
import fc from "fast-check";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPosts, type FolderBuild } from "../../src/bundler/records/build-posts.js";
import { applyPlan, planPublish } from "../../src/bundler/publish/apply.js";
import type { DeltaLimits } from "../../src/bundler/layout/cut.js";
import type { KvStore } from "../../src/bundler/publish/kv-store.js";
import { MANIFEST_KEY } from "../../src/kv/keys.js";
import { decodeManifest, liveKeys } from "../../src/kv/manifest.js";
import type { PostRecord } from "../../src/post.js";
import { DyingStore, ManifestLog, StallingStore, leakedKeys, settle } from "../support/kv-faults.js";
import { MemoryKv } from "../support/memory-kv.js";
import { served } from "../support/served.js";

const MINUTE = 60_000;
// Pages of 3 and compactions every few posts, so that a small archive has blocks, runs, hot chunks and a delta.
const smallConfig = "title: 金融消息\nlang: zh-CN\nurl: https://finews.withounder.com\ntimezone: Asia/Shanghai\nfeed_publisher:\n  items_per_feed: 3\n  archives: [old_post]\n  archive_lines: true\n";
const limits: DeltaLimits = { limit: { posts: 5, bytes: 1 << 30 }, keep: { ms: 60 * MINUTE, posts: 2 } };
const categories: [string, string][] = [["emnews", "东财滚动新闻"], ["media01", "媒体一新闻"], ["media02", "媒体二新闻"], ["专题", "专题"]];

interface Post {
  name: string;
  folder: "_posts" | "old_post";
  title: string;
  epoch: number;
  category: number;
  /** A category's posts mostly carry its tag, some another: the category's label depends on the counts. */
  tag: string;
  body: string;
  published: boolean;
}

const pad = (n: number) => String(n).padStart(2, "0");
function dateLine(epoch: number): string {
  const d = new Date(epoch + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0800`;
}
function fileText(post: Post): string {
  return `---\ntitle: "${post.title}"\ndate: ${dateLine(post.epoch)}\ncategories: ${categories[post.category]![0]}\ntags: ${post.tag}\n${post.published ? "" : "published: false\n"}---\n${post.body}\n`;
}
const fileName = (post: Post, slug: string) => `${dateLine(post.epoch).slice(0, 10)}-${slug}.md`;

type Op =
  | { op: "add"; count: number; pair: boolean }
  | { op: "late"; hours: number }
  | { op: "edit" | "remove" | "rename" | "move" | "unpublish" | "archiveCopy"; at: number }
  | { op: "future"; steps: number }
  | { op: "wait"; minutes: number }
  | { op: "fault"; fault: "concurrent" | "lose" | "killAtDeletes" | "slow"; at: number };

const ops = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant("add" as const), count: fc.integer({ min: 1, max: 7 }), pair: fc.boolean() }) },
    fc.record({ op: fc.constant("late" as const), hours: fc.integer({ min: 1, max: 200 }) }),
    fc.record({ op: fc.constantFrom("edit" as const, "remove" as const, "rename" as const, "move" as const, "unpublish" as const, "archiveCopy" as const), at: fc.nat() }),
    fc.record({ op: fc.constant("future" as const), steps: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ op: fc.constant("wait" as const), minutes: fc.integer({ min: 5, max: 600 }) }),
    { weight: 2, arbitrary: fc.record({ op: fc.constant("fault" as const), fault: fc.constantFrom("concurrent" as const, "lose" as const, "killAtDeletes" as const, "slow" as const), at: fc.nat() }) },
  ),
  { minLength: 3, maxLength: 8 },
);

/** One publish onto the chain's KV, with a fault when asked. */
async function publishWithFault(log: ManifestLog, kv: MemoryKv, { records, site }: FolderBuild, fault?: Extract<Op, { op: "fault" }>): Promise<void> {
  const run = async (store: KvStore) => applyPlan(store, await planPublish(store, records, site, limits));
  if (fault?.fault === "concurrent") await run(new StallingStore(log, () => run(log)));
  else if (fault?.fault === "killAtDeletes") await run(new DyingStore(log, { deletes: true })).catch(() => undefined);
  else if (fault?.fault === "slow") {
    const plan = await planPublish(log, records, site, limits);
    kv.now += 4 * MINUTE;
    await applyPlan(log, plan);
  } else await run(log);
}

describe("a chain of deploys", () => {
  it("serves, after every deploy, byte for byte what a fresh deploy of the same posts serves", async () => {
    let compactions = 0;
    let faults = 0;
    await fc.assert(
      fc.asyncProperty(ops, fc.integer({ min: 1, max: 1_000 }), async (steps, seed) => {
        const dir = await mkdtemp(join(tmpdir(), "chain-posts-"));
        const cacheDir = await mkdtemp(join(tmpdir(), "chain-cache-"));
        try {
          let now = Date.UTC(2024, 5, 1, 4);
          let serial = seed * 1_000;
          const posts = new Map<string, Post>();
          const save = async (key: string, post: Post | undefined) => {
            const old = posts.get(key);
            if (old) await rm(join(dir, old.folder, old.name), { force: true });
            if (!post) return void posts.delete(key);
            posts.set(key, post);
            await mkdir(dirname(join(dir, post.folder, post.name)), { recursive: true });
            await writeFile(join(dir, post.folder, post.name), fileText(post));
          };
          const newPost = (epoch: number, category = serial % categories.length): Post => {
            const id = `2024${++serial}`;
            const tag = serial % 3 === 0 ? "热点" : categories[category]![1];
            return { name: fileName({ epoch } as Post, id), folder: "_posts", title: `标题 ${id}`, epoch, category, tag, body: `<p>正文 ${id}。</p>`, published: true };
          };
          // enough for the main feed to fill two runs of blocks
          await writeFile(join(dir, "_config.yml"), smallConfig);
          for (let i = 0; i < 110; i++) await save(`p${i}`, newPost(now - (110 - i) * 3_600_000));
          const pick = (at: number) => [...posts.keys()].filter((k) => posts.get(k)!.folder === "_posts")[at % posts.size];

          const chain = new MemoryKv(now);
          const log = new ManifestLog(chain);
          const lost = new Set<string>();
          let lastCut: number | undefined;
          const everPaths = new Set<string>();
          for (const step of [{ op: "wait", minutes: 0 } as Op, ...steps]) {
            now += 5 * MINUTE;
            if (step.op === "add") {
              for (let i = 0; i < step.count; i++) {
                const post = newPost(now - Math.floor(((serial * 7919) % 20) * MINUTE));
                await save(`p${serial}`, post);
                // the media source's copy of the same article: same title, same second
                if (step.pair) await save(`p${serial}nw`, { ...post, name: post.name.replace(/-(\d+)\.md$/, "-NW$1.md"), category: 1 + (serial % 3), tag: categories[1 + (serial % 3)]![1] });
              }
            } else if (step.op === "late") await save(`late${serial}`, newPost(now - step.hours * 3_600_000));
            else if (step.op === "future") await save(`future${serial}`, newPost(now + step.steps * 5 * MINUTE - 1));
            else if (step.op === "wait") now += step.minutes * MINUTE;
            else {
              const key = pick(step.at);
              const post = key && posts.get(key);
              if (post && step.op === "edit") await save(key, { ...post, title: `${post.title}（改）`, tag: post.tag === "热点" ? categories[post.category]![1] : "热点", body: `${post.body}<p>补充。</p>` });
              if (post && step.op === "remove") await save(key, undefined);
              if (post && step.op === "rename") await save(key, { ...post, name: fileName(post, `renamed${serial++}`) });
              if (post && step.op === "move") await save(key, { ...post, category: (post.category + 1) % categories.length, tag: categories[(post.category + 1) % categories.length]![1] });
              if (post && step.op === "unpublish") await save(key, { ...post, published: false });
              if (post && step.op === "archiveCopy") await save(`${key}old`, { ...post, folder: "old_post", title: `${post.title}（旧）` });
            }
            const build = await buildPosts(dir, { now, cacheDir });
            const { records, site } = build;
            for (const record of records) everPaths.add(record.path);
            chain.now = Math.max(chain.now, now);
            if (step.op === "fault" && step.fault === "lose") {
              // a pack the version served is lost behind the publisher's back
              const live = liveKeys(decodeManifest((await chain.getBytes(MANIFEST_KEY))!));
              const key = live[step.at % live.length]!;
              lost.add(key);
              await chain.deleteMany([key]);
            }
            await publishWithFault(log, chain, build, step.op === "fault" ? step : undefined);
            expect(log.missingForReaders().filter((key) => !lost.has(key)), JSON.stringify(step)).toEqual([]);
            const fresh = new MemoryKv(now);
            await applyPlan(fresh, await planPublish(fresh, records, site, limits));
            faults += step.op === "fault" ? 1 : 0;
            const cut = decodeManifest((await chain.getBytes(MANIFEST_KEY))!).head.cut;
            if (lastCut !== undefined && cut !== lastCut) compactions++;
            lastCut = cut;
            const paths = [...everPaths].sort();
            expect(await served(chain, paths), JSON.stringify(step)).toEqual(await served(fresh, paths));
          }
          // once every grace period is over, KV holds what its manifest names and nothing else
          const build = await buildPosts(dir, { now, cacheDir });
          await settle(chain, () => publishWithFault(log, chain, build));
          expect(await leakedKeys(chain)).toEqual([]);
          expect(decodeManifest((await chain.getBytes(MANIFEST_KEY))!).head.retired).toEqual([]);
        } finally {
          await rm(dir, { recursive: true, force: true });
          await rm(cacheDir, { recursive: true, force: true });
        }
      }),
      { numRuns: 12 },
    );
    // the chains did compact, so what they proved covers packs written across compactions
    expect(compactions).toBeGreaterThan(5);
    expect(faults).toBeGreaterThan(5);
  }, 300_000);
});
