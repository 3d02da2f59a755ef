// npm start [-- --posts <dir> --port <n> --state <dir>]: bundle a posts folder into the local KV and serve it.
import { spawn } from "node:child_process";
import { WranglerKvStore } from "../publish/kv-store.js";
import { publishWith, readCliOptions, runCli } from "./options.js";

runCli(async () => {
  const options = readCliOptions();
  await publishWith(options, new WranglerKvStore({ kind: "local", state: options.state }));
  if (options.dryRun) return;
  const dev = spawn("wrangler", ["dev", "--ip", "127.0.0.1", "--port", String(options.port), "--persist-to", options.state], {
    stdio: "inherit",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  dev.on("exit", (code) => process.exit(code ?? 1));
});
