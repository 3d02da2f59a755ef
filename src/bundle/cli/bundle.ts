// npm run bundle -- --posts <dir> --out <dir> [--previous <dir>]: a deploy done offline, as files.
import { createWriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { join } from "node:path";
import { OfflineKvStore } from "../offline-kv-store.js";
import { publish } from "../publish.js";
import { readCliOptions, runCli } from "./options.js";

runCli(async () => {
  const options = readCliOptions();
  const store = await OfflineKvStore.fromPrevious(options.previous);
  const report = await publish({ postsDir: options.posts, cacheDir: options.cache, progress: true, dryRun: options.dryRun, strict: options.strict, store });
  await mkdir(options.out, { recursive: true });
  // entry by entry: one JSON string of every pack at once would double the memory a bundle takes
  const puts = createWriteStream(join(options.out, "kv-put.json"));
  store.puts.forEach((entry, i) => puts.write(`${i ? "," : "["}${JSON.stringify(entry)}`));
  puts.end(store.puts.length ? "]\n" : "[]\n");
  await finished(puts);
  const files = { "kv-delete.json": store.deletes, "report.json": report, "state.json": store.state() };
  for (const [name, data] of Object.entries(files)) await writeFile(join(options.out, name), `${JSON.stringify(data)}\n`);
  console.log(`wrote ${["kv-put.json", ...Object.keys(files)].map((name) => join(options.out, name)).join(", ")}`);
});
