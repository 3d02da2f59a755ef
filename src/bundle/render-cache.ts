import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Site } from "../site.js";
import type { BuildResult } from "./build-post.js";

let codeVersion: string | undefined;

/** A hash of the code that turns a post into a record: change a cleaning rule and every post renders again. */
function renderCodeVersion(): string {
  if (codeVersion) return codeVersion;
  const here = dirname(fileURLToPath(import.meta.url));
  const files = [
    ...readdirSync(here).filter((f) => f.endsWith(".ts")).map((f) => join(here, f)),
    ...["post.ts", "site.ts", "paths.ts"].map((f) => join(here, "..", f)),
  ].sort();
  const hash = createHash("sha256");
  for (const file of files) hash.update(file.slice(here.length)).update(readFileSync(file));
  codeVersion = hash.digest("hex");
  return codeVersion;
}

/**
 * Build results by content hash of (bundler code, site settings, file path, file text), one small
 * file each, so an unchanged post skips Markdown, cleaning and sanitizing on the next deploy.
 */
export class RenderCache {
  constructor(private readonly dir: string, private readonly site: Site) {}

  key(file: string, text: string): string {
    return createHash("sha256").update(renderCodeVersion()).update(JSON.stringify(this.site)).update(file).update("\0").update(text).digest("hex").slice(0, 40);
  }

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<BuildResult | undefined> {
    try {
      return JSON.parse(await readFile(this.path(key), "utf8")) as BuildResult;
    } catch {
      return undefined;
    }
  }

  async set(key: string, result: BuildResult): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, JSON.stringify(result));
  }
}
