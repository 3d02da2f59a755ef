import {
  WranglerKvStore,
  publishWith,
  readCliOptions,
  runCli
} from "./chunk-422NPJW7.js";
import "./chunk-ITS4ZYBW.js";

// src/bundle/cli/publish.ts
runCli(async () => {
  await publishWith(readCliOptions(), new WranglerKvStore({ kind: "remote" }));
});
//# sourceMappingURL=publish.js.map
