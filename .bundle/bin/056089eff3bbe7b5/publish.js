import {
  WranglerKvStore,
  publishWith,
  readCliOptions,
  runCli
} from "./chunk-J3OWE3XE.js";
import "./chunk-GNPU7PPQ.js";

// src/bundle/cli/publish.ts
runCli(async () => {
  await publishWith(readCliOptions(), new WranglerKvStore({ kind: "remote" }));
});
//# sourceMappingURL=publish.js.map
