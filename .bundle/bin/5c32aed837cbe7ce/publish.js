import {
  WranglerKvStore,
  publishWith,
  readCliOptions,
  runCli
} from "./chunk-RDYSVI7P.js";
import "./chunk-DA5FARUQ.js";

// src/bundle/cli/publish.ts
runCli(async () => {
  await publishWith(readCliOptions(), new WranglerKvStore({ kind: "remote" }));
});
//# sourceMappingURL=publish.js.map
