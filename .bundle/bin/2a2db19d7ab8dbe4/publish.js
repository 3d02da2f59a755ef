import {
  WranglerKvStore,
  publishWith,
  readCliOptions,
  runCli
} from "./chunk-KA2RB4MG.js";
import "./chunk-C2UV3ZUK.js";

// src/bundle/cli/publish.ts
runCli(async () => {
  await publishWith(readCliOptions(), new WranglerKvStore({ kind: "remote" }));
});
//# sourceMappingURL=publish.js.map
