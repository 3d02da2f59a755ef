import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadSiteYaml } from "../src/bundler/site/site-yaml.js";

/** What `jekyll build` made of a site: its Atom feed, and what was changed to build it here. */
export interface JekyllFeed {
  /** The feed at jekyll-feed's path, every post in it (see `posts_limit` below). */
  xml: string;
  /** Settings the build ran with that the site does not say, each with why. */
  overrides: string[];
  /** Jekyll's own warnings, less those the overrides cause. */
  warnings: string[];
}

export type JekyllOutcome = JekyllFeed | { absent: string } | { failed: string; overrides: string[] };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  missing?: boolean;
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    // the site's Gemfile names gems (github-pages, its theme) this machine lacks: Bundler would stop
    const env = { ...process.env, JEKYLL_NO_BUNDLER_REQUIRE: "true" };
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error: NodeJS.ErrnoException) => resolve({ code: null, stdout, stderr: error.message, missing: error.code === "ENOENT" }));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Gems installed on this machine, by name: a site's plugins and theme that are not cannot be loaded. */
async function installedGems(): Promise<Set<string>> {
  const listed = await run("gem", ["list", "--local", "--no-versions"], tmpdir());
  return new Set(listed.stdout.split("\n").map((line) => line.trim()).filter(Boolean));
}

function siteConfigFile(root: string): string | undefined {
  return ["_config.yml", "_config.yaml"].find((name) => existsSync(join(root, name)));
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : typeof value === "string" ? [value] : []);

/** Where jekyll-feed writes the feed in the compare's build: a path no site has a file at. */
const JEKYLL_FEED = "compare-jekyll-feed.xml";

/** The site's collections other than posts, by label. */
function otherCollections(site: Record<string, unknown>): string[] {
  const { collections } = site;
  const labels = Array.isArray(collections) ? asList(collections) : typeof collections === "object" && collections !== null ? Object.keys(collections) : [];
  return labels.filter((label) => label !== "posts");
}

/**
 * The settings laid over the site's own so that Jekyll builds it here and its feed lists every post:
 * - `feed.posts_limit` past any site's size (jekyll-feed lists the newest 10 by default), the
 *   feed made in development too (`feed.disable_in_development`), and at a path of its own;
 * - only plugins installed here, jekyll-feed among them, whitelisted (`--safe` loads no other);
 * - no theme that is not installed, and no layouts at all: jekyll-feed writes `post.content`,
 *   which Jekyll makes before any layout, so layouts change nothing it reads, and a layout's
 *   missing include or plugin tag would stop the build;
 * - no Sass (a theme's styles that are left out would stop it too);
 * - Liquid only in posts and the feed: a page's Liquid changes no post, and may need a plugin
 *   (the page is still read, so `{% link %}` finds it).
 */
export function jekyllOverrides(site: Record<string, unknown>, installed: ReadonlySet<string>): { settings: Record<string, unknown>; overrides: string[] } {
  const overrides: string[] = [];
  const feed = typeof site.feed === "object" && site.feed !== null ? (site.feed as Record<string, unknown>) : {};
  overrides.push("feed.posts_limit: 100000, so that the feed lists every post (jekyll-feed's default is the newest 10)");
  overrides.push(`feed.path: ${JEKYLL_FEED}, so that a feed file of the site's own at jekyll-feed's path does not stand in for it`);
  if (feed.disable_in_development) overrides.push("feed.disable_in_development: false, so that a development build makes the feed");

  const wanted = [...new Set([...asList(site.plugins), ...asList(site.gems)])];
  const dropped = wanted.filter((name) => !installed.has(name));
  const plugins = [...new Set([...wanted.filter((name) => installed.has(name)), "jekyll-feed"])];
  if (dropped.length) overrides.push(`plugins not installed here, left out: ${dropped.join(", ")}`);
  if (!wanted.includes("jekyll-feed")) overrides.push("jekyll-feed added to the plugins");
  overrides.push(`plugins whitelisted for --safe: ${plugins.join(", ")}`);

  const settings: Record<string, unknown> = {
    feed: { posts_limit: 100000, disable_in_development: false, path: JEKYLL_FEED },
    plugins,
    whitelist: plugins,
    layouts_dir: "_compare_without_layouts",
    exclude: [...asList(site.exclude), "*.scss", "*.sass"],
    // by type, never for posts: Jekyll ranks a default against the last one that won, so a
    // catch-all `false` would beat a `true` for posts under a site's own `_posts` default
    defaults: [
      ...(Array.isArray(site.defaults) ? site.defaults : []),
      ...["pages", ...otherCollections(site)].map((type) => ({ scope: { path: "", type }, values: { render_with_liquid: false } })),
      { scope: { path: JEKYLL_FEED, type: "pages" }, values: { render_with_liquid: true } },
    ],
  };
  if (typeof site.theme === "string" && !installed.has(site.theme)) {
    settings.theme = null;
    overrides.push(`theme ${site.theme} is not installed here: left out`);
  }
  if (site.remote_theme !== undefined) overrides.push(`remote_theme ${String(site.remote_theme)} is not fetched`);
  overrides.push("layouts left out (jekyll-feed's content is made before layouts)");
  overrides.push("Sass files excluded");
  overrides.push("Liquid rendered only in posts and the feed (pages and other documents are still read, for {% link %})");
  return { settings, overrides };
}

