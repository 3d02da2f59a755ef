// npm start [-- --posts <dir> --port <n> --state <dir>]: bundle a posts folder into the local KV and serve it.
import { bundleFolder } from "../bundle-folder.js";
import { runWrangler, uploadToKv } from "../kv-upload.js";
import { readCliOptions, runCli } from "./options.js";

runCli(async () => {
  const options = readCliOptions();
  const { entries } = await bundleFolder(options.posts);
  const { put, deleted } = await uploadToKv(entries, { kind: "local", state: options.state });
  console.log(`local KV: ${put} keys written, ${deleted} stale keys deleted`);
  process.exitCode = await runWrangler(["dev", "--ip", "127.0.0.1", "--port", String(options.port), "--persist-to", options.state]);
});
