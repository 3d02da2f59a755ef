import {
  WranglerKvStore,
  publishWith,
  readCliOptions,
  runCli
} from "./chunk-7PDLK5YJ.js";
import "./chunk-APZ3DEWB.js";

// src/bundle/cli/publish.ts
runCli(async () => {
  await publishWith(readCliOptions(), new WranglerKvStore({ kind: "remote" }));
});
//# sourceMappingURL=publish.js.map
