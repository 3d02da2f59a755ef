// tsx tests/support/write-responses.ts <generated posts dir> > tests/fixtures/responses.tsv: the digests
// tests/bundler/responses.test.ts compares against (posts/, the corpus as the site and as a folder, 600 generated posts).
import { join } from "node:path";
import { bundledKv, digestLines, responseDigests } from "./responses.js";
import { hasCorpus, layOutCorpusSite, root } from "./shared.js";

const generated = process.argv[2];
if (!generated) throw new Error("usage: tsx tests/support/write-responses.ts <folder of 600 generated posts>");
const folders: [string, string | undefined][] = [
  ["samples", join(root, "posts")],
  ["corpus-site", await layOutCorpusSite()],
  ["generated", generated],
];
for (const [name, dir] of folders) if (dir) console.log(digestLines(name, await responseDigests(await bundledKv(dir))).join("\n"));
