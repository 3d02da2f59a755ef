// Builds the sites of jekyll-sites.ts with the real Jekyll and writes what it made of them:
//   tests/fixtures/jekyll-permalinks.tsv  each post's URL, Atom id, date, categories, tags and output file, per variant
//   tests/fixtures/jekyll-post-files.tsv  which files Jekyll took as posts, per variant
//   tests/fixtures/jekyll-settings.tsv    _config.yml with Jekyll's defaults, and site.data
// Run where Jekyll 4.3 and jekyll-feed are installed (Debian: jekyll, ruby-jekyll-feed):
//   npx tsx tests/support/jekyll-reference.ts
// The tests read the tables and never need Jekyll.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { root } from "./shared.js";
import { dataSite, layOutSite, permalinkSite, postFilesLinks, postFilesSite, sitesFingerprint, type JekyllSite } from "./jekyll-sites.js";

// A page, not a post: what Jekyll knows of each post, as JSON lines.
const DUMP = `---
layout: null
---
{% for p in site.posts %}{"path":{{ p.path | jsonify }},"url":{{ p.url | jsonify }},"id":{{ p.id | jsonify }},"date":{{ p.date | date_to_xmlschema | jsonify }},"categories":{{ p.categories | jsonify }},"tags":{{ p.tags | jsonify }},"link":{{ p.url | absolute_url | jsonify }}}
{% endfor %}`;

interface Dumped {
  path: string;
  url: string;
  id: string;
  date: string;
  categories: string[];
  tags: string[];
  link: string;
}

const unescapeXml = (text: string) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

