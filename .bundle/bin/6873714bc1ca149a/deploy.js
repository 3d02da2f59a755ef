import {
  WranglerKvStore,
  publishWith,
  readCliOptions,
  runCli
} from "./chunk-DLUZULWA.js";
import "./chunk-GNPU7PPQ.js";

// src/bundle/cli/deploy.ts
import { spawn } from "node:child_process";
runCli(async () => {
  const options = readCliOptions();
  await publishWith(options, new WranglerKvStore({ kind: "remote" }));
  if (options.dryRun) return;
  const deploy = spawn("wrangler", ["deploy"], { stdio: "inherit", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  deploy.on("exit", (code) => process.exit(code ?? 1));
});
//# sourceMappingURL=deploy.js.map
