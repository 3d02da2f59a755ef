import {
  WranglerKvStore,
  publishWith,
  readCliOptions,
  runCli
} from "./chunk-SNFEMDH6.js";
import "./chunk-BLKOJJX3.js";

// src/bundle/cli/publish.ts
runCli(async () => {
  await publishWith(readCliOptions(), new WranglerKvStore({ kind: "remote" }));
});
//# sourceMappingURL=publish.js.map
