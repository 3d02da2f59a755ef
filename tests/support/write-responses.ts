// npx tsx tests/support/write-responses.ts: records what tests/bundler/responses.test.ts compares
// against, from the code as it stands: tests/fixtures/responses.tsv (every route's status, headers and
// body digest, for posts/, the corpus as the site lays it out, and 600 generated posts) and
// tests/fixtures/responses-bodies.json.br (the bodies of posts/ and of the generated posts).
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { bodiesKeptFor, bundledKv, generatedPosts, recordResponses, responseLines, responsesFile, writeBodies, type RecordedResponse } from "./responses.js";
import { layOutCorpusSite, root } from "./shared.js";

const folders: [string, string | undefined][] = [
  ["samples", join(root, "posts")],
  ["corpus-site", await layOutCorpusSite()],
  ["generated", await generatedPosts()],
];
const lines: string[] = [];
const kept: RecordedResponse[] = [];
for (const [name, dir] of folders) {
  if (!dir) continue;
  const responses = await recordResponses(await bundledKv(dir));
  lines.push(...responseLines(name, responses));
  if (bodiesKeptFor.has(name)) kept.push(...responses.values());
}
await writeFile(responsesFile, `${lines.join("\n")}\n`);
await writeBodies(kept);