/** Jekyll's warnings worth reading: not the layouts the overrides took away. */
function warningsOf(output: string): string[] {
  return output
    .split("\n")
    .map((line) => line.replace(/\x1b\[[0-9;]*m/g, "").trim())
    .filter((line) => /warning|error|deprecat/i.test(line) && !/Layout '.*' requested in .* does not exist/.test(line));
}

/** Jekyll's error, without its backtrace. */
function errorOf(output: string): string {
  return output
    .split("\n")
    .map((line) => line.replace(/\x1b\[[0-9;]*m/g, "").trim())
    .filter((line) => line && !line.startsWith("from ") && !/^-+$/.test(line) && !/Please append `--trace`|for any additional information/.test(line))
    .slice(-6)
    .join("\n");
}

/**
 * Builds the site at `root` with the local `jekyll` (`jekyll build --safe`) into a folder of its
 * own, with the overrides above, and reads its Atom feed. `absent` when there is no `jekyll`
 * (`command`: another name for it).
 */
export async function buildWithJekyll(siteRoot: string, options: { drafts?: boolean; command?: string } = {}): Promise<JekyllOutcome> {
  const root = resolve(siteRoot);
  const jekyll = options.command ?? "jekyll";
  const version = await run(jekyll, ["--version"], root);
  if (version.missing) return { absent: "jekyll is not installed (no `jekyll` on PATH): there is nothing to compare with" };
  const configFile = siteConfigFile(root);
  let site: Record<string, unknown> = {};
  if (configFile) {
    const loaded = loadSiteYaml(readFileSync(join(root, configFile), "utf8"));
    if ("value" in loaded && typeof loaded.value === "object" && loaded.value !== null && !Array.isArray(loaded.value)) site = loaded.value as Record<string, unknown>;
  }
  const { settings, overrides } = jekyllOverrides(site, await installedGems());
  const work = await mkdtemp(join(tmpdir(), "compare-jekyll-"));
  try {
    const override = join(work, "override.yml");
    // JSON is YAML: what is written is read back as it was meant
    await writeFile(override, JSON.stringify(settings));
    const destination = join(work, "site");
    const configs = [...(configFile ? [join(root, configFile)] : []), override].join(",");
    const args = ["build", "--safe", "-s", root, "-d", destination, "--config", configs, ...(options.drafts ? ["--drafts"] : [])];
    const built = await run(jekyll, args, work);
    if (built.code !== 0) return { failed: errorOf(`${built.stdout}\n${built.stderr}`), overrides };
    const feedFile = join(destination, JEKYLL_FEED);
    const xml = await readFile(feedFile, "utf8").catch(() => undefined);
    if (xml === undefined) return { failed: `jekyll build made no feed at ${feedFile}`, overrides };
    return { xml, overrides, warnings: warningsOf(`${built.stdout}\n${built.stderr}`) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
