// npm run deploy [-- --posts <dir>]: bundle into the remote KV, then `wrangler deploy`.
import { bundleFolder } from "../bundle-folder.js";
import { runWrangler, uploadToKv } from "../kv-upload.js";
import { readCliOptions, runCli } from "./options.js";

runCli(async () => {
  const options = readCliOptions();
  const { entries } = await bundleFolder(options.posts);
  const { put, deleted } = await uploadToKv(entries, { kind: "remote" });
  console.log(`remote KV: ${put} keys written, ${deleted} stale keys deleted`);
  process.exitCode = await runWrangler(["deploy"]);
});
