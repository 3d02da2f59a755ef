import {
  WranglerKvStore,
  publishWith,
  readCliOptions,
  runCli
} from "./chunk-PGR3DETG.js";
import "./chunk-24CNK5MN.js";

// src/bundle/cli/publish.ts
runCli(async () => {
  await publishWith(readCliOptions(), new WranglerKvStore({ kind: "remote" }));
});
//# sourceMappingURL=publish.js.map
