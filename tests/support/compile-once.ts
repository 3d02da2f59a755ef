// vitest globalSetup: runs the bundler's command once before any test, so that its compiled copy
// (.bundler/bin/<hash>, made by bin/publisher.mjs on first use) and V8's compile cache exist before
// tests start it two at a time; no test then waits on a compile, or races another to make it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "./shared.js";

export default function setup(): void {
  const out = mkdtempSync(join(tmpdir(), "compile-once-"));
  const run = spawnSync(process.execPath, [join(root, "bin/publisher.mjs"), "bundle", "--posts", join(root, "posts"), "--out", out, "--no-cache", "--dry-run"], { cwd: root, encoding: "utf8" });
  rmSync(out, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`bin/publisher.mjs bundle failed:\n${run.stdout}${run.stderr}`);
}
