#!/usr/bin/env node
// node bin/publisher.mjs <bundle|start|publish|deploy> [options]: runs a deploy-time command as
// JavaScript compiled by esbuild. Starting through tsx costs about 0.7 s per process and again per
// build thread, a quarter of a whole 10,000-post bundle; esbuild compiles the bundler in ~0.1 s,
// once per version of the sources (kept in .bundler/bin/<hash of src>/).
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as nodeModule from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// V8's compiled code of every module, kept across runs: loading the libraries is a third of a small deploy.
process.env.NODE_COMPILE_CACHE = join(root, ".bundler/compile-cache");
nodeModule.enableCompileCache?.(process.env.NODE_COMPILE_CACHE);
const commands = ["bundle", "start", "publish", "deploy"];
const [command] = process.argv.splice(2, 1);
if (!commands.includes(command)) {
  console.error(`usage: node bin/publisher.mjs <${commands.join("|")}> [options]`);
  process.exit(2);
}

/** Every source file and this launcher: any change compiles again. */
function sourceHash() {
  const hash = createHash("sha256").update(readFileSync(fileURLToPath(import.meta.url)));
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mjs)$/.test(entry.name)) hash.update(path.slice(root.length)).update("\0").update(readFileSync(path));
    }
  };
  walk(join(root, "src"));
  return hash.digest("hex").slice(0, 16);
}

async function compiled(hash) {
  const binDir = join(root, ".bundler/bin");
  const dir = join(binDir, hash);
  try {
    statSync(join(dir, "done"));
    return { dir, buildVersion: readFileSync(join(dir, "build-version"), "utf8") };
  } catch {}
  // Built aside and renamed into place, so concurrent runs never load a half-written copy.
  const scratch = `${dir}.${process.pid}`;
  const { build } = await import("esbuild");
  const { metafile } = await build({
    entryPoints: [...commands.map((c) => join(root, "src/bundler/cli", `${c}.ts`)), join(root, "src/bundler/records/build-thread.ts")],
    outdir: scratch,
    entryNames: "[name]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node22",
    packages: "external",
    sourcemap: "linked",
    metafile: true,
    logLevel: "error",
  });
  const buildVersion = buildCodeVersion(metafile);
  writeFileSync(join(scratch, "build-version"), buildVersion);
  writeFileSync(join(scratch, "done"), "");
  try {
    renameSync(scratch, dir);
  } catch {
    rmSync(scratch, { recursive: true, force: true }); // another run named the same build first
  }
  // Older builds go after a day: a run started from one may still be loading its build threads.
  // Another run's scratch folder (`<hash>.<pid>`) may be gone by the time it is looked at.
  for (const old of readdirSync(binDir)) {
    if (old === hash) continue;
    const path = join(binDir, old);
    const made = statSync(path, { throwIfNoEntry: false });
    if (made && Date.now() - made.mtimeMs > 86_400_000) rmSync(path, { recursive: true, force: true });
  }
  return { dir, buildVersion };
}

/**
 * A hash of the sources a build thread is made of, and nothing else: the build cache's version,
 * so that a change to the Worker or to packing does not build every post again.
 */
function buildCodeVersion(metafile) {
  const seen = new Set();
  const visit = (path) => {
    if (seen.has(path) || !metafile.inputs[path]) return;
    seen.add(path);
    for (const { path: next, external } of metafile.inputs[path].imports) if (!external) visit(next);
  };
  visit("src/bundler/records/build-thread.ts");
  const hash = createHash("sha256");
  for (const path of [...seen].sort()) hash.update(path).update("\0").update(readFileSync(join(root, path)));
  return hash.digest("hex");
}

const { dir, buildVersion } = await compiled(sourceHash());
process.env.FEED_PUBLISHER_BUILD_VERSION = buildVersion;
await import(pathToFileURL(join(dir, `${command}.js`)).href);
