import {
  WranglerKvStore,
  publishWith,
  readCliOptions,
  runCli
} from "./chunk-HCOXWOQP.js";
import "./chunk-APZ3DEWB.js";

// src/bundle/cli/publish.ts
runCli(async () => {
  await publishWith(readCliOptions(), new WranglerKvStore({ kind: "remote" }));
});
//# sourceMappingURL=publish.js.map
