// The sample archive's site, as its _config.yml (posts/_config.yml) sets it: what tests that build,
// lay out or serve the archive's posts use.
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { readSiteConfig } from "../../src/bundler/site/config.js";
import { siteSettings } from "../../src/bundler/site/settings.js";
import type { Site } from "../../src/site.js";
import type { PostFile } from "../../src/bundler/site/post-files.js";
import { postContext } from "../../src/bundler/records/context.js";
import { buildPost, type BuildResult } from "../../src/bundler/records/build-post.js";
import { root } from "./shared.js";

const samples = join(root, "posts");
export const archiveConfig = readSiteConfig(samples).config;
export const archiveSite: Site = siteSettings(archiveConfig, samples);

/** Makes a folder a site configured as the archive: its `_config.yml`. */
export async function asArchive(dir: string): Promise<string> {
  await copyFile(join(samples, "_config.yml"), join(dir, "_config.yml"));
  return dir;
}

/** A post file of the archive's `_posts/` (or of `old_post/`), as the site's listing gives it. */
export function archivePostFile(file: string): PostFile {
  const archive = file.startsWith("old_post/");
  const name = file.slice(file.lastIndexOf("/") + 1);
  return { file, relativePath: archive ? `_posts/${name}` : file, categoriesFromPath: [], draft: false, archive, markup: "markdown", outputExt: ".html" };
}

/** What the archive's posts are built with. */
export const archiveContext = postContext(join(root, "posts"), archiveConfig, archiveSite, Date.UTC(2024, 5, 1));

/** One post of the archive built from its text, as `npm run bundle` builds it. */
export function buildArchivePost(file: string, text: string): BuildResult {
  return buildPost(archivePostFile(file), text, archiveContext);
}
