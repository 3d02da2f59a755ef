import {
  MANIFEST_KEY,
  bulkEntry,
  publishWith,
  readCliOptions,
  runCli
} from "./chunk-DLUZULWA.js";
import "./chunk-GNPU7PPQ.js";

// src/bundle/cli/bundle.ts
import { join as join2 } from "node:path";

// src/bundle/atomic-file.ts
import { rename, rm, writeFile } from "node:fs/promises";
async function writeFileAtomic(path, data) {
  const scratch = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(scratch, data);
    await rename(scratch, path);
  } catch (error) {
    await rm(scratch, { force: true });
    throw error;
  }
}

// src/bundle/offline-kv-store.ts
import { createWriteStream } from "node:fs";
import { mkdir, readFile, rename as rename2, rm as rm2 } from "node:fs/promises";
import { join } from "node:path";
import { finished } from "node:stream/promises";
var OfflineKvStore = class _OfflineKvStore {
  constructor(state, out) {
    this.out = out;
    this.keys = new Set(state.keys);
    this.manifest = state.manifest === null ? null : new Uint8Array(Buffer.from(state.manifest, "base64"));
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
    const scratch = join(outDir, `kv-put.json.${process.pid}.tmp`);
    return new _OfflineKvStore(state, { dir: outDir, scratch, puts: createWriteStream(scratch) });
  }
  async listKeys(prefix) {
    return [...this.keys].filter((key) => key.startsWith(prefix));
  }
  async getBytes(key) {
    return key === MANIFEST_KEY ? this.manifest : null;
  }
  async putMany(entries) {
    for (const entry of entries) {
      if (this.out) {
        const line = `${this.written ? "," : "["}${JSON.stringify(bulkEntry(entry))}`;
        if (!this.out.puts.write(line)) await new Promise((resolve) => this.out.puts.once("drain", () => resolve()));
      }
      this.written++;
      this.keys.add(entry.key);
      if (entry.key === MANIFEST_KEY) this.manifest = entry.value;
    }
  }
  async deleteMany(keys) {
    for (const key of keys) {
      this.deletes.push(key);
      this.keys.delete(key);
    }
  }
  state() {
    return { keys: [...this.keys].sort(), manifest: this.manifest === null ? null : Buffer.from(this.manifest).toString("base64") };
  }
  /** Finishes `kv-put.json` and writes `kv-delete.json` and `state.json`; returns the files' paths. */
  async close() {
    if (!this.out) return [];
    this.out.puts.end(this.written ? "]\n" : "[]\n");
    await finished(this.out.puts);
    await rename2(this.out.scratch, join(this.out.dir, "kv-put.json"));
    await writeFileAtomic(join(this.out.dir, "kv-delete.json"), `${JSON.stringify(this.deletes)}
`);
    await writeFileAtomic(join(this.out.dir, "state.json"), `${JSON.stringify(this.state())}
`);
    return ["kv-put.json", "kv-delete.json", "state.json"].map((name) => join(this.out.dir, name));
  }
  /** Drops the half-written `kv-put.json` of a run that failed. */
  async abandon() {
    if (!this.out) return;
    this.out.puts.destroy();
    await rm2(this.out.scratch, { force: true });
  }
};

// src/bundle/cli/bundle.ts
runCli(async () => {
  const options = readCliOptions();
  const store = await OfflineKvStore.open(options.out, options.previous);
  let report;
  try {
    report = await publishWith(options, store);
  } catch (error) {
    await store.abandon();
    throw error;
  }
  const files = await store.close();
  await writeFileAtomic(join2(options.out, "report.json"), `${JSON.stringify(report, null, 2)}
`);
  console.log(`wrote ${[...files, join2(options.out, "report.json")].join(", ")}`);
});
//# sourceMappingURL=bundle.js.map
