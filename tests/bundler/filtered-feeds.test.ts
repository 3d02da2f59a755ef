// `?q=` on every feed, through the Worker (in this process) over KV the real publish filled: a
// filtered feed, walked through all its pages in each format, holds exactly the items of the
// whole feed's newest `filter_window` whose title or text a plain substring scan finds the terms in.
import fc from "fast-check";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { plainTextOf } from "../../src/bundler/article/plain-text.js";
import { applyPlan, planPublish } from "../../src/bundler/publish/apply.js";
import { buildPosts } from "../../src/bundler/records/build-posts.js";
import { foldPostText, foldText } from "../../src/filter/fold.js";
import type { PostRecord } from "../../src/post.js";
import app from "../../src/worker/index.js";
import { generateCorpus } from "../../tools/corpus.js";
import { MemoryKv } from "../support/memory-kv.js";
import { root } from "../support/shared.js";

const WINDOW = 60;

/** 400 generated posts, a filter window of 60 and compactions every 30 posts: the window reaches over the delta into the window packs. */
async function site(): Promise<{ fetch: (path: string) => Promise<Response>; records: PostRecord[] }> {
  const dir = await mkdtemp(join(tmpdir(), "filtered-"));
  await generateCorpus({ count: 400, out: dir, samples: join(root, "posts"), perDay: 40, seed: 7, unique: true, categories: 12 });
  const config = await readFile(join(dir, "_config.yml"), "utf8");
  await writeFile(join(dir, "_config.yml"), config.replace("feed_publisher:", `feed_publisher:\n  filter_window: ${WINDOW}\n  items_per_feed: 7`));
  const { records, site } = await buildPosts(dir, { now: Date.UTC(2030, 0, 1) });
  const kv = new MemoryKv();
  const limits = { limit: { posts: 30, bytes: 1 << 30 }, keep: { ms: 3_600_000, posts: 5 } };
  // a first publish of the older posts, then the rest: the newest posts ride in the delta
  await applyPlan(kv, await planPublish(kv, records.slice(20), site, limits));
  await applyPlan(kv, await planPublish(kv, records, site, limits));
  const env = { POSTS: kv.namespace(), MANIFEST_TTL_SECONDS: "0" };
  return { fetch: (path) => Promise.resolve(app.fetch(new Request(`http://127.0.0.1:8787${path}`), env)), records };
}

/** Every item id of a feed, walked through its pages by its own `next` links. */
async function walk(fetch: (path: string) => Promise<Response>, first: string): Promise<string[]> {
  const ids: string[] = [];
  for (let path: string | undefined = first; path; ) {
    const res = await fetch(path);
    expect(res.status, path).toBe(200);
    const feed = (await res.json()) as { items: { id: string }[]; next_url?: string };
    ids.push(...feed.items.map((item) => item.id));
    path = feed.next_url && new URL(feed.next_url).pathname + new URL(feed.next_url).search;
  }
  return ids;
}

/** Every `<id>` of an Atom or RSS feed's entries, through its `rel="next"` links. */
async function walkXml(fetch: (path: string) => Promise<Response>, first: string): Promise<string[]> {
  const ids: string[] = [];
  for (let path: string | undefined = first; path; ) {
    const body = await (await fetch(path)).text();
    ids.push(...[...body.matchAll(/<(?:id|guid isPermaLink="false")>([^<]+)<\/(?:id|guid)>/g)].map((m) => m[1]!.replaceAll("&amp;", "&")).slice(body.includes("<feed") ? 1 : 0));
    const next = /<(?:atom:)?link rel="next" href="([^"]+)"/.exec(body)?.[1]?.replaceAll("&amp;", "&");
    path = next && new URL(next).pathname + new URL(next).search;
  }
  return ids;
}

describe("filtered feeds", async () => {
  const { fetch, records } = await site();
  const text = new Map(records.map((r) => [r.id, foldPostText(r.title, plainTextOf(r.contentHtml))]));
  const category = records[0]!.categories[0]!;
  const routes = [
    { feed: "/feed.json", pages: ["/rss.xml", "/atom.xml"] },
    { feed: `/category/${encodeURIComponent(category)}/feed.json`, pages: [`/category/${encodeURIComponent(category)}/atom.xml`] },
  ];
  const lines = records.slice(0, WINDOW).flatMap((r) => [r.title, ...plainTextOf(r.contentHtml).split("\n")]).filter((line) => Array.from(line).length >= 4);

  /** A term of 2–4 characters from the posts' own text, in a random case. */
  const term = fc.tuple(fc.nat(lines.length - 1), fc.nat(), fc.integer({ min: 2, max: 4 }), fc.boolean()).map(([line, start, length, upper]) => {
    const chars = Array.from(lines[line]!);
    const at = start % (chars.length - length + 1);
    const cut = chars.slice(at, at + length).join("");
    return upper ? cut.toUpperCase() : cut;
  }).filter((cut) => !/^\s|\s$|["|-]/.test(cut) && foldText(cut).length > 0);

  const query = fc.oneof(
    term.map((t) => ({ q: `"${t}"`, test: (s: string) => s.includes(foldText(t)) })),
    fc.tuple(term, term).map(([a, b]) => ({ q: `"${a}" "${b}"`, test: (s: string) => s.includes(foldText(a)) && s.includes(foldText(b)) })),
    fc.tuple(term, term).map(([a, b]) => ({ q: `"${a}"|"${b}"`, test: (s: string) => s.includes(foldText(a)) || s.includes(foldText(b)) })),
    fc.tuple(term, term).map(([a, b]) => ({ q: `"${a}" -"${b}"`, test: (s: string) => s.includes(foldText(a)) && !s.includes(foldText(b)) })),
  );

  it("hold exactly the matching items of the whole feed's newest, newest first, each once over the pages, in every format", async () => {
    await fc.assert(
      fc.asyncProperty(query, fc.constantFrom(...routes), async ({ q, test }, route) => {
        const whole = (await walk(fetch, route.feed)).slice(0, WINDOW);
        const expected = whole.filter((id) => test(text.get(id)!));
        const first = `${route.feed}?q=${encodeURIComponent(q)}`;
        // the one spelling of the query, which a first request is redirected to
        const res = await fetch(first);
        const at = res.status === 301 ? new URL(res.headers.get("location")!, "http://127.0.0.1:8787").pathname + new URL(res.headers.get("location")!, "http://127.0.0.1:8787").search : first;
        expect(await walk(fetch, at), q).toEqual(expected);
        for (const page of route.pages) expect(await walkXml(fetch, page + at.slice(route.feed.length)), `${page} ${q}`).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });

  it("search exactly the feed's newest filter_window items: a term every post has finds each of them, and no older one", async () => {
    const whole = await walk(fetch, "/feed.json");
    expect(whole.length).toBeGreaterThan(WINDOW);
    const everywhere = [..."。，的"].find((c) => whole.every((id) => text.get(id)!.includes(c)))!;
    expect(everywhere).toBeDefined();
    expect(await walk(fetch, `/feed.json?q=${encodeURIComponent(everywhere)}`)).toEqual(whole.slice(0, WINDOW));
  });
});
