import type { TestProject } from "vitest/node";
import { makeTestBundles, type TestBundles } from "../support/bundles.js";
import { readJekyllReference, type JekyllReferenceRow } from "../support/shared.js";
import { archiveSite } from "../support/archive-site.js";
import type { Site } from "../../src/site.js";

declare module "vitest" {
  export interface ProvidedContext {
    bundles: TestBundles;
    jekyllReference: JekyllReferenceRow[];
    archiveSite: Site;
  }
}

// Runs in Node before the Worker tests: the real bundler makes what they load into KV.
export default async function setup(project: TestProject): Promise<void> {
  project.provide("bundles", await makeTestBundles());
  project.provide("jekyllReference", await readJekyllReference());
  project.provide("archiveSite", archiveSite);
}
