import {
  WranglerKvStore
} from "./chunk-JDTSNZSG.js";
import {
  publish
} from "./chunk-EWPZXDCP.js";
import {
  readCliOptions,
  runCli
} from "./chunk-HACSPUBR.js";
import "./chunk-YNOLPYOS.js";
import "./chunk-M3MBS6RO.js";

// src/bundle/cli/start.ts
import { spawn } from "node:child_process";
runCli(async () => {
  const options = readCliOptions();
  await publish({ postsDir: options.posts, cacheDir: options.cache, progress: true, dryRun: options.dryRun, strict: options.strict, threads: options.threads, store: new WranglerKvStore({ kind: "local", state: options.state }) });
  if (options.dryRun) return;
  const dev = spawn("wrangler", ["dev", "--ip", "127.0.0.1", "--port", String(options.port), "--persist-to", options.state], {
    stdio: "inherit",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" }
  });
  dev.on("exit", (code) => process.exit(code ?? 1));
});
//# sourceMappingURL=start.js.map
