// src/bundle/kv-store.ts
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
var run = promisify(execFile);
var BINDING = "POSTS";
var WranglerKvStore = class {
  constructor(target) {
    this.target = target;
  }
  target;
  flags() {
    return ["--binding", BINDING, ...this.target.kind === "remote" ? ["--remote"] : ["--local", "--persist-to", this.target.state]];
  }
  async wrangler(args) {
    const { stdout } = await run("wrangler", [...args, ...this.flags()], {
      maxBuffer: 1 << 30,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" }
    });
    return stdout;
  }
  async listKeys(prefix) {
    const out = await this.wrangler(["kv", "key", "list", "--prefix", prefix]);
    return JSON.parse(out).map((k) => k.name);
  }
  async getText(key) {
    try {
      return await this.wrangler(["kv", "key", "get", key, "--text"]);
    } catch (error) {
      if (/not found|404/i.test(String(error.stderr ?? error))) return null;
      throw error;
    }
  }
  async withFile(data, use) {
    const dir = await mkdtemp(join(tmpdir(), "feed-publisher-kv-"));
    try {
      const file = join(dir, "bulk.json");
      await writeFile(file, JSON.stringify(data));
      await use(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  async putMany(entries) {
    const bulk = entries.map(({ key, value }) => ({ key, value }));
    if (bulk.length) await this.withFile(bulk, async (file) => void await this.wrangler(["kv", "bulk", "put", file]));
  }
  async deleteMany(keys) {
    if (keys.length) await this.withFile(keys, async (file) => void await this.wrangler(["kv", "bulk", "delete", file, "--force"]));
  }
};

export {
  WranglerKvStore
};
//# sourceMappingURL=chunk-JDTSNZSG.js.map
