import type { TestProject } from "vitest/node";
import { makeTestBundles, type TestBundles } from "../support/bundles.js";

declare module "vitest" {
  export interface ProvidedContext {
    bundles: TestBundles;
  }
}

// Runs in Node before the Worker tests: the real bundler makes what they load into KV.
export default async function setup(project: TestProject): Promise<void> {
  project.provide("bundles", await makeTestBundles());
}