function jekyll(dir: string, flags: string[]): string[] {
  const run = spawnSync("jekyll", ["build", ...flags], { cwd: dir, env: { ...process.env, TZ: "UTC", JEKYLL_ENV: "production" }, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`jekyll build failed in ${dir}:\n${run.stderr}`);
  return `${run.stdout}\n${run.stderr}`
    .split("\n")
    .map((line) => line.replace(/\x1b\[[0-9;]*m/g, "").trim().replace(/\s+/g, " ").replaceAll(dir, "<site>"))
    .filter((line) => /warn|error|skipping/i.test(line));
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

async function build(site: JekyllSite, variant: JekyllSite["variants"][number], links: typeof postFilesLinks = []) {
  const dir = await layOutSite({ ...site, files: { ...site.files, "reference-dump.json": DUMP } }, variant.config, links);
  const said = jekyll(dir, [...(variant.drafts ? ["--drafts"] : []), ...(variant.safe ? ["--safe"] : [])]);
  const posts = readFileSync(join(dir, "_site/reference-dump.json"), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Dumped);
  const feedPath = ((variant.config.feed as { path?: string } | undefined)?.path ?? "/feed.xml").replace(/^\//, "");
  const feed = existsSync(join(dir, "_site", feedPath)) ? readFileSync(join(dir, "_site", feedPath), "utf8") : "<feed><id></id></feed>";
  const feedId = unescapeXml(/<feed[^>]*>[\s\S]*?<id>([^<]*)<\/id>/.exec(feed)![1]!);
  const atomIds = new Map(
    [...feed.matchAll(/<entry[^>]*>([\s\S]*?)<\/entry>/g)].map((m) => [unescapeXml(/<link href="([^"]*)"/.exec(m[1]!)![1]!), unescapeXml(/<id>([^<]*)<\/id>/.exec(m[1]!)![1]!)]),
  );
  const outputs = new Map<string, string>();
  for (const file of filesBelow(join(dir, "_site"))) {
    const marker = /Marker ([^<\n]+)/.exec(readFileSync(join(dir, "_site", file), "utf8"))?.[1];
    if (marker && !file.endsWith(".xml") && file !== "reference-dump.json") outputs.set(unescapeXml(marker.trim()), file);
  }
  await rm(dirname(dir), { recursive: true, force: true });
  return { posts, feedId, atomIds, outputs, said };
}

const json = (value: unknown) => JSON.stringify(value);

async function permalinkTable(): Promise<string> {
  const lines = ["variant\tfile\turl\tatom_id\tdate\tcategories\ttags\toutput_file"];
  for (const variant of permalinkSite.variants) {
    const { posts, feedId, atomIds, outputs, said } = await build(permalinkSite, variant);
    lines.push(`#variant\t${variant.name}\t${json(variant.config)}\t${feedId}\t${variant.drafts ? "drafts" : ""}`);
    for (const message of said) lines.push(`# jekyll said: ${message}`);
    for (const p of posts.sort((a, b) => (a.path < b.path ? -1 : 1))) {
      const atomId = atomIds.get(p.link);
      if (atomId === undefined) throw new Error(`${variant.name}: no feed entry links ${p.link}`);
      lines.push([variant.name, p.path, p.url, atomId, p.date, json(p.categories), json(p.tags), outputs.get(p.path) ?? ""].join("\t"));
    }
  }
  return lines.join("\n");
}

async function postFilesTable(): Promise<string> {
  const lines = ["variant\tfile\turl"];
  for (const variant of postFilesSite.variants) {
    const { posts, said } = await build(postFilesSite, variant, postFilesLinks);
    lines.push(`#variant\t${variant.name}\t${json(variant.config)}\t${variant.safe ? "safe" : ""}${variant.drafts ? "drafts" : ""}`);
    for (const message of said) lines.push(`# jekyll said: ${message}`);
    // drafts are dated by the file's time: their URLs change from run to run
    for (const p of posts.sort((a, b) => (a.path < b.path ? -1 : 1))) lines.push([variant.name, p.path, p.path.includes("_drafts/") ? "" : p.url].join("\t"));
  }
  return lines.join("\n");
}

// Jekyll's view of the settings and site.data, one JSON line.
const SETTINGS_DUMP = `---
layout: null
---
{"title":{{ site.title | jsonify }},"name":{{ site.name | jsonify }},"url":{{ site.url | jsonify }},"baseurl":{{ site.baseurl | jsonify }},"timezone":{{ site.timezone | jsonify }},"permalink":{{ site.permalink | jsonify }},"posts_permalink":{{ site.collections.posts.permalink | jsonify }},"exclude":{{ site.exclude | jsonify }},"include":{{ site.include | jsonify }},"excerpt_separator":{{ site.excerpt_separator | jsonify }},"markdown_ext":{{ site.markdown_ext | jsonify }},"kramdown":{{ site.kramdown | jsonify }},"feed":{{ site.feed | jsonify }},"data":{{ site.data | jsonify }},"post_url":{{ site.posts.first.url | jsonify }},"feed_url":{{ "/feed.xml" | absolute_url | jsonify }}}
`;

async function dataTable(): Promise<string> {
  const lines = ["variant\tjekyll_settings_json"];
  for (const variant of dataSite.variants) {
    const dir = await layOutSite({ ...dataSite, files: { ...dataSite.files, "reference-settings.json": SETTINGS_DUMP } }, variant.config);
    const said = jekyll(dir, []);
    lines.push(`#variant\t${variant.name}\t${json(variant.config)}\t`);
    for (const message of said) lines.push(`# jekyll said: ${message}`);
    lines.push(`${variant.name}\t${readFileSync(join(dir, "_site/reference-settings.json"), "utf8").trim()}`);
    await rm(dirname(dir), { recursive: true, force: true });
  }
  return lines.join("\n");
}

const version = execFileSync("jekyll", ["--version"], { encoding: "utf8" }).trim();
const header = `# ${version}, jekyll-feed as installed; made by tests/support/jekyll-reference.ts from tests/support/jekyll-sites.ts\n# sites fingerprint: ${sitesFingerprint()}\n`;
writeFileSync(join(root, "tests/fixtures/jekyll-permalinks.tsv"), `${header}${await permalinkTable()}\n`);
writeFileSync(join(root, "tests/fixtures/jekyll-post-files.tsv"), `${header}${await postFilesTable()}\n`);
writeFileSync(join(root, "tests/fixtures/jekyll-settings.tsv"), `${header}${await dataTable()}\n`);
console.log("wrote tests/fixtures/jekyll-permalinks.tsv, jekyll-post-files.tsv and jekyll-settings.tsv");
