// src/bundle/cli/options.ts
import { parseArgs } from "node:util";
function readCliOptions(argv = process.argv.slice(2)) {
  const { values } = parseArgs({
    args: argv,
    options: {
      posts: { type: "string", default: "posts" },
      out: { type: "string", default: "dist/bundle" },
      previous: { type: "string" },
      port: { type: "string", default: "8787" },
      state: { type: "string", default: ".wrangler/state" },
      "dry-run": { type: "boolean", default: false },
      cache: { type: "string", default: ".bundle/cache" },
      "no-cache": { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
      threads: { type: "string" }
    },
    strict: true
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);
  const threads = values.threads === void 0 ? void 0 : Number(values.threads);
  if (threads !== void 0 && !(Number.isInteger(threads) && threads >= 1)) throw new Error(`--threads must be a whole number from 1, not ${values.threads}`);
  return { threads, posts: values.posts, out: values.out, previous: values.previous, port, state: values.state, dryRun: values["dry-run"], cache: values["no-cache"] ? void 0 : values.cache, strict: values.strict };
}
function runCli(main) {
  main().catch((error) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

export {
  readCliOptions,
  runCli
};
//# sourceMappingURL=chunk-HACSPUBR.js.map
