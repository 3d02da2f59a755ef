// npm run compare -- --posts <site root> [--jekyll-feed <feed.xml>] [--save-jekyll-feed <file>]
//   [--no-served] [--drafts] [--limit <n>]: builds a Jekyll site with the local jekyll and with this
// publisher, and prints what differs, post by post, then the figures. Exits 0 whenever it ran.
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { runCli } from "../src/bundler/cli/options.js";
import { compareSite, formatSiteComparison } from "./compare-site.js";

runCli(async () => {
  const { values } = parseArgs({
    options: {
      posts: { type: "string" },
      "jekyll-feed": { type: "string" },
      "save-jekyll-feed": { type: "string" },
      "no-served": { type: "boolean", default: false },
      drafts: { type: "boolean", default: false },
      limit: { type: "string" },
    },
    strict: true,
  });
  if (!values.posts) throw new Error("--posts takes the Jekyll site's root (the folder of its _config.yml)");
  const limit = values.limit === undefined ? Infinity : Number(values.limit);
  if (!(limit >= 0)) throw new Error(`--limit takes a number of posts, not ${values.limit}`);
  const jekyllFeed = values["jekyll-feed"] === undefined ? undefined : await readFile(values["jekyll-feed"], "utf8");
  const result = await compareSite({ root: values.posts, ...(jekyllFeed === undefined ? {} : { jekyllFeed }), served: !values["no-served"], drafts: values.drafts! });
  if (values["save-jekyll-feed"] && "xml" in result.jekyll) await writeFile(values["save-jekyll-feed"], result.jekyll.xml);
  console.log(formatSiteComparison(result, { limit }));
});
