// npm run publish [-- --posts <dir> --dry-run]: the posts into the remote KV, and nothing else. What a
// scheduled job runs on every push: the Worker's code is not deployed again.
import { WranglerKvStore } from "../publish/kv-store.js";
import { publishWith, readCliOptions, runCli } from "./options.js";

runCli(async () => {
  await publishWith(readCliOptions(), new WranglerKvStore({ kind: "remote" }), { live: true });
});
