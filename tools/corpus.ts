import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseFrontMatter } from "../src/bundler/read/front-matter.js";
import { readSiteConfig } from "../src/bundler/site/config.js";
import { findPostFiles } from "../src/bundler/site/post-files.js";

/** Deterministic pseudo-random numbers (mulberry32), so a corpus is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CorpusOptions {
  count: number;
  out: string;
  /** Folder of sample posts whose bodies and titles are reused (default: the project's posts/). */
  samples: string;
  /** Posts a day, as the real archive has (about 300). */
  perDay?: number;
  /** Last day of the corpus, `YYYY-MM-DD`. */
  lastDay?: string;
  seed?: number;
  /** Media categories (default: one for every ten posts). */
  categories?: number;
  /**
   * Each title and body its own: most Chinese characters drawn again, from the samples' own
   * character frequencies, seeded by the post. Posts made from a few samples otherwise repeat each other
   * and compress several times better than real news.
   */
  unique?: boolean;
}

/** The Chinese characters of the texts, each as often as it appears: drawing from it keeps their frequencies. */
function characterPool(texts: readonly string[]): string[] {
  return texts.flatMap((text) => text.match(/\p{Script=Han}/gu) ?? []);
}

/** Draws most Chinese characters of `text` again from `pool` (90 %), with `next` for chance; the `[返回…]` footer stays, as cleaning knows it. */
function redraw(text: string, pool: readonly string[], next: () => number): string {
  return text
    .split("\n")
    .map((line) => (line.startsWith("[返回") ? line : line.replace(/\p{Script=Han}/gu, (char) => (next() < 0.9 ? pool[Math.floor(next() * pool.length)]! : char))))
    .join("\n");
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * Writes `count` posts shaped like the real archive: about half from eastmoney (`emnews`), the rest
 * from a long tail of media sources (one category and one tag each, most with a handful of posts),
 * a share of them published twice (eastmoney and media copy, same title and second), `perDay` a
 * day counting back from `lastDay`, in `_posts/`. Bodies and titles come from the sample posts, and
 * the site's `_config.yml` is theirs.
 */
export async function generateCorpus(options: CorpusOptions): Promise<{ files: number; categories: number }> {
  const perDay = options.perDay ?? 300;
  const next = random(options.seed ?? 1);
  const samples = [];
  const { posts } = await findPostFiles(options.samples, readSiteConfig(options.samples).config);
  for (const { file } of posts) {
    const { data, body } = parseFrontMatter(await readFile(join(options.samples, file), "utf8"));
    if (typeof data.title === "string" && data.published !== false && !String(data.date).startsWith("2099")) samples.push({ title: data.title, body });
  }
  if (!samples.length) throw new Error(`no sample posts in ${options.samples}`);
  const sources = Math.max(1, options.categories ?? Math.round(options.count / 10));
  const pool = options.unique ? characterPool(samples.map((s) => s.body)) : [];
  const categories = new Set<string>();
  await mkdir(join(options.out, "_posts"), { recursive: true });
  await copyFile(join(options.samples, "_config.yml"), join(options.out, "_config.yml"));
  const end = Date.parse(`${options.lastDay ?? "2024-06-30"}T23:59:59+08:00`);
  let written = 0;
  for (let i = 0; written < options.count; i++) {
    const sample = samples[Math.floor(next() * samples.length)]!;
    const when = new Date(end - Math.floor(i / perDay) * 86_400_000 - Math.floor(next() * 86_000_000) + 8 * 3_600_000);
    const day = `${when.getUTCFullYear()}-${pad(when.getUTCMonth() + 1)}-${pad(when.getUTCDate())}`;
    const time = `${pad(when.getUTCHours())}:${pad(when.getUTCMinutes())}:${pad(when.getUTCSeconds())}`;
    const id = `${day.replaceAll("-", "")}${pad(i, 10)}`;
    const chance = random((options.seed ?? 1) * 1_000_003 + i);
    const title = `${(options.unique ? redraw(sample.title, pool, chance) : sample.title).replaceAll('"', "“")}（${i}）`;
    const own = options.unique ? redraw(sample.body, pool, chance) : sample.body;
    const body = own.replace(/\d{6,}/g, id);
    const source = Math.floor(Math.pow(next(), 3) * sources);
    const media = `media${pad(source, 4)}`;
    const post = (category: string, tag: string) =>
      `---\nlayout: post\ntitle: "${title}"\ndate: ${day} ${time} +0800\ncategories: ${category}\ntags: ${tag}\n---\n${body}`;
    const copies: [string, string, string][] = [];
    if (next() < 0.5) copies.push(["emnews", "东财滚动新闻", id]);
    if (copies.length === 0 || next() < 0.3) copies.push([media, `${media}新闻`, `NW${id}`]);
    for (const [category, tag, slug] of copies.slice(0, options.count - written)) {
      categories.add(category);
      await writeFile(join(options.out, "_posts", `${day}-${slug}.md`), post(category, tag));
      written++;
    }
  }
  return { files: written, categories: categories.size };
}
