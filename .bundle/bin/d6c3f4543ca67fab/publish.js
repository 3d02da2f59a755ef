import {
  WranglerKvStore,
  publishWith,
  readCliOptions,
  runCli
} from "./chunk-7R6JYDL5.js";
import "./chunk-2PTCAWWV.js";

// src/bundle/cli/publish.ts
runCli(async () => {
  await publishWith(readCliOptions(), new WranglerKvStore({ kind: "remote" }));
});
//# sourceMappingURL=publish.js.map
