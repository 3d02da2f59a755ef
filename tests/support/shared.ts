import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project's root folder. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** `../shared` beside the checkout (read-only; absent on a machine without it). */
export const sharedDir = process.env.SHARED_DIR ?? resolve(root, "../shared");
export const corpusDir = join(sharedDir, "corpus/finews");
export const seedFile = join(sharedDir, "seeds/000_168f165b55167114.txt");
/** Where the seed sits in the real site. */
export const seedSitePath = "_posts/2022-05-29-202205292395370945.md";

export const hasCorpus = existsSync(join(corpusDir, "MANIFEST.tsv"));

/**
 * The corpus laid out as the real site keeps it (`_posts/…`, `old_post/…`, by MANIFEST.tsv's
 * repo_path), plus the seed and the archive's `_config.yml`: a fresh temporary folder, or
 * undefined without ../shared.
 */
export async function layOutCorpusSite(): Promise<string | undefined> {
  if (!hasCorpus) return undefined;
  const dir = await mkdtemp(join(tmpdir(), "corpus-site-"));
  const manifest = (await readFile(join(corpusDir, "MANIFEST.tsv"), "utf8")).trim().split("\n").slice(1);
  const copies: [string, string][] = manifest.map((line) => {
    const [fileName, repoPath] = line.split("\t") as [string, string];
    return [join(corpusDir, fileName), join(dir, repoPath)];
  });
  if (existsSync(seedFile)) copies.push([seedFile, join(dir, seedSitePath)]);
  copies.push([join(root, "posts/_config.yml"), join(dir, "_config.yml")]);
  for (const [from, to] of copies) {
    await mkdir(dirname(to), { recursive: true });
    await copyFile(from, to);
  }
  return dir;
}

export interface JekyllReferenceRow {
  sitePath: string;
  url: string;
  atomId: string;
}

/** Permalinks and Atom ids that Jekyll + jekyll-feed gave the corpus (tests/fixtures). */
export async function readJekyllReference(): Promise<JekyllReferenceRow[]> {
  const text = await readFile(join(root, "tests/fixtures/jekyll-reference.tsv"), "utf8");
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#") && !line.startsWith("site_path"))
    .map((line) => {
      const [sitePath, url, atomId] = line.split("\t") as [string, string, string];
      return { sitePath, url, atomId };
    });
}

/** The files of a site's posts, from its root, as the publisher finds them. */
export async function postFilesOf(dir: string): Promise<string[]> {
  const { findPostFiles } = await import("../../src/bundler/site/post-files.js");
  const { readSiteConfig } = await import("../../src/bundler/site/config.js");
  return (await findPostFiles(dir, readSiteConfig(dir).config)).posts.map((post) => post.file);
}
