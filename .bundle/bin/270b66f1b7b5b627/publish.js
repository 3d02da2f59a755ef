import {
  WranglerKvStore,
  publishWith,
  readCliOptions,
  runCli
} from "./chunk-BBWBWBD6.js";
import "./chunk-66CTPFZH.js";

// src/bundle/cli/publish.ts
runCli(async () => {
  await publishWith(readCliOptions(), new WranglerKvStore({ kind: "remote" }));
});
//# sourceMappingURL=publish.js.map
