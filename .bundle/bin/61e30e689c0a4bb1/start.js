import {
  WranglerKvStore,
  publishWith,
  readCliOptions,
  runCli
} from "./chunk-7R6JYDL5.js";
import "./chunk-2PTCAWWV.js";

// src/bundle/cli/start.ts
import { spawn } from "node:child_process";
runCli(async () => {
  const options = readCliOptions();
  await publishWith(options, new WranglerKvStore({ kind: "local", state: options.state }));
  if (options.dryRun) return;
  const dev = spawn("wrangler", ["dev", "--ip", "127.0.0.1", "--port", String(options.port), "--persist-to", options.state], {
    stdio: "inherit",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" }
  });
  dev.on("exit", (code) => process.exit(code ?? 1));
});
//# sourceMappingURL=start.js.map
