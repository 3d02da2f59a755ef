import {
  WranglerKvStore,
  publishWith,
  readCliOptions,
  runCli
} from "./chunk-6JHNCGGJ.js";
import "./chunk-FG3WFAZU.js";

// src/bundle/cli/publish.ts
runCli(async () => {
  await publishWith(readCliOptions(), new WranglerKvStore({ kind: "remote" }));
});
//# sourceMappingURL=publish.js.map
