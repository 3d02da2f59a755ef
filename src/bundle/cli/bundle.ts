// npm run bundle -- --posts <dir> --out <dir>: what would go to KV, as files.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { bundleFolder } from "../bundle-folder.js";
import { readCliOptions, runCli } from "./options.js";

runCli(async () => {
  const options = readCliOptions();
  const out = options.out ?? "dist/bundle";
  const { entries, report } = await bundleFolder(options.posts);
  await mkdir(out, { recursive: true });
  await writeFile(join(out, "kv-put.json"), JSON.stringify(entries));
  await writeFile(join(out, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${join(out, "kv-put.json")} and ${join(out, "report.json")}`);
});
