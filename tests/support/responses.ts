import { createHash } from "node:crypto";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, constants } from "node:zlib";
import app from "../../src/worker/index.js";
import { generateCorpus } from "../../tools/corpus.js";
import { MemoryKv } from "./memory-kv.js";
import { root } from "./shared.js";

export const responsesFile = join(root, "tests/fixtures/responses.tsv");
/**
 * The recorded bodies, by digest, as one brotli-compressed JSON object: about 0.1 MB for the
 * ~9 MB of bodies of posts/ and the 600 generated posts, whose feeds repeat each other. The
 * corpus's bodies are not kept (its text stays out of the project): only their digests are.
 */
export const bodiesFile = join(root, "tests/fixtures/responses-bodies.json.br");
/** The folders whose bodies are recorded beside their digests. */
export const bodiesKeptFor = new Set(["samples", "generated"]);

/** What `npm run bundle` leaves for a posts folder, loaded into a KV in memory. */
export async function bundledKv(posts: string): Promise<MemoryKv> {
  const out = await mkdtemp(join(tmpdir(), "responses-"));
  const code = await new Promise<number | null>((resolve) =>
    spawn(process.execPath, [join(root, "bin/publisher.mjs"), "bundle", "--posts", posts, "--out", out, "--no-cache"], { cwd: root, stdio: "ignore" }).on("exit", resolve),
  );
  if (code !== 0) throw new Error(`npm run bundle failed on ${posts}`);
  return new MemoryKv().putFile(join(out, "kv-put.json"));
}

/** The 600 generated posts the fixture records: 12 pages of the main feed, many categories and tags. */
export async function generatedPosts(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "generated-"));
  await generateCorpus({ count: 600, out: dir, samples: join(root, "posts"), perDay: 40, seed: 1 });
  return dir;
}

/** One response: status, the headers a reader acts on and the body's SHA-256 (first 16 hex), and the body. */
export interface RecordedResponse {
  summary: string;
  body: string;
}

const digestOf = (body: string) => createHash("sha256").update(body).digest("hex").slice(0, 16);

/**
 * Every response a reader can get from the site KV holds, by route: the home page, OPML, the
 * favicon, the categories page, every feed in every format and every page of it, every listing
 * page, every article, a 404 and a 400.
 */
export async function recordResponses(kv: MemoryKv): Promise<Map<string, RecordedResponse>> {
  const env = { POSTS: kv.namespace(), MANIFEST_TTL_SECONDS: "0" };
  const responses = new Map<string, RecordedResponse>();
  const get = async (route: string) => {
    const res = await app.fetch(new Request(`http://127.0.0.1:8787${route}`), env);
    const body = await res.text();
    const headers = ["content-type", "etag", "last-modified", "cache-control", "location"].map((h) => res.headers.get(h) ?? "-").join(" ");
    responses.set(route, { summary: `${res.status} ${headers} ${digestOf(body)}`, body });
    return body;
  };
  await get("/opml.xml");
  await get("/favicon.ico");
  // every category and tag page, tags that repeat a category included
  const directory = await get("/categories/");
  const bases = ["/", ...[...directory.matchAll(/<a href="(\/(?:category|tag)\/[^"]+\/)">/g)].map((m) => m[1]!.replace(/&amp;/g, "&"))];
  const articles = new Set<string>();
  for (const base of new Set(bases)) {
    for (const file of ["rss.xml", "atom.xml"]) await get(base + file);
    for (let url: string | undefined = `${base}feed.json`; url; ) {
      const feed = JSON.parse(await get(url)) as { items: { url: string }[]; next_url?: string };
      for (const item of feed.items) articles.add(new URL(item.url).pathname);
      url = feed.next_url && new URL(feed.next_url).pathname + new URL(feed.next_url).search;
    }
    for (let page = 1; ; page++) {
      const route = page === 1 ? base : `${base}?page=${page}`;
      await get(route);
      if (responses.get(route)!.summary.startsWith("404")) break;
    }
  }
  for (const path of [...articles].sort()) await get(path);
  // jekyll-feed's paths
  for (const base of new Set(bases)) {
    const [, kind, name] = /^\/(category|tag)\/([^/]+)\/$/.exec(base) ?? [];
    if (kind) await get(kind === "category" ? `/feed/${name}.xml` : `/feed/by_tag/${name}.xml`);
  }
  await get("/feed.xml");
  await get("/no/such/page.html");
  await get("/rss.xml?page=0");
  return responses;
}

/** As the fixture's text, one route a line (`name`, route, summary), sorted. */
export function responseLines(name: string, responses: ReadonlyMap<string, RecordedResponse>): string[] {
  return [...responses].map(([route, { summary }]) => `${name}\t${route}\t${summary}`).sort();
}

/** The fixture's lines for `name`, by route. */
export async function recordedSummaries(name: string): Promise<Map<string, string>> {
  const lines = (await readFile(responsesFile, "utf8")).trim().split("\n");
  return new Map(lines.filter((line) => line.startsWith(`${name}\t`)).map((line) => line.split("\t").slice(1) as [string, string]));
}

/** The recorded bodies, by digest. */
export async function recordedBodies(): Promise<Map<string, string>> {
  return new Map(Object.entries(JSON.parse(brotliDecompressSync(await readFile(bodiesFile)).toString("utf8")) as Record<string, string>));
}

/** Writes the bodies of these responses, by digest, as the fixture keeps them. */
export async function writeBodies(responses: Iterable<RecordedResponse>): Promise<void> {
  const bodies = new Map<string, string>();
  for (const { summary, body } of responses) bodies.set(summary.slice(-16), body);
  const json = JSON.stringify(Object.fromEntries([...bodies].sort(([a], [b]) => (a < b ? -1 : 1))));
  await writeFile(bodiesFile, brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } }));
}

/** A body laid out one element or one JSON member a line, so that a diff of two shows where they part. */
export function bodyLines(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 1);
  } catch {
    return body.replace(/>\s*</g, ">\n<");
  }
}

/** The first route, in the fixture's order, whose response is not the recorded one; and how many differ in all. */
export function firstDifference(recorded: ReadonlyMap<string, string>, responses: ReadonlyMap<string, RecordedResponse>): { route: string; expected?: string; actual?: RecordedResponse; count: number } | undefined {
  const routes = [...new Set([...recorded.keys(), ...responses.keys()])].sort();
  const differing = routes.filter((route) => recorded.get(route) !== responses.get(route)?.summary);
  if (!differing.length) return undefined;
  const route = differing[0]!;
  return { route, expected: recorded.get(route), actual: responses.get(route), count: differing.length };
}
