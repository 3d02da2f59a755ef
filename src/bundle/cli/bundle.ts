// npm run bundle -- --posts <dir> --out <dir> [--previous <dir>]: a deploy done offline, as files.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { OfflineKvStore } from "../offline-kv-store.js";
import { publish } from "../publish.js";
import { readCliOptions, runCli } from "./options.js";

runCli(async () => {
  const options = readCliOptions();
  const store = await OfflineKvStore.open(options.out, options.previous);
  const report = await publish({ postsDir: options.posts, cacheDir: options.cache, progress: true, dryRun: options.dryRun, strict: options.strict, threads: options.threads, store });
  const files = await store.close();
  await writeFile(join(options.out, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${[...files, join(options.out, "report.json")].join(", ")}`);
});
