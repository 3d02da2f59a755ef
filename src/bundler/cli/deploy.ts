// npm run deploy [-- --posts <dir> --dry-run]: the posts into the remote KV, then `wrangler deploy`.
import { spawn } from "node:child_process";
import { WranglerKvStore } from "../publish/kv-store.js";
import { publishWith, readCliOptions, runCli } from "./options.js";

runCli(async () => {
  const options = readCliOptions();
  await publishWith(options, new WranglerKvStore({ kind: "remote" }), { live: true });
  if (options.dryRun) return;
  const deploy = spawn("wrangler", ["deploy"], { stdio: "inherit", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  deploy.on("exit", (code) => process.exit(code ?? 1));
});
