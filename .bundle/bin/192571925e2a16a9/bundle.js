import {
  kvKeys,
  publish
} from "./chunk-EWPZXDCP.js";
import {
  readCliOptions,
  runCli
} from "./chunk-HACSPUBR.js";
import "./chunk-YNOLPYOS.js";
import "./chunk-M3MBS6RO.js";

// src/bundle/cli/bundle.ts
import { writeFile as writeFile2 } from "node:fs/promises";
import { join as join2 } from "node:path";

// src/bundle/offline-kv-store.ts
import { createWriteStream } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { finished } from "node:stream/promises";
var OfflineKvStore = class _OfflineKvStore {
  constructor(state, out) {
    this.out = out;
    this.keys = new Set(state.keys);
    this.manifest = state.manifest;
  }
  out;
  deletes = [];
  keys;
  manifest;
  written = 0;
  static inMemory(state = { keys: [], manifest: null }) {
    return new _OfflineKvStore(state);
  }
  /** A store writing to `outDir`, starting from the `state.json` in `previousDir`, if any. */
  static async open(outDir, previousDir) {
    let state = { keys: [], manifest: null };
    if (previousDir) {
      const text = await readFile(join(previousDir, "state.json"), "utf8").catch(() => {
        throw new Error(`no state.json in ${previousDir}: --previous takes the --out folder of an earlier bundle`);
      });
      state = JSON.parse(text);
    }
    await mkdir(outDir, { recursive: true });
    return new _OfflineKvStore(state, { dir: outDir, puts: createWriteStream(join(outDir, "kv-put.json")) });
  }
  async listKeys(prefix) {
    return [...this.keys].filter((key) => key.startsWith(prefix));
  }
  async getText(key) {
    return key === kvKeys.manifest ? this.manifest : null;
  }
  async putMany(entries) {
    for (const entry of entries) {
      if (this.out) {
        const line = `${this.written ? "," : "["}${JSON.stringify({ key: entry.key, value: entry.value })}`;
        if (!this.out.puts.write(line)) await new Promise((resolve) => this.out.puts.once("drain", () => resolve()));
      }
      this.written++;
      this.keys.add(entry.key);
      if (entry.key === kvKeys.manifest) this.manifest = entry.value;
    }
  }
  async deleteMany(keys) {
    for (const key of keys) {
      this.deletes.push(key);
      this.keys.delete(key);
    }
  }
  state() {
    return { keys: [...this.keys].sort(), manifest: this.manifest };
  }
  /** Finishes `kv-put.json` and writes `kv-delete.json` and `state.json`; returns the files' paths. */
  async close() {
    if (!this.out) return [];
    this.out.puts.end(this.written ? "]\n" : "[]\n");
    await finished(this.out.puts);
    await writeFile(join(this.out.dir, "kv-delete.json"), `${JSON.stringify(this.deletes)}
`);
    await writeFile(join(this.out.dir, "state.json"), `${JSON.stringify(this.state())}
`);
    return ["kv-put.json", "kv-delete.json", "state.json"].map((name) => join(this.out.dir, name));
  }
};

// src/bundle/cli/bundle.ts
runCli(async () => {
  const options = readCliOptions();
  const store = await OfflineKvStore.open(options.out, options.previous);
  const report = await publish({ postsDir: options.posts, cacheDir: options.cache, progress: true, dryRun: options.dryRun, strict: options.strict, threads: options.threads, store });
  const files = await store.close();
  await writeFile2(join2(options.out, "report.json"), `${JSON.stringify(report, null, 2)}
`);
  console.log(`wrote ${[...files, join2(options.out, "report.json")].join(", ")}`);
});
//# sourceMappingURL=bundle.js.map
