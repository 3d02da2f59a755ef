// The seam over feed@6 rewrites its output as 6.0.0 writes it: the version is pinned, and the one installed is that one.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { root } from "../support/shared.js";

it("pins feed to the exact version its repairs were written against", async () => {
  const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  expect(pkg.dependencies.feed).toBe("6.0.0");
  const installed = JSON.parse(await readFile(join(root, "node_modules/feed/package.json"), "utf8")) as { version: string };
  expect(installed.version).toBe("6.0.0");
});
