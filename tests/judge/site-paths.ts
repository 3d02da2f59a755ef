// For tests/judge/run.sh: where a site's routes are, read from its _config.yml as the publish reads
// it. Prints four lines: the baseurl ("" or /blog), then jekyll-feed's site, category and tag feed
// paths below it, with NAME where a feed's name goes.
import { readSiteConfig } from "../../src/bundler/site/config.js";
import { siteSettings } from "../../src/bundler/site/settings.js";
import { jekyllFeedPath } from "../../src/paths.js";

const root = process.argv[2] ?? "posts";
const site = siteSettings(readSiteConfig(root).config, root);
const named = (kind: "category" | "tag") => jekyllFeedPath(site.feed, kind, "name").replace(/name\.xml$/, "NAME.xml");
console.log([site.baseurl, jekyllFeedPath(site.feed, "main", ""), named("category"), named("tag")].join("\n"));
